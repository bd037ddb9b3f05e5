"""``/toi``: a person's roles in words."""

from __future__ import annotations

from locales import _
from services.access import RoleName
from services.people import RoleHeld

ROLE_LABELS = {
    RoleName.ADMIN: "Quản trị",
    RoleName.SECRETARIAT: "Thường trực Tổ công tác",
    RoleName.LEADER: "Lãnh đạo",
    RoleName.FOCAL: "Đầu mối của {agency}",
    RoleName.MEMBER: "Thành viên nhóm của {agency}",
}


def role_label(held: RoleHeld) -> str:
    label = _(ROLE_LABELS[held.role])
    return label.format(agency=held.agency) if held.agency is not None else label

"""Who may do what: the one table every command and button is checked against."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class RoleName(StrEnum):
    ADMIN = "admin"
    SECRETARIAT = "secretariat"
    LEADER = "leader"
    FOCAL = "focal"
    MEMBER = "member"
    STRANGER = "stranger"


STAFF = frozenset({RoleName.ADMIN, RoleName.SECRETARIAT})
LEADERSHIP = STAFF | {RoleName.LEADER}
AGENCY = frozenset({RoleName.FOCAL, RoleName.MEMBER})
EVERYONE = frozenset(RoleName)

# action → roles allowed. Commands are named as typed; buttons and uploads by their purpose.
PERMISSIONS: dict[str, frozenset[RoleName]] = {
    "start": EVERYONE,
    "help": EVERYONE,
    "toi": EVERYONE,
    "dang_ky": EVERYONE,
    "ma_don_vi": STAFF,
    "vai_tro": STAFF,
    "don_vi": STAFF,
    "gop_don_vi": STAFF,
    "xoa_don_vi": STAFF,
    "cai_dat": STAFF,
    "doi_ten": STAFF,
    "bi_danh": STAFF,
    "lich_nhac": STAFF,
    "import_plan": STAFF,
    "confirm_import": STAFF,
    "review_sheet": STAFF,
    "sua": STAFF,
    "sua_ten": STAFF,
    "thong_bao": STAFF,
    "thong_bao_trang_thai": STAFF,
    "xuat_bao_cao": STAFF,
    "approve_extension": STAFF,
    "tre_han": LEADERSHIP,
    "sap_den_han": LEADERSHIP,
    "tien_do": LEADERSHIP,
    "bao_cao": LEADERSHIP,
    "export_overdue": LEADERSHIP,
    "page": LEADERSHIP | AGENCY,
    "nhiem_vu": LEADERSHIP | AGENCY,
    "viec_cua_toi": AGENCY | STAFF,
    "cap_nhat": AGENCY | STAFF,
    "status_reply": AGENCY | STAFF,
    "status_button": AGENCY | STAFF,
    "report_file": AGENCY | STAFF,
    "ack_notice": AGENCY,
    "bang_dieu_khien": LEADERSHIP,  # the dashboard in the browser (services/web_access.py)
}


@dataclass(frozen=True)
class Actor:
    """A person as seen from one chat: what they are, for which agency, in which group."""

    external_id: int
    person_id: int | None
    working_group_id: int | None
    roles: frozenset[RoleName]
    agency_id: int | None = None
    agency_ids: frozenset[int] = field(default_factory=frozenset)

    def may(self, action: str) -> bool:
        return bool(PERMISSIONS[action] & self.roles)

    @property
    def is_staff(self) -> bool:
        return bool(STAFF & self.roles)

    def acts_for(self, agency_id: int) -> bool:
        """True when this person may answer for ``agency_id`` (or is the secretariat)."""
        return self.is_staff or agency_id in self.agency_ids

"""Who may do what: the one table every command and button is checked against."""

from __future__ import annotations

from collections.abc import Iterable
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
    "them_xa": STAFF,  # a commune (or district) below the group; its secretariat's code (/ma_xa)
    "ma_xa": STAFF,
    "thanh_vien": STAFF,  # a collective's members: listed, added, removed
}

# the tiers whose groups hold groups below them (a commune holds none)
FOUNDING_LEVELS = frozenset({"tinh", "huyen"})


def may_found_below(level: str) -> bool:
    """Whether a group of this tier may add groups under it (a province, an older plan's district)."""
    return level in FOUNDING_LEVELS


def reaches(asker_group_id: int, ancestry: Iterable[int]) -> bool:
    """Whether people acting in ``asker_group_id`` may see or change what belongs to a group whose
    ``ancestry`` (that group, then the groups above it) is given: their own group and those below it,
    never a neighbour's (a commune never reaches another commune)."""
    return asker_group_id in set(ancestry)


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

    def answers_for(self, agency_id: int, lineage: Iterable[int]) -> bool:
        """True when this person may record a status for ``agency_id``, whose group's ``lineage``
        (its group, then the groups above) is given: the agency's own people, or the secretariat of
        that group or of a group above it (a province task cascaded to a commune is the commune's)."""
        if agency_id in self.agency_ids:
            return True
        return self.is_staff and self.working_group_id is not None and reaches(self.working_group_id, lineage)

    def acts_for(self, agency_id: int) -> bool:
        """True when this person may answer for ``agency_id`` (or is the secretariat)."""
        return self.is_staff or agency_id in self.agency_ids

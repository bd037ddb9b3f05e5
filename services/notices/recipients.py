"""Who a notice can go to. Recipient groups offered as buttons (besides "all agencies" and a hand-picked list):

* by name prefix, on the stored names folded (no diacritics, lower case):
  "Các sở, ban, ngành" = names starting with "Sở " or "Ban ";
  "UBND các xã, phường" = names starting with "UBND xã", "UBND phường", "UBND thị trấn"
  (or "Ủy ban nhân dân xã/phường/thị trấn");
* the collective names known with their members: a stored collective agency's ``members``
  (names or ids), and the built-in registry's collectives (``Các sở, ban, ngành``,
  ``Các phòng, ban UBND thị xã`` …) expanded to the stored agencies they name.
  A collective whose label or member set repeats an earlier group is left out; groups with no
  stored agency are not offered.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from plans.agencies import default_registry
from plans.text import fold
from services.agencies import active_agencies
from storage.models import Agency

PAGE_SIZE = 8
MAX_GROUPS = 8
ALL_LABEL = "Tất cả đơn vị"
PREFIX_GROUPS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("Các sở, ban, ngành", ("so ", "ban ")),
    (
        "UBND các xã, phường",
        (
            "ubnd xa ",
            "ubnd phuong ",
            "ubnd thi tran ",
            "uy ban nhan dan xa ",
            "uy ban nhan dan phuong ",
            "uy ban nhan dan thi tran ",
        ),
    ),
)



@dataclass(frozen=True)
class RecipientGroup:
    label: str
    agency_ids: tuple[int, ...]

    def to_json(self) -> dict[str, Any]:
        return {"label": self.label, "ids": list(self.agency_ids)}


async def sendable_agencies(session: AsyncSession, group_id: int) -> list[Agency]:
    """The agencies a notice can go to: active ones, not collective names."""
    return [a for a in await active_agencies(session, group_id) if not a.collective]


async def recipient_groups(session: AsyncSession, group_id: int) -> list[RecipientGroup]:
    """"All agencies", then the groups described in the module docstring (at most :data:`MAX_GROUPS`)."""
    stored = await active_agencies(session, group_id)
    agencies = [a for a in stored if not a.collective]
    groups = [RecipientGroup(ALL_LABEL, tuple(a.id for a in agencies))]
    seen_labels = {fold(ALL_LABEL)}
    seen_sets = {frozenset(groups[0].agency_ids)}

    def offer(label: str, ids: list[int]) -> None:
        members = frozenset(ids)
        if not members or fold(label) in seen_labels or members in seen_sets or len(groups) > MAX_GROUPS:
            return
        seen_labels.add(fold(label))
        seen_sets.add(members)
        groups.append(RecipientGroup(label, tuple(dict.fromkeys(ids))))

    for label, prefixes in PREFIX_GROUPS:
        offer(label, [a.id for a in agencies if a.folded.startswith(prefixes)])
    registry = default_registry()
    index: dict[str, int] = {}
    for a in agencies:
        for name in (a.name, *a.aliases):
            index.setdefault(fold(str(name)), a.id)
        known = registry.resolve(a.name)
        if known is not None:
            index.setdefault(fold(known.name), a.id)
    valid = {a.id for a in agencies}

    def ids_of(members: list[Any]) -> list[int]:
        out: list[int] = []
        for member in members:
            found = member if isinstance(member, int) and member in valid else index.get(fold(str(member)))
            if found is not None and found not in out:
                out.append(found)
        return out

    for collective in stored:
        if collective.collective and collective.members:
            offer(collective.name, ids_of(list(collective.members)))
    for known in registry.agencies:
        if known.collective and known.members:
            offer(known.name, ids_of([m.name for m in registry.expand(known.name)]))
    return groups


async def agencies_page(session: AsyncSession, group_id: int, page: int) -> tuple[list[Agency], int, int]:
    """One page of the hand-picked list: (agencies, the page shown, number of pages)."""
    agencies = await sendable_agencies(session, group_id)
    pages = max(1, -(-len(agencies) // PAGE_SIZE))
    page = min(max(page, 0), pages - 1)
    return agencies[page * PAGE_SIZE : (page + 1) * PAGE_SIZE], page, pages


async def chosen(session: AsyncSession, group_id: int, agency_ids: list[int]) -> list[Agency]:
    wanted = set(agency_ids)
    return [a for a in await sendable_agencies(session, group_id) if a.id in wanted]

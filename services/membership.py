"""The members of a group's collectives (``UBND cấp xã``, ``Các sở, ban, ngành``) as the secretariat
sees and keeps them: ``/thanh_vien``, ``/them_thanh_vien``, ``/bo_thanh_vien``. A member joining
receives the collective's open tasks; one leaving keeps the leads it already holds."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from services.access import Actor
from services.agencies import active_agencies, find_agency
from services.clock import Clock
from services.collectives import add_member, members_of, remove_member
from services.group_tree import reach
from services.groups import group_of
from services.unit import UnitOfWork
from storage.models import Agency, AgencyMember

Outcome = Literal[
    "listed", "added", "removed", "already", "not_member", "unknown", "not_collective", "unknown_member", "out_of_reach"
]


@dataclass(frozen=True)
class Membership:
    """What became of a membership command; ``collective`` and ``member`` as stored (or as typed
    when they matched nothing)."""

    outcome: Outcome
    collective: str = ""
    members: list[str] = field(default_factory=list)
    member: str = ""
    tasks_received: int = 0


@dataclass(frozen=True)
class CollectiveRow:
    name: str
    members: int


async def collectives(db: UnitOfWork, actor: Actor) -> list[CollectiveRow]:
    """``/thanh_vien``: the group's collectives with how many members each has."""
    async with db.transaction() as session:
        group = await group_of(session, actor)
        named = [a for a in await active_agencies(session, group.id) if a.collective]
        rows = await session.execute(
            select(AgencyMember.collective_id, func.count())
            .where(AgencyMember.collective_id.in_([a.id for a in named]))
            .group_by(AgencyMember.collective_id)
        )
        counts = {collective_id: int(count) for collective_id, count in rows}
        return [CollectiveRow(a.name, counts.get(a.id, 0)) for a in named]


async def listing(db: UnitOfWork, actor: Actor, collective: str) -> Membership:
    """``/thanh_vien Tên tập thể``: its members, by name."""
    async with db.transaction() as session:
        found = await _collective(session, actor, collective)
        if isinstance(found, Membership):
            return found
        return Membership("listed", found.name, [a.name for a in await members_of(session, found.id)])


async def change(db: UnitOfWork, clock: Clock, actor: Actor, collective: str, member: str, join: bool) -> Membership:
    """Add ``member`` (an agency of the group or of a group below it) to the collective, or take it out."""
    async with db.transaction() as session:
        found = await _collective(session, actor, collective)
        if isinstance(found, Membership):
            return found
        group = await group_of(session, actor)
        target = await reach(session, group.id, member)
        if target.refused:
            return Membership("out_of_reach", found.name, member=member)
        if not isinstance(target.target, Agency) or target.target.id == found.id:
            return Membership("unknown_member", found.name, member=member)
        agency = target.target
        current = {a.id for a in await members_of(session, found.id)}
        if join:
            if agency.id in current:
                return Membership("already", found.name, member=agency.name)
            received = await add_member(session, clock, found, agency)
            return Membership("added", found.name, member=agency.name, tasks_received=received)
        if agency.id not in current:
            return Membership("not_member", found.name, member=agency.name)
        await remove_member(session, found, agency)
        return Membership("removed", found.name, member=agency.name)


async def _collective(session: AsyncSession, actor: Actor, name: str) -> Agency | Membership:
    group = await group_of(session, actor)
    found = await find_agency(session, group.id, name)
    if found is None:
        return Membership("unknown", name)
    if not found.collective:
        return Membership("not_collective", found.name)
    return found

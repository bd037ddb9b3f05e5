"""Agencies of a working group: finding them by any spelling, renaming, aliases, merging."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from plans.text import fold
from services.access import RoleName
from services.chats import deactivate_agency_chats
from services.clock import Clock
from services.task_edits import fold_lead
from storage.models import (
    Agency,
    Chat,
    MessageLink,
    Person,
    ReportSubmission,
    Role,
    TaskLead,
    TaskSupport,
)


async def active_agencies(session: AsyncSession, working_group_id: int | list[int]) -> list[Agency]:
    """The group's agencies (or those of several groups), by name."""
    ids = working_group_id if isinstance(working_group_id, list) else [working_group_id]
    return list(
        await session.scalars(
            select(Agency)
            .where(
                Agency.working_group_id.in_(ids),
                Agency.merged_into_id.is_(None),
                Agency.deleted_at.is_(None),
            )
            .order_by(Agency.name)
        )
    )


async def reporting_agencies(session: AsyncSession, working_group_id: int | list[int]) -> list[Agency]:
    """Agencies that owe periodic reports: real ones (not collective names), still existing."""
    return [a for a in await active_agencies(session, working_group_id) if not a.collective]


async def find_agency(session: AsyncSession, working_group_id: int, name: str) -> Agency | None:
    """The agency written as ``name`` (any case, with or without diacritics, or an alias)."""
    wanted = fold(name)
    if not wanted:
        return None
    for agency in await active_agencies(session, working_group_id):
        if agency.folded == wanted or wanted in {fold(a) for a in agency.aliases}:
            return agency
    return None


async def create_agency(
    session: AsyncSession, clock: Clock, working_group_id: int, name: str, *, collective: bool = False,
    needs_review: bool = False, aliases: list[str] | None = None,
) -> Agency:
    agency = Agency(
        working_group_id=working_group_id,
        name=name,
        folded=fold(name),
        aliases=aliases or [],
        collective=collective,
        members=[],
        needs_review=needs_review,
        created_at=clock.now(),
    )
    session.add(agency)
    await session.flush()
    return agency


async def rename(session: AsyncSession, agency: Agency, new_name: str) -> None:
    """The old name stays as an alias, so documents written the old way still match."""
    if agency.name not in agency.aliases:
        agency.aliases = [*agency.aliases, agency.name]
    agency.name, agency.folded, agency.needs_review = new_name, fold(new_name), False


async def add_alias(session: AsyncSession, agency: Agency, alias: str) -> bool:
    if fold(alias) in {fold(a) for a in agency.aliases} or fold(alias) == agency.folded:
        return False
    agency.aliases = [*agency.aliases, alias]
    return True


async def delete(session: AsyncSession, clock: Clock, agency: Agency) -> None:
    """An agency that no longer exists: its chats stop receiving anything; its history stays."""
    agency.deleted_at = clock.now()
    agency.folded = f"{agency.folded}#deleted{agency.id}"
    await deactivate_agency_chats(session, agency.id)


async def merge(session: AsyncSession, duplicate: Agency, keep: Agency) -> None:
    """Fold ``duplicate`` into ``keep``: tasks, statuses, history, chats and roles follow."""
    kept_tasks = set(await session.scalars(select(TaskLead.task_id).where(TaskLead.agency_id == keep.id)))
    for lead in await session.scalars(select(TaskLead).where(TaskLead.agency_id == duplicate.id)):
        if lead.task_id in kept_tasks:
            twin = await session.scalar(
                select(TaskLead).where(TaskLead.task_id == lead.task_id, TaskLead.agency_id == keep.id)
            )
            assert twin is not None
            await fold_lead(session, lead, twin)
        else:
            lead.agency_id = keep.id
    supported = set(await session.scalars(select(TaskSupport.task_id).where(TaskSupport.agency_id == keep.id)))
    for support in await session.scalars(select(TaskSupport).where(TaskSupport.agency_id == duplicate.id)):
        if support.task_id in supported:
            await session.delete(support)
        else:
            support.agency_id = keep.id
    for model in (Chat, ReportSubmission, MessageLink):
        await session.execute(update(model).where(model.agency_id == duplicate.id).values(agency_id=keep.id))
    for role in await session.scalars(select(Role).where(Role.agency_id == duplicate.id)):
        exists = await session.scalar(
            select(Role.id).where(
                Role.person_id == role.person_id, Role.role == role.role, Role.agency_id == keep.id
            )
        )
        if exists:
            await session.delete(role)
        else:
            role.agency_id = keep.id
    aliases = [duplicate.name, *duplicate.aliases]
    keep.aliases = [*keep.aliases, *[a for a in aliases if fold(a) not in {fold(x) for x in keep.aliases}]]
    duplicate.merged_into_id = keep.id
    duplicate.folded = f"{duplicate.folded}#merged{duplicate.id}"
    await session.flush()


@dataclass(frozen=True)
class AgencyRow:
    id: int
    name: str
    chats: int
    focal_points: list[str]
    needs_review: bool
    collective: bool


async def directory(session: AsyncSession, working_group_id: int) -> list[AgencyRow]:
    """Agencies with how many chats are bound and who their focal points are (for /don_vi)."""
    agencies = await active_agencies(session, working_group_id)
    ids = [a.id for a in agencies]
    chats: dict[int, int] = {}
    for agency_id in await session.scalars(select(Chat.agency_id).where(Chat.agency_id.in_(ids), Chat.active.is_(True))):
        if agency_id is not None:
            chats[agency_id] = chats.get(agency_id, 0) + 1
    focal: dict[int, list[str]] = {}
    rows = await session.execute(
        select(Role.agency_id, Person.full_name)
        .join(Person, Person.id == Role.person_id)
        .where(Role.agency_id.in_(ids), Role.role == RoleName.FOCAL)
    )
    for agency_id, name in rows:
        if agency_id is None:
            continue
        focal.setdefault(agency_id, []).append(name)
    return [
        AgencyRow(a.id, a.name, chats.get(a.id, 0), focal.get(a.id, []), a.needs_review, a.collective)
        for a in agencies
    ]

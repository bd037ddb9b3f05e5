"""Collectives and their members: a task led by ``UBND cấp xã`` or ``các sở, ban, ngành`` is one lead
per member (each commune's UBND, each department), each with its own status and reminders.

Membership is data (``AgencyMember`` rows), kept by the secretariat; a collective without members
stays one agency, as before groups formed a tree (a chat bound to it gets its reminders). A member's
lead remembers the collective it came through (``TaskLead.via_agency_id``) and is reminded under its
own working group's rules."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import delete, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from plans.text import fold
from services.clock import Clock
from services.reminders import reschedule, settings_of
from services.task_edits import Edit, set_leads
from storage.models import Agency, AgencyMember, Task, TaskLead, WorkingGroup
from storage.reminders import OPEN_STATUSES


async def members_of(session: AsyncSession, collective_id: int) -> list[Agency]:
    """A collective's existing members, by name."""
    return list(
        await session.scalars(
            select(Agency)
            .join(AgencyMember, AgencyMember.member_id == Agency.id)
            .where(AgencyMember.collective_id == collective_id, Agency.deleted_at.is_(None), Agency.merged_into_id.is_(None))
            .order_by(Agency.name)
        )
    )


@dataclass
class Leads:
    """The agencies a task's named leads stand for, and the collective each member came through."""

    agencies: list[Agency] = field(default_factory=list)
    via: dict[int, int] = field(default_factory=dict)


async def expand(session: AsyncSession, named: list[Agency]) -> Leads:
    """Collectives with members become their members; every other agency stays itself."""
    leads = Leads()
    for agency in named:
        members = await members_of(session, agency.id) if agency.collective else []
        for member in members or [agency]:
            leads.agencies.append(member)
            if members:
                leads.via.setdefault(member.id, agency.id)
    return leads


async def place(session: AsyncSession, leads: list[TaskLead], via: dict[int, int], clock: Clock) -> None:
    """Mark each lead with the collective it came through, and point its next reminder by its own
    group's rules (a commune's days off and sending hours, not the province's)."""
    for lead in leads:
        lead.via_agency_id = via.get(lead.agency_id)
        if lead.via_agency_id is None:
            continue
        agency = await session.get(Agency, lead.agency_id)
        group = await session.get(WorkingGroup, agency.working_group_id) if agency else None
        if group is not None:
            reschedule(lead, group, clock.now())


async def add_member(session: AsyncSession, clock: Clock, collective: Agency, member: Agency) -> int:
    """``member`` joins ``collective`` and receives its open tasks; returns how many."""
    exists = await session.scalar(
        select(AgencyMember.id).where(AgencyMember.collective_id == collective.id, AgencyMember.member_id == member.id)
    )
    if exists is not None:
        return 0
    session.add(AgencyMember(collective_id=collective.id, member_id=member.id))
    await session.flush()
    return await _receive_open_tasks(session, clock, collective, member)


DEPARTMENTS = "Các sở, ban, ngành"  # the collective of the province's departments
DEPARTMENT_PREFIXES = ("so ", "ban ")  # how their names open, folded


async def seed_departments(session: AsyncSession, clock: Clock, group_id: int) -> int:
    """The group's ``Các sở, ban, ngành``, when it has no member yet, gets one per department the
    group knows (``Sở …``, ``Ban …``); returns how many joined. The secretariat edits it afterwards."""
    collective = await session.scalar(
        select(Agency).where(
            Agency.working_group_id == group_id, Agency.folded == fold(DEPARTMENTS), Agency.collective.is_(True),
            Agency.deleted_at.is_(None), Agency.merged_into_id.is_(None),
        )
    )
    if collective is None or await session.scalar(select(AgencyMember.id).where(AgencyMember.collective_id == collective.id).limit(1)):
        return 0
    joined = 0
    for agency in await session.scalars(
        select(Agency).where(
            Agency.working_group_id == group_id, Agency.collective.is_(False), Agency.deleted_at.is_(None),
            Agency.merged_into_id.is_(None),
        ).order_by(Agency.id)
    ):
        if agency.folded.startswith(DEPARTMENT_PREFIXES):
            await add_member(session, clock, collective, agency)
            joined += 1
    return joined


async def remove_member(session: AsyncSession, collective: Agency, member: Agency) -> bool:
    """``member`` leaves ``collective``: later plans no longer give it the collective's tasks; the
    leads it already holds keep their status and history."""
    result = await session.execute(
        delete(AgencyMember).where(AgencyMember.collective_id == collective.id, AgencyMember.member_id == member.id)
    )
    return bool(getattr(result, "rowcount", 0))


async def _receive_open_tasks(session: AsyncSession, clock: Clock, collective: Agency, member: Agency) -> int:
    """Tasks the collective leads (itself, or through members) that some lead still has open; the
    collective's own lead, when it has one, is handed to its first member with its history."""
    through = or_(TaskLead.agency_id == collective.id, TaskLead.via_agency_id == collective.id)
    task_ids = list(
        await session.scalars(
            select(TaskLead.task_id)
            .join(Task, Task.id == TaskLead.task_id)
            .where(through, TaskLead.status.in_(OPEN_STATUSES), Task.removed_at.is_(None))
            .distinct()
        )
    )
    group = await session.get(WorkingGroup, collective.working_group_id)
    assert group is not None
    edit = Edit(clock.now(), group, settings_of(group), note=f"{collective.name}: {member.name}")
    received = 0
    for task_id in sorted(task_ids):
        task = await session.get(Task, task_id)
        current = list(await session.scalars(select(TaskLead).where(TaskLead.task_id == task_id).order_by(TaskLead.id)))
        if task is None or any(lead.agency_id == member.id for lead in current):
            continue
        via = {lead.agency_id: lead.via_agency_id for lead in current if lead.via_agency_id is not None}
        wanted = [a for lead in current if lead.agency_id != collective.id and (a := await session.get(Agency, lead.agency_id))]
        leads = await set_leads(session, task, current, [*wanted, member], edit)
        await place(session, leads, {**via, member.id: collective.id}, clock)
        received += 1
    return received

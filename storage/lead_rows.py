"""Read-only queries behind the leaders' and secretariat's views (/tre_han, /tien_do, …)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import Result, Select, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from storage.group_tree import subtree_query
from storage.models import Agency, Plan, Task, TaskLead
from storage.reminders import OPEN_STATUSES


@dataclass(frozen=True)
class LeadRow:
    """One lead of one task, with what views show of it."""

    lead_id: int
    agency_id: int
    agency: str
    task_id: int
    code: str
    content: str
    section: str | None
    due: date | None
    status: str
    percent: int | None
    done_on: date | None
    plan: str


def _lead_query(working_group_id: int, content_chars: int | None = None) -> Select[*tuple[Any, ...]]:
    """Leads of the agencies of the group and the groups below it (a commune's lead of a province task
    is seen by the commune and by the province) with what views show; ``content_chars`` keeps only
    the head of long contents."""
    content = Task.content if content_chars is None else func.substr(Task.content, 1, content_chars)
    return (
        select(
            TaskLead.id, TaskLead.agency_id, Agency.name, Task.id, Task.code, content, Task.section,
            TaskLead.due, TaskLead.status, TaskLead.percent, TaskLead.done_on, Plan.number,
        )
        .join(Task, Task.id == TaskLead.task_id)
        .join(Plan, Plan.id == Task.plan_id)
        .join(Agency, Agency.id == TaskLead.agency_id)
        .where(Agency.working_group_id.in_(subtree_query(working_group_id)), Task.removed_at.is_(None))
    )


def _rows(result: Result[*tuple[Any, ...]]) -> list[LeadRow]:
    found = []
    for row in result:
        r: tuple[Any, ...] = tuple(row)
        found.append(
            LeadRow(
                lead_id=r[0], agency_id=r[1], agency=r[2], task_id=r[3], code=r[4], content=r[5], section=r[6],
                due=r[7], status=r[8], percent=r[9], done_on=r[10], plan=r[11] or "",
            )
        )
    return found


def overdue_query(
    working_group_id: int, today: date, agency_id: int | None = None, content_chars: int | None = None
) -> Select[*tuple[Any, ...]]:
    """The query behind /tre_han: open leads of a group whose due day has passed, oldest first."""
    query = _lead_query(working_group_id, content_chars).where(TaskLead.status.in_(OPEN_STATUSES), TaskLead.due < today)
    if agency_id is not None:
        query = query.where(TaskLead.agency_id == agency_id)
    return query.order_by(TaskLead.due)


async def overdue(
    session: AsyncSession, working_group_id: int, today: date, agency_id: int | None = None,
    content_chars: int | None = None,
) -> list[LeadRow]:
    """Open leads whose due day has passed (the last on-time day is ``due``)."""
    return _rows(await session.execute(overdue_query(working_group_id, today, agency_id, content_chars)))


async def due_between(
    session: AsyncSession, working_group_id: int, start: date, end: date, agency_ids: frozenset[int] | None = None
) -> list[LeadRow]:
    query = _lead_query(working_group_id).where(
        TaskLead.status.in_(OPEN_STATUSES), TaskLead.due >= start, TaskLead.due <= end
    )
    if agency_ids is not None:
        query = query.where(TaskLead.agency_id.in_(agency_ids))
    return _rows(await session.execute(query.order_by(TaskLead.due, Task.position)))


async def all_leads(
    session: AsyncSession, working_group_id: int, agency_ids: frozenset[int] | None = None
) -> list[LeadRow]:
    query = _lead_query(working_group_id)
    if agency_ids is not None:
        query = query.where(TaskLead.agency_id.in_(agency_ids))
    return _rows(await session.execute(query.order_by(Plan.id, Task.position)))


@dataclass(frozen=True)
class AgencyOverdue:
    """How much one agency owes: the number of overdue leads and the oldest due day."""

    agency_id: int
    name: str
    count: int
    oldest_due: date


async def overdue_by_agency(
    session: AsyncSession, working_group_id: int, today: date, agency_id: int | None = None
) -> list[AgencyOverdue]:
    """Counts per agency, computed by the database (no task rows travel)."""
    query = (
        select(TaskLead.agency_id, Agency.name, func.count(TaskLead.id), func.min(TaskLead.due))
        .join(Task, Task.id == TaskLead.task_id)
        .join(Agency, Agency.id == TaskLead.agency_id)
        .where(
            Agency.working_group_id.in_(subtree_query(working_group_id)),
            Task.removed_at.is_(None),
            TaskLead.status.in_(OPEN_STATUSES),
            TaskLead.due < today,
        )
        .group_by(TaskLead.agency_id, Agency.name)
    )
    if agency_id is not None:
        query = query.where(TaskLead.agency_id == agency_id)
    return [
        AgencyOverdue(aid, name, int(count), oldest)
        for aid, name, count, oldest in await session.execute(query)
        if oldest is not None
    ]


async def overdue_of(
    session: AsyncSession, working_group_id: int, today: date, agency_ids: list[int], content_chars: int
) -> list[LeadRow]:
    """The overdue leads of some agencies only (one page of /tre_han)."""
    query = overdue_query(working_group_id, today, None, content_chars).where(TaskLead.agency_id.in_(agency_ids))
    return _rows(await session.execute(query))

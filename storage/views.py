"""Read-only queries behind the leaders' and secretariat's views (/tre_han, /tien_do, …)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, Result, Select, and_, func, or_, select
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


STANDING_KEYS = ("overdue", "on_time", "no_deadline", "done_on_time", "done_late")


def standing_condition(key: str, today: date) -> ColumnElement[bool]:
    """A lead's standing (``plans.progress.standing``) as a condition the database checks."""
    done = TaskLead.status == "done"
    conditions: dict[str, ColumnElement[bool]] = {
        "overdue": and_(~done, TaskLead.due < today),
        "on_time": and_(~done, TaskLead.due >= today),
        "no_deadline": and_(~done, TaskLead.due.is_(None)),
        "done_on_time": and_(done, or_(TaskLead.due.is_(None), TaskLead.done_on.is_(None), TaskLead.done_on <= TaskLead.due)),
        "done_late": and_(done, TaskLead.done_on > TaskLead.due),
    }
    return conditions[key]


@dataclass(frozen=True)
class LeadFilter:
    """Which leads a dashboard table shows: one agency, one group of tasks (section), one standing."""

    agency_id: int | None = None
    section: str | None = None
    standing: str | None = None


def _filtered(query: Select[*tuple[Any, ...]], today: date, wanted: LeadFilter) -> Select[*tuple[Any, ...]]:
    if wanted.agency_id is not None:
        query = query.where(TaskLead.agency_id == wanted.agency_id)
    if wanted.section is not None:
        query = query.where(func.coalesce(Task.section, "") == wanted.section)
    if wanted.standing is not None:
        query = query.where(standing_condition(wanted.standing, today))
    return query


async def filtered_leads(
    session: AsyncSession, working_group_id: int, today: date, wanted: LeadFilter, limit: int | None = None,
    content_chars: int | None = None,
) -> tuple[list[LeadRow], int]:
    """The leads a filter keeps, in plan order (the first ``limit``), and how many it keeps in all."""
    query = _filtered(_lead_query(working_group_id, content_chars), today, wanted)
    total = await session.scalar(select(func.count()).select_from(query.subquery()))
    rows = _rows(await session.execute(query.order_by(Plan.id, Task.position, TaskLead.id).limit(limit)))
    return rows, int(total or 0)


async def sections(session: AsyncSession, working_group_id: int) -> list[str]:
    """The groups of tasks (sections) of the plans a group sees, for a filter's choices."""
    query = (
        select(Task.section)
        .join(TaskLead, TaskLead.task_id == Task.id)
        .join(Agency, Agency.id == TaskLead.agency_id)
        .where(Agency.working_group_id.in_(subtree_query(working_group_id)), Task.removed_at.is_(None))
        .where(Task.section.is_not(None), Task.section != "")
        .distinct()
    )
    return sorted(await session.scalars(query))


@dataclass(frozen=True)
class Tally:
    """A group's leads counted by the database: by standing now, and week by week (the trend)."""

    standings: dict[str, int]
    overdue_at: list[int]  # per week end: open after the due day at that day's end
    done_in: list[int]  # per week: finished within it


async def tally(
    session: AsyncSession, working_group_id: int, today: date, weeks: list[tuple[date, date]]
) -> Tally:
    """One scan of the group's leads, every figure a filtered count (no lead row travels)."""
    done = TaskLead.status == "done"
    keys = STANDING_KEYS
    counts = [func.count(TaskLead.id).filter(standing_condition(key, today)) for key in keys]
    overdue_at = [
        func.count(TaskLead.id).filter(TaskLead.due < end, or_(~done, TaskLead.done_on > end)) for _start, end in weeks
    ]
    done_in = [func.count(TaskLead.id).filter(TaskLead.done_on >= start, TaskLead.done_on <= end) for start, end in weeks]
    query = (
        select(*counts, *overdue_at, *done_in)
        .select_from(TaskLead)
        .join(Task, Task.id == TaskLead.task_id)
        .join(Agency, Agency.id == TaskLead.agency_id)
        .where(Agency.working_group_id.in_(subtree_query(working_group_id)), Task.removed_at.is_(None))
    )
    row = [int(value or 0) for value in (await session.execute(query)).one()]
    n = len(weeks)
    return Tally(dict(zip(keys, row[: len(keys)], strict=True)), row[len(keys) : len(keys) + n], row[len(keys) + n :])

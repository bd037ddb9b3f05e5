"""Read-only queries behind the leaders' and secretariat's views (/tre_han, /tien_do, …)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, Result, Select, and_, case, func, or_, select
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


NO_DAY, FUTURE, BEFORE = -1, 99, -2  # the buckets besides the weeks'


def _buckets(weeks: list[tuple[date, date]], today: date) -> tuple[Any, Any]:
    """Which week a lead's due day falls before (``due < end``, first such week) and which week its
    done day falls in: small numbers the database groups by, so that no lead row travels."""
    due = case(
        (TaskLead.due.is_(None), NO_DAY),
        (TaskLead.due >= today, FUTURE),
        *((TaskLead.due < end, n) for n, (_start, end) in enumerate(weeks)),
        else_=FUTURE,
    )
    day = TaskLead.done_on
    done = case(
        (day.is_(None), NO_DAY),
        (day < weeks[0][0], BEFORE),
        *((day <= end, n) for n, (_start, end) in enumerate(weeks)),
        else_=len(weeks),
    )
    return due, done


async def tally(
    session: AsyncSession, working_group_id: int, today: date, weeks: list[tuple[date, date]]
) -> Tally:
    """One pass over the leads the group sees, grouped by a handful of buckets (a few hundred rows
    at most come back, whatever the number of leads); ``weeks`` are contiguous, the last ending today."""
    due, done_week = _buckets(weeks, today)
    finished = TaskLead.status == "done"
    late = case((and_(finished, TaskLead.done_on > TaskLead.due), 1), else_=0)
    removed = select(Task.id).where(Task.removed_at.is_not(None))
    seen = select(Agency.id).where(Agency.working_group_id.in_(subtree_query(working_group_id)))
    query = (
        select(finished, due, done_week, late, func.count())
        .select_from(TaskLead)
        .where(TaskLead.agency_id.in_(seen), TaskLead.task_id.not_in(removed))
        .group_by(finished, due, done_week, late)
    )
    standings = dict.fromkeys(STANDING_KEYS, 0)
    overdue_at, done_in = [0] * len(weeks), [0] * len(weeks)
    for is_done, due_week, finished_week, is_late, count in await session.execute(query):
        if is_done:
            standings["done_late" if is_late else "done_on_time"] += count
        else:
            standings["no_deadline" if due_week == NO_DAY else "on_time" if due_week == FUTURE else "overdue"] += count
        if 0 <= finished_week < len(weeks):
            done_in[finished_week] += count
        if due_week in (NO_DAY, FUTURE):
            continue
        for n in range(due_week, len(weeks)):  # due before week n's end: overdue then unless done by it
            if not is_done or finished_week > n:
                overdue_at[n] += count
    return Tally(standings, overdue_at, done_in)

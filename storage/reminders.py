"""Queries the reminder engine runs each tick, indexed by the next reminder's moment."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import Select, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from storage.group_tree import subtree_query
from storage.models import Agency, ReportSubmission, Task, TaskLead, TaskSupport

OPEN_STATUSES = ("not_started", "in_progress", "blocked", "extension")


@dataclass(frozen=True)
class DueLead:
    lead_id: int
    task_id: int
    agency_id: int
    agency_name: str
    code: str
    content: str
    due: date
    next_remind_at: datetime
    group_id: int  # the agency's working group, whose rules remind it


def leads_due_query(now: datetime, limit: int) -> Select[int, int, int, str, str, str, date | None, datetime | None, int]:
    """The engine's query: open leads of every group whose next reminder moment has come, soonest
    first, each with its agency's group (a commune's lead of a province task is the commune's to
    remind, by the commune's rules); one query whatever the number of groups."""
    return (
        select(
            TaskLead.id, Task.id, TaskLead.agency_id, Agency.name, Task.code, Task.content, TaskLead.due,
            TaskLead.next_remind_at, Agency.working_group_id,
        )
        .join(Task, Task.id == TaskLead.task_id)
        .join(Agency, Agency.id == TaskLead.agency_id)
        .where(
            TaskLead.next_remind_at <= now,
            TaskLead.status.in_(OPEN_STATUSES),
            TaskLead.due.is_not(None),
            Task.removed_at.is_(None),
        )
        .order_by(TaskLead.next_remind_at)
        .limit(limit)
    )


async def leads_due(session: AsyncSession, now: datetime, limit: int) -> list[DueLead]:
    """Open leads whose next reminder moment has come."""
    rows = await session.execute(leads_due_query(now, limit))
    found = []
    for row in rows:
        values: tuple[Any, ...] = tuple(row)
        found.append(DueLead(*values))
    return found


async def set_next(session: AsyncSession, moments: dict[int, datetime | None]) -> None:
    """Move each lead's next reminder moment on (bulk update by primary key)."""
    if moments:
        await session.execute(
            update(TaskLead),
            [{"id": lead_id, "next_remind_at": at} for lead_id, at in moments.items()],
        )


async def submitted_agencies(session: AsyncSession, working_group_id: int, period_key: str) -> set[int]:
    """Agencies of the group, or of a group below it, that sent the period's report."""
    return set(
        await session.scalars(
            select(ReportSubmission.agency_id).where(
                ReportSubmission.working_group_id.in_(subtree_query(working_group_id)),
                ReportSubmission.period_key == period_key,
            )
        )
    )


async def submitted_by_period(session: AsyncSession, period_keys: set[str], agency_ids: set[int]) -> dict[str, set[int]]:
    """Which of these agencies sent each period's report (the engine's one query for every group)."""
    found: dict[str, set[int]] = {}
    if period_keys and agency_ids:
        rows = await session.execute(
            select(ReportSubmission.period_key, ReportSubmission.agency_id).where(
                ReportSubmission.period_key.in_(period_keys), ReportSubmission.agency_id.in_(agency_ids)
            )
        )
        for key, agency_id in rows:
            found.setdefault(key, set()).add(agency_id)
    return found


async def supporters(session: AsyncSession, task_ids: list[int]) -> dict[int, list[int]]:
    """Supporting agencies of each task."""
    found: dict[int, list[int]] = {}
    if task_ids:
        rows = await session.execute(
            select(TaskSupport.task_id, TaskSupport.agency_id).where(TaskSupport.task_id.in_(task_ids))
        )
        for task_id, agency_id in rows:
            found.setdefault(task_id, []).append(agency_id)
    return found

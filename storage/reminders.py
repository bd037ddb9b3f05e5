"""Queries the reminder engine runs each tick, indexed by the next reminder's moment."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import Select, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import Agency, Plan, ReportSubmission, Task, TaskLead

OPEN_STATUSES = ("not_started", "in_progress", "blocked", "extension")


@dataclass(frozen=True)
class DueLead:
    lead_id: int
    agency_id: int
    agency_name: str
    code: str
    content: str
    due: date
    next_remind_at: datetime


def leads_due_query(
    working_group_id: int, now: datetime, limit: int
) -> Select[int, int, str, str, str, date | None, datetime | None]:
    """The engine's query: open leads of a group whose next reminder moment has come, soonest first."""
    return (
        select(
            TaskLead.id, TaskLead.agency_id, Agency.name, Task.code, Task.content, TaskLead.due, TaskLead.next_remind_at
        )
        .join(Task, Task.id == TaskLead.task_id)
        .join(Plan, Plan.id == Task.plan_id)
        .join(Agency, Agency.id == TaskLead.agency_id)
        .where(
            TaskLead.next_remind_at <= now,
            TaskLead.status.in_(OPEN_STATUSES),
            TaskLead.due.is_not(None),
            Plan.working_group_id == working_group_id,
            Task.removed_at.is_(None),
        )
        .order_by(TaskLead.next_remind_at)
        .limit(limit)
    )


async def leads_due(session: AsyncSession, working_group_id: int, now: datetime, limit: int) -> list[DueLead]:
    """Open leads whose next reminder moment has come."""
    rows = await session.execute(leads_due_query(working_group_id, now, limit))
    found = []
    for lead_id, agency_id, name, code, content, due, at in rows:
        assert due is not None and at is not None
        found.append(DueLead(lead_id, agency_id, name, code, content, due, at))
    return found


async def set_next(session: AsyncSession, moments: dict[int, datetime | None]) -> None:
    """Move each lead's next reminder moment on (bulk update by primary key)."""
    if moments:
        await session.execute(
            update(TaskLead),
            [{"id": lead_id, "next_remind_at": at} for lead_id, at in moments.items()],
        )


async def submitted_agencies(session: AsyncSession, working_group_id: int, period_key: str) -> set[int]:
    return set(
        await session.scalars(
            select(ReportSubmission.agency_id).where(
                ReportSubmission.working_group_id == working_group_id, ReportSubmission.period_key == period_key
            )
        )
    )

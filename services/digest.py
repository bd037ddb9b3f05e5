"""The weekly digest for the leaders' chat: short, numbers first."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from plans.cadence import periods_due_between
from services.clock import Clock
from services.oversight import ReportStatus
from services.reminders import settings_of
from storage import lead_rows
from storage.models import Agency, Chat, ReportSubmission, WorkingGroup


@dataclass(frozen=True)
class Digest:
    today: date
    newly_overdue: list[lead_rows.LeadRow]
    completed: list[lead_rows.LeadRow]
    due_next_week: list[lead_rows.LeadRow]
    overdue_total: int
    missing: list[ReportStatus]


async def weekly_digest(session: AsyncSession, clock: Clock, group: WorkingGroup) -> Digest:
    today = clock.now().astimezone(ZoneInfo(group.timezone)).date()
    week_ago = today - timedelta(days=7)
    rows = await lead_rows.all_leads(session, group.id)
    overdue = await lead_rows.overdue(session, group.id, today)
    rules = settings_of(group)
    missing: list[ReportStatus] = []
    agencies = {
        a.id: a.name
        for a in await session.scalars(
            select(Agency).join(Chat, Chat.agency_id == Agency.id).where(
                Agency.working_group_id == group.id, Agency.collective.is_(False), Chat.active.is_(True)
            )
        )
    }
    for period in periods_due_between(rules.cadence, week_ago, today - timedelta(days=1)):
        done = set(
            await session.scalars(
                select(ReportSubmission.agency_id).where(
                    ReportSubmission.working_group_id == group.id, ReportSubmission.period_key == period.key
                )
            )
        )
        names = sorted(name for aid, name in agencies.items() if aid not in done)
        if names:
            missing.append(ReportStatus(period, [], names))
    return Digest(
        today=today,
        newly_overdue=[r for r in overdue if r.due is not None and r.due >= week_ago],
        completed=[r for r in rows if r.status == "done" and r.done_on is not None and r.done_on > week_ago],
        due_next_week=[
            r for r in rows if r.status != "done" and r.due is not None and today <= r.due < today + timedelta(days=7)
        ],
        overdue_total=len(overdue),
        missing=missing,
    )

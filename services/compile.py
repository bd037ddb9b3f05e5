"""Compiling the periodic report the secretariat sends up the chain, and the overdue list."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from plans.cadence import Period, current_period, period_from_key
from plans.progress import days_late, standing
from services.access import Actor
from services.clock import Clock, local_today
from services.compiled_report import CompiledReport, Excerpt, ReportTask
from services.group_tree import group_below
from services.groups import group_of
from services.reminders import settings_of
from services.unit import UnitOfWork
from storage import lead_rows
from storage.models import Agency, Chat, ReportSubmission, WorkingGroup


def report_task(row: lead_rows.LeadRow, today: date) -> ReportTask:
    return ReportTask(
        code=row.code,
        content=row.content,
        section=row.section,
        lead=row.agency,
        status=row.status,
        standing=standing(row.status, row.due, row.done_on, today),
        due=row.due,
        done_on=row.done_on,
        days_late=days_late(row.due, today) if row.due and row.status != "done" else 0,
        percent=row.percent,
    )


async def overdue_tasks(session: AsyncSession, clock: Clock, group: WorkingGroup, agency_id: int | None) -> list[ReportTask]:
    today = clock.now().astimezone(ZoneInfo(group.timezone)).date()
    return [report_task(row, today) for row in await lead_rows.overdue(session, group.id, today, agency_id)]


def find_period(group: WorkingGroup, key: str) -> Period | None:
    return period_from_key(settings_of(group).cadence, key)


async def compile_report(session: AsyncSession, clock: Clock, group: WorkingGroup, period: Period) -> CompiledReport:
    """The report of ``period`` as things stand now."""
    zone = ZoneInfo(group.timezone)
    now: datetime = clock.now().astimezone(zone)
    today = now.date()
    tasks = [report_task(row, today) for row in await lead_rows.all_leads(session, group.id)]
    sections: dict[str, list[ReportTask]] = {}
    for task in tasks:
        sections.setdefault(task.section or "", []).append(task)
    summary = Counter(task.standing for task in tasks)
    bound = set(
        await session.scalars(
            select(Agency.id)
            .join(Chat, Chat.agency_id == Agency.id)
            .where(Agency.working_group_id == group.id, Agency.collective.is_(False), Chat.active.is_(True))
        )
    )
    submissions = list(
        await session.execute(
            select(ReportSubmission, Agency.name)
            .join(Agency, Agency.id == ReportSubmission.agency_id)
            .where(ReportSubmission.working_group_id == group.id, ReportSubmission.period_key == period.key)
            .order_by(ReportSubmission.submitted_at)
        )
    )
    reported = {submission.agency_id for submission, _name in submissions}
    names = {aid: name for aid, name in await session.execute(select(Agency.id, Agency.name).where(Agency.id.in_(bound)))}
    texts = group.settings.get("report", {})
    return CompiledReport(
        parent_body=texts.get("parent_body"),
        issuer=texts.get("issuer", group.name.upper()),
        place=texts.get("place"),
        issued_on=today,
        period_label=period.label_vi,
        period_key=period.key,
        summary=dict(summary),
        sections=list(sections.items()),
        overdue=sorted((t for t in tasks if t.standing == "overdue"), key=lambda t: -t.days_late),
        missing_reports=sorted(names[a] for a in bound - reported),
        excerpts=[
            Excerpt(agency=name, at=submission.submitted_at.astimezone(zone), text=submission.text)
            for submission, name in submissions
            if submission.text
        ],
    )


@dataclass(frozen=True)
class OverdueList:
    tasks: list[ReportTask]
    timezone: str


async def overdue_list(
    db: UnitOfWork, clock: Clock, actor: Actor, agency_id: int | None, group_id: int | None = None
) -> OverdueList:
    """The overdue tasks (of one agency, of one group below, or all) for the Excel export of /tre_han."""
    async with db.transaction() as session:
        group = await group_of(session, actor)
        if group_id is not None:
            group = await group_below(session, group.id, group_id) or group
        return OverdueList(await overdue_tasks(session, clock, group, agency_id), group.timezone)


async def compiled(db: UnitOfWork, clock: Clock, actor: Actor, key: str = "") -> CompiledReport | None:
    """``/xuat_bao_cao [kỳ]``: the report of the period ``key`` (this month when empty); None when
    ``key`` names no period."""
    async with db.transaction() as session:
        group = await group_of(session, actor)
        today = local_today(clock, group.timezone)
        period = find_period(group, key) if key else current_period(settings_of(group).cadence, "month", today)
        if period is None:
            return None
        return await compile_report(session, clock, group, period)

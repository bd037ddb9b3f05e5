"""What the leaders' dashboard shows (overview, an agency, a task, the report matrix): read in one
transaction each, scoped to the asker's working group, changing nothing."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import select

from plans.cadence import Period, PeriodKind, current_period, periods_due_between
from plans.progress import days_late, standing
from plans.trend import LeadDays, Week, weekly_trend
from services import oversight
from services.access import Actor
from services.agencies import reporting_agencies
from services.chats import agency_chats
from services.clock import Clock
from services.groups import group_of
from services.leader_views import CardView
from services.reminders import settings_of
from services.tasks import task_card
from services.unit import UnitOfWork
from storage import lead_rows as queries
from storage.models import Agency, Plan, ReportSubmission, Task

TREND_WEEKS = 12
HISTORY_LIMIT = 500  # a task page shows its whole history (a task gathers a few dozen changes)
MATRIX_SPAN_DAYS = 400  # how far back the matrix looks for periods (covers six months of monthly reports)


@dataclass(frozen=True)
class Overview:
    group: str
    at: datetime  # local
    counts: Counter[str]  # leads by standing
    owed: list[oversight.AgencyDebt]  # every overdue task by agency, in the order of /tre_han
    trend: list[Week]

    @property
    def overdue(self) -> int:
        return sum(debt.count for debt in self.owed)


def _now(clock: Clock, timezone: str) -> datetime:
    return clock.now().astimezone(ZoneInfo(timezone))


async def overview(db: UnitOfWork, clock: Clock, actor: Actor) -> Overview:
    async with db.transaction() as session:
        group = await group_of(session, actor)
        at = _now(clock, group.timezone)
        today = at.date()
        leads = await queries.all_leads(session, group.id)
        owed = oversight.most_owed_first(await queries.overdue_by_agency(session, group.id, today), today)
        rows = await queries.overdue_of(session, group.id, today, [a.agency_id for a in owed], oversight.CHAT_CONTENT_CHARS)
    by_agency: dict[int, list[queries.LeadRow]] = {}
    for row in sorted(rows, key=lambda r: (r.due or today, r.code)):
        by_agency.setdefault(row.agency_id, []).append(row)
    debts = [
        oversight.AgencyDebt(n, a.agency_id, a.name, a.count, days_late(a.oldest_due, today), by_agency.get(a.agency_id, []))
        for n, a in enumerate(owed, 1)
    ]
    counts: Counter[str] = Counter(standing(r.status, r.due, r.done_on, today) for r in leads)
    trend = weekly_trend((LeadDays(r.due, r.status == "done", r.done_on) for r in leads), today, TREND_WEEKS)
    return Overview(group.name, at, counts, debts, trend)


@dataclass(frozen=True)
class TaskLine:
    row: queries.LeadRow
    standing: str
    days_late: int


@dataclass(frozen=True)
class ChatLine:
    title: str
    kind: str
    bound_at: datetime | None  # local


@dataclass(frozen=True)
class AgencyPage:
    agency_id: int
    name: str
    today: date
    tasks: list[TaskLine]
    counts: Counter[str]
    chats: list[ChatLine]


async def agency_page(db: UnitOfWork, clock: Clock, actor: Actor, agency_id: int) -> AgencyPage | None:
    """One agency of the asker's group: its tasks with their standing, and the chats bound to it."""
    async with db.transaction() as session:
        group = await group_of(session, actor)
        agency = await session.get(Agency, agency_id)
        if agency is None or agency.working_group_id != group.id:
            return None
        zone = ZoneInfo(group.timezone)
        today = _now(clock, group.timezone).date()
        rows = await oversight.open_leads(session, clock, group, frozenset({agency_id}))
        done = [r for r in await queries.all_leads(session, group.id, frozenset({agency_id})) if r.status == "done"]
        chats = (await agency_chats(session, [agency_id])).get(agency_id, [])
    lines = [
        TaskLine(r, standing(r.status, r.due, r.done_on, today), days_late(r.due, today) if r.due else 0)
        for r in rows + done
    ]
    return AgencyPage(
        agency_id, agency.name, today, lines, Counter(line.standing for line in lines),
        [ChatLine(c.title or "", c.kind, c.bound_at.astimezone(zone) if c.bound_at else None) for c in chats],
    )


async def task_page(db: UnitOfWork, clock: Clock, actor: Actor, task_id: int) -> CardView | None:
    """A task of the asker's group with its whole history."""
    async with db.transaction() as session:
        group = await group_of(session, actor)
        task = await session.scalar(
            select(Task).join(Plan, Plan.id == Task.plan_id).where(Task.id == task_id, Plan.working_group_id == group.id)
        )
        if task is None or task.removed_at is not None:
            return None
        card = await task_card(session, task, HISTORY_LIMIT)
    return CardView(card, group.timezone, _now(clock, group.timezone).date(), None, None)


@dataclass(frozen=True)
class MatrixRow:
    agency_id: int
    name: str
    cells: list[str]  # per period: "sent", "late", "missing" or "open" (not due yet, nothing sent)


@dataclass(frozen=True)
class ReportMatrix:
    today: date
    periods: list[Period]
    rows: list[MatrixRow]


def _cell(period: Period, sent_on: date | None, today: date) -> str:
    if sent_on is not None:
        return "sent" if sent_on <= period.due else "late"
    return "missing" if today > period.due else "open"


async def report_matrix(db: UnitOfWork, clock: Clock, actor: Actor, kind: PeriodKind, count: int = 6) -> ReportMatrix:
    """Which agency sent which of the last ``count`` reports of ``kind`` (the current one included)."""
    async with db.transaction() as session:
        group = await group_of(session, actor)
        zone = ZoneInfo(group.timezone)
        today = _now(clock, group.timezone).date()
        cadence = settings_of(group).cadence
        current = current_period(cadence, kind, today)
        end = current.due if current else today
        periods = [p for p in periods_due_between(cadence, end - timedelta(days=MATRIX_SPAN_DAYS), end) if p.kind == kind]
        periods = periods[-count:]
        agencies = await reporting_agencies(session, group.id)
        first: dict[tuple[int, str], date] = {}
        for agency_id, key, at in await session.execute(
            select(ReportSubmission.agency_id, ReportSubmission.period_key, ReportSubmission.submitted_at).where(
                ReportSubmission.working_group_id == group.id,
                ReportSubmission.period_key.in_([p.key for p in periods]),
            )
        ):
            day = at.astimezone(zone).date()
            first[(agency_id, key)] = min(day, first.get((agency_id, key), day))
    rows = [
        MatrixRow(a.id, a.name, [_cell(p, first.get((a.id, p.key)), today) for p in periods]) for a in agencies
    ]
    return ReportMatrix(today, periods, rows)

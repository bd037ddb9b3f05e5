"""What the leaders' dashboard shows, read through the same queries as the bot's views, scoped to
the asker's working group and the groups below it (narrowed to one of them on request), changing
nothing. Figures over every lead are counted by the database; only a page of rows is read."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import exists, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from plans.cadence import Period, PeriodKind, current_period, periods_due_between
from plans.progress import days_late, standing
from plans.trend import Week, week_spans
from services import oversight
from services.access import Actor
from services.agencies import reporting_agencies
from services.chats import agency_chats
from services.clock import Clock
from services.compile import report_task
from services.compiled_report import ReportTask
from services.group_tree import group_below, tree_rows, within
from services.groups import group_of
from services.leader_views import CardView
from services.reminders import settings_of
from services.tasks import task_card
from services.unit import UnitOfWork
from storage import lead_rows as queries
from storage.group_tree import subtree_ids, subtree_query
from storage.models import Agency, Plan, ReportSubmission, Task, TaskLead, WorkingGroup

TREND_WEEKS = 12
CHART_AGENCIES = 20  # bars in the overdue chart (the list below it has every agency, by pages)
LIST_ROWS = 300  # rows of the task list shown on a page (the .xlsx has them all)
HISTORY_LIMIT = 500  # a task page shows its whole history (a task gathers a few dozen changes)
MATRIX_SPAN_DAYS = 400  # how far back the matrix looks for periods (covers six months of monthly reports)

LeadFilter = queries.LeadFilter


@dataclass(frozen=True)
class GroupChoice:
    id: int
    name: str
    depth: int  # 0 for the asker's own group


@dataclass(frozen=True)
class Scope:
    """The group a page shows, and the groups the asker may narrow it to (theirs and those below)."""

    group_id: int
    group: str
    timezone: str
    at: datetime  # local
    choices: list[GroupChoice]

    @property
    def today(self) -> date:
        return self.at.date()

    @property
    def narrowed(self) -> int | None:
        """The group asked for, when it is one below the asker's own (carried into links)."""
        return self.group_id if self.choices and self.group_id != self.choices[0].id else None


async def _scope(session: AsyncSession, clock: Clock, actor: Actor, group_id: int | None) -> tuple[WorkingGroup, Scope]:
    own = await group_of(session, actor)
    group = (await group_below(session, own.id, group_id) if group_id is not None else None) or own
    below = await session.scalars(select(WorkingGroup).where(WorkingGroup.id.in_(subtree_query(own.id))))
    choices = [GroupChoice(row.id, row.name, row.depth) for row in tree_rows(list(below))]
    at = clock.now().astimezone(ZoneInfo(group.timezone))
    return group, Scope(group.id, group.name, group.timezone, at, choices)


@dataclass(frozen=True)
class Overview:
    scope: Scope
    counts: Counter[str]  # leads by standing
    page: oversight.OverduePage  # the overdue list exactly as /tre_han pages it
    trend: list[Week]

    @property
    def chart(self) -> list[queries.AgencyOverdue]:
        return self.page.owed[:CHART_AGENCIES]


async def overview(db: UnitOfWork, clock: Clock, actor: Actor, group_id: int | None = None, page: int = 0) -> Overview:
    async with db.transaction() as session:
        group, scope = await _scope(session, clock, actor, group_id)
        spans = week_spans(scope.today, TREND_WEEKS)
        tally = await queries.tally(session, group.id, scope.today, spans)
        listed = await oversight.overdue_page(session, clock, group, page)
    trend = [
        Week(start, end, overdue, done)
        for (start, end), overdue, done in zip(spans, tally.overdue_at, tally.done_in, strict=True)
    ]
    return Overview(scope, Counter(tally.standings), listed, trend)


@dataclass(frozen=True)
class TaskLine:
    row: queries.LeadRow
    standing: str
    days_late: int


def _line(row: queries.LeadRow, today: date) -> TaskLine:
    late = days_late(row.due, today) if row.due and row.status != "done" else 0
    return TaskLine(row, standing(row.status, row.due, row.done_on, today), late)


@dataclass(frozen=True)
class TaskList:
    scope: Scope
    wanted: LeadFilter
    sections: list[str]
    agency: str | None
    lines: list[TaskLine]
    total: int  # leads the filter keeps (``lines`` holds the first LIST_ROWS)


async def _agency_in(session: AsyncSession, group: WorkingGroup, agency_id: int | None) -> Agency | None:
    """The agency when the group sees it (its own, or of a group below)."""
    if agency_id is None or not await within(session, group.id, agency_id):
        return None
    return await session.get(Agency, agency_id)


async def task_list(
    db: UnitOfWork, clock: Clock, actor: Actor, wanted: LeadFilter, group_id: int | None = None, limit: int | None = LIST_ROWS
) -> TaskList:
    """The leads the group sees, narrowed by agency, section and standing; a filter naming
    something the group does not see is dropped."""
    async with db.transaction() as session:
        group, scope = await _scope(session, clock, actor, group_id)
        agency = await _agency_in(session, group, wanted.agency_id)
        sections = await queries.sections(session, group.id)
        wanted = LeadFilter(
            agency.id if agency else None,
            wanted.section if wanted.section in sections else None,
            wanted.standing if wanted.standing in queries.STANDING_KEYS else None,
        )
        rows, total = await queries.filtered_leads(session, group.id, scope.today, wanted, limit)
    return TaskList(scope, wanted, sections, agency.name if agency else None, [_line(r, scope.today) for r in rows], total)


async def task_rows(db: UnitOfWork, clock: Clock, actor: Actor, wanted: LeadFilter, group_id: int | None = None) -> tuple[TaskList, list[ReportTask]]:
    """Every lead a filter keeps, as the rows of the compiled report's task sheet (for .xlsx)."""
    found = await task_list(db, clock, actor, wanted, group_id, limit=None)
    return found, [report_task(line.row, found.scope.today) for line in found.lines]


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
    """One agency the asker's group sees: its tasks with their standing, and the chats bound to it."""
    async with db.transaction() as session:
        group = await group_of(session, actor)
        agency = await _agency_in(session, group, agency_id)
        if agency is None:
            return None
        zone = ZoneInfo(group.timezone)
        today = clock.now().astimezone(zone).date()
        rows = await oversight.open_leads(session, clock, group, frozenset({agency_id}))
        done = [r for r in await queries.all_leads(session, group.id, frozenset({agency_id})) if r.status == "done"]
        chats = (await agency_chats(session, [agency_id])).get(agency_id, [])
    lines = [_line(r, today) for r in rows + done]
    return AgencyPage(
        agency_id, agency.name, today, lines, Counter(line.standing for line in lines),
        [ChatLine(c.title or "", c.kind, c.bound_at.astimezone(zone) if c.bound_at else None) for c in chats],
    )


async def task_page(db: UnitOfWork, clock: Clock, actor: Actor, task_id: int) -> CardView | None:
    """A task the asker's group sees (of its plans or its groups' below, or led by an agency it
    sees) with its whole history."""
    async with db.transaction() as session:
        group = await group_of(session, actor)
        seen = subtree_query(group.id)
        led_here = exists().where(
            TaskLead.task_id == Task.id, TaskLead.agency_id == Agency.id, Agency.working_group_id.in_(seen)
        )
        task = await session.scalar(
            select(Task).join(Plan, Plan.id == Task.plan_id).where(
                Task.id == task_id, Task.removed_at.is_(None), or_(Plan.working_group_id.in_(seen), led_here)
            )
        )
        if task is None:
            return None
        card = await task_card(session, task, HISTORY_LIMIT)
    return CardView(card, group.timezone, clock.now().astimezone(ZoneInfo(group.timezone)).date(), None, None)


@dataclass(frozen=True)
class MatrixRow:
    agency_id: int
    name: str
    cells: list[str]  # per period: "sent", "late", "missing" or "open" (not due yet, nothing sent)


@dataclass(frozen=True)
class ReportMatrix:
    scope: Scope
    kind: PeriodKind
    periods: list[Period]
    rows: list[MatrixRow] = field(default_factory=list)


def _cell(period: Period, sent_on: date | None, today: date) -> str:
    if sent_on is not None:
        return "sent" if sent_on <= period.due else "late"
    return "missing" if today > period.due else "open"


async def report_matrix(
    db: UnitOfWork, clock: Clock, actor: Actor, kind: PeriodKind, group_id: int | None = None, count: int = 6
) -> ReportMatrix:
    """Which agency (of the group and the groups below) sent which of the last ``count`` reports of
    ``kind`` (the current one included), by the group's report calendar."""
    async with db.transaction() as session:
        group, scope = await _scope(session, clock, actor, group_id)
        zone, today = ZoneInfo(group.timezone), scope.today
        cadence = settings_of(group).cadence
        current = current_period(cadence, kind, today)
        end = current.due if current else today
        periods = [p for p in periods_due_between(cadence, end - timedelta(days=MATRIX_SPAN_DAYS), end) if p.kind == kind]
        periods = periods[-count:]
        ids = await subtree_ids(session, group.id)
        agencies = [a for gid in ids for a in await reporting_agencies(session, gid)]
        first: dict[tuple[int, str], date] = {}
        for agency_id, key, at in await session.execute(
            select(ReportSubmission.agency_id, ReportSubmission.period_key, ReportSubmission.submitted_at).where(
                ReportSubmission.working_group_id.in_(ids),
                ReportSubmission.period_key.in_([p.key for p in periods]),
            )
        ):
            day = at.astimezone(zone).date()
            first[(agency_id, key)] = min(day, first.get((agency_id, key), day))
    rows = [MatrixRow(a.id, a.name, [_cell(p, first.get((a.id, p.key)), today) for p in periods]) for a in agencies]
    return ReportMatrix(scope, kind, periods, rows)

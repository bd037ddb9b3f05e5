"""What leaders and the secretariat ask: who is late, what is due, progress, reports."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from plans.cadence import Period, PeriodKind, current_period
from plans.progress import days_late, standing
from plans.reminder_plan import Rules, group_period
from services.clock import Clock
from services.group_tree import committees_below
from services.reminders import settings_of
from storage import lead_rows
from storage.group_tree import subtree_query
from storage.models import Agency, Chat, ReportSubmission, WorkingGroup

LeadRow = lead_rows.LeadRow  # one lead's task as the views return it (render reads it, storage fills it)
CHAT_CONTENT_CHARS = 400  # a chat line shows the head of a task's content; files get all of it
PAGE_BUDGET = 3900  # characters of one /tre_han page (plus ~150 of totals and footer), planned from bounds
LINE_BOUND = 170  # a task line: code (≤ 32), content shortened to 90, due day and days late
HEADER_EXTRA = 80  # an agency's heading besides its name


@dataclass(frozen=True)
class AgencyDebt:
    """One agency's part of a page: its overdue tasks from ``start`` (1-based position ``number``)."""

    number: int
    agency_id: int
    name: str
    count: int
    most_late: int
    tasks: list[lead_rows.LeadRow]
    continued: bool = False


@dataclass(frozen=True)
class OverduePage:
    at: datetime
    today: date
    tasks: int
    agencies: int
    page: int
    pages: int
    debts: list[AgencyDebt]


Slice = tuple[int, int, int]  # (agency position, first task, end task)


def plan_pages(owed: list[lead_rows.AgencyOverdue]) -> list[list[Slice]]:
    """Cut the agencies (most owed first) into pages by a character budget known from counts and
    names alone, so that one page is built without reading the other pages' tasks."""
    pages: list[list[Slice]] = [[]]
    used = 0
    for position, agency in enumerate(owed):
        start = 0
        while start < agency.count:
            head = len(agency.name) + HEADER_EXTRA
            room = (PAGE_BUDGET - used - head) // LINE_BOUND
            if room < 1:
                pages.append([])
                used = 0
                continue
            end = min(agency.count, start + room)
            pages[-1].append((position, start, end))
            used += head + (end - start) * LINE_BOUND
            start = end
    return pages if pages[0] else [[]]


def most_owed_first(owed: list[lead_rows.AgencyOverdue], today: date) -> list[lead_rows.AgencyOverdue]:
    """The order of /tre_han (and of the dashboard): most overdue tasks, then the oldest, then by name."""
    return sorted(owed, key=lambda a: (-a.count, -days_late(a.oldest_due, today), a.name))


async def overdue_page(
    session: AsyncSession, clock: Clock, group: WorkingGroup, page: int = 0, agency_id: int | None = None
) -> OverduePage:
    """One page of the overdue list, agencies owing most first; only that page's tasks are read."""
    at = clock.now().astimezone(ZoneInfo(group.timezone))
    today = at.date()
    owed = most_owed_first(await lead_rows.overdue_by_agency(session, group.id, today, agency_id), today)
    plan = plan_pages(owed)
    page = max(0, min(page, len(plan) - 1))
    wanted = [owed[position].agency_id for position, _start, _end in plan[page]]
    rows = await lead_rows.overdue_of(session, group.id, today, wanted, CHAT_CONTENT_CHARS) if wanted else []
    by_agency: dict[int, list[lead_rows.LeadRow]] = {}
    for row in sorted(rows, key=lambda r: (r.due or today, r.code)):
        by_agency.setdefault(row.agency_id, []).append(row)
    debts = []
    for position, start, end in plan[page]:
        agency = owed[position]
        debts.append(
            AgencyDebt(
                number=position + 1,
                agency_id=agency.agency_id,
                name=agency.name,
                count=agency.count,
                most_late=days_late(agency.oldest_due, today),
                tasks=by_agency.get(agency.agency_id, [])[start:end],
                continued=start > 0,
            )
        )
    return OverduePage(at, today, sum(a.count for a in owed), len(owed), page, len(plan), debts)


async def due_soon(session: AsyncSession, clock: Clock, group: WorkingGroup, days: int) -> list[lead_rows.LeadRow]:
    today = clock.now().astimezone(ZoneInfo(group.timezone)).date()
    return await lead_rows.due_between(session, group.id, today, today + timedelta(days=days))


@dataclass
class Progress:
    today: date
    by_section: dict[str, Counter[str]] = field(default_factory=dict)
    by_agency: dict[str, Counter[str]] = field(default_factory=dict)

    def total(self) -> Counter[str]:
        out: Counter[str] = Counter()
        for counts in self.by_agency.values():
            out.update(counts)
        return out


async def progress(
    session: AsyncSession, clock: Clock, group: WorkingGroup, agency_ids: frozenset[int] | None = None,
    section: str | None = None,
) -> Progress:
    """Counts of leads by standing, per group of tasks (section) and per agency."""
    today = clock.now().astimezone(ZoneInfo(group.timezone)).date()
    result = Progress(today)
    for row in await lead_rows.all_leads(session, group.id, agency_ids):
        if section is not None and section.lower() not in (row.section or "").lower():
            continue
        key = standing(row.status, row.due, row.done_on, today)
        result.by_section.setdefault(row.section or "—", Counter())[key] += 1
        result.by_agency.setdefault(row.agency, Counter())[key] += 1
    return result


@dataclass(frozen=True)
class ReportStatus:
    period: Period
    submitted: list[tuple[str, datetime]]
    missing: list[str]


async def report_status(session: AsyncSession, clock: Clock, group: WorkingGroup, kind: PeriodKind) -> ReportStatus | None:
    """Which bound agencies have sent the current period's report, and which have not; the
    province's list names its communes (their People's Committees), a commune's is due on its own day."""
    rules = settings_of(group)
    today = clock.now().astimezone(ZoneInfo(group.timezone)).date()
    period = current_period(rules.cadence, kind, today)
    if period is None:
        return None
    period = group_period(period, Rules(rules, group.timezone))
    bound = select(Chat.agency_id).where(Chat.active.is_(True))
    agencies = list(
        await session.scalars(
            select(Agency).where(
                Agency.working_group_id == group.id,
                Agency.merged_into_id.is_(None),
                Agency.collective.is_(False),
                Agency.id.in_(bound),
            )
        )
    )
    below = [a.id for a in await committees_below(session, group.id)]
    agencies += await session.scalars(select(Agency).where(Agency.id.in_(below), Agency.id.in_(bound)))
    latest: dict[int, datetime] = {}
    for agency_id, at in await session.execute(
        select(ReportSubmission.agency_id, ReportSubmission.submitted_at).where(
            ReportSubmission.working_group_id.in_(subtree_query(group.id)), ReportSubmission.period_key == period.key
        )
    ):
        latest[agency_id] = max(at, latest.get(agency_id, at))
    zone = ZoneInfo(group.timezone)
    submitted = sorted(((a.name, latest[a.id].astimezone(zone)) for a in agencies if a.id in latest), key=lambda x: x[1])
    missing = sorted(a.name for a in agencies if a.id not in latest)
    return ReportStatus(period, submitted, missing)


async def open_leads(session: AsyncSession, clock: Clock, group: WorkingGroup, agency_ids: frozenset[int]) -> list[lead_rows.LeadRow]:
    """Open leads of some agencies, soonest due first (undated last)."""
    rows = [r for r in await lead_rows.all_leads(session, group.id, agency_ids) if r.status != "done"]
    return sorted(rows, key=lambda r: (r.due is None, r.due or date.max, r.code))

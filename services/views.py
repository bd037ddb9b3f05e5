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
from services.clock import Clock
from services.reminders import settings_of
from storage import views
from storage.models import Agency, Chat, ReportSubmission, WorkingGroup


@dataclass(frozen=True)
class AgencyDebt:
    agency_id: int
    name: str
    tasks: list[views.LeadRow]
    most_late: int


@dataclass(frozen=True)
class Overdue:
    at: datetime
    today: date
    agencies: list[AgencyDebt]

    @property
    def tasks(self) -> int:
        return sum(len(a.tasks) for a in self.agencies)


async def overdue(session: AsyncSession, clock: Clock, group: WorkingGroup, agency_id: int | None = None) -> Overdue:
    """Overdue leads grouped by agency, the agency owing most first."""
    at = clock.now().astimezone(ZoneInfo(group.timezone))
    today = at.date()
    rows = await views.overdue(session, group.id, today, agency_id)
    grouped: dict[int, list[views.LeadRow]] = {}
    for row in rows:
        grouped.setdefault(row.agency_id, []).append(row)
    debts = [
        AgencyDebt(
            agency_id=aid,
            name=items[0].agency,
            tasks=sorted(items, key=lambda r: (r.due or today, r.code)),
            most_late=max(days_late(r.due, today) for r in items if r.due),
        )
        for aid, items in grouped.items()
    ]
    debts.sort(key=lambda d: (-len(d.tasks), -d.most_late, d.name))
    return Overdue(at, today, debts)


async def due_soon(session: AsyncSession, clock: Clock, group: WorkingGroup, days: int) -> list[views.LeadRow]:
    today = clock.now().astimezone(ZoneInfo(group.timezone)).date()
    return await views.due_between(session, group.id, today, today + timedelta(days=days))


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
    for row in await views.all_leads(session, group.id, agency_ids):
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
    """Which bound agencies have sent the current period's report, and which have not."""
    rules = settings_of(group)
    today = clock.now().astimezone(ZoneInfo(group.timezone)).date()
    period = current_period(rules.cadence, kind, today)
    if period is None:
        return None
    agencies = list(
        await session.scalars(
            select(Agency).where(
                Agency.working_group_id == group.id,
                Agency.merged_into_id.is_(None),
                Agency.collective.is_(False),
                Agency.id.in_(select(Chat.agency_id).where(Chat.active.is_(True))),
            )
        )
    )
    latest: dict[int, datetime] = {}
    for agency_id, at in await session.execute(
        select(ReportSubmission.agency_id, ReportSubmission.submitted_at).where(
            ReportSubmission.working_group_id == group.id, ReportSubmission.period_key == period.key
        )
    ):
        latest[agency_id] = max(at, latest.get(agency_id, at))
    zone = ZoneInfo(group.timezone)
    submitted = sorted(((a.name, latest[a.id].astimezone(zone)) for a in agencies if a.id in latest), key=lambda x: x[1])
    missing = sorted(a.name for a in agencies if a.id not in latest)
    return ReportStatus(period, submitted, missing)


async def open_leads(session: AsyncSession, clock: Clock, group: WorkingGroup, agency_ids: frozenset[int]) -> list[views.LeadRow]:
    """Open leads of some agencies, soonest due first (undated last)."""
    rows = [r for r in await views.all_leads(session, group.id, agency_ids) if r.status != "done"]
    return sorted(rows, key=lambda r: (r.due is None, r.due or date.max, r.code))

"""The reminder planner: from plain facts and a moment, which reminders go out and to whom.

The engine (each tick) and the preview (`dondoc reminders`, /lich_nhac) both decide here, so
they cannot disagree on the rules:

- a report already submitted is not asked for again;
- the secretariat hears of a missing report only from agencies that owed it (bound on or before
  its due day), and not at all when none did;
- a point older than the grace period is skipped, never sent late;
- supporting agencies get one heads-up per task, with the first 'before' reminder of its earliest
  lead (the leads of one task may have different due days; a later lead's heads-up is the same key).

The preview is the engine ticking at every moment a point falls: this module run over a window
instead of at one moment. Recipients are agency ids (``None``: the secretariat); callers map
them to chats. Keys are idempotency keys without the chat: one message per key and chat.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from plans.cadence import Period, periods_due_between
from plans.calendar import WorkingCalendar, next_send_time
from plans.schedule import Point, ReminderSettings, deadline_points, moment, report_points

HEADS_UP = "support_heads_up"
# calendar days that always cover a report's 'missing' point after its due day (Tết is 9 days off)
MISSING_REACH = timedelta(days=16)


@dataclass(frozen=True)
class Rules:
    """A working group's reminder settings and timezone."""

    settings: ReminderSettings
    tz: str

    @property
    def calendar(self) -> WorkingCalendar:
        return self.settings.calendar()

    def slot(self, at: datetime, now: datetime) -> datetime:
        """When a point due at ``at`` and decided at ``now`` may go out: inside the sending window."""
        return next_send_time(self.calendar, self.settings.window, self.tz, max(at, now))

    def local_day(self, at: datetime) -> date:
        return at.astimezone(ZoneInfo(self.tz)).date()


@dataclass(frozen=True)
class Lead:
    """An open lead with a due day; ``supports`` are its task's supporting agencies."""

    lead_id: int
    task_id: int
    agency_id: int
    due: date
    supports: tuple[int, ...] = ()


@dataclass(frozen=True)
class Reporter:
    """An agency that owes periodic reports; ``bound_on`` is the local day its chat was first
    bound (``date.min`` when unknown), ``None`` when it has no active chat. A group below (a
    commune's UBND) is ``below``: its own group reminds it on its own day; here it is only named
    when its report is missing."""

    agency_id: int
    bound_on: date | None
    below: bool = False


@dataclass(frozen=True)
class Reminder:
    """One planned message: ``agency_id`` ``None`` means the secretariat."""

    key: str
    kind: str
    point: Point
    at: datetime
    send_at: datetime
    agency_id: int | None
    lead: Lead | None = None
    period: Period | None = None
    owed: tuple[int, ...] = field(default=())


@dataclass(frozen=True)
class LeadDecision:
    """What a tick does for one lead: its reminders, the points skipped as too old, its next moment."""

    reminders: list[Reminder]
    skipped: int
    next_at: datetime


# -- deadlines ---------------------------------------------------------------------------


def lead_due(lead: Lead, rules: Rules, since: datetime, now: datetime) -> LeadDecision:
    """At ``now``, for a lead whose points before ``since`` are done: the latest point still
    within the grace period (older ones are skipped), and the moment of its next point."""
    due: list[tuple[Point, datetime]] = []
    next_at: datetime | None = None
    for point in deadline_points(lead.due, rules.calendar, rules.settings):
        at = moment(point.day, rules.settings, rules.tz)
        if at > now:
            next_at = at
            break
        if at >= since:
            due.append((point, at))
    assert next_at is not None, "deadline_points is endless"
    fresh = [(p, at) for p, at in due if at >= now - rules.settings.grace]
    if not fresh:
        return LeadDecision([], len(due), next_at)
    point, at = fresh[-1]
    return LeadDecision(deadline_reminders(lead, point, at, now, rules), len(due) - len(fresh), next_at)


def deadline_reminders(lead: Lead, point: Point, at: datetime, now: datetime, rules: Rules) -> list[Reminder]:
    """The reminder of one deadline point, with the supporting agencies' heads-ups when it is the first."""
    send = rules.slot(at, now)
    found = [
        Reminder(f"dl:{lead.lead_id}:{point.kind}:{point.day.isoformat()}", point.kind, point, at, send,
                 lead.agency_id, lead=lead)
    ]
    if rules.settings.support_heads_up and point.kind == "deadline_before" and point == _first_point(lead, rules):
        found.extend(
            # one heads-up per task and supporting agency, however many leads the task has: the
            # outbox keeps the first of a key, so a second lead's heads-up is never sent again
            Reminder(f"hu:task{lead.task_id}:{agency_id}", HEADS_UP, point, at, send, agency_id, lead=lead)
            for agency_id in lead.supports
        )
    return found


def _first_point(lead: Lead, rules: Rules) -> Point:
    return next(deadline_points(lead.due, rules.calendar, rules.settings))


# -- periodic reports --------------------------------------------------------------------


def report_periods(rules: Rules, first: date, last: date) -> list[Period]:
    """Every period that may have a point on a day in ``[first, last]``, due on the group's own day."""
    longest = max(rules.settings.report_before, default=0) + rules.settings.report_ahead
    ahead = timedelta(days=2 * longest + MISSING_REACH.days)  # working days before, holidays included
    return [group_period(p, rules) for p in periods_due_between(rules.settings.cadence, first - MISSING_REACH, last + ahead)]


def group_period(period: Period, rules: Rules) -> Period:
    """The period as the group owes it: a commune's report is due ``report_ahead`` working days
    before the province's day (same key, so the province counts it for the same period)."""
    days = rules.settings.report_ahead
    if not days:
        return period
    calendar = rules.calendar
    return replace(period, due=calendar.add_working_days(calendar.on_or_before(period.due), -days))


def report_point_due(period: Period, rules: Rules, now: datetime) -> tuple[Point, datetime] | None:
    """The latest point of a period whose moment has come within the grace period, if any."""
    due = [
        (point, at)
        for point in report_points(period, rules.calendar, rules.settings)
        if now - rules.settings.grace <= (at := moment(point.day, rules.settings, rules.tz)) <= now
    ]
    return due[-1] if due else None


def report_reminders(
    period: Period, point: Point, at: datetime, now: datetime, reporters: Sequence[Reporter],
    submitted: frozenset[int], rules: Rules,
) -> list[Reminder]:
    """Agencies that have not submitted are reminded; after the due day the secretariat hears of
    those that owed the report (bound on or before its due day), if any."""
    send = rules.slot(at, now)
    missing = [r for r in reporters if r.agency_id not in submitted]
    if point.kind != "report_missing":
        return [
            Reminder(f"rp:{period.key}:{point.kind}:{point.day.isoformat()}", point.kind, point, at, send,
                     r.agency_id, period=period)
            for r in missing
            if not r.below
        ]
    owed = tuple(r.agency_id for r in missing if r.bound_on is not None and r.bound_on <= period.due)
    if not owed:
        return []
    return [Reminder(f"rpm:{period.key}", point.kind, point, at, send, None, period=period, owed=owed)]


# -- the preview: the engine over a window ---------------------------------------------


def plan_between(
    rules: Rules, leads: Iterable[Lead], reporters: Sequence[Reporter],
    submitted: Mapping[str, frozenset[int]], first: date, last: date,
) -> list[Reminder]:
    """Every reminder of a point falling on a day in ``[first, last]``, as the engine ticking at
    each such moment would queue it (a key queued twice for one agency keeps its first), in sending order."""
    start = moment_of(first, time.min, rules.tz)
    end = moment_of(last + timedelta(days=1), time.min, rules.tz)
    caught_up = start - rules.settings.grace
    found: list[Reminder] = []
    for lead in leads:
        for point in deadline_points(lead.due, rules.calendar, rules.settings):
            at = moment(point.day, rules.settings, rules.tz)
            if at >= end:
                break
            if at >= start:
                found.extend(deadline_reminders(lead, point, at, at, rules))
            elif at >= caught_up:
                # a heads-up the engine sent (or catches up) just before the window holds its key:
                # another lead of the same task does not send it again inside the window
                found.extend(r for r in deadline_reminders(lead, point, at, at, rules) if r.kind == HEADS_UP)
    for period in report_periods(rules, first, last):
        for point in report_points(period, rules.calendar, rules.settings):
            at = moment(point.day, rules.settings, rules.tz)
            if start <= at < end:
                found.extend(report_reminders(period, point, at, at, reporters, submitted.get(period.key, frozenset()), rules))
    found.sort(key=lambda r: (r.send_at, r.at))
    first_of: dict[tuple[str, int | None], Reminder] = {}
    for reminder in found:
        first_of.setdefault((reminder.key, reminder.agency_id), reminder)
    return [reminder for reminder in first_of.values() if reminder.at >= start]


def moment_of(day: date, at: time, tz: str) -> datetime:
    """A local day and time as a UTC moment."""
    return datetime.combine(day, at, tzinfo=ZoneInfo(tz)).astimezone(UTC)

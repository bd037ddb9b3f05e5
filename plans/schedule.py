"""When reminders fall: the points before, on and after a deadline or a report's due day.

Conventions: offsets count working days before the nominal due day (two working days before a
Sunday are Thursday); a point that would fall on a day off moves to the
previous working day (so a Sunday due day is reminded on the Friday before), except overdue
points, which move forward (a task cannot be late before its due day); every point is sent at
``reminder_time`` local time, and ``next_send_time`` keeps it inside the sending window.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from functools import lru_cache
from typing import Any, Literal
from zoneinfo import ZoneInfo

from plans.cadence import CadenceSettings, Period
from plans.calendar import SendingWindow, WorkingCalendar

PointKind = Literal["deadline_before", "deadline_due", "overdue", "report_before", "report_due", "report_missing"]


@dataclass(frozen=True)
class ReminderSettings:
    """A working group's reminder rules (stored as JSON in its settings)."""

    before: tuple[int, ...] = (7, 3, 1)
    on_due_day: bool = True
    overdue_every_days: int = 7
    report_before: tuple[int, ...] = (2,)
    reminder_time: time = time(8, 0)
    window: SendingWindow = field(default_factory=SendingWindow)
    grace: timedelta = timedelta(hours=48)
    days_off: frozenset[date] = frozenset()
    working_saturdays: frozenset[date] = frozenset()
    cadence: CadenceSettings = field(default_factory=CadenceSettings)
    support_heads_up: bool = False
    digest_weekday: int = 0
    digest_time: time = time(8, 0)
    ack_after_working_hours: int = 4
    report_ahead: int = 0  # working days this group's reports fall due before the nominal day (a commune's before the province's)

    def calendar(self) -> WorkingCalendar:
        """The group's calendar; shared, so its holiday index is built once per process."""
        return _calendar(self.days_off, self.working_saturdays)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> ReminderSettings:
        base = cls()
        return cls(
            before=tuple(sorted({int(n) for n in data.get("before", base.before)}, reverse=True)),
            on_due_day=bool(data.get("on_due_day", base.on_due_day)),
            overdue_every_days=max(1, int(data.get("overdue_every_days", base.overdue_every_days))),
            report_before=tuple(sorted({int(n) for n in data.get("report_before", base.report_before)}, reverse=True)),
            reminder_time=time.fromisoformat(data.get("reminder_time", "08:00")),
            window=SendingWindow.from_json(data.get("window", {})),
            grace=timedelta(hours=float(data.get("grace_hours", 48))),
            days_off=frozenset(date.fromisoformat(d) for d in data.get("days_off", [])),
            working_saturdays=frozenset(date.fromisoformat(d) for d in data.get("working_saturdays", [])),
            cadence=CadenceSettings.from_json(data["cadence"]) if "cadence" in data else base.cadence,
            support_heads_up=bool(data.get("support_heads_up", False)),
            digest_weekday=int(data.get("digest_weekday", base.digest_weekday)),
            digest_time=time.fromisoformat(data.get("digest_time", "08:00")),
            ack_after_working_hours=int(data.get("ack_after_working_hours", base.ack_after_working_hours)),
            report_ahead=max(0, int(data.get("report_ahead", base.report_ahead))),
        )


@lru_cache(maxsize=64)
def _calendar(days_off: frozenset[date], working_saturdays: frozenset[date]) -> WorkingCalendar:
    return WorkingCalendar(extra_days_off=days_off, working_saturdays=working_saturdays)


@dataclass(frozen=True)
class Point:
    """One reminder: on ``day``, of ``kind``; ``offset`` is working days before or days late."""

    day: date
    kind: PointKind
    offset: int


def deadline_points(due: date, calendar: WorkingCalendar, settings: ReminderSettings) -> Iterator[Point]:
    """Every reminder of a deadline in order: before, on the day, then overdue for ever."""
    due_day = calendar.on_or_before(due)
    seen: set[date] = set()
    for n in settings.before:
        day = calendar.add_working_days(due, -n)
        if day not in seen and day < due_day:
            seen.add(day)
            yield Point(day, "deadline_before", calendar.working_days_between(day, due_day))
    if settings.on_due_day:
        yield Point(due_day, "deadline_due", 0)
    first = calendar.on_or_after(due + timedelta(days=1))
    previous = due_day
    week = 0
    while True:
        target = first + timedelta(days=settings.overdue_every_days * week)
        day = calendar.on_or_before(target)
        if day <= previous:
            day = calendar.on_or_after(target)
        yield Point(day, "overdue", (day - due).days)
        previous = day
        week += 1


def report_points(period: Period, calendar: WorkingCalendar, settings: ReminderSettings) -> list[Point]:
    """Reminders of a periodic report: before and on its due day, then 'missing' the day after."""
    due_day = calendar.on_or_before(period.due)
    points = [
        Point(day, "report_before", n)
        for n in settings.report_before
        if n > 0 and (day := calendar.add_working_days(period.due, -n)) < due_day
    ]
    points.append(Point(due_day, "report_due", 0))
    points.append(Point(calendar.on_or_after(period.due + timedelta(days=1)), "report_missing", 1))
    return points


def moment(day: date, settings: ReminderSettings, tz: str) -> datetime:
    """The UTC moment a point of ``day`` is due to go out."""
    return datetime.combine(day, settings.reminder_time, tzinfo=ZoneInfo(tz)).astimezone(UTC)


def next_point(
    due: date, calendar: WorkingCalendar, settings: ReminderSettings, tz: str, after: datetime
) -> tuple[Point, datetime]:
    """The first point of a deadline whose moment is later than ``after``."""
    for point in deadline_points(due, calendar, settings):
        at = moment(point.day, settings, tz)
        if at > after:
            return point, at
    raise AssertionError("deadline_points is endless")

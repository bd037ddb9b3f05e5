"""Working time: only the hours inside the sending window on working days count.

"Not acknowledged after 4 working hours" means 4 hours of office time: a notice sent on Friday
at 15:00 with a 07:30–17:00 window has had 2 working hours by Friday evening and reaches 4 on
Monday at 09:30; weekends, holidays and nights do not count. Pure functions, aware datetimes in
and out (UTC out).
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, tzinfo
from zoneinfo import ZoneInfo

from plans.calendar import SendingWindow, WorkingCalendar, next_send_time

_DAY = timedelta(days=1)
_MAX_DAYS = 3660  # a guard against absurd spans: ten years of days


def _zone(tz: str | tzinfo) -> tzinfo:
    return ZoneInfo(tz) if isinstance(tz, str) else tz


def _window_of(day: date, window: SendingWindow, zone: tzinfo) -> tuple[datetime, datetime]:
    return (
        datetime.combine(day, window.start, tzinfo=zone).astimezone(UTC),
        datetime.combine(day, window.end, tzinfo=zone).astimezone(UTC),
    )


def working_time_between(
    calendar: WorkingCalendar, window: SendingWindow, tz: str | tzinfo, start: datetime, end: datetime
) -> timedelta:
    """Working time in ``[start, end)``: the parts inside the window on working days."""
    if end <= start:
        return timedelta(0)
    zone = _zone(tz)
    day = start.astimezone(zone).date()
    last = end.astimezone(zone).date()
    total = timedelta(0)
    for _ in range(_MAX_DAYS):
        if day > last:
            break
        if calendar.is_working_day(day):
            opens, closes = _window_of(day, window, zone)
            low, high = max(opens, start), min(closes, end)
            if high > low:
                total += high - low
        day += _DAY
    return total


def add_working_time(
    calendar: WorkingCalendar, window: SendingWindow, tz: str | tzinfo, start: datetime, amount: timedelta
) -> datetime:
    """The first moment at which ``amount`` of working time has passed since ``start`` (UTC)."""
    if amount <= timedelta(0):
        return start.astimezone(UTC)
    zone = _zone(tz)
    remaining = amount
    moment = next_send_time(calendar, window, zone, start)
    for _ in range(_MAX_DAYS):
        _opens, closes = _window_of(moment.astimezone(zone).date(), window, zone)
        available = closes - moment
        if remaining <= available:
            return moment + remaining
        remaining -= available
        moment = next_send_time(calendar, window, zone, closes)
    raise ValueError("working time too far away")

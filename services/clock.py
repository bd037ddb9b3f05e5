"""The one source of time. Nothing else calls ``datetime.now()``."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Protocol
from zoneinfo import ZoneInfo


class Clock(Protocol):
    def now(self) -> datetime:
        """The current moment, aware, in UTC."""
        ...


class SystemClock:
    """The wall clock, for production."""

    def now(self) -> datetime:
        return datetime.now(UTC)


class ShiftedClock:
    """The wall clock moved to start at ``start`` and run on from there: a rehearsal of a given
    day (``CLOCK_START``), and the tests that run ``dondoc run`` as a process."""

    def __init__(self, start: datetime) -> None:
        if start.tzinfo is None:
            raise ValueError("ShiftedClock needs an aware datetime")
        self.shift = start.astimezone(UTC) - datetime.now(UTC)

    def now(self) -> datetime:
        return datetime.now(UTC) + self.shift


class ManualClock:
    """A clock tests and the demo move by hand, so a month passes in seconds."""

    def __init__(self, start: datetime) -> None:
        if start.tzinfo is None:
            raise ValueError("ManualClock needs an aware datetime")
        self._now = start.astimezone(UTC)

    def now(self) -> datetime:
        return self._now

    def set(self, moment: datetime) -> None:
        self._now = moment.astimezone(UTC)

    def advance(self, delta: timedelta) -> None:
        self._now += delta


def local_now(clock: Clock, tz: str) -> datetime:
    return clock.now().astimezone(ZoneInfo(tz))


def local_today(clock: Clock, tz: str) -> date:
    """Today in the working group's timezone (a UTC date is wrong after 17:00 in Vietnam)."""
    return local_now(clock, tz).date()

"""Vietnamese working calendar and the sending window of reminders.

Offices work Monday to Friday. Days off are, in this order of precedence:

1. ``extra_days_off`` of the calendar (a day the province gives off, a local event);
2. Vietnamese public holidays from the ``holidays`` package (its ``Vietnam`` calendar):
   Tết Dương lịch, Tết Nguyên Đán (the official days, which differ each year), Giỗ Tổ
   Hùng Vương, 30/4, 1/5, Quốc khánh, the compensatory days the government announces…;
3. Saturdays and Sundays, except the days Vietnam swaps into working days: the
   ``working_saturdays`` of the calendar plus the swaps the package knows
   (``weekend_workdays``, e.g. Saturday 04/05/2024 worked for Monday 29/04/2024).

A day listed in ``working_saturdays`` that is also a holiday or an extra day off stays a
day off. Holiday data is computed once per year and cached (module-wide for the package's
data, per calendar for the merged set of days off), so :meth:`WorkingCalendar.is_day_off`
is a set lookup after the first call for a year. The package loads with the first year asked
for, and only its Vietnamese calendar (:func:`_vietnam_holidays`).

Time: every ``datetime`` going in or out of this module is aware; the sending window is in
local time (``Asia/Ho_Chi_Minh`` by default) and the functions return UTC.
"""

from __future__ import annotations

import bisect
import importlib.util
import sys
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

if TYPE_CHECKING:
    from holidays import HolidayBase

VN_TZ = "Asia/Ho_Chi_Minh"

_ONE_DAY = timedelta(days=1)


@dataclass(frozen=True)
class _PackageYear:
    """What the ``holidays`` package says about one year."""

    names: dict[date, str]
    weekend_workdays: frozenset[date]


_VIETNAM_MODULE = "dondoc_holidays_vietnam"


def _vietnam_holidays() -> type[HolidayBase]:
    """The ``holidays`` package's ``Vietnam`` calendar class, loaded without the other countries.

    ``holidays.country_holidays("VN")``, like any import under ``holidays.countries``, first
    imports that package, which imports its ~280 country modules: 7 MB the bot would hold for
    nothing. The Vietnamese module (whose own imports are absolute) is loaded from its file
    instead, once per process; a package laid out differently falls back to the ordinary import.
    """
    module = sys.modules.get(_VIETNAM_MODULE)
    if module is None:
        import holidays

        path = Path(holidays.__file__).with_name("countries") / "vietnam.py"
        spec = importlib.util.spec_from_file_location(_VIETNAM_MODULE, path)
        if not path.is_file() or spec is None or spec.loader is None:  # pragma: no cover - another layout
            from holidays.countries import Vietnam

            return Vietnam
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        sys.modules[_VIETNAM_MODULE] = module
    vietnam: type[HolidayBase] = module.Vietnam
    return vietnam


@lru_cache(maxsize=512)
def _package_year(year: int) -> _PackageYear:
    """Vietnamese public holidays (names in Vietnamese) and swapped working weekend days."""
    vietnam = _vietnam_holidays()
    try:
        table = vietnam(years=year, language="vi")
        names = {day: str(name) for day, name in table.items() if day.year == year}
        swaps = frozenset(d for d in getattr(table, "weekend_workdays", ()) if d.year == year)
    except Exception:  # pragma: no cover - a year the package cannot compute: no holidays
        return _PackageYear({}, frozenset())
    return _PackageYear(names, swaps)


@dataclass(frozen=True)
class _YearIndex:
    """Days off of one year for one calendar: a set for lookups, a sorted list for counts."""

    off: frozenset[date]
    off_sorted: tuple[date, ...]


def _year_bounds(year: int) -> tuple[date, date]:
    return date(year, 1, 1), date(year, 12, 31)


@dataclass(frozen=True)
class WorkingCalendar:
    """Working days of Vietnamese offices, with local adjustments."""

    extra_days_off: frozenset[date] = frozenset()
    working_saturdays: frozenset[date] = frozenset()
    _years: dict[int, _YearIndex] = field(
        default_factory=dict, init=False, repr=False, compare=False, hash=False
    )

    # -- per-year index ---------------------------------------------------------------
    def _year(self, year: int) -> _YearIndex:
        index = self._years.get(year)
        if index is None:
            index = self._build_year(year)
            self._years[year] = index
        return index

    def _build_year(self, year: int) -> _YearIndex:
        package = _package_year(year)
        first, last = _year_bounds(year)
        worked = package.weekend_workdays | {d for d in self.working_saturdays if d.year == year}
        off: set[date] = set(package.names)
        off.update(d for d in self.extra_days_off if d.year == year)
        day = first
        while True:
            if day.weekday() >= 5 and day not in worked:
                off.add(day)
            if day == last:
                break
            day += _ONE_DAY
        return _YearIndex(frozenset(off), tuple(sorted(off)))

    # -- queries ----------------------------------------------------------------------
    def is_day_off(self, day: date) -> bool:
        """True on weekends (unless swapped into a working day), holidays and extra days off."""
        return day in self._year(day.year).off

    def is_working_day(self, day: date) -> bool:
        return day not in self._year(day.year).off

    def holiday_name(self, day: date) -> str | None:
        """The holiday's Vietnamese name (``"Tết Nguyên Đán"``, ``"Quốc khánh"``…), or
        ``"Ngày nghỉ"`` for an extra day off of this calendar; None for any other day."""
        name = _package_year(day.year).names.get(day)
        if name is not None:
            return name
        if day in self.extra_days_off:
            return "Ngày nghỉ"
        return None

    def on_or_before(self, day: date) -> date:
        """The day itself when it is a working day, else the previous working day."""
        while day in self._year(day.year).off:
            day -= _ONE_DAY
        return day

    def on_or_after(self, day: date) -> date:
        """The day itself when it is a working day, else the next working day."""
        while day in self._year(day.year).off:
            day += _ONE_DAY
        return day

    def add_working_days(self, day: date, n: int) -> date:
        """Move ``n`` working days from ``day`` (backwards when ``n`` is negative).

        ``add_working_days(d, 0)`` is ``d`` itself even on a day off; ``add_working_days(d, 1)``
        is the first working day after ``d``; ``add_working_days(d, -3)`` is "3 working days
        before d".
        """
        step = _ONE_DAY if n > 0 else -_ONE_DAY
        remaining = abs(n)
        while remaining:
            day += step
            if day not in self._year(day.year).off:
                remaining -= 1
        return day

    def working_days_between(self, start: date, end: date) -> int:
        """Working days in ``(start, end]``; negative (minus the count in ``(end, start]``)
        when ``end`` is before ``start``. ``working_days_between(today, due)`` is the
        "còn N ngày làm việc" of a reminder."""
        if end < start:
            return -self.working_days_between(end, start)
        total = (end - start).days
        days_off = 0
        for year in range(start.year, end.year + 1):
            index = self._year(year)
            lo = bisect.bisect_right(index.off_sorted, start)
            hi = bisect.bisect_right(index.off_sorted, end)
            days_off += hi - lo
        return total - days_off


def send_day_for(calendar: WorkingCalendar, target: date) -> date:
    """The day a reminder meant for ``target`` goes out: the working day on or before it."""
    return calendar.on_or_before(target)


@dataclass(frozen=True)
class SendingWindow:
    """Local hours in which the bot may post into agencies' chats: ``[start, end)``."""

    start: time = time(7, 30)
    end: time = time(17, 0)

    def __post_init__(self) -> None:
        if self.start >= self.end:
            raise ValueError("Giờ bắt đầu gửi phải trước giờ kết thúc.")

    def to_json(self) -> dict[str, str]:
        return {"start": self.start.strftime("%H:%M"), "end": self.end.strftime("%H:%M")}

    @classmethod
    def from_json(cls, data: dict[str, str]) -> SendingWindow:
        start = time.fromisoformat(data.get("start", "07:30"))
        end = time.fromisoformat(data.get("end", "17:00"))
        return cls(start=start, end=end)


def _zone(tz: str | tzinfo) -> tzinfo:
    return ZoneInfo(tz) if isinstance(tz, str) else tz


def _as_utc(moment: datetime) -> datetime:
    """Aware UTC; a naive datetime is taken to be UTC already."""
    if moment.tzinfo is None:
        return moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC)


def _at(day: date, at: time, zone: tzinfo) -> datetime:
    return datetime.combine(day, at, tzinfo=zone).astimezone(UTC)


def next_send_time(
    calendar: WorkingCalendar, window: SendingWindow, tz_name: str | tzinfo, earliest: datetime
) -> datetime:
    """The first moment ``>= earliest`` that lies inside the window on a working day.

    ``earliest`` should be aware (a naive value is read as UTC); the result is aware UTC.
    Inside the window the moment is returned unchanged; before the window it moves to the
    window's start that day; after it (or on a day off) to the start on the next working day.
    """
    zone = _zone(tz_name)
    moment = _as_utc(earliest)
    local = moment.astimezone(zone)
    day = local.date()
    if calendar.is_working_day(day):
        clock = local.time().replace(tzinfo=None)
        if clock < window.start:
            return _at(day, window.start, zone)
        if clock < window.end:
            return moment
    return _at(calendar.on_or_after(day + _ONE_DAY), window.start, zone)


def latest_send_slot(
    calendar: WorkingCalendar, window: SendingWindow, tz: str | tzinfo, day: date
) -> datetime:
    """The latest window opening not after ``day``: the start of the window on
    :func:`send_day_for` ``(day)``, aware UTC. A reminder meant for ``day`` is sent then."""
    return _at(send_day_for(calendar, day), window.start, _zone(tz))

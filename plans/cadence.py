"""Reporting cadence of a plan: which periodic report is due when.

Defaults come from the plans seen in practice: weekly report before Thursday, monthly
before the 17th, half-year before 17/6, annual before 17/12. Following the product's
convention, "trước ngày D" means due ON D, so the defaults are due on Thursday, on the
17th, on 17/06 and on 17/12. Each kind can be changed per plan (another plan wants the
monthly report before the 15th) or switched off (``None``).

Conventions:

* A period is named after its **due day**, not after the span of activity it covers:
  the weekly report due Thursday 31/12/2026 is ``2026-W53`` (the ISO week of the due day,
  labelled with the ISO week-numbering year), the monthly report due 17/01/2027 is
  ``2027-01``. The half-year report is ``YYYY-H1`` (there is no H2: the annual report
  ``YYYY`` covers the year).
* A configured day beyond the end of the month is the month's last day (monthly day 31 is
  28 or 29 in February; ``half_year_due=(2, 30)`` would be 28/29 February).
* ``due`` is nominal: moving it off a weekend or holiday is the working calendar's job.
* A kind switched off has no periods: :func:`current_period` and :func:`period_from_key`
  return None for it.
"""

from __future__ import annotations

import calendar as _stdlib_calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any, Literal

PeriodKind = Literal["week", "month", "half_year", "year"]

PERIOD_KINDS: tuple[PeriodKind, ...] = ("week", "month", "half_year", "year")
_KIND_ORDER = {kind: i for i, kind in enumerate(PERIOD_KINDS)}


def _clamped(year: int, month: int, day: int) -> date:
    return date(year, month, min(day, _stdlib_calendar.monthrange(year, month)[1]))


def _check_month_day(value: tuple[int, int] | None, what: str) -> None:
    if value is None:
        return
    month, day = value
    if not (1 <= month <= 12 and 1 <= day <= 31):
        raise ValueError(f"{what}: tháng/ngày không hợp lệ ({month}, {day}).")


@dataclass(frozen=True)
class CadenceSettings:
    """When each periodic report is due; ``None`` switches a kind off."""

    weekly_weekday: int | None = 3  # Monday=0 … Sunday=6; 3 = Thursday
    monthly_day: int | None = 17
    half_year_due: tuple[int, int] | None = (6, 17)  # (month, day)
    annual_due: tuple[int, int] | None = (12, 17)  # (month, day)

    def __post_init__(self) -> None:
        if self.weekly_weekday is not None and not 0 <= self.weekly_weekday <= 6:
            raise ValueError(f"weekly_weekday phải từ 0 đến 6 ({self.weekly_weekday}).")
        if self.monthly_day is not None and not 1 <= self.monthly_day <= 31:
            raise ValueError(f"monthly_day phải từ 1 đến 31 ({self.monthly_day}).")
        _check_month_day(self.half_year_due, "half_year_due")
        _check_month_day(self.annual_due, "annual_due")

    def enabled(self, kind: PeriodKind) -> bool:
        return {
            "week": self.weekly_weekday,
            "month": self.monthly_day,
            "half_year": self.half_year_due,
            "year": self.annual_due,
        }[kind] is not None

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> CadenceSettings:
        """Read :meth:`to_json` output. A missing key keeps the default; an explicit
        ``null`` switches the kind off; a bad value raises ``ValueError``."""
        defaults = cls()

        def pair(key: str, default: tuple[int, int] | None) -> tuple[int, int] | None:
            if key not in data:
                return default
            value = data[key]
            if value is None:
                return None
            if not isinstance(value, list | tuple) or len(value) != 2:
                raise ValueError(f"{key}: cần [tháng, ngày].")
            try:
                return (int(value[0]), int(value[1]))
            except (TypeError, ValueError) as exc:
                raise ValueError(f"{key}: cần [tháng, ngày].") from exc

        def number(key: str, default: int | None) -> int | None:
            if key not in data:
                return default
            value = data[key]
            if value is None:
                return None
            if isinstance(value, bool) or not isinstance(value, int | str):
                raise ValueError(f"{key}: cần một số.")
            return int(value)

        return cls(
            weekly_weekday=number("weekly_weekday", defaults.weekly_weekday),
            monthly_day=number("monthly_day", defaults.monthly_day),
            half_year_due=pair("half_year_due", defaults.half_year_due),
            annual_due=pair("annual_due", defaults.annual_due),
        )

    def to_json(self) -> dict[str, Any]:
        return {
            "weekly_weekday": self.weekly_weekday,
            "monthly_day": self.monthly_day,
            "half_year_due": list(self.half_year_due) if self.half_year_due else None,
            "annual_due": list(self.annual_due) if self.annual_due else None,
        }


@dataclass(frozen=True)
class Period:
    """One periodic report: ``key`` is stable (stored), ``due`` is the nominal due day."""

    kind: PeriodKind
    key: str  # "2027-W03", "2027-01", "2027-H1", "2027"
    due: date
    label_vi: str  # "tuần 03/2027", "tháng 01/2027", "6 tháng đầu năm 2027", "năm 2027"

    def to_json(self) -> dict[str, Any]:
        return {"kind": self.kind, "key": self.key, "due": self.due.isoformat(), "label_vi": self.label_vi}


# -- building periods ------------------------------------------------------------------


def _week(due: date) -> Period:
    iso_year, week, _ = due.isocalendar()
    return Period("week", f"{iso_year:04d}-W{week:02d}", due, f"tuần {week:02d}/{iso_year}")


def _month(settings: CadenceSettings, year: int, month: int) -> Period:
    assert settings.monthly_day is not None
    due = _clamped(year, month, settings.monthly_day)
    return Period("month", f"{year:04d}-{month:02d}", due, f"tháng {month:02d}/{year}")


def _half_year(settings: CadenceSettings, year: int) -> Period:
    assert settings.half_year_due is not None
    due = _clamped(year, *settings.half_year_due)
    return Period("half_year", f"{year:04d}-H1", due, f"6 tháng đầu năm {year}")


def _year(settings: CadenceSettings, year: int) -> Period:
    assert settings.annual_due is not None
    due = _clamped(year, *settings.annual_due)
    return Period("year", f"{year:04d}", due, f"năm {year}")


def _sort_key(period: Period) -> tuple[date, int]:
    return (period.due, _KIND_ORDER[period.kind])


def periods_due_between(settings: CadenceSettings, start: date, end: date) -> list[Period]:
    """Every period whose nominal due day is in ``[start, end]``, sorted by due day, then by
    kind (week, month, half-year, year). Empty when ``end < start``."""
    if end < start:
        return []
    found: list[Period] = []
    if settings.weekly_weekday is not None:
        try:
            due = start + timedelta(days=(settings.weekly_weekday - start.weekday()) % 7)
            while due <= end:
                found.append(_week(due))
                due += timedelta(days=7)
        except OverflowError:
            pass
    if settings.monthly_day is not None:
        year, month = start.year, start.month
        while (year, month) <= (end.year, end.month):
            period = _month(settings, year, month)
            if start <= period.due <= end:
                found.append(period)
            year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    for year in range(start.year, end.year + 1):
        for build, enabled in (
            (_half_year, settings.half_year_due is not None),
            (_year, settings.annual_due is not None),
        ):
            if enabled:
                period = build(settings, year)
                if start <= period.due <= end:
                    found.append(period)
    found.sort(key=_sort_key)
    return found


def current_period(settings: CadenceSettings, kind: PeriodKind, today: date) -> Period | None:
    """The period of ``kind`` whose due day is the first on or after ``today`` (the report
    agencies are working towards); None when the kind is switched off or past year 9999."""
    try:
        if kind == "week":
            if settings.weekly_weekday is None:
                return None
            return _week(today + timedelta(days=(settings.weekly_weekday - today.weekday()) % 7))
        if kind == "month":
            if settings.monthly_day is None:
                return None
            period = _month(settings, today.year, today.month)
            if period.due >= today:
                return period
            year, month = (today.year + 1, 1) if today.month == 12 else (today.year, today.month + 1)
            return _month(settings, year, month)
        build = _half_year if kind == "half_year" else _year
        if (settings.half_year_due if kind == "half_year" else settings.annual_due) is None:
            return None
        period = build(settings, today.year)
        return period if period.due >= today else build(settings, today.year + 1)
    except (OverflowError, ValueError):
        return None


_WEEK_KEY = re.compile(r"([0-9]{4})-W([0-9]{2})")
_MONTH_KEY = re.compile(r"([0-9]{4})-([0-9]{2})")
_HALF_KEY = re.compile(r"([0-9]{4})-H1")
_YEAR_KEY = re.compile(r"([0-9]{4})")


def period_from_key(settings: CadenceSettings, key: str) -> Period | None:
    """Parse a key made by this module (``"2027-W03"``, ``"2027-01"``, ``"2027-H1"``,
    ``"2027"``). None when malformed, impossible (``"2027-W53"``, ``"2027-13"``) or when the
    kind is switched off in ``settings``."""
    if not isinstance(key, str):
        return None
    try:
        if m := _WEEK_KEY.fullmatch(key):
            if settings.weekly_weekday is None:
                return None
            due = date.fromisocalendar(int(m[1]), int(m[2]), settings.weekly_weekday + 1)
            return _week(due)
        if m := _MONTH_KEY.fullmatch(key):
            year, month = int(m[1]), int(m[2])
            if settings.monthly_day is None or not 1 <= month <= 12 or year < 1:
                return None
            return _month(settings, year, month)
        if m := _HALF_KEY.fullmatch(key):
            year = int(m[1])
            if settings.half_year_due is None or year < 1:
                return None
            return _half_year(settings, year)
        if m := _YEAR_KEY.fullmatch(key):
            year = int(m[1])
            if settings.annual_due is None or year < 1:
                return None
            return _year(settings, year)
    except ValueError:
        return None
    return None

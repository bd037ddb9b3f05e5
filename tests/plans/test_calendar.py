"""Working calendar: weekends, Vietnamese holidays (Tết), swapped days, sending window."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import holidays
import pytest
from hypothesis import given
from hypothesis import strategies as st

from plans import calendar as cal
from plans.calendar import (
    VN_TZ,
    SendingWindow,
    WorkingCalendar,
    latest_send_slot,
    next_send_time,
    send_day_for,
)

ICT = ZoneInfo("Asia/Ho_Chi_Minh")
C = WorkingCalendar()


def ict(year: int, month: int, day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=ICT)


# -- days off ------------------------------------------------------------------------------


def test_tet_2025_official_days() -> None:
    # Lunar new year on Wednesday 29/01/2025; official days off 27/01 (29 Tết) to 31/01, then the weekend.
    for day in range(27, 32):
        assert C.is_day_off(date(2025, 1, day)), day
    assert C.holiday_name(date(2025, 1, 29)) == "Tết Nguyên Đán"
    assert C.holiday_name(date(2025, 1, 28)) == "Giao thừa Tết Nguyên Đán"
    assert C.is_day_off(date(2025, 2, 1)) and C.is_day_off(date(2025, 2, 2))
    assert C.is_working_day(date(2025, 1, 24))  # Friday before
    assert C.is_working_day(date(2025, 2, 3))  # Monday after


def test_tet_2027() -> None:
    # Lunar new year on Saturday 06/02/2027; the package's official days are 04/02 to 10/02.
    for day in range(4, 11):
        assert C.is_day_off(date(2027, 2, day)), day
    assert C.holiday_name(date(2027, 2, 6)) == "Tết Nguyên Đán"
    assert C.is_working_day(date(2027, 2, 3))
    assert C.is_working_day(date(2027, 2, 11))
    assert send_day_for(C, date(2027, 2, 8)) == date(2027, 2, 3)


def test_national_day() -> None:
    assert C.is_day_off(date(2025, 9, 2)) and C.is_day_off(date(2025, 9, 1))
    assert C.holiday_name(date(2025, 9, 2)) == "Quốc khánh"
    assert C.is_day_off(date(2024, 9, 2)) and C.is_day_off(date(2024, 9, 3))
    # Saturday 30/08 to Tuesday 02/09/2025 off: a reminder for 02/09 goes out on Friday 29/08.
    assert send_day_for(C, date(2025, 9, 2)) == date(2025, 8, 29)


def test_reunification_and_labour_day() -> None:
    assert C.is_day_off(date(2025, 4, 30)) and C.is_day_off(date(2025, 5, 1))
    assert C.holiday_name(date(2025, 4, 30)) == "Ngày Chiến thắng"
    assert C.holiday_name(date(2025, 5, 1)) == "Ngày Quốc tế Lao động"
    # 2025: Friday 02/05 given off in exchange for Saturday 26/04, which is worked.
    assert C.is_day_off(date(2025, 5, 2))
    assert C.is_working_day(date(2025, 4, 26))
    # 2024: Monday 29/04 off, Saturday 04/05 worked.
    assert C.is_day_off(date(2024, 4, 29))
    assert C.is_working_day(date(2024, 5, 4))
    assert send_day_for(C, date(2025, 5, 4)) == date(2025, 4, 29)


def test_hung_kings_and_new_year() -> None:
    assert C.holiday_name(date(2025, 4, 7)) == "Ngày Giỗ Tổ Hùng Vương"
    assert C.holiday_name(date(2025, 1, 1)) == "Tết Dương lịch"
    assert C.holiday_name(date(2025, 3, 12)) is None


def test_sunday_goes_back_to_friday() -> None:
    sunday = date(2025, 3, 9)
    assert C.is_day_off(sunday) and C.is_day_off(date(2025, 3, 8))
    assert C.holiday_name(sunday) is None
    assert C.on_or_before(sunday) == date(2025, 3, 7)
    assert send_day_for(C, sunday) == date(2025, 3, 7)
    assert C.on_or_after(sunday) == date(2025, 3, 10)
    assert C.on_or_before(date(2025, 3, 12)) == date(2025, 3, 12)


def test_working_saturday() -> None:
    saturday = date(2025, 3, 8)
    swapped = WorkingCalendar(working_saturdays=frozenset({saturday}))
    assert swapped.is_working_day(saturday)
    assert not swapped.is_day_off(saturday)
    assert swapped.on_or_before(date(2025, 3, 9)) == saturday
    assert swapped.add_working_days(date(2025, 3, 7), 1) == saturday
    # A holiday stays a holiday even if listed as a working Saturday.
    assert WorkingCalendar(working_saturdays=frozenset({date(2025, 2, 1)})).is_day_off(date(2025, 2, 1))


def test_extra_day_off() -> None:
    local = date(2025, 3, 5)  # a Wednesday
    extra = WorkingCalendar(extra_days_off=frozenset({local}))
    assert extra.is_day_off(local)
    assert extra.holiday_name(local) == "Ngày nghỉ"
    assert extra.on_or_before(local) == date(2025, 3, 4)
    assert extra.working_days_between(date(2025, 3, 3), date(2025, 3, 7)) == 3
    assert C.is_working_day(local)  # other calendars are not affected
    assert extra != C


def test_calendars_are_values() -> None:
    a = WorkingCalendar(extra_days_off=frozenset({date(2025, 3, 5)}))
    b = WorkingCalendar(extra_days_off=frozenset({date(2025, 3, 5)}))
    a.is_day_off(date(2025, 3, 5))  # fills a's cache only
    assert a == b and hash(a) == hash(b)


# -- arithmetic ----------------------------------------------------------------------------


def test_add_working_days_across_tet() -> None:
    assert C.add_working_days(date(2025, 1, 24), 1) == date(2025, 2, 3)
    assert C.add_working_days(date(2025, 1, 23), 3) == date(2025, 2, 4)
    assert C.add_working_days(date(2025, 2, 5), -3) == date(2025, 1, 24)
    assert C.add_working_days(date(2025, 2, 3), -1) == date(2025, 1, 24)
    assert C.add_working_days(date(2025, 1, 29), 0) == date(2025, 1, 29)
    assert C.add_working_days(date(2025, 1, 29), 1) == date(2025, 2, 3)  # from inside Tết


def test_add_working_days_across_weekends() -> None:
    assert C.add_working_days(date(2025, 3, 7), 1) == date(2025, 3, 10)
    assert C.add_working_days(date(2025, 3, 10), -1) == date(2025, 3, 7)
    assert C.add_working_days(date(2025, 3, 3), 10) == date(2025, 3, 17)
    assert C.add_working_days(date(2025, 3, 8), -1) == date(2025, 3, 7)


def test_working_days_between() -> None:
    assert C.working_days_between(date(2025, 3, 3), date(2025, 3, 10)) == 5
    assert C.working_days_between(date(2025, 3, 10), date(2025, 3, 3)) == -5
    assert C.working_days_between(date(2025, 3, 5), date(2025, 3, 5)) == 0
    assert C.working_days_between(date(2025, 1, 24), date(2025, 2, 3)) == 1  # across Tết
    # "còn 3 ngày làm việc": Tuesday 28/03/2023 to Friday 31/03/2023.
    assert C.working_days_between(date(2023, 3, 28), date(2023, 3, 31)) == 3
    # Across a year end: 29/12/2025 (Mon) to 05/01/2026 (Mon); 01/01/2026 is a holiday.
    assert C.working_days_between(date(2025, 12, 29), date(2026, 1, 5)) == 4


def test_holidays_are_computed_once_per_year(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[Any] = []
    real = cal._vietnam_holidays()

    def counting(*args: Any, **kwargs: Any) -> Any:
        calls.append(kwargs.get("years"))
        return real(*args, **kwargs)

    monkeypatch.setattr(cal, "_vietnam_holidays", lambda: counting)
    cal._package_year.cache_clear()
    calendar = WorkingCalendar(extra_days_off=frozenset({date(2031, 5, 5)}))
    for offset in range(0, 365 * 2, 3):
        calendar.is_day_off(date(2031, 1, 1) + timedelta(days=offset))
        calendar.holiday_name(date(2031, 1, 1) + timedelta(days=offset))
    assert sorted(calls) == [2031, 2032]
    cal._package_year.cache_clear()


@pytest.mark.parametrize("year", [2019, 2024, 2025, 2026, 2030])
def test_the_vietnamese_calendar_alone_says_what_the_package_says(year: int) -> None:
    # the bot loads the package's Vietnam class without its other countries (a light process)
    package = holidays.country_holidays("VN", years=year, language="vi")
    alone = WorkingCalendar()
    first, last = date(year, 1, 1), date(year, 12, 31)
    days = [first + timedelta(days=n) for n in range((last - first).days + 1)]
    assert {d: alone.holiday_name(d) for d in days if alone.holiday_name(d)} == {
        d: n for d, n in package.items() if d.year == year
    }
    swapped = {d for d in package.weekend_workdays if d.year == year}
    assert {d for d in days if d.weekday() >= 5 and alone.is_working_day(d)} == swapped


# -- sending window --------------------------------------------------------------------------

W = SendingWindow()


def test_window_defaults() -> None:
    assert (W.start, W.end) == (time(7, 30), time(17, 0))
    with pytest.raises(ValueError):
        SendingWindow(start=time(18, 0), end=time(8, 0))
    assert SendingWindow.from_json(W.to_json()) == W


def test_friday_night_goes_to_monday_morning() -> None:
    friday_night = ict(2025, 3, 7, 22, 0).astimezone(UTC)
    result = next_send_time(C, W, VN_TZ, friday_night)
    assert result == ict(2025, 3, 10, 7, 30)
    assert result.tzinfo == UTC
    assert result == datetime(2025, 3, 10, 0, 30, tzinfo=UTC)


def test_early_morning_waits_for_the_window() -> None:
    early = ict(2025, 3, 11, 6, 0).astimezone(UTC)  # 23:00 UTC the day before
    assert next_send_time(C, W, VN_TZ, early) == ict(2025, 3, 11, 7, 30)


def test_inside_the_window_is_unchanged() -> None:
    inside = ict(2025, 3, 11, 9, 15).astimezone(UTC)
    assert next_send_time(C, W, VN_TZ, inside) == inside
    opening = ict(2025, 3, 11, 7, 30).astimezone(UTC)
    assert next_send_time(C, W, VN_TZ, opening) == opening


def test_window_end_is_exclusive() -> None:
    closing = ict(2025, 3, 11, 17, 0).astimezone(UTC)
    assert next_send_time(C, W, VN_TZ, closing) == ict(2025, 3, 12, 7, 30)


def test_tet_waits_until_after_the_holidays() -> None:
    assert next_send_time(C, W, VN_TZ, ict(2025, 1, 24, 18, 0)) == ict(2025, 2, 3, 7, 30)
    assert next_send_time(C, W, ICT, ict(2025, 1, 29, 10, 0)) == ict(2025, 2, 3, 7, 30)


def test_naive_earliest_is_read_as_utc() -> None:
    assert next_send_time(C, W, VN_TZ, datetime(2025, 3, 11, 2, 0)) == datetime(2025, 3, 11, 2, 0, tzinfo=UTC)


def test_latest_send_slot() -> None:
    assert latest_send_slot(C, W, VN_TZ, date(2025, 9, 2)) == ict(2025, 8, 29, 7, 30)
    assert latest_send_slot(C, W, VN_TZ, date(2025, 3, 12)) == ict(2025, 3, 12, 7, 30)


# -- properties ------------------------------------------------------------------------------

_DAYS = st.dates(min_value=date(2000, 1, 1), max_value=date(2060, 12, 31))


@given(_DAYS)
def test_on_or_before_is_a_working_day_not_after(day: date) -> None:
    result = C.on_or_before(day)
    assert result <= day
    assert C.is_working_day(result)
    assert all(C.is_day_off(result + timedelta(days=i)) for i in range(1, (day - result).days + 1))


@given(_DAYS)
def test_on_or_after_is_a_working_day_not_before(day: date) -> None:
    result = C.on_or_after(day)
    assert result >= day and C.is_working_day(result)


@given(_DAYS, st.integers(min_value=-60, max_value=60))
def test_add_then_count_round_trips(day: date, n: int) -> None:
    start = C.on_or_after(day)
    assert C.working_days_between(start, C.add_working_days(start, n)) == n


@given(st.datetimes(min_value=datetime(2000, 1, 1), max_value=datetime(2060, 1, 1)))
def test_next_send_time_is_inside_the_window(moment: datetime) -> None:
    earliest = moment.replace(tzinfo=UTC)
    result = next_send_time(C, W, VN_TZ, earliest)
    local = result.astimezone(ICT)
    assert result >= earliest
    assert C.is_working_day(local.date())
    assert W.start <= local.time() < W.end
    if result != earliest:  # moved: to a window opening, never further than needed
        assert local.time() == W.start
        assert next_send_time(C, W, VN_TZ, result - timedelta(minutes=1)) == result

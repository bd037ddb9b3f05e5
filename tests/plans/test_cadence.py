"""Reporting cadence: weekly, monthly, half-year and annual reports and their keys."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from plans.cadence import (
    PERIOD_KINDS,
    CadenceSettings,
    Period,
    PeriodKind,
    current_period,
    period_from_key,
    periods_due_between,
)

DEFAULT = CadenceSettings()


def current_key(settings: CadenceSettings, kind: PeriodKind, today: date) -> str:
    period = current_period(settings, kind, today)
    assert period is not None
    return period.key


def due_of(settings: CadenceSettings, key: str) -> date:
    period = period_from_key(settings, key)
    assert period is not None
    return period.due


def test_defaults_follow_the_plans() -> None:
    assert DEFAULT.weekly_weekday == 3  # due on Thursday ("trước thứ Năm")
    assert DEFAULT.monthly_day == 17
    assert DEFAULT.half_year_due == (6, 17)
    assert DEFAULT.annual_due == (12, 17)


def test_week_keys_around_new_year() -> None:
    weeks = [
        p for p in periods_due_between(DEFAULT, date(2026, 12, 20), date(2027, 1, 25)) if p.kind == "week"
    ]
    assert [(p.key, p.due, p.label_vi) for p in weeks] == [
        ("2026-W52", date(2026, 12, 24), "tuần 52/2026"),
        ("2026-W53", date(2026, 12, 31), "tuần 53/2026"),
        ("2027-W01", date(2027, 1, 7), "tuần 01/2027"),
        ("2027-W02", date(2027, 1, 14), "tuần 02/2027"),
        ("2027-W03", date(2027, 1, 21), "tuần 03/2027"),
    ]


def test_week_key_uses_the_iso_year_of_the_due_day() -> None:
    # Thursday 01/01/2026 is in ISO week 2026-W01; Thursday 02/01/2025 in 2025-W01.
    assert current_period(DEFAULT, "week", date(2025, 12, 30)) == Period(
        "week", "2026-W01", date(2026, 1, 1), "tuần 01/2026"
    )
    # A Monday-due report: Monday 29/12/2025 already belongs to ISO week 2026-W01.
    monday = CadenceSettings(weekly_weekday=0)
    assert current_key(monday, "week", date(2025, 12, 27)) == "2026-W01"


def test_month_half_year_and_year_periods() -> None:
    assert period_from_key(DEFAULT, "2027-01") == Period(
        "month", "2027-01", date(2027, 1, 17), "tháng 01/2027"
    )
    assert period_from_key(DEFAULT, "2027-H1") == Period(
        "half_year", "2027-H1", date(2027, 6, 17), "6 tháng đầu năm 2027"
    )
    assert period_from_key(DEFAULT, "2027") == Period("year", "2027", date(2027, 12, 17), "năm 2027")
    assert period_from_key(DEFAULT, "2027-W03") == Period(
        "week", "2027-W03", date(2027, 1, 21), "tuần 03/2027"
    )


def test_periods_due_between_sorted_by_due_then_kind() -> None:
    found = periods_due_between(DEFAULT, date(2026, 12, 15), date(2026, 12, 31))
    assert [(p.due.day, p.kind, p.key) for p in found] == [
        (17, "week", "2026-W51"),  # Thursday 17/12/2026: weekly, monthly and annual reports
        (17, "month", "2026-12"),
        (17, "year", "2026"),
        (24, "week", "2026-W52"),
        (31, "week", "2026-W53"),
    ]
    june = periods_due_between(DEFAULT, date(2027, 6, 17), date(2027, 6, 17))
    assert [p.key for p in june] == ["2027-W24", "2027-06", "2027-H1"]


def test_interval_bounds_are_inclusive() -> None:
    assert [p.key for p in periods_due_between(DEFAULT, date(2027, 1, 17), date(2027, 1, 17))] == ["2027-01"]
    assert periods_due_between(DEFAULT, date(2027, 1, 18), date(2027, 1, 20)) == []
    assert periods_due_between(DEFAULT, date(2027, 2, 1), date(2027, 1, 1)) == []


def test_switched_off_kinds() -> None:
    monthly_only = CadenceSettings(weekly_weekday=None, half_year_due=None, annual_due=None)
    found = periods_due_between(monthly_only, date(2027, 1, 1), date(2027, 12, 31))
    assert [p.key for p in found] == [f"2027-{m:02d}" for m in range(1, 13)]
    assert current_period(monthly_only, "week", date(2027, 3, 3)) is None
    assert current_period(monthly_only, "half_year", date(2027, 3, 3)) is None
    assert current_period(monthly_only, "year", date(2027, 3, 3)) is None
    assert period_from_key(monthly_only, "2027-W03") is None
    assert period_from_key(monthly_only, "2027-H1") is None
    assert period_from_key(monthly_only, "2027") is None
    nothing = CadenceSettings(None, None, None, None)
    assert periods_due_between(nothing, date(2027, 1, 1), date(2027, 12, 31)) == []
    assert not any(nothing.enabled(kind) for kind in PERIOD_KINDS)
    assert all(DEFAULT.enabled(kind) for kind in PERIOD_KINDS)


def test_monthly_before_the_15th() -> None:
    settings = CadenceSettings(monthly_day=15)
    months = [
        p for p in periods_due_between(settings, date(2023, 1, 1), date(2023, 3, 31)) if p.kind == "month"
    ]
    assert [p.due for p in months] == [date(2023, 1, 15), date(2023, 2, 15), date(2023, 3, 15)]
    assert current_period(settings, "month", date(2023, 3, 16)) == Period(
        "month", "2023-04", date(2023, 4, 15), "tháng 04/2023"
    )


def test_monthly_day_beyond_month_end_is_the_last_day() -> None:
    settings = CadenceSettings(monthly_day=31)
    assert due_of(settings, "2027-02") == date(2027, 2, 28)
    assert due_of(settings, "2028-02") == date(2028, 2, 29)
    assert due_of(settings, "2027-04") == date(2027, 4, 30)
    assert due_of(settings, "2027-01") == date(2027, 1, 31)


def test_current_period() -> None:
    assert current_key(DEFAULT, "month", date(2027, 1, 17)) == "2027-01"
    assert current_key(DEFAULT, "month", date(2027, 1, 18)) == "2027-02"
    assert current_key(DEFAULT, "month", date(2026, 12, 18)) == "2027-01"
    assert current_key(DEFAULT, "week", date(2027, 1, 21)) == "2027-W03"  # Thursday itself
    assert current_key(DEFAULT, "week", date(2027, 1, 22)) == "2027-W04"
    assert current_key(DEFAULT, "half_year", date(2027, 6, 17)) == "2027-H1"
    assert current_key(DEFAULT, "half_year", date(2027, 6, 18)) == "2028-H1"
    assert current_key(DEFAULT, "year", date(2027, 12, 18)) == "2028"
    assert current_period(DEFAULT, "year", date(9999, 12, 18)) is None


@pytest.mark.parametrize(
    "key",
    ["", "2027-13", "2027-00", "2027-W00", "2027-W53", "2027-W54", "27-01", "2027-1", "2027-W3", "2027-H2",
     "2027-h1", " 2027", "2027 ", "0000", "0000-01", "abc", "2027-01-17", "２０２７", "2027/01"],
)  # fmt: skip
def test_malformed_keys(key: str) -> None:
    assert period_from_key(DEFAULT, key) is None


def test_settings_json() -> None:
    assert DEFAULT.to_json() == {
        "weekly_weekday": 3,
        "monthly_day": 17,
        "half_year_due": [6, 17],
        "annual_due": [12, 17],
    }
    assert CadenceSettings.from_json(DEFAULT.to_json()) == DEFAULT
    assert CadenceSettings.from_json({}) == DEFAULT
    assert CadenceSettings.from_json({"monthly_day": 15}) == CadenceSettings(monthly_day=15)
    off = CadenceSettings.from_json({"weekly_weekday": None, "half_year_due": None})
    assert off == CadenceSettings(weekly_weekday=None, half_year_due=None)
    assert CadenceSettings.from_json(off.to_json()) == off


@pytest.mark.parametrize(
    "data",
    [{"weekly_weekday": 7}, {"monthly_day": 0}, {"monthly_day": 32}, {"half_year_due": [13, 1]},
     {"annual_due": [12]}, {"annual_due": "12/17"}, {"monthly_day": "x"}, {"weekly_weekday": True}],
)  # fmt: skip
def test_bad_settings_raise_value_error(data: dict[str, object]) -> None:
    with pytest.raises(ValueError):
        CadenceSettings.from_json(data)


def test_period_json() -> None:
    period = period_from_key(DEFAULT, "2027-H1")
    assert period is not None
    assert period.to_json() == {
        "kind": "half_year",
        "key": "2027-H1",
        "due": "2027-06-17",
        "label_vi": "6 tháng đầu năm 2027",
    }


# -- properties ------------------------------------------------------------------------------

_SETTINGS = st.builds(
    CadenceSettings,
    weekly_weekday=st.one_of(st.none(), st.integers(0, 6)),
    monthly_day=st.one_of(st.none(), st.integers(1, 31)),
    half_year_due=st.one_of(st.none(), st.tuples(st.integers(1, 12), st.integers(1, 31))),
    annual_due=st.one_of(st.none(), st.tuples(st.integers(1, 12), st.integers(1, 31))),
)
_DAYS = st.dates(min_value=date(1990, 1, 1), max_value=date(2100, 12, 31))
_KINDS: st.SearchStrategy[PeriodKind] = st.sampled_from(PERIOD_KINDS)


@given(_SETTINGS, _KINDS, _DAYS)
def test_current_period_round_trips_through_its_key(
    settings: CadenceSettings, kind: PeriodKind, today: date
) -> None:
    period = current_period(settings, kind, today)
    if not settings.enabled(kind):
        assert period is None
        return
    assert period is not None and period.kind == kind
    assert period.due >= today
    assert period_from_key(settings, period.key) == period
    # No period of this kind is due between today and its due day.
    earlier = periods_due_between(settings, today, period.due - timedelta(days=1))
    assert all(p.kind != kind for p in earlier)


@given(_SETTINGS, _DAYS, st.integers(0, 400))
def test_periods_due_between_are_in_range_sorted_and_round_trip(
    settings: CadenceSettings, start: date, length: int
) -> None:
    end = start + timedelta(days=length)
    found = periods_due_between(settings, start, end)
    order = {kind: i for i, kind in enumerate(PERIOD_KINDS)}
    assert found == sorted(found, key=lambda p: (p.due, order[p.kind]))
    assert len({p.key for p in found}) == len(found)
    for period in found:
        assert start <= period.due <= end
        assert period_from_key(settings, period.key) == period
    if settings.weekly_weekday is not None and length >= 6:
        assert sum(p.kind == "week" for p in found) >= 1


@given(_SETTINGS, st.text(max_size=12))
def test_period_from_key_never_raises(settings: CadenceSettings, key: str) -> None:
    period = period_from_key(settings, key)
    if period is not None:
        assert period.key == key

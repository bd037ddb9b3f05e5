"""A commune's reports fall due a set number of working days before the province's day."""

from __future__ import annotations

from datetime import date

import pytest

from plans.cadence import Period
from plans.group_settings import SettingError, apply
from plans.reminder_plan import Rules, group_period
from plans.schedule import ReminderSettings

APRIL = Period("month", "2024-04", date(2024, 4, 17), "tháng 04/2024")


def test_a_communes_report_is_due_working_days_before_the_provinces() -> None:
    province = Rules(ReminderSettings(), "Asia/Ho_Chi_Minh")
    commune = Rules(ReminderSettings.from_json(apply({}, "report_ahead", "3")), "Asia/Ho_Chi_Minh")
    assert group_period(APRIL, province) == APRIL
    # Wednesday 17/04/2024: three working days before is Friday 12/04 (the weekend skipped), same key
    assert group_period(APRIL, commune) == Period("month", "2024-04", date(2024, 4, 12), "tháng 04/2024")
    # the 2024 holiday ran Saturday 27/04 to Wednesday 01/05 (Monday 29/04 swapped off): three working
    # days before Thursday 02/05 are 26, 25 and 24/04
    may = Period("month", "2024-05", date(2024, 5, 2), "tháng 05/2024")
    assert group_period(may, commune).due == date(2024, 4, 24)


@pytest.mark.parametrize("wrong", ["-1", "hai"])
def test_report_ahead_takes_a_whole_number_of_days(wrong: str) -> None:
    with pytest.raises(SettingError):
        apply({}, "report_ahead", wrong)

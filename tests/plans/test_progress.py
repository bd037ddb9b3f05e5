"""A lead's standing and a task's, rolled up from its leads."""

from __future__ import annotations

from datetime import date

from plans.progress import overall, standing

DUE = date(2024, 3, 29)


def test_due_is_the_last_day_on_time() -> None:
    assert standing("in_progress", DUE, None, date(2024, 3, 29)) == "on_time"
    assert standing("in_progress", DUE, None, date(2024, 3, 30)) == "overdue"
    assert standing("done", DUE, date(2024, 3, 29), date(2024, 4, 5)) == "done_on_time"
    assert standing("done", DUE, date(2024, 3, 30), date(2024, 4, 5)) == "done_late"
    assert standing("not_started", None, None, date(2024, 4, 5)) == "no_deadline"


def test_a_task_is_as_late_as_its_latest_lead_and_done_only_when_all_are() -> None:
    assert overall(["done_on_time", "overdue"]) == "overdue"
    assert overall(["done_on_time", "on_time"]) == "on_time"
    assert overall(["done_on_time", "done_late"]) == "done_late"
    assert overall(["done_on_time", "done_on_time"]) == "done_on_time"

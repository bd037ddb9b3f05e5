"""Derived standing of a lead's task: on time, overdue, done on time, done late."""

from __future__ import annotations

from datetime import date
from typing import Literal

Standing = Literal["on_time", "overdue", "done_on_time", "done_late", "no_deadline"]


def standing(status: str, due: date | None, done_on: date | None, today: date) -> Standing:
    """``due`` is the last on-time day: done on it is on time, open after it is overdue."""
    if status == "done":
        if due is None or done_on is None or done_on <= due:
            return "done_on_time"
        return "done_late"
    if due is None:
        return "no_deadline"
    return "overdue" if today > due else "on_time"


def days_late(due: date, today: date) -> int:
    return max(0, (today - due).days)


def overall(standings: list[Standing]) -> Standing:
    """A task's standing from its leads': late if any lead is late, done only when all are done."""
    if not standings:
        return "no_deadline"
    for worst in ("overdue", "on_time", "no_deadline", "done_late"):
        if worst in standings:
            return worst
    return "done_on_time"

"""Week by week: how many leads were overdue at the end of each week, and how many were finished
in it (the leaders' trend chart). Pure: the leads' due and done days are given."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta


@dataclass(frozen=True)
class LeadDays:
    """What the trend needs of a lead: its last on-time day and the day it was finished."""

    due: date | None
    done: bool
    done_on: date | None


@dataclass(frozen=True)
class Week:
    start: date  # a Monday
    end: date  # its Sunday, or today for the current week
    overdue: int  # leads open after their due day at ``end``
    done: int  # leads finished between ``start`` and ``end``


def _overdue_at(lead: LeadDays, day: date) -> bool:
    if lead.due is None or lead.due >= day:
        return False
    if not lead.done:
        return True
    return lead.done_on is not None and lead.done_on > day


def weekly_trend(leads: Iterable[LeadDays], today: date, weeks: int = 12) -> list[Week]:
    """The last ``weeks`` weeks, oldest first, the current week ending today."""
    rows = list(leads)
    monday = today - timedelta(days=today.weekday())
    found = []
    for back in range(weeks - 1, -1, -1):
        start = monday - timedelta(weeks=back)
        end = min(start + timedelta(days=6), today)
        overdue = sum(1 for lead in rows if _overdue_at(lead, end))
        done = sum(1 for lead in rows if lead.done_on is not None and start <= lead.done_on <= end)
        found.append(Week(start, end, overdue, done))
    return found

"""Week by week: the spans of the leaders' trend chart (how many leads were overdue at the end of
each week, and how many were finished in it; the database counts them)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta


@dataclass(frozen=True)
class Week:
    start: date  # a Monday
    end: date  # its Sunday, or today for the current week
    overdue: int  # leads open after their due day at ``end``
    done: int  # leads finished between ``start`` and ``end``


def week_spans(today: date, weeks: int = 12) -> list[tuple[date, date]]:
    """The last ``weeks`` weeks as (Monday, Sunday), oldest first, the current week ending today."""
    monday = today - timedelta(days=today.weekday())
    spans = []
    for back in range(weeks - 1, -1, -1):
        start = monday - timedelta(weeks=back)
        spans.append((start, min(start + timedelta(days=6), today)))
    return spans

"""What a compiled report is made of: plain data, filled by ``services.compile``, read by the
renderers (``render/docx.py``, ``render/xlsx.py``, ``render/charts.py``).

Nothing here touches a database, a messenger or the clock: every date is given.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Literal

Standing = Literal["on_time", "overdue", "done_on_time", "done_late", "no_deadline"]

# The order every table, legend and stacked bar uses: finished work first, then work still
# running, then what is late, then what has no deadline to be judged against.
STANDINGS: tuple[Standing, ...] = ("done_on_time", "done_late", "on_time", "overdue", "no_deadline")


@dataclass(frozen=True)
class ReportTask:
    code: str
    content: str
    section: str | None
    lead: str  # the lead agency's name
    status: str  # the lead's status ("in_progress"), told in words with ``percent`` and ``done_on``
    standing: Standing
    due: date | None
    done_on: date | None
    days_late: int  # 0 when not late
    percent: int | None


@dataclass(frozen=True)
class Excerpt:
    agency: str
    at: datetime  # aware
    text: str


@dataclass(frozen=True)
class CompiledReport:
    parent_body: str | None  # e.g. "UBND THỊ XÃ ĐỨC PHỔ" (the governing body, top-left line 1); None: not set
    issuer: str  # e.g. "TỔ CÔNG TÁC ĐỀ ÁN 06" (top-left line 2, bold)
    place: str | None  # e.g. "Đức Phổ"; None: not set
    issued_on: date
    period_label: str  # e.g. "tháng 06/2024", "tuần 23/2024", "6 tháng đầu năm 2024"
    period_key: str  # "2024-06"
    summary: dict[Standing, int]
    sections: list[tuple[str, list[ReportTask]]]  # groups of tasks, in plan order ("" for tasks of no section)
    overdue: list[ReportTask]
    missing_reports: list[str]  # agencies that did not report for the period
    excerpts: list[Excerpt]  # what agencies wrote in their reports


def summary_total(summary: Mapping[Standing, int]) -> int:
    return sum(summary.get(s, 0) for s in STANDINGS)


def count_standings(tasks: list[ReportTask]) -> dict[Standing, int]:
    """How many of ``tasks`` are in each standing (every standing present, zeros included)."""
    counts: dict[Standing, int] = dict.fromkeys(STANDINGS, 0)
    for task in tasks:
        counts[task.standing] += 1
    return counts

"""What an exported report is made of: plain data, filled by the services, read by the renderers.

Nothing here touches a database, Telegram or the clock: every date is given.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Literal

from locales import _

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
    status_text: str  # Vietnamese status, e.g. "đang thực hiện, 70%"
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
    parent_body: str  # e.g. "UBND THỊ XÃ ĐỨC PHỔ" (the governing body, top-left line 1)
    issuer: str  # e.g. "TỔ CÔNG TÁC ĐỀ ÁN 06" (top-left line 2, bold)
    place: str  # e.g. "Đức Phổ"
    issued_on: date
    period_label: str  # e.g. "tháng 06/2024", "tuần 23/2024", "6 tháng đầu năm 2024"
    period_key: str  # "2024-06"
    summary: dict[Standing, int]
    sections: list[tuple[str, list[ReportTask]]]  # groups of tasks, in plan order
    overdue: list[ReportTask]
    missing_reports: list[str]  # agencies that did not report for the period
    excerpts: list[Excerpt]  # what agencies wrote in their reports


def standing_label(standing: Standing) -> str:
    """The Vietnamese (or active language's) name of a standing, looked up now, not at import."""
    match standing:
        case "on_time":
            return _("Đang trong hạn")
        case "overdue":
            return _("Quá hạn")
        case "done_on_time":
            return _("Hoàn thành đúng hạn")
        case "done_late":
            return _("Hoàn thành quá hạn")
        case "no_deadline":
            return _("Không có thời hạn")
    raise ValueError(standing)


class _StandingLabels(Mapping[Standing, str]):
    """``STANDING_LABELS["overdue"]`` → "Quá hạn", translated at each look-up."""

    def __getitem__(self, key: Standing) -> str:
        if key not in STANDINGS:
            raise KeyError(key)
        return standing_label(key)

    def __iter__(self) -> Iterator[Standing]:
        return iter(STANDINGS)

    def __len__(self) -> int:
        return len(STANDINGS)


STANDING_LABELS: Mapping[Standing, str] = _StandingLabels()


def summary_total(summary: Mapping[Standing, int]) -> int:
    return sum(summary.get(s, 0) for s in STANDINGS)


def count_standings(tasks: list[ReportTask]) -> dict[Standing, int]:
    """How many of ``tasks`` are in each standing (every standing present, zeros included)."""
    counts: dict[Standing, int] = dict.fromkeys(STANDINGS, 0)
    for task in tasks:
        counts[task.standing] += 1
    return counts


# Characters XML 1.0 forbids (control characters other than tab, new line, carriage return; lone
# surrogates, which cannot even be encoded):
# text typed in a chat can carry them, and both Word and Excel files would refuse to be written.
_NOT_XML = re.compile("[\x00-\x08\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_BREAKS = re.compile("[\x0b\x0c]")  # Word's line and page breaks, pasted into a chat


def printable(text: str) -> str:
    """``text`` without the characters an Office file cannot hold (line breaks become new lines)."""
    return _NOT_XML.sub("", _BREAKS.sub("\n", text))


def share(part: int, total: int) -> str:
    """``part`` of ``total`` as a Vietnamese percentage with a decimal comma: ``"33,3%"``."""
    if total <= 0:
        return "—"
    value = f"{100 * part / total:.1f}".replace(".", ",")
    return value.removesuffix(",0") + "%"

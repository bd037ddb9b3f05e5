"""The words and cell values of an exported report; its data is ``services.compiled_report``."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping

from locales import _
from render.text import describe_row
from services.compiled_report import (
    STANDINGS,
    CompiledReport,
    Excerpt,
    ReportTask,
    Standing,
    count_standings,
    summary_total,
)

__all__ = [  # the report's data, re-exported for the renderers that read it with its labels
    "STANDINGS",
    "STANDING_LABELS",
    "CompiledReport",
    "Excerpt",
    "ReportTask",
    "Standing",
    "count_standings",
    "parent_body_of",
    "place_of",
    "printable",
    "share",
    "standing_label",
    "status_text",
    "summary_total",
]


PARENT_BODY = "ỦY BAN NHÂN DÂN"  # the letterhead's first line when the group has set none
PLACE = "……………"  # left to fill in by hand when the group has set none


def parent_body_of(report: CompiledReport) -> str:
    return report.parent_body or PARENT_BODY


def place_of(report: CompiledReport) -> str:
    return report.place or PLACE


def status_text(task: ReportTask) -> str:
    """The lead's status in words, e.g. "đang thực hiện, 70%"."""
    return describe_row(task.status, task.percent, task.done_on)


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

"""One model for every format: paragraphs and tables of cells, in document order.

The .docx, .xlsx and text readers all produce a :class:`Blocks`; the layout readers only ever
see this model, so one layout logic serves every format. Text keeps light Markdown-like marks
(``*italic*``, ``**bold**``) because one layout ("a trailing italic deadline") depends on them;
:func:`plain` removes them.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from typing import Any, Literal

from plans.agencies import AgencyRef
from plans.deadlines import Deadline
from plans.text import clean

_TAGS = re.compile(r"<\s*/?\s*(?:i|b|u|em|strong|span|sup|sub)\b[^>]*>", re.IGNORECASE)
_BR = re.compile(r"<\s*br\s*/?\s*>", re.IGNORECASE)


def strip_marks(text: str) -> str:
    """Remove emphasis marks and inline HTML tags; keep line breaks."""
    text = _BR.sub("\n", text)
    text = _TAGS.sub("", text)
    return unicodedata.normalize("NFC", text.replace("*", ""))


def plain(text: str) -> str:
    """Text without marks, on one line, spaces collapsed."""
    return clean(strip_marks(text))


@dataclass
class Paragraph:
    text: str
    style: str = ""

    @cached_property
    def plain(self) -> str:
        return plain(self.text)


@dataclass
class Cell:
    """One grid cell. A cell covered by a vertical merge repeats the merged text and has
    ``merged_up``; one covered by a horizontal merge is empty with ``merged_left``."""

    text: str
    merged_up: bool = False
    merged_left: bool = False

    @cached_property
    def plain(self) -> str:
        return plain(self.text)


@dataclass
class Row:
    cells: list[Cell]
    header: bool = False  # marked as a (repeated) header row by the format


@dataclass
class Table:
    rows: list[Row]
    name: str = ""  # the sheet's name for .xlsx


Block = Paragraph | Table
SourceKind = Literal["docx", "xlsx", "text", "pdf"]


@dataclass
class Blocks:
    blocks: list[Block]
    kind: SourceKind
    images: int = 0


# --------------------------------------------------------------------------------------------
# Results


@dataclass
class PlanInfo:
    number: str | None = None
    title: str | None = None
    issued: date | None = None
    year: int | None = None
    issued_month: str | None = None  # "YYYY-MM" when the day is left blank ("ngày  tháng 02 năm 2024")
    issuer: str | None = None
    kind: str | None = None  # "Kế hoạch", "Thông báo" …
    title_full: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "number": self.number,
            "title": self.title,
            "issued": self.issued.isoformat() if self.issued else None,
            "year": self.year,
            "issued_month": self.issued_month,
            "issuer": self.issuer,
            "kind": self.kind,
            "title_full": self.title_full,
        }


@dataclass
class ParsedTask:
    code: str
    section: str
    content: str
    lead: list[AgencyRef]
    support: list[AgencyRef]
    deadline_text: str
    deadline: Deadline
    notes: dict[str, str] = field(default_factory=dict)
    layout: str = ""

    @property
    def collective(self) -> list[AgencyRef]:
        return [r for r in (*self.lead, *self.support) if r.collective]

    def to_json(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "section": self.section,
            "content": self.content,
            "lead": [r.written for r in self.lead],
            "support": [r.written for r in self.support],
            "deadline_text": self.deadline_text,
            "deadline": self.deadline.to_json(),
            "collective": [r.written for r in self.collective],
            "notes": dict(self.notes),
        }


@dataclass(frozen=True)
class OcrInfo:
    """The text was recognized from images: on how many pages, mean word confidence (0-100)."""

    pages: int
    confidence: float


@dataclass
class ParsedPlan:
    plan: PlanInfo
    tasks: list[ParsedTask]
    unknown_agencies: list[str]
    warnings: list[str]
    reporting: dict[str, Any] = field(default_factory=dict)
    layout: str = ""
    ocr: OcrInfo | None = None
    skipped: list[str] = field(default_factory=list)  # items that read like tasks but name nobody

    def to_json(self) -> dict[str, Any]:
        return {
            "plan": self.plan.to_json(),
            "tasks": [t.to_json() for t in self.tasks],
            "unknown_agencies": list(self.unknown_agencies),
            "warnings": list(self.warnings),
            "reporting": dict(self.reporting),
            "skipped": list(self.skipped),
            **({"ocr": {"pages": self.ocr.pages, "confidence": self.ocr.confidence}} if self.ocr else {}),
        }


@dataclass
class TaskDraft:
    """What a layout reader found, before agencies are resolved and the deadline read."""

    code: str
    section: str
    content: str
    lead_text: str = ""
    support_text: str = ""
    deadline_text: str = ""
    notes: dict[str, str] = field(default_factory=dict)
    lead_refs: list[AgencyRef] | None = None
    support_refs: list[AgencyRef] | None = None
    undated: Literal["ongoing", "unknown"] = "unknown"  # kind when there is no deadline text
    order: tuple[int, int] = (0, 0)
    layout: str = ""

"""Compiled patterns and calendar helpers for :mod:`plans.deadlines`.

Every pattern runs on folded text (lower case, no diacritics, ``đ`` → ``d``) and is compiled
with ``re.ASCII`` so that ``\\d``/``\\w``/``\\b`` mean ASCII digits and letters only: a digit
of another script is never read as part of a date.
"""

from __future__ import annotations

import calendar
import re
from datetime import date, timedelta

_F = re.ASCII

# --- what is masked before anything is read -------------------------------------------

# A cited document: ``số 05/CT-TTg ngày 23/02/2023``, ``01/2016/QĐ-UBND``, ``29-CT/TU``,
# ``296/KH- UBND``, ``số 01/TCTĐA06``, ``số 27 ngày …``. Its number and the date that follows
# it are the document's, never a deadline.
_DATE_TAIL = (
    r"(?:\s*,?\s*(?:ban hanh\s+)?ngay\s*"
    r"(?:\d{1,2}\s*[/.\-]\s*\d{1,2}\s*[/.\-]\s*\d{2,4}"
    r"|\d{1,2}\s*thang\s*\d{1,2}\s*(?:,\s*)?(?:nam\s*)?\d{4}))?"
)
CITED = re.compile(
    r"(?:\bso\s*)?(?<![\w/.\-])\d+(?:[/\-]\d+)*[/\-][a-z][\w&.]*(?:\s?[/\-]\s?[a-z0-9][\w&.]*)*"
    + _DATE_TAIL
    + r"|\bso\s*\d+(?:\s?[/\-.]\s?\d+)*"
    + _DATE_TAIL
    + r"|\bluat(?:\s+[a-z]+){1,5}\s+nam\s+\d{4}",
    _F,
)

# --- temporal expressions, in priority order (an earlier match wins an overlap) -------

LONG_DAY = re.compile(
    r"\bngay\s*(\d{1,2})\s*thang\s*(\d{1,2})(?:\s*(?:,\s*)?(?:nam\s*|/\s*)(\d{4})(?!\d))?(?!\d)",
    _F,
)
NUM_DAY = re.compile(
    r"(?:\bngay\s*)?(?<![0-9/.\-])(\d{1,2})\s?([/.\-])\s?(\d{1,2})"
    r"(?:\s?\2\s?(\d{4}|\d{2}))?(?![0-9%]|\s?[/.\-]\s?[0-9])",
    _F,
)
HALF = re.compile(
    r"\b(?:(?:0?6|sau)\s*thang|nua)\s*(dau|cuoi)\s*nam(?:\s*(\d{4})(?!\d))?",
    _F,
)
QUARTER = re.compile(
    r"\bquy\s*(iv|i{1,3}|[1-4])(?![a-z0-9])(?:\s*(?:[/\-]|,?\s*nam)\s*(\d{4})(?!\d))?",
    _F,
)
QUARTER_Q = re.compile(r"\bq([1-4])\s?[/\-]\s?(\d{4})(?!\d)", _F)
MONTH = re.compile(
    r"\bthang\s*(\d{1,2})(?:\s*(?:[/\-]|,?\s*nam)\s*(\d{4}))?(?![0-9]|\s?/\s?[0-9])",
    _F,
)
MONTH_T = re.compile(r"\bt(\d{1,2})\s?[/\-]\s?(\d{4})(?!\d)", _F)
MONTH_BARE = re.compile(r"(?<![0-9/.\-])(\d{1,2})\s?/\s?(\d{4})(?![0-9]|\s?/)", _F)
YEAR_RANGE = re.compile(r"\b(?:giai doan|nam|tu nam)\s*(\d{4})\s*-\s*(\d{4})(?!\d)", _F)
YEAR = re.compile(r"\bnam\s*(\d{4})(?!\d)", _F)
YEAR_CUE = re.compile(r"\b(?:den het|den|truoc|trong|cuoi|het)\s+(\d{4})(?![0-9]|\s?/)", _F)
YEAR_CTX = re.compile(
    r"\b(?:(?:trong|cuoi|het|ca)\s+nam(?:\s+nay)?|nam nay)\b"
    r"(?!\s*(?:[0-9]|tiep|sau|toi|truoc|hoc|nao|ke|den))",
    _F,
)
YEAR_ONLY = re.compile(r"^\s*(\d{4})\s*\.?\s*$", _F)

# --- what the words around an expression say about it ---------------------------------

VAGUE_TAIL = re.compile(r"\b(?:dau|giua)\s*$", _F)
START_TAIL = re.compile(r"\b(?:tu|ke tu|bat dau|bat dau tu)\s*[:,]?\s*$", _F)
BEFORE_TAIL = re.compile(r"\btruoc\s*[:,]?\s*$", _F)
AFTER_TAIL = re.compile(r"\bsau\s*[:,]?\s*$", _F)
# A day written without its year (``30/6``) counts only after one of these words, or alone:
# ``top 15/63 tỉnh`` and ``đạt 2/3 số hộ`` are ratios.
DAY_CUE_TAIL = re.compile(r"\b(?:ngay|truoc|den|toi|tu|han|nhat|vao|thanh|xong|het|la|luc)\s*[:,]?\s*$", _F)
RANGE_LINK = re.compile(r"^\s*(?:-|den het|den|toi|cho den)\s*$", _F)

# A staged target names a level to reach (a percentage) or a level of government.
TARGET = re.compile(
    r"\d+(?:[.,]\d+)?\s*%|\bcap\s+(?:tinh|huyen|xa|thi xa|thanh pho|quan|phuong|trung uong|co so)\b",
    _F,
)

ONGOING = re.compile(
    r"\b(?:thuong xuyen|duy tri|lien tuc|dinh ky|(?:hang|moi) (?:nam|quy|thang|tuan|ngay)"
    r"|(?:cac|nhung) nam tiep theo)\b",
    _F,
)
ON_DEMAND = re.compile(
    r"\b(?:(?:ngay\s+)?khi|theo)\s+(?:co\s+|duoc\s+)?(?:yeu cau|de nghi)\b"
    r"|\bkhi can(?: thiet)?\b|\bkhi phat sinh\b|\bdot xuat\b|\bkhi\b[^.;,()]{0,40}?\b(?:de nghi|yeu cau)\b",
    _F,
)
EVERY = re.compile(r"\b(?:hang|moi)\s+(?:nam|quy|thang|tuan)\b|\bdinh ky\b", _F)
RELATIVE = re.compile(
    r"\b(?:trong(?:\s+(?:thoi han|vong|thoi gian))?|sau|cham nhat(?: la)?)\s+(?P<n>\d{1,3})\s+ngay"
    r"(?P<working>\s+lam viec)?(?:\s+(?:ke tu|tinh tu|sau khi)\b)?",
    _F,
)
AND_AFTER = re.compile(r"\s*(?:,|va)?\s*(?:cac|nhung) nam (?:tiep theo|sau)\b", _F)
CONDITIONAL = re.compile(
    r"\bkhi\b[^.;]{0,60}?\b(?:ban hanh|phe duyet)\b|\b(?:sau khi|khi co|khi duoc|neu co|neu thay|trong qua trinh|bam sat tien do|theo (?:dung )?(?:tien do|lo trinh|ke hoach|chi dao|huong dan|ket qua|cam ket)"
    r"|lo trinh|duoc phe duyet|tuy thuoc|phu thuoc)\b",
    _F,
)

# Words trimmed off both ends of a milestone's note.
NOTE_LEAD = re.compile(r"^(?:[\s;,.:()\-]|\bva\b)*", _F)
# One connector at the end of a note (trimmed one at a time: linear on any input).
NOTE_TRAIL = re.compile(
    r"(?:[\s;,.:(\-]|\b(?:tu|ke tu|bat dau tu|trong|den|vao|truoc|cham nhat|han|hoan thanh|ngay|va))$",
    _F,
)
NOTE_TRAIL_REACH = 12  # longer than any connector above

ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4}

MIN_YEAR = 1900
MAX_YEAR = 2999


def month_end(year: int, month: int) -> date:
    """The last day of ``month`` (leap years included)."""
    return date(year, month, calendar.monthrange(year, month)[1])


def day_before(day: date) -> date:
    """The day before ``day``; raises ``OverflowError`` on ``date.min``."""
    return day - timedelta(days=1)


def full_year(text: str) -> int:
    """A written year: two digits mean 20xx."""
    value = int(text)
    return 2000 + value if len(text) == 2 else value

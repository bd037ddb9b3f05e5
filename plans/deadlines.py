"""Reading the free-text deadline column of a plan into a structured deadline.

The product's conventions (see DOMAIN.md, "Deadline expressions"):

* ``due`` is the last day that is still on time. A day means itself, and ``trước ngày D``
  is due on D, as the offices read it. A month, quarter, half-year or year means its last
  day; ``trước`` a month/quarter/year means the last day of the period before it
  (``trước tháng 3/2022`` → 28/02/2022).
* ``kind``:

  - ``due`` whenever a due date can be read, even when the text also says the task goes on
    (``Quý I/2024 và thực hiện thường xuyên``) or names a trigger
    (``Sau khi có hướng dẫn …, chậm nhất quý III/2024``);
  - ``ongoing`` for ``thường xuyên``, ``duy trì``, ``hàng/hằng năm``, ``liên tục``,
    ``định kỳ`` … with no due date, and for a task that only has a start
    (``từ ngày 01/7/2024``, ``bắt đầu từ tháng 3/2023``): it goes on from then;
  - ``on_demand`` for ``Khi có yêu cầu …``, ``Theo yêu cầu …``, ``đột xuất``;
  - ``conditional`` for ``Sau khi …``, ``Khi có chỉ đạo/hướng dẫn …``,
    ``Theo tiến độ, lộ trình …``, ``… được phê duyệt``;
  - ``unknown`` when nothing temporal can be read: never a guess.

  An ongoing word wins over an on-demand or conditional one when there is no date
  (``Thực hiện thường xuyên theo yêu cầu công tác`` is ongoing).
* ``recurring`` is true whenever the text says the work goes on: for a ``due`` task with an
  ongoing word (it goes on after its due date) **and for every ``ongoing`` task** (the task is
  followed through the periodic reports). ``on_demand``/``conditional``/``unknown`` are never
  recurring.
* ``starts`` is the first day of a start (``từ …``, ``bắt đầu từ …``, the first end of a range
  ``từ … đến …`` or ``tháng 3 - tháng 6/2024``); a start later than the due date is dropped.
* ``milestones``: a staged target (each dated part carries a percentage or a level of
  government, ``cấp tỉnh/huyện/xã …``) gives one milestone per date, in the order written, with
  the words of that part as note. A target "from quarter Q" is checked at the end of Q, a
  per-level "from day D" on D. ``due`` is the latest milestone. Several dates that are not a
  staged target give no milestones: ``due`` is the latest of them.
* Dates of cited documents (``Chỉ thị số 05/CT-TTg ngày 23/02/2023``) and document numbers
  (``56/KH-UBND``, ``01/2016/QĐ-UBND``) are masked before reading; ratios (``top 15/63``) and
  impossible dates (``31/2/2024``) are not dates; a day written without its year (``30/6``)
  counts only after a word such as ``ngày``/``trước``/``đến``/``từ`` or alone.
* A missing year is taken from the expression it is paired with (``từ tháng 3 đến tháng
  6/2024``), then from the nearest dated expression, then from ``year`` (the plan's), then from
  ``issued`` (a notice's date; a period that would already be over on that date is read in the
  next year). With no year known at all, the expression is not read.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any, Literal

from plans import deadline_patterns as P
from plans.text import clean, fold_keep_length

DeadlineKind = Literal["due", "ongoing", "on_demand", "conditional", "unknown"]


@dataclass(frozen=True)
class Milestone:
    """A staged target or a per-level date: checked on ``due``."""

    due: date
    note: str

    def to_json(self) -> dict[str, Any]:
        return {"due": self.due.isoformat(), "note": self.note}


@dataclass(frozen=True)
class Deadline:
    """What a deadline text means. ``due`` is the last day that is still on time."""

    kind: DeadlineKind
    due: date | None = None
    starts: date | None = None
    recurring: bool = False
    milestones: tuple[Milestone, ...] = field(default_factory=tuple)

    def to_json(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "due": self.due.isoformat() if self.due else None,
            "starts": self.starts.isoformat() if self.starts else None,
            "recurring": self.recurring,
            "milestones": [m.to_json() for m in self.milestones],
        }


UNKNOWN = Deadline(kind="unknown")

Unit = Literal["day", "month", "quarter", "half", "year"]
Role = Literal["due", "start", "before", "target", "drop"]


@dataclass
class _Expr:
    """One temporal expression found in the text, before and after its year is known."""

    start: int
    end: int
    unit: Unit
    number: int  # day: month*100+day; month: month; quarter: 1-4; half: 1-2; year: 0
    year: int | None
    role: Role = "due"
    vague: bool = False  # ``đầu``/``giữa`` a period: usable as a start only
    lo: date | None = None
    hi: date | None = None

    def resolve(self, year: int) -> bool:
        """Compute the period's first and last day in ``year``; False when impossible."""
        if not P.MIN_YEAR <= year <= P.MAX_YEAR:
            return False
        try:
            if self.unit == "day":
                self.lo = self.hi = date(year, self.number // 100, self.number % 100)
            elif self.unit == "month":
                self.lo, self.hi = date(year, self.number, 1), P.month_end(year, self.number)
            elif self.unit == "quarter":
                first = 3 * self.number - 2
                self.lo, self.hi = date(year, first, 1), P.month_end(year, first + 2)
            elif self.unit == "half":
                first = 1 if self.number == 1 else 7
                self.lo, self.hi = date(year, first, 1), P.month_end(year, first + 5)
            else:
                self.lo, self.hi = date(year, 1, 1), date(year, 12, 31)
        except (ValueError, OverflowError):
            self.lo = self.hi = None
            return False
        return True

    def due_date(self) -> date | None:
        """The last on-time day this expression gives, if it gives one."""
        if self.lo is None or self.hi is None:
            return None
        if self.role == "before" and self.unit != "day":
            try:
                return P.day_before(self.lo)
            except OverflowError:
                return None
        return None if self.vague else self.hi


def _valid_year(text: str | None) -> int | None:
    if text is None:
        return None
    value = P.full_year(text)
    return value if P.MIN_YEAR <= value <= P.MAX_YEAR else -1


def _find(work: str) -> list[_Expr]:
    """Every temporal expression, left to right; an earlier pattern wins an overlap."""
    taken = bytearray(len(work) + 1)  # 1 where an earlier match already stands
    found: list[_Expr] = []

    def free(start: int, end: int) -> bool:
        return not any(taken[start:end])

    def take(start: int, end: int) -> None:
        taken[start:end] = b"\x01" * (end - start)

    def add(start: int, end: int, unit: Unit, number: int, year: int | None) -> None:
        take(start, end)
        if year == -1:  # a year out of range: consumed, never read
            return
        found.append(_Expr(start, end, unit, number, year))

    for m in P.LONG_DAY.finditer(work):
        day, month = int(m.group(1)), int(m.group(2))
        if free(m.start(), m.end()) and 1 <= month <= 12 and 1 <= day <= 31:
            add(m.start(), m.end(), "day", month * 100 + day, _valid_year(m.group(3)))
    for m in P.NUM_DAY.finditer(work):
        if not free(m.start(), m.end()):
            continue
        day, sep, month, year_text = int(m.group(1)), m.group(2), int(m.group(3)), m.group(4)
        if sep != "/" and (year_text is None or len(year_text) != 4):
            continue
        if year_text is None and not (
            m.group(0).startswith("ngay")
            or not work[: m.start()].strip()
            or P.DAY_CUE_TAIL.search(work[max(0, m.start() - 24) : m.start()])
        ):
            continue
        if not (1 <= month <= 12 and 1 <= day <= 31):
            continue
        add(m.start(), m.end(), "day", month * 100 + day, _valid_year(year_text))
    for m in P.HALF.finditer(work):
        if free(m.start(), m.end()):
            add(m.start(), m.end(), "half", 1 if m.group(1) == "dau" else 2, _valid_year(m.group(2)))
    for m in P.QUARTER.finditer(work):
        if free(m.start(), m.end()):
            q = m.group(1)
            add(m.start(), m.end(), "quarter", P.ROMAN.get(q) or int(q), _valid_year(m.group(2)))
    for m in P.QUARTER_Q.finditer(work):
        if free(m.start(), m.end()):
            add(m.start(), m.end(), "quarter", int(m.group(1)), _valid_year(m.group(2)))
    for pattern in (P.MONTH, P.MONTH_T, P.MONTH_BARE):
        for m in pattern.finditer(work):
            month = int(m.group(1))
            if free(m.start(), m.end()) and 1 <= month <= 12:
                add(m.start(), m.end(), "month", month, _valid_year(m.group(2)))
    for m in P.YEAR_RANGE.finditer(work):
        first, last = _valid_year(m.group(1)), _valid_year(m.group(2))
        if not free(m.start(), m.end()) or first is None or last is None:
            continue
        if first == -1 or last == -1 or not 0 < last - first <= 10:
            continue
        take(m.start(), m.end())
        found.append(_Expr(m.start(), m.start(1) + 4, "year", 0, first, role="start"))
        found.append(_Expr(m.start(2), m.end(), "year", 0, last))
    for pattern in (P.YEAR, P.YEAR_CUE, P.YEAR_ONLY):
        for m in pattern.finditer(work):
            if free(m.start(), m.end()):
                add(m.start(), m.end(), "year", 0, _valid_year(m.group(1)))
    for m in P.YEAR_CTX.finditer(work):
        if free(m.start(), m.end()):
            add(m.start(), m.end(), "year", 0, None)
    found.sort(key=lambda e: e.start)
    return found


def _set_roles(work: str, exprs: list[_Expr]) -> None:
    """Read the words before each expression (and the link to the next one)."""
    for i, expr in enumerate(exprs):
        tail = work[max(0, expr.start - 40) : expr.start]
        vague = P.VAGUE_TAIL.search(tail)
        if vague:
            expr.vague = True
            tail = tail[: vague.start()]
        if expr.role == "start":
            continue
        if P.START_TAIL.search(tail):
            expr.role = "start"
        elif P.BEFORE_TAIL.search(tail):
            expr.role = "before"
        elif P.AFTER_TAIL.search(tail):
            expr.role = "drop"
        elif i + 1 < len(exprs) and P.RANGE_LINK.match(work[expr.end : exprs[i + 1].start]):
            expr.role = "start"


def _fill_years(exprs: list[_Expr], year: int | None, issued: date | None) -> None:
    """Give each expression its year (see the module docstring) and compute its period."""
    written = [e.year for e in exprs]
    prevs: list[int | None] = []
    last: int | None = None
    for value in written:
        prevs.append(last)
        last = value if value is not None else last
    nexts: list[int | None] = []
    last = None
    for value in reversed(written):
        nexts.append(last)
        last = value if value is not None else last
    nexts.reverse()
    for i, expr in enumerate(exprs):
        if expr.year is not None:
            expr.resolve(expr.year)
            continue
        nxt, prev = nexts[i], prevs[i]
        if expr.role == "start" and nxt is not None:
            if expr.resolve(nxt) and i + 1 < len(exprs):
                partner = exprs[i + 1]
                if (
                    partner.year is not None
                    and partner.resolve(partner.year)
                    and expr.lo is not None
                    and partner.lo is not None
                    and expr.lo > partner.lo
                ):
                    expr.resolve(nxt - 1)
            continue
        guess = prev if prev is not None else nxt
        if guess is not None:
            expr.resolve(guess)
        elif year is not None:
            expr.resolve(year)
        elif issued is not None and expr.resolve(issued.year):
            on_time = expr.due_date() or expr.hi
            if on_time is not None and on_time < issued:
                expr.resolve(issued.year + 1)


def _note(work: str, orig: str, start: int, end: int) -> str:
    """The words of ``orig[start:end]`` without the connectors at both ends."""
    piece = work[start:end]
    lead = P.NOTE_LEAD.match(piece)
    a = lead.end() if lead else 0
    b = len(piece)
    while b > a:
        trail = P.NOTE_TRAIL.search(piece, max(a, b - P.NOTE_TRAIL_REACH), b)
        if trail is None:
            break
        b = trail.start()
    return orig[start + a : start + b].strip()


def _milestones(work: str, orig: str, exprs: list[_Expr], dated: list[_Expr]) -> tuple[Milestone, ...]:
    """Milestones when every dated part of the text names a target or a level; else ()."""
    if len(dated) < 2:
        return ()
    position = {id(e): i for i, e in enumerate(exprs)}
    spans = []
    for expr in dated:
        i = position[id(expr)]
        before = (exprs[i - 1].end if i else 0, expr.start)
        after = (expr.end, exprs[i + 1].start if i + 1 < len(exprs) else len(work))
        spans.append((before, after))
    for side in (0, 1):
        if all(P.TARGET.search(work[s[side][0] : s[side][1]]) for s in spans):
            out = []
            for expr, s in zip(dated, spans, strict=True):
                due = expr.due_date()
                if due is not None:
                    out.append(Milestone(due, _note(work, orig, s[side][0], s[side][1])))
            return tuple(out)
    return ()


def _read(text: str, year: int | None, issued: date | None) -> Deadline:
    orig = clean(text)
    work = fold_keep_length(orig).replace("–", "-").replace("—", "-")
    if len(work) != len(orig):  # cannot happen; keeps the offsets honest
        return UNKNOWN
    work = P.CITED.sub(lambda m: " " * len(m.group(0)), work)

    exprs = _find(work)
    _set_roles(work, exprs)
    exprs = [e for e in exprs if e.role != "drop"]
    for expr in exprs:  # "Năm 2025 và các năm tiếp theo": a start with no end
        if P.AND_AFTER.match(work, expr.end):
            expr.role = "start"
    yearless = bool(exprs) and all(e.year is None for e in exprs)
    _fill_years(exprs, year, issued)
    exprs = [e for e in exprs if e.lo is not None]

    # A start that carries a target (``đạt 90% từ quý III``) is checked at the end of its
    # period; a per-level ``cấp xã từ ngày D`` on D.
    for i, expr in enumerate(exprs):
        if expr.role == "start" and not expr.vague:
            begin = exprs[i - 1].end if i else 0
            if P.TARGET.search(work[begin : expr.start]):
                expr.role = "target"

    ongoing = P.ONGOING.search(work) is not None
    dated = [e for e in exprs if e.role != "start" and e.due_date() is not None]
    firsts = [e.lo for e in exprs if e.role == "start" and e.lo is not None]
    starts = min(firsts) if firsts else None

    if dated and ongoing and yearless and P.EVERY.search(work):
        # "Định kỳ hằng năm (trước ngày 15 tháng 12)": a day that comes back every year
        return Deadline("ongoing", None, None, True)
    if dated:
        milestones = _milestones(work, orig, exprs, dated)
        due = max(d for d in (e.due_date() for e in dated) if d is not None)
        if starts is not None and starts > due:
            starts = None
        return Deadline("due", due, starts, ongoing, milestones)
    if starts is not None:
        return Deadline("ongoing", None, starts, True)
    relative = P.RELATIVE.search(work)
    if relative and issued is not None:  # "trong thời hạn 10 ngày kể từ ngày nhận …"
        return Deadline("due", _after(issued, int(relative.group("n")), bool(relative.group("working"))))
    if ongoing:
        return Deadline("ongoing", None, None, True)
    demand = P.ON_DEMAND.search(work)
    condition = P.CONDITIONAL.search(work)
    if demand and (condition is None or demand.start() <= condition.start()):
        return Deadline("on_demand")
    if condition:
        return Deadline("conditional")
    return UNKNOWN


def _after(issued: date, days: int, working: bool) -> date:
    """``days`` days after ``issued`` (working days skip Saturdays and Sundays)."""
    if not working:
        return issued + timedelta(days=days)
    day = issued
    while days > 0:
        day += timedelta(days=1)
        if day.weekday() < 5:
            days -= 1
    return day


def read_deadline(text: str, year: int | None = None, issued: date | None = None) -> Deadline:
    """Read ``text``; ``year`` (the plan's) fills a missing year. Never raises."""
    if not isinstance(text, str) or not text.strip():
        return UNKNOWN
    if year is not None and not isinstance(year, int):
        year = None
    if issued is not None and not isinstance(issued, date):
        issued = None
    return _read(text, year, issued)

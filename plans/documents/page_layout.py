"""Positioned words and ruling lines of pages → the paragraphs-and-tables model.

Shared by the PDF text layer and OCR, which only differ in where the words come from:
- words are grouped into lines (vertical overlap), lines split where a wide gap separates two
  columns (the two-column heading of official documents), tables found from ruling lines;
- lines become paragraphs in reading order: a new paragraph after a larger gap, after a line
  that ends short of the right margin, before an indented line or a list marker;
- page headers, footers and page numbers (lines in the top or bottom band that repeat on
  other pages, or hold only a number) are dropped;
- a table that goes on over a page break is one table: the repeated header row is dropped and
  a row cut by the break (no number in its first cell) is joined to the row it continues.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from itertools import pairwise
from statistics import median

from plans.documents.model import Block, Cell, Paragraph, Row, Table, plain
from plans.documents.page_grid import Grid, Rule, Word, find_grids, grid_table
from plans.text import fold

_MARKER = re.compile(r"^(?:[-+•–*]|\d{1,2}(?:\.\d{1,2})*[.)]|[a-zđ][.)]|[IVXLC]{1,6}\.)(?:\s|$)")
_DASH = re.compile(r"^[-+–]\s")
_SENTENCE_END = re.compile(r"[.;:!?…)]\W*$")
_PAGE_NUMBER = re.compile(r"^[\W_]*(?:trang\s*)?\d{1,4}(?:\s*(?:/|trên)\s*\d{1,4})?[\W_]*$", re.IGNORECASE)
_BAND = 0.09  # top and bottom share of the page height where headers and footers sit


@dataclass
class Page:
    """One page: size, words and ruling lines in one unit (points or pixels), ``tol`` in that unit."""

    width: float
    height: float
    words: list[Word]
    rules: list[Rule] = field(default_factory=list)
    tol: float = 2.0


@dataclass
class Line:
    words: list[Word]

    @property
    def x0(self) -> float:
        return self.words[0].x0

    @property
    def x1(self) -> float:
        return self.words[-1].x1

    @property
    def top(self) -> float:
        return min(w.top for w in self.words)

    @property
    def bottom(self) -> float:
        return max(w.bottom for w in self.words)

    @property
    def height(self) -> float:
        return self.bottom - self.top

    @property
    def base(self) -> float:
        """Where the line sits (the words' usual bottom): steadier than boxes raised by accents."""
        return median(w.bottom for w in self.words)

    @property
    def text(self) -> str:
        return " ".join(w.text for w in self.words)


def lines_of(words: list[Word], split_gap: float | None = None) -> list[Line]:
    """Words grouped into lines top to bottom; with ``split_gap``, a line is cut where the space
    between two words is wider (side-by-side columns)."""
    out: list[list[Word]] = []
    for word in sorted(words, key=lambda w: (w.cy, w.x0)):
        for line in reversed(out[-3:]):
            top, bottom = min(w.top for w in line), max(w.bottom for w in line)
            if top <= word.cy <= bottom and (word.bottom - word.top) < 2.5 * (bottom - top) + 1:
                line.append(word)
                break
        else:
            out.append([word])
    lines: list[Line] = []
    for group in out:
        group.sort(key=lambda w: w.x0)
        current = [group[0]]
        for word in group[1:]:
            if split_gap is not None and word.x0 - current[-1].x1 > split_gap:
                lines.append(Line(current))
                current = [word]
            else:
                current.append(word)
        lines.append(Line(current))
    return sorted(lines, key=lambda ln: (round(ln.top), ln.x0))


def marked(words: list[Word]) -> str:
    """Words joined (a space only where the words stand apart), bold and italic runs marked
    ``**…**`` and ``*…*`` as in the text model."""
    out: list[str] = []
    run: list[str] = []
    style = (False, False)

    def close() -> None:
        text = "".join(run).strip()
        marks = ("**" if style[0] else "") + ("*" if style[1] else "")
        out.append(f"{marks}{text}{marks[::-1]}" if text else "")

    prev: Word | None = None
    for word in words:
        apart = prev is not None and (word.x0 - prev.x1 > 0.12 * (word.bottom - word.top) or word.x0 < prev.x0)
        if (word.bold, word.italic) != style and run:
            close()
            run = []
            out.append(" " if apart else "")
        elif apart:
            run.append(" ")
        style = (word.bold, word.italic)
        run.append(word.text)
        prev = word
    if run:
        close()
    return "".join(out)


def starts_item(prev: str, text: str) -> bool:
    """The line ``text`` begins a list item. A dash only after a finished sentence: "Đài Phát
    thanh - Truyền hình" wrapped before its dash is no item."""
    text = plain(text)
    if _DASH.match(text):
        return bool(_SENTENCE_END.search(plain(prev)))
    return bool(_MARKER.match(text))


def cell_text(words: list[Word]) -> str:
    """A table cell's words: wrapped lines joined, a line starting with a list marker kept apart."""
    if not words:
        return ""
    lines = lines_of(words)
    out = [marked(lines[0].words)]
    for prev, line in pairwise(lines):
        text = marked(line.words)
        out.append(("\n" if starts_item(prev.text, text) else " ") + text)
    return "".join(out)


# --------------------------------------------------------------------------------------------


@dataclass
class _Flow:
    """A page's content in reading order: lines outside tables, and tables."""

    items: list[Line | Table]
    tops: list[float]


def _page_flow(page: Page) -> _Flow:
    grids: list[Grid] = find_grids(page.rules, page.tol, min_size=page.tol * 6)
    body: list[Word] = []
    for word in page.words:
        grid = next((g for g in grids if g.contains(word)), None)
        if grid is not None:
            grid.place(word)
        else:
            body.append(word)
    heights = [w.bottom - w.top for w in body] or [page.tol * 5]
    lines = lines_of(body, split_gap=4 * median(heights))
    items: list[tuple[float, Line | Table]] = [(ln.top, ln) for ln in lines]
    items += [(g.top, grid_table(g, cell_text)) for g in grids if g.words]
    items.sort(key=lambda item: item[0])
    return _Flow([i for _, i in items], [t for t, _ in items])


def _key(line: Line) -> str:
    return re.sub(r"\d+", "#", fold(line.text))


def _drop_running_lines(pages: list[Page], flows: list[_Flow]) -> None:
    """Remove page headers, footers and page numbers."""
    bands: list[list[int]] = []
    seen: dict[str, set[int]] = {}
    for n, (page, flow) in enumerate(zip(pages, flows, strict=True)):
        band = [
            i
            for i, (item, top) in enumerate(zip(flow.items, flow.tops, strict=True))
            if isinstance(item, Line) and (top < page.height * _BAND or item.bottom > page.height * (1 - _BAND))
        ]
        bands.append(band)
        for i in band:
            item = flow.items[i]
            assert isinstance(item, Line)
            seen.setdefault(_key(item), set()).add(n)
    repeat = max(2, (len(pages) + 1) // 2)
    for flow, band in zip(flows, bands, strict=True):
        drop = set()
        for i in band:
            item = flow.items[i]
            assert isinstance(item, Line)
            if _PAGE_NUMBER.match(item.text) or (len(pages) > 1 and len(seen[_key(item)]) >= repeat):
                drop.add(i)
        flow.items = [it for i, it in enumerate(flow.items) if i not in drop]
        flow.tops = [t for i, t in enumerate(flow.tops) if i not in drop]


@dataclass(frozen=True)
class _Margins:
    left: float
    right: float
    height: float  # usual line height
    pitch: float  # usual distance between two lines of one paragraph


def _margins(lines: list[Line]) -> _Margins:
    height = median(ln.height for ln in lines)
    pitches = sorted(b.base - a.base for a, b in pairwise(lines) if b.base - a.base > height / 2)
    lefts = sorted(ln.x0 for ln in lines)
    rights = sorted(ln.x1 for ln in lines)
    return _Margins(lefts[len(lefts) // 10], rights[-1 - len(rights) // 10], height,
                    pitches[len(pitches) // 10] if pitches else height * 1.4)


def _first_word(line: Line) -> float:
    """Width of a line's first word: had the previous line room for it, that line ended a paragraph."""
    word = line.words[0]
    return word.x1 - word.x0


def _paragraphs(lines: list[Line], m: _Margins) -> list[Paragraph]:
    if not lines:
        return []
    left, right, height = m.left, m.right, m.height
    width = right - left
    groups: list[list[Line]] = [[lines[0]]]
    for prev, line in pairwise(lines):
        centered = abs((line.x0 - left) - (right - line.x1)) < 0.06 * width and line.x0 > left + 2 * height
        prev_centered = abs((prev.x0 - left) - (right - prev.x1)) < 0.06 * width and prev.x0 > left + 2 * height
        new = (
            line.base - prev.base > m.pitch + 0.3 * height
            or line.top < prev.top + height / 2  # a column beside the previous line
            or starts_item(prev.text, line.text)
            or (line.x0 > left + 1.2 * height and not (centered and prev_centered))
            or (right - prev.x1 > _first_word(line) + height and not (centered and prev_centered))
        )
        if new:
            groups.append([line])
        else:
            groups[-1].append(line)
    return [Paragraph(marked([w for ln in group for w in ln.words])) for group in groups]


def _blocks(flow: _Flow) -> list[Block]:
    lines = [item for item in flow.items if isinstance(item, Line)]
    if not lines:
        return [item for item in flow.items if isinstance(item, Table)]
    margins = _margins(lines)
    out: list[Block] = []
    run: list[Line] = []
    for item in flow.items:
        if isinstance(item, Line):
            run.append(item)
            continue
        out.extend(_paragraphs(run, margins))
        run = []
        out.append(item)
    out.extend(_paragraphs(run, margins))
    return out


def _texts(row: Row) -> list[str]:
    return [fold(c.plain) for c in row.cells]


def _alike(a: list[str], b: list[str]) -> bool:
    """Two rows say the same, but for a few misread letters (a header row repeated on a scan)."""
    return SequenceMatcher(None, " | ".join(a), " | ".join(b), autojunk=False).ratio() >= 0.85


def _continue_table(prev: Table, table: Table) -> bool:
    """Append ``table`` (first on its page) to ``prev`` (last on the previous page) if it goes on."""
    width = len(prev.rows[0].cells)
    if any(len(r.cells) != width for r in table.rows):
        return False
    rows = list(table.rows)
    heads = [_texts(r) for r in prev.rows[:2]]
    while rows and any(_texts(rows[0])) and any(_alike(_texts(rows[0]), head) for head in heads):
        rows.pop(0)
    if rows and not rows[0].cells[0].plain and prev.rows and any(c.plain for c in rows[0].cells):
        last = prev.rows[-1]
        if last.cells[0].plain and not all(c.merged_left for c in last.cells[1:]):
            joined = [
                Cell(f"{a.text} {c.text}".strip() if c.text else a.text, a.merged_up, a.merged_left)
                for a, c in zip(last.cells, rows[0].cells, strict=True)
            ]
            prev.rows[-1] = Row(joined, header=last.header)
            rows.pop(0)
    prev.rows.extend(rows)
    return True


def pages_to_blocks(pages: list[Page]) -> list[Block]:
    """The model of a document from its pages."""
    flows = [_page_flow(p) for p in pages]
    _drop_running_lines(pages, flows)
    out: list[Block] = []
    for flow in flows:
        blocks = _blocks(flow)
        first = blocks[0] if blocks else None
        if isinstance(first, Table) and out and isinstance(out[-1], Table) and _continue_table(out[-1], first):
            blocks = blocks[1:]
        out.extend(blocks)
    return [b for b in out if not isinstance(b, Paragraph) or any(ch.isalnum() for ch in b.plain)]

"""Tables of a page from its ruling lines: the grid, merged cells, and which words fall in which cell.

One logic for PDF vector lines (pdfplumber's edges) and for lines found in a scanned image, so a
scan and its text-layer original give the same table. Merges are read from missing line
segments: no vertical line between two grid cells of a row means one cell spanning both
(``merged_left`` in the model), no horizontal line between two rows means a vertical merge
(``merged_up``, the text repeated as the .docx reader does).
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass, field

from plans.documents.model import Cell, Row, Table


@dataclass(frozen=True)
class Rule:
    """A ruling line segment (horizontal when wider than tall), in page units."""

    x0: float
    top: float
    x1: float
    bottom: float

    @property
    def horizontal(self) -> bool:
        return (self.x1 - self.x0) >= (self.bottom - self.top)


@dataclass
class Word:
    """A word with its box (page units, y down), italic or bold when its font says so, OCR confidence."""

    text: str
    x0: float
    top: float
    x1: float
    bottom: float
    italic: bool = False
    conf: float = 100.0
    bold: bool = False

    @property
    def cx(self) -> float:
        return (self.x0 + self.x1) / 2

    @property
    def start_x(self) -> float:
        """A point just inside the word's first letter (OCR boxes may start a little early)."""
        return min(self.cx, self.x0 + 3.0)

    @property
    def cy(self) -> float:
        return (self.top + self.bottom) / 2


@dataclass
class _Seg:
    pos: float  # y of a horizontal segment, x of a vertical one
    lo: float
    hi: float


@dataclass
class Grid:
    xs: list[float]
    ys: list[float]
    region: dict[tuple[int, int], tuple[int, int]]  # grid cell → top-left cell of its merged region
    words: dict[tuple[int, int], list[Word]] = field(default_factory=dict)  # region origin → words

    @property
    def top(self) -> float:
        return self.ys[0]

    @property
    def bottom(self) -> float:
        return self.ys[-1]

    def contains(self, word: Word) -> bool:
        return self.xs[0] <= word.cx <= self.xs[-1] and self.ys[0] <= word.cy <= self.ys[-1]

    def place(self, word: Word) -> None:
        r = min(max(bisect_right(self.ys, word.cy) - 1, 0), len(self.ys) - 2)
        # the cell a word starts in: a long number that runs past a narrow cell's border stays there
        c = min(max(bisect_right(self.xs, word.start_x) - 1, 0), len(self.xs) - 2)
        self.words.setdefault(self.region[(r, c)], []).append(word)


def _merge(segs: list[_Seg], tol: float) -> list[_Seg]:
    """Collinear segments (positions within ``tol``) joined where they touch or overlap."""
    out: list[_Seg] = []
    for seg in sorted(segs, key=lambda s: (s.pos, s.lo)):
        for prev in reversed(out[-8:]):
            if abs(prev.pos - seg.pos) <= tol and seg.lo <= prev.hi + tol and seg.hi >= prev.lo - tol:
                prev.lo, prev.hi = min(prev.lo, seg.lo), max(prev.hi, seg.hi)
                break
        else:
            out.append(_Seg(seg.pos, seg.lo, seg.hi))
    return out


def _cluster(values: list[float], tol: float) -> list[float]:
    out: list[list[float]] = []
    for v in sorted(values):
        if out and v - out[-1][-1] <= tol:
            out[-1].append(v)
        else:
            out.append([v])
    return [sum(group) / len(group) for group in out]


def _covers(segs: list[_Seg], pos: float, at: float, tol: float) -> bool:
    return any(abs(s.pos - pos) <= tol and s.lo - tol <= at <= s.hi + tol for s in segs)


def find_grids(rules: list[Rule], tol: float, min_size: float) -> list[Grid]:
    """Every table drawn with ruling lines; lines shorter than ``min_size`` are ignored (text strokes)."""
    hs = _merge([_Seg((r.top + r.bottom) / 2, r.x0, r.x1) for r in rules if r.horizontal], tol)
    vs = _merge([_Seg((r.x0 + r.x1) / 2, r.top, r.bottom) for r in rules if not r.horizontal], tol)
    hs = [s for s in hs if s.hi - s.lo >= min_size]
    vs = [s for s in vs if s.hi - s.lo >= min_size]
    parent = list(range(len(hs) + len(vs)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, h in enumerate(hs):
        for j, v in enumerate(vs):
            if h.lo - tol <= v.pos <= h.hi + tol and v.lo - tol <= h.pos <= v.hi + tol:
                parent[find(i)] = find(len(hs) + j)
    groups: dict[int, tuple[list[_Seg], list[_Seg]]] = {}
    for i, h in enumerate(hs):
        groups.setdefault(find(i), ([], []))[0].append(h)
    for j, v in enumerate(vs):
        groups.setdefault(find(len(hs) + j), ([], []))[1].append(v)
    grids = [_grid(h, v, tol) for h, v in groups.values() if len(h) >= 2 and len(v) >= 2]
    return sorted((g for g in grids if g is not None), key=lambda g: g.top)


def _grid(hs: list[_Seg], vs: list[_Seg], tol: float) -> Grid | None:
    ys = _cluster([h.pos for h in hs], tol * 2)
    xs = _cluster([v.pos for v in vs], tol * 2)
    if len(ys) < 2 or len(xs) < 2:
        return None
    rows, cols = len(ys) - 1, len(xs) - 1
    parent = {(r, c): (r, c) for r in range(rows) for c in range(cols)}

    def find(k: tuple[int, int]) -> tuple[int, int]:
        while parent[k] != k:
            k = parent[k]
        return k

    def union(a: tuple[int, int], b: tuple[int, int]) -> None:
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)

    for r in range(rows):
        mid_y = (ys[r] + ys[r + 1]) / 2
        for c in range(cols):
            mid_x = (xs[c] + xs[c + 1]) / 2
            if c + 1 < cols and not _covers(vs, xs[c + 1], mid_y, tol):
                union((r, c), (r, c + 1))
            if r + 1 < rows and not _covers(hs, ys[r + 1], mid_x, tol):
                union((r, c), (r + 1, c))
    return Grid(xs, ys, {k: find(k) for k in parent})


def grid_table(grid: Grid, cell_text: Callable[[list[Word]], str]) -> Table:
    """The grid as a model table; ``cell_text`` turns a region's words into its text."""
    texts = {origin: cell_text(words) for origin, words in grid.words.items()}
    rows: list[Row] = []
    for r in range(len(grid.ys) - 1):
        cells: list[Cell] = []
        for c in range(len(grid.xs) - 1):
            origin = grid.region[(r, c)]
            text = texts.get(origin, "")
            if origin == (r, c):
                cells.append(Cell(text))
            elif origin[0] == r:
                cells.append(Cell("", merged_left=True))
            elif origin[1] == c:
                cells.append(Cell(text, merged_up=True))
            else:
                cells.append(Cell("", merged_up=True, merged_left=True))
        rows.append(Row(cells))
    return Table(rows)


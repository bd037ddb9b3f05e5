"""Tesseract through pytesseract: one page image → positioned words with confidences and rulings.

Run with ``OMP_THREAD_LIMIT=1``: the reader already recognizes two pages at a time on two
cores, and Tesseract's own threads would only fight over them. The page is turned upright
when Tesseract's orientation detection (``osd`` data) is sure, but only when the first pass
reads poorly, since that detection costs about a second a page.
"""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass
from typing import Any

import pytesseract
from PIL import Image, ImageDraw, ImageOps

from engines.image import prepare
from plans.documents.page_grid import Grid, Rule, Word, find_grids
from plans.documents.page_layout import Page

LANG = "vie"
_CONFIG = "--oem 1 --psm 4"  # one column of text of varying sizes: keeps the lone numbers of a TT column
_ROMAN_ONE = {"[": "I", "]": "I", "l": "I", "[.": "I.", "].": "I.", "l.": "I."}  # a lone I misread
_SPECKS = set("_ˆ~|`'‘’^¬=»«°—")  # a "word" made only of these is a speck or a line remnant
_BORDER = 24
_POOR = 55.0  # mean word confidence under which the page may be sideways or upside down
os.environ.setdefault("OMP_THREAD_LIMIT", "1")


@dataclass(frozen=True)
class Status:
    installed: bool
    version: str
    languages: tuple[str, ...]

    @property
    def vietnamese(self) -> bool:
        return LANG in self.languages

    @property
    def orientation(self) -> bool:
        return "osd" in self.languages


def status() -> Status:
    if shutil.which(pytesseract.pytesseract.tesseract_cmd) is None:
        return Status(False, "", ())
    try:
        version = str(pytesseract.get_tesseract_version())
        languages = tuple(pytesseract.get_languages(config=""))
    except (pytesseract.TesseractError, OSError, RuntimeError):
        return Status(False, "", ())
    return Status(True, version, languages)


def _words(image: Image.Image, dpi: int, dx: int = 0, dy: int = 0) -> list[Word]:
    """Words of an image (a page or a crop of it at ``dx, dy``), in page coordinates. Crops get a
    white border: Tesseract misses text that touches the edge."""
    if dx or dy:
        image = ImageOps.expand(image, _BORDER, fill=255)
        dx, dy = dx - _BORDER, dy - _BORDER
    data: dict[str, list[Any]] = pytesseract.image_to_data(
        image, lang=LANG, config=f"{_CONFIG} --dpi {dpi}", output_type=pytesseract.Output.DICT
    )
    out: list[Word] = []
    for text, conf, left, top, width, height in zip(
        data["text"], data["conf"], data["left"], data["top"], data["width"], data["height"], strict=True
    ):
        if text and text.strip() and float(conf) >= 0 and not set(text.strip()) <= _SPECKS:
            word = _ROMAN_ONE.get(text.strip(), text.strip())
            out.append(Word(word, left + dx, top + dy, left + width + dx, top + height + dy, conf=float(conf)))
    return out


Box = tuple[int, int, int, int]


def _strips(grid: Grid, dpi: int) -> list[tuple[int, int]]:
    """Column ranges read as one strip: a narrow column (a TT column of lone numbers, which
    Tesseract misreads without the line's context) goes with the column to its right."""
    strips: list[tuple[int, int]] = []
    start = 0
    for c in range(len(grid.xs) - 1):
        narrow = grid.xs[c + 1] - grid.xs[c] < dpi / 2
        if not narrow or c == len(grid.xs) - 2:
            strips.append((start, c))
            start = c + 1
    return strips


def _pieces(grid: Grid, dpi: int) -> tuple[list[Box], list[list[Box]]]:
    """A table cut for OCR: strips of columns, and the cells spanning strips apart (cut into
    strips they would lose letters). Read whole, Tesseract runs a cell's line into the next
    column's and loses the spaces between words."""
    strips = _strips(grid, dpi)
    strip_of = {c: k for k, (lo, hi) in enumerate(strips) for c in range(lo, hi + 1)}
    spans: dict[tuple[int, int], list[tuple[int, int]]] = {}
    for cell, origin in grid.region.items():
        spans.setdefault(origin, []).append(cell)
    wide: list[Box] = []
    covered: list[list[Box]] = [[] for _ in strips]
    for cells in spans.values():
        rows = [r for r, _ in cells]
        cols = [c for _, c in cells]
        if strip_of[min(cols)] == strip_of[max(cols)]:
            continue
        box = (round(grid.xs[min(cols)]), round(grid.ys[min(rows)]), round(grid.xs[max(cols) + 1]),
               round(grid.ys[max(rows) + 1]))
        wide.append(box)
        for k in {strip_of[c] for c in cols}:
            covered[k].append(box)
    columns = [[(round(grid.xs[lo]), round(grid.ys[0]), round(grid.xs[hi + 1]), round(grid.ys[-1])), *covered[k]]
               for k, (lo, hi) in enumerate(strips)]
    return wide, columns


def _blank(image: Image.Image, boxes: list[Box]) -> Image.Image:
    out = image.copy()
    draw = ImageDraw.Draw(out)
    for box in boxes:
        draw.rectangle(box, fill=255)
    return out


def _read_page(clean: Image.Image, rules: list[Rule], dpi: int, tol: float) -> list[Word]:
    """Text outside tables from the page, table text column by column."""
    grids = [g for g in find_grids(rules, tol, min_size=tol * 6) if len(g.xs) > 2]
    words = _words(_blank(clean, [(round(g.xs[0]), round(g.ys[0]), round(g.xs[-1]), round(g.ys[-1])) for g in grids]), dpi)
    for grid in grids:
        wide, columns = _pieces(grid, dpi)
        for box in wide:
            words += _words(clean.crop(box), dpi, box[0], box[1])
        for strip, *skip in columns:
            piece = _blank(clean, skip).crop(strip)
            words += _words(piece, dpi, strip[0], strip[1])
    return words


def _mean(words: list[Word]) -> float:
    return sum(w.conf for w in words) / len(words) if words else 0.0


def _upright(image: Image.Image) -> Image.Image | None:
    """The page turned upright if the orientation detection is confident it is not."""
    try:
        osd = pytesseract.image_to_osd(image, config="--psm 0", output_type=pytesseract.Output.DICT)
    except pytesseract.TesseractError:
        return None
    rotate = int(osd.get("rotate", 0))
    if rotate == 0 or float(osd.get("orientation_conf", 0)) < 1.5:
        return None
    return image.rotate(-rotate, expand=True, fillcolor=255)


class TesseractOcr:
    """The OCR callable of the reading options (:class:`plans.documents.reading.PageOcr`)."""

    def __init__(self, orientation: bool = True) -> None:
        self.orientation = orientation

    def __call__(self, image: Image.Image, dpi: int) -> Page:
        clean, rules, dpi = prepare(image, dpi)
        tol = max(3.0, dpi / 72 * 2.5)
        words = _read_page(clean, rules, dpi, tol)
        if self.orientation and _mean(words) < _POOR:
            turned = _upright(image.convert("L"))
            if turned is not None:
                clean, rules, dpi = prepare(turned, dpi)
                words = _read_page(clean, rules, dpi, tol)
        return Page(clean.width, clean.height, words, rules, tol=tol)

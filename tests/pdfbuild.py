"""Test helpers: the fixture documents as real PDF files, and as scans of them.

Not shipped. A tiny typesetter on fpdf2 with DejaVu Serif (Debian ``fonts-dejavu-core`` and
``fonts-dejavu-extra`` for the italic): paragraphs wrapped to the page with italic/bold words,
the appendix as one table drawn with ruling lines (section rows as one merged cell, the header
row repeated on each page, a row that does not fit cut across the page break, as Word does),
a running header on every page and the page number on pages after the first.

:func:`scan` renders each page at 200 dpi with pypdfium2, turns it slightly, adds noise and
wraps the JPEG pages back into a PDF: what an office scanner sends.
"""

from __future__ import annotations

import io
import random
import re
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pypdfium2
from fpdf import FPDF
from PIL import Image, ImageFilter

from tests.docbuild import MdTable, Para, parse_source, runs

FONTS = Path("/usr/share/fonts/truetype/dejavu")
_FACES = {"": "DejaVuSerif.ttf", "I": "DejaVuSerif-Italic.ttf", "B": "DejaVuSerif-Bold.ttf",
          "BI": "DejaVuSerif-BoldItalic.ttf"}
SIZE = 11.5  # points
LINE = 5.6  # mm between baselines
PAD = 1.2  # mm inside table cells
TOP, BOTTOM, LEFT, RIGHT = 22.0, 20.0, 22.0, 18.0
_ROMAN = re.compile(r"^[IVXLC]+\.?$")

Piece = tuple[str, str]  # (word, style)


def fonts_present() -> bool:
    return all((FONTS / face).exists() for face in _FACES.values())


class _Doc(FPDF):
    running = "Kế hoạch triển khai Đề án 06"

    def header(self) -> None:
        self.set_font("Serif", "I", 8)
        self.set_xy(LEFT, 8)
        self.cell(0, 4, f"{self.running} — bản ký số", align="R")
        if self.page_no() > 1:
            self.set_font("Serif", "", 10)
            self.set_xy(LEFT, 13)
            self.cell(self.epw, 4, str(self.page_no()), align="C")


def _new_doc() -> _Doc:
    pdf = _Doc(format="A4", unit="mm")
    for style, face in _FACES.items():
        pdf.add_font("Serif", style, str(FONTS / face))
    pdf.set_margins(LEFT, TOP, RIGHT)
    pdf.set_auto_page_break(False)
    pdf.add_page()
    return pdf


def _pieces(text: str) -> list[Piece]:
    out: list[Piece] = []
    spaced = True
    for chunk, bold, italic in runs(text):
        style = ("B" if bold else "") + ("I" if italic else "")
        for k, word in enumerate(re.split(r"(\s+)", chunk)):
            if word.strip():
                glued = k == 0 and not spaced
                out.append((("\0" if glued else "") + word, style))
        spaced = chunk[-1:].isspace()
    return out


def _wrap(pdf: FPDF, text: str, width: float) -> list[list[Piece]]:
    """Lines of (word, style); ``<br>`` forces a break; a word glued to the previous (\\0) stays glued."""
    lines: list[list[Piece]] = []
    for part in text.split("<br>"):
        line: list[Piece] = []
        used = 0.0
        for word, style in _pieces(part):
            pdf.set_font("Serif", style, SIZE)
            w = pdf.get_string_width(word.lstrip("\0")) + (0 if word.startswith("\0") else pdf.get_string_width(" "))
            if line and used + w > width and not word.startswith("\0"):
                lines.append(line)
                line, used = [], 0.0
            line.append((word, style))
            used += w
        lines.append(line)
    return lines


def _draw(pdf: FPDF, x: float, baseline: float, line: list[Piece]) -> None:
    for k, (word, style) in enumerate(line):
        pdf.set_font("Serif", style, SIZE)
        if k and not word.startswith("\0"):
            x += pdf.get_string_width(" ")
        text = word.lstrip("\0")
        pdf.text(x, baseline, text)
        x += pdf.get_string_width(text)


def _room(pdf: FPDF, y: float) -> float:
    return pdf.h - BOTTOM - y


def _paragraph(pdf: _Doc, text: str) -> None:
    y = pdf.get_y()
    for line in _wrap(pdf, text, pdf.epw):
        if _room(pdf, y) < LINE:
            pdf.add_page()
            y = TOP
        _draw(pdf, LEFT, y + LINE - 1.4, line)
        y += LINE
    pdf.set_y(y + 2.2)


def _is_section(row: list[str]) -> bool:
    return bool(_ROMAN.match(row[0].strip())) and not any(c.strip() for c in row[2:])


class _Table:
    def __init__(self, pdf: _Doc, header: list[str]) -> None:
        self.pdf, self.header = pdf, header
        weights = [0.6, 4.2, 2.4, 2.3, 1.9][: len(header)] if len(header) == 5 else [1.0] * len(header)
        self.widths = [pdf.epw * w / sum(weights) for w in weights]
        self.xs = [LEFT + sum(self.widths[:k]) for k in range(len(header) + 1)]

    def _cells(self, row: list[str]) -> list[list[list[Piece]]]:
        if _is_section(row):
            return [self._lines(row[0], 0), _wrap(self.pdf, row[1], self.xs[-1] - self.xs[1] - 2 * PAD)]
        return [self._lines(text, k) for k, text in enumerate(row)]

    def _lines(self, text: str, k: int) -> list[list[Piece]]:
        return _wrap(self.pdf, text, self.widths[k] - 2 * PAD)

    def _stroke(self, y0: float, y1: float, section: bool) -> None:
        pdf = self.pdf
        pdf.line(self.xs[0], y0, self.xs[-1], y0)
        pdf.line(self.xs[0], y1, self.xs[-1], y1)
        for x in ([self.xs[0], self.xs[1], self.xs[-1]] if section else self.xs):
            pdf.line(x, y0, x, y1)

    def row(self, row: list[str], *, header: bool = False) -> None:
        pdf = self.pdf
        cells = self._cells(row)
        section = _is_section(row) and not header
        starts = [self.xs[0], self.xs[1]] if section else self.xs[:-1]
        while True:
            y = pdf.get_y()
            need = max(len(c) for c in cells)
            fit = int((_room(pdf, y) - 2 * PAD) // LINE)
            if fit < min(need, 2) or (header and fit < need + 2):
                pdf.add_page()
                pdf.set_y(TOP)
                if not header:
                    self.row(self.header, header=True)
                continue
            part = min(need, fit)
            for x, lines in zip(starts, cells, strict=False):
                for k, line in enumerate(lines[:part]):
                    _draw(pdf, x + PAD, y + PAD + (k + 1) * LINE - 1.4, line)
            bottom = y + 2 * PAD + part * LINE
            self._stroke(y, bottom, section)
            pdf.set_y(bottom)
            if part == need:
                return
            cells = [lines[part:] for lines in cells]


def _items(source: str) -> Iterator[Para | MdTable]:
    """The source's items, consecutive tables with one header joined (the appendix is one table)."""
    pending: MdTable | None = None
    for item in parse_source(source):
        if isinstance(item, MdTable):
            if pending is not None and pending.header == item.header:
                pending.rows.extend(item.rows)
                continue
            if pending is not None:
                yield pending
            pending = MdTable(item.header, list(item.rows))
            continue
        if pending is not None:
            yield pending
            pending = None
        yield item
    if pending is not None:
        yield pending


def build_pdf(source: str) -> bytes:
    """The fixture text or Markdown as a PDF with a real text layer."""
    pdf = _new_doc()
    pdf.set_y(TOP)
    for item in _items(source):
        if isinstance(item, Para):
            _paragraph(pdf, item.text)
            continue
        table = _Table(pdf, item.header)
        pdf.set_y(pdf.get_y() + 1)
        table.row(item.header, header=True)
        for row in item.rows:
            table.row(row)
        pdf.set_y(pdf.get_y() + 3)
    return bytes(pdf.output())


def page_images(pdf_bytes: bytes, dpi: int = 200, pages: slice | None = None) -> list[Image.Image]:
    doc = pypdfium2.PdfDocument(pdf_bytes)
    try:
        indexes = range(len(doc))[pages or slice(None)]
        return [doc[i].render(scale=dpi / 72, grayscale=True).to_pil().convert("L") for i in indexes]
    finally:
        doc.close()


def scanned(image: Image.Image, angle: float, seed: int) -> Image.Image:
    """A page as a scanner gives it back: turned a little, blurred, grainy, speckled, greyish."""
    rng = np.random.default_rng(seed)
    page = image.rotate(angle, resample=Image.Resampling.BICUBIC, expand=True, fillcolor=255)
    page = page.filter(ImageFilter.GaussianBlur(0.6))
    pixels = np.asarray(page, dtype=np.float32) * 0.9 + 14 + rng.normal(0, 14, (page.height, page.width))
    specks = rng.random(pixels.shape) < 0.0012
    pixels[specks] = rng.choice([0.0, 80.0, 255.0], size=int(specks.sum()))
    return Image.fromarray(np.clip(pixels, 0, 255).astype(np.uint8), "L")


def scan(pdf_bytes: bytes, pages: slice | None = None, dpi: int = 200, seed: int = 13) -> bytes:
    """The PDF printed and scanned again: image pages only, no text layer."""
    rnd = random.Random(seed)
    images = [
        scanned(img, rnd.choice((-1, 1)) * rnd.uniform(0.4, 1.6), seed + k)
        for k, img in enumerate(page_images(pdf_bytes, dpi, pages))
    ]
    return images_to_pdf(images, dpi)


def images_to_pdf(images: list[Image.Image], dpi: int) -> bytes:
    out = io.BytesIO()
    rgb = [img.convert("RGB") for img in images]
    rgb[0].save(out, "PDF", save_all=True, append_images=rgb[1:], resolution=dpi, quality=80)
    return out.getvalue()


def jpeg(image: Image.Image, quality: int = 85) -> bytes:
    out = io.BytesIO()
    image.convert("RGB").save(out, "JPEG", quality=quality)
    return out.getvalue()

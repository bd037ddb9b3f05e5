"""The fixture plans as PDF files (text layer and scans), and how two readings of one plan compare."""

from __future__ import annotations

import io
from difflib import SequenceMatcher

import pypdfium2
import pytest

import engines
from plans.agencies import default_registry
from plans.documents import ParsedPlan, ParsedTask
from plans.documents.model import plain
from plans.documents.reading import ReadOptions, read_plan
from plans.text import fold
from tests import pdfbuild
from tests.plans.conftest import LABELLED_PLAN, NOTICE, TABLE_PLAN, fixture_text

SOURCES = {"table": TABLE_PLAN, "labelled": LABELLED_PLAN, "notice": NOTICE}

needs_fonts = pytest.mark.skipif(not pdfbuild.fonts_present(), reason="apt-get install fonts-dejavu-core fonts-dejavu-extra")
needs_ocr = pytest.mark.skipif(engines.options().ocr is None, reason="apt-get install tesseract-ocr tesseract-ocr-vie")


@pytest.fixture(scope="session")
def text_pdfs() -> dict[str, bytes]:
    if not pdfbuild.fonts_present():
        pytest.skip("apt-get install fonts-dejavu-core fonts-dejavu-extra")
    return {key: pdfbuild.build_pdf(fixture_text(name)) for key, name in SOURCES.items()}


def pages_of(pdf: bytes, pages: slice) -> bytes:
    """A PDF of some pages of another: the text reading to compare a scan of those pages with."""
    src = pypdfium2.PdfDocument(pdf)
    out = pypdfium2.PdfDocument.new()
    try:
        out.import_pages(src, list(range(len(src)))[pages])
        buffer = io.BytesIO()
        out.save(buffer)
        return buffer.getvalue()
    finally:
        out.close()
        src.close()


def read(data: bytes, filename: str, options: ReadOptions | None = None) -> ParsedPlan:
    return read_plan(data, filename, default_registry(), options or engines.options())


def leads(task: ParsedTask) -> set[str]:
    return {fold(ref.name) for ref in task.lead}


def same_task(a: ParsedTask, b: ParsedTask, similarity: float = 1.0) -> bool:
    """Same number, same leads, content the same (or nearly, for OCR)."""
    if a.code != b.code or leads(a) != leads(b):
        return False
    x, y = fold(plain(a.content)), fold(plain(b.content))
    return x == y if similarity >= 1 else SequenceMatcher(None, x, y, autojunk=False).ratio() >= similarity


def kept(reference: list[ParsedTask], found: list[ParsedTask], similarity: float) -> list[ParsedTask]:
    """The reference tasks that ``found`` also has (each found task used once)."""
    left = list(found)
    out: list[ParsedTask] = []
    for task in reference:
        match = next((t for t in left if same_task(task, t, similarity)), None)
        if match is not None:
            left.remove(match)
            out.append(task)
    return out

"""What the readers of scans and old formats are given: engines, progress, a page cap.

Optical character recognition and LibreOffice run outside this pure package (``engines/``);
they are handed in as callables. The options travel in a context variable rather than as
arguments so that :func:`plans.documents.read_document` keeps its signature for every format
(and ``asyncio.to_thread`` carries them into the worker thread). :func:`read_plan` is the
entry point that sets them and reports how the text was obtained (OCR and how sure it is).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Protocol

from plans.documents.errors import DocumentError, Problem
from plans.documents.model import OcrInfo

if TYPE_CHECKING:
    from PIL.Image import Image

    from plans.agencies import Registry
    from plans.documents.model import ParsedPlan
    from plans.documents.page_layout import Page

MAX_PAGES = 60


class PageOcr(Protocol):
    """Recognizes one page image: positioned words with their confidence, and ruling lines."""

    def __call__(self, image: Image, dpi: int) -> Page: ...


Converter = Callable[[bytes, str], bytes]  # (file bytes, extension) → .docx bytes
Progress = Callable[[int, int], None]  # (pages done, pages in all)


@dataclass
class Report:
    """What reading found out about the source, filled in while reading."""

    ocr_pages: int = 0
    confidences: list[float] = field(default_factory=list)

    def ocr(self) -> OcrInfo | None:
        if not self.ocr_pages:
            return None
        mean = sum(self.confidences) / len(self.confidences) if self.confidences else 0.0
        return OcrInfo(pages=self.ocr_pages, confidence=round(mean, 1))


@dataclass
class ReadOptions:
    ocr: PageOcr | None = None
    convert: Converter | None = None
    progress: Progress | None = None
    cancelled: Callable[[], bool] | None = None
    max_pages: int = MAX_PAGES
    report: Report = field(default_factory=Report)

    def step(self, done: int, total: int) -> None:
        """Called between pages: report progress, stop when the sender cancelled."""
        if self.cancelled is not None and self.cancelled():
            raise DocumentError(Problem.CANCELLED)
        if self.progress is not None:
            self.progress(done, total)


_OPTIONS: ContextVar[ReadOptions | None] = ContextVar("dondoc_read_options", default=None)


def current() -> ReadOptions:
    return _OPTIONS.get() or ReadOptions()


@contextmanager
def reading_with(options: ReadOptions) -> Iterator[ReadOptions]:
    token = _OPTIONS.set(options)
    try:
        yield options
    finally:
        _OPTIONS.reset(token)


def read_plan(data: bytes, filename: str, registry: Registry | None, options: ReadOptions) -> ParsedPlan:
    """:func:`plans.documents.read_document` with engines and progress; notes OCR in the result."""
    from plans.documents import read_document

    with reading_with(options):
        parsed = read_document(data, filename, registry)
    parsed.ocr = options.report.ocr()
    return parsed

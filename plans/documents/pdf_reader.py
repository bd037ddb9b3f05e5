"""PDF → blocks: the text layer where there is a usable one, OCR for the pages that are pictures.

Why pdfplumber for the text layer: it gives every character with its font name (the only
sign of italics and bold in a PDF) and the page's drawn lines and rectangle edges with their positions
(the only sign of table cells), which the shared page layout needs; pypdfium2's text API is
faster but exposes neither without low-level calls. pypdfium2 (a pdfplumber dependency, no
external binary) renders the pages without usable text to images for OCR.

A page's text layer is unusable when it is empty (a scan) or garbage: ``(cid:…)`` glyphs or
letters outside the Vietnamese alphabet (old TCVN3/VNI fonts mapped to Latin-1).
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from plans.documents.errors import DocumentError, Problem
from plans.documents.model import Blocks
from plans.documents.page_grid import Rule, Word
from plans.documents.page_layout import Page, pages_to_blocks
from plans.documents.reading import current
from plans.documents.scan_reader import OCR_DPI, check_pages, ocr_pages

if TYPE_CHECKING:
    from PIL.Image import Image as PilImage

_VIETNAMESE = set(
    "abcdefghijklmnopqrstuvwxyzàáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ"
)
_ITALIC = re.compile(r"italic|oblique|-it\b|,it\b", re.IGNORECASE)
_BOLD = re.compile(r"bold|black|heavy|semibold|demi", re.IGNORECASE)
_MIN_CHARS = 20


def usable(text: str) -> bool:
    """A text layer worth reading: enough letters, nearly all of the Vietnamese alphabet."""
    if "(cid:" in text:
        return False
    letters = [ch for ch in text.lower() if ch.isalpha()]
    if len(letters) < _MIN_CHARS:
        return False
    foreign = sum(1 for ch in letters if ch not in _VIETNAMESE)
    return foreign <= 0.05 * len(letters)


def _text_page(page: Any) -> Page | None:
    words = page.extract_words(extra_attrs=["fontname"], x_tolerance=1.5, y_tolerance=2)
    if not usable("".join(w["text"] for w in words)):
        return None
    found = [
        Word(w["text"], w["x0"], w["top"], w["x1"], w["bottom"], italic=bool(_ITALIC.search(w["fontname"])),
             bold=bool(_BOLD.search(w["fontname"])))
        for w in words
        if w["text"].strip()
    ]
    rules = [Rule(e["x0"], e["top"], e["x1"], e["bottom"]) for e in page.edges]
    return Page(float(page.width), float(page.height), found, rules, tol=2.0)


def _render(data: bytes, indexes: list[int]) -> Iterator[tuple[PilImage, int]]:
    """The pages at ``indexes`` as grey images at the OCR resolution (one at a time: pdfium is
    not thread-safe, so rendering stays in this thread)."""
    import pypdfium2  # loaded on first use: the idle bot does not carry it

    pdf = pypdfium2.PdfDocument(data)
    try:
        for index in indexes:
            bitmap = pdf[index].render(scale=OCR_DPI / 72, grayscale=True)
            yield bitmap.to_pil(), OCR_DPI
    finally:
        pdf.close()


def read_pdf(data: bytes) -> Blocks:
    import pdfplumber  # loaded on first use: the idle bot does not carry it
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
    from pdfminer.pdfparser import PDFSyntaxError
    from pdfplumber.utils.exceptions import PdfminerException

    options = current()
    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            count = len(pdf.pages)
            if count > options.max_pages * 4:
                check_pages(count, options, ".pdf")
            pages: list[Page | None] = []
            for page in pdf.pages:
                pages.append(_text_page(page))
                page.close()
    except (PDFPasswordIncorrect, PDFEncryptionError) as exc:
        raise DocumentError(Problem.ENCRYPTED, ext=".pdf", detail=repr(exc)) from exc
    except (PdfminerException, PDFSyntaxError, ValueError, KeyError, TypeError) as exc:
        cause = exc.__cause__ or exc.__context__
        if isinstance(cause, PDFPasswordIncorrect | PDFEncryptionError) or "password" in repr(exc).lower():
            raise DocumentError(Problem.ENCRYPTED, ext=".pdf", detail=repr(exc)) from exc
        raise DocumentError(Problem.CORRUPT, ext=".pdf", detail=repr(exc)) from exc
    scanned = [i for i, p in enumerate(pages) if p is None]
    if scanned:
        check_pages(len(scanned), options, ".pdf")
        recognized = ocr_pages(_render(data, scanned), len(scanned), options)
        for index, found in zip(scanned, recognized, strict=True):
            pages[index] = found
    return Blocks(pages_to_blocks([p for p in pages if p is not None]), "pdf")

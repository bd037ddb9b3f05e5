"""The engines the pure readers are handed: Tesseract OCR and LibreOffice, both outside Python.

They are kept out of ``plans/`` (pure logic, tested without subprocesses) and given to the
readers as callables in :class:`plans.documents.reading.ReadOptions`; :func:`options` builds
them from what this machine has, and :func:`report` says what is there (``dondoc doctor``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from plans.documents.reading import Progress, ReadOptions

APT_PACKAGES = "tesseract-ocr tesseract-ocr-vie tesseract-ocr-osd libreoffice-writer-nogui"


@dataclass(frozen=True)
class Reader:
    name: str
    available: bool
    detail: str


def report() -> list[Reader]:
    """Every reader and whether this machine can use it, with what to install when not."""
    from engines import libreoffice, tesseract

    ocr = tesseract.status()
    soffice = libreoffice.command()
    install = "cài: apt-get install "
    return [
        Reader("Word (.docx), Excel (.xlsx), văn bản (.txt, .md, .csv)", True, "có sẵn"),
        Reader("PDF có lớp chữ", True, "có sẵn (pdfplumber)"),
        Reader(
            "Bản quét, ảnh chụp (nhận dạng chữ)",
            ocr.installed and ocr.vietnamese,
            f"Tesseract {ocr.version}, dữ liệu tiếng Việt" if ocr.installed and ocr.vietnamese
            else (install + "tesseract-ocr-vie" if ocr.installed else install + "tesseract-ocr tesseract-ocr-vie"),
        ),
        Reader(
            "Xoay trang tự động (OSD)",
            ocr.orientation,
            "có" if ocr.orientation else install + "tesseract-ocr-osd",
        ),
        Reader(
            "Word cũ (.doc), .rtf, .odt",
            soffice is not None,
            f"LibreOffice ({soffice})" if soffice else install + "libreoffice-writer-nogui",
        ),
    ]


def options(
    progress: Progress | None = None, cancelled: Callable[[], bool] | None = None, max_pages: int | None = None
) -> ReadOptions:
    """Reading options with every engine this machine has (a missing one is explained when needed)."""
    from engines import libreoffice, tesseract

    ocr = tesseract.status()
    found = ReadOptions(
        ocr=tesseract.TesseractOcr(orientation=ocr.orientation) if ocr.installed and ocr.vietnamese else None,
        convert=libreoffice.convert_to_docx if libreoffice.command() else None,
        progress=progress,
        cancelled=cancelled,
    )
    if max_pages is not None:
        found.max_pages = max_pages
    return found

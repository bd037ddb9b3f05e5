"""Scans and photos, read with Tesseract: most of the tasks the text layer gives, leads included.

A few pages only (the suite runs twice in CI on two cores): pages rendered at 200 dpi, turned
by up to 1.6°, blurred and speckled, wrapped back in a PDF with no text layer.
"""

from __future__ import annotations

import time

import pytest
from PIL import Image

from engines import options as engine_options
from plans.documents import DocumentError, Problem
from plans.documents.reading import ReadOptions
from tests import pdfbuild
from tests.readers.conftest import kept, needs_ocr, pages_of, read

pytestmark = needs_ocr

CASES = {"table": slice(5, 9), "labelled": slice(2, 4), "notice": slice(1, 3)}


@pytest.mark.parametrize("key", list(CASES))
def test_a_scan_keeps_nine_tasks_in_ten(text_pdfs: dict[str, bytes], key: str) -> None:
    pages = CASES[key]
    reference = read(pages_of(text_pdfs[key], pages), "ban-chu.pdf").tasks
    seen: list[tuple[int, int]] = []
    started = time.monotonic()
    options = engine_options(progress=lambda done, total: seen.append((done, total)))
    parsed = read(pdfbuild.scan(text_pdfs[key], pages), "ban-quet.pdf", options)
    seconds = time.monotonic() - started
    good = kept(reference, parsed.tasks, similarity=0.9)
    assert len(reference) >= 4
    assert len(good) >= 0.9 * len(reference), (key, len(good), len(reference))
    total = pages.stop - pages.start
    assert seen[0] == (0, total) and seen[-1] == (total, total), "progress after every page"
    assert parsed.ocr is not None and parsed.ocr.pages == total and parsed.ocr.confidence > 80
    print(f"{key}: {len(good)}/{len(reference)} tasks kept, {seconds / total:.1f} s a page")


def test_a_photo_of_a_page_upside_down_is_read(text_pdfs: dict[str, bytes]) -> None:
    page = pdfbuild.page_images(text_pdfs["table"], 200, slice(6, 7))[0]
    photo = pdfbuild.scanned(page, 0.8, seed=3).rotate(180, expand=True)
    reference = read(pages_of(text_pdfs["table"], slice(6, 7)), "trang.pdf").tasks
    parsed = read(pdfbuild.jpeg(photo), "IMG_2024.jpg")
    assert [t.code for t in parsed.tasks] == [t.code for t in reference]
    assert len(kept(reference, parsed.tasks, similarity=0.9)) >= len(reference) - 1


def test_page_cap_cancel_and_no_engine(text_pdfs: dict[str, bytes]) -> None:
    scan = pdfbuild.images_to_pdf([Image.new("L", (400, 560), 255)] * 3, 50)

    def problem(options: ReadOptions) -> DocumentError:
        with pytest.raises(DocumentError) as info:
            read(scan, "ban-quet.pdf", options)
        return info.value

    capped = problem(engine_options(max_pages=2))
    assert capped.problem is Problem.TOO_MANY_PAGES and "3 trang" in capped.message and "2 trang" in capped.message
    stopped = problem(engine_options(cancelled=lambda: True))
    assert stopped.problem is Problem.CANCELLED and "không có gì được lưu" in stopped.message
    missing = problem(ReadOptions(ocr=None))
    assert missing.problem is Problem.OCR_UNAVAILABLE and "tesseract-ocr-vie" in missing.message

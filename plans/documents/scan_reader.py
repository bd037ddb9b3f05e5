"""Pages that are pictures (scanned PDF pages, photos of pages) → positioned words by OCR.

The OCR engine itself (Tesseract, a subprocess) is not here: it is the ``ocr`` callable of the
reading options (:mod:`plans.documents.reading`, given by ``engines/``). This module only
decides what to recognize, in what order, with the page cap, progress, cancellation, and two
pages at a time (the engine runs outside Python, so threads do run in parallel).
"""

from __future__ import annotations

import io
import os
from collections.abc import Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from typing import TYPE_CHECKING

from plans.documents.errors import DocumentError, Problem, too_many_pages
from plans.documents.model import Blocks
from plans.documents.page_layout import Page, pages_to_blocks
from plans.documents.reading import ReadOptions, current

if TYPE_CHECKING:
    from PIL.Image import Image as PilImage

OCR_DPI = 200  # PDF pages are rendered at this resolution for OCR; photos are read as they are
_A4_WIDTH_INCHES = 8.27  # a photo's resolution is guessed from its width: a page fills the frame
MAX_IMAGE_PIXELS = 120_000_000  # a 60 MP phone photo is fine; a decompression bomb is not


def check_pages(count: int, options: ReadOptions, ext: str) -> None:
    """Refuse before any work: no OCR engine, or more pages than the cap."""
    if options.ocr is None:
        raise DocumentError(Problem.OCR_UNAVAILABLE, ext=ext)
    if count > options.max_pages:
        raise DocumentError(Problem.TOO_MANY_PAGES, too_many_pages(count, options.max_pages), ext=ext)


def ocr_pages(images: Iterator[tuple[PilImage, int]], total: int, options: ReadOptions) -> list[Page]:
    """Recognize ``total`` page images (each with its dpi) in order, reporting each page done."""
    ocr = options.ocr
    assert ocr is not None
    workers = max(1, min(2, os.cpu_count() or 1))
    pages: list[Page] = []
    pending: list[Future[Page]] = []
    options.step(0, total)
    with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="ocr") as pool:
        try:
            for image, dpi in images:
                pending.append(pool.submit(ocr, image, dpi))
                while len(pending) > workers:
                    pages.append(pending.pop(0).result())
                    options.step(len(pages), total)
            while pending:
                pages.append(pending.pop(0).result())
                options.step(len(pages), total)
        except BaseException:
            for future in pending:
                future.cancel()
            raise
    for page in pages:
        options.report.ocr_pages += 1
        options.report.confidences.extend(w.conf for w in page.words if w.conf >= 0)
    return pages


def _frames(image: PilImage) -> Iterator[PilImage]:
    from PIL import ImageOps

    for index in range(getattr(image, "n_frames", 1)):
        image.seek(index)
        yield ImageOps.exif_transpose(image.convert("RGB")) or image.convert("RGB")


def read_image(data: bytes) -> Blocks:
    """A photo or scan of one or more pages (multi-page TIFF)."""
    from PIL import Image, UnidentifiedImageError  # loaded on first use: the idle bot does not carry it

    Image.MAX_IMAGE_PIXELS = MAX_IMAGE_PIXELS
    options = current()
    try:
        image = Image.open(io.BytesIO(data))
        count = getattr(image, "n_frames", 1)
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError, ValueError) as exc:
        raise DocumentError(Problem.CORRUPT, ext="ảnh", detail=repr(exc)) from exc
    check_pages(count, options, "ảnh")
    try:
        frames = ((frame, max(72, round(frame.width / _A4_WIDTH_INCHES))) for frame in _frames(image))
        pages = ocr_pages(frames, count, options)
    except (OSError, Image.DecompressionBombError) as exc:
        raise DocumentError(Problem.CORRUPT, ext="ảnh", detail=repr(exc)) from exc
    return Blocks(pages_to_blocks(pages), "pdf")

"""A 10-page scanned plan (pages of the table sample rendered at 200 dpi, turned, noisy) read by OCR.

Prints JSON: pages, seconds in all and per page, tasks found, mean confidence. Target: < 60 s on
the 2-core machine. Needs tesseract-ocr, tesseract-ocr-vie and DejaVu fonts (see README).
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import engines  # noqa: E402
from plans.documents.reading import read_plan  # noqa: E402
from tests import pdfbuild  # noqa: E402

PAGES = 10


def main() -> None:
    source = (ROOT / "tests" / "fixtures" / "ke-hoach-thi-xa-2024-bang.md").read_text(encoding="utf-8")
    scan = pdfbuild.scan(pdfbuild.build_pdf(source), slice(5, 5 + PAGES))
    started = time.monotonic()
    parsed = read_plan(scan, "ban-quet.pdf", None, engines.options())
    seconds = time.monotonic() - started
    print(json.dumps({
        "bench": "ocr", "pages": PAGES, "seconds": round(seconds, 1), "per_page": round(seconds / PAGES, 2),
        "tasks": len(parsed.tasks), "confidence": parsed.ocr.confidence if parsed.ocr else None,
    }))


if __name__ == "__main__":
    main()

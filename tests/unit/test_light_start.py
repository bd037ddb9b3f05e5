"""A commune runs dondoc on the smallest server: the bot starts without the heavy libraries,
which load on first use (an export, a review sheet, a chart, a PDF or a photo to read)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
HEAVY = ("openpyxl", "docx", "matplotlib", "numpy", "pdfplumber", "pdfminer", "pypdfium2", "pytesseract", "cv2", "PIL")
# what `dondoc run` and `dondoc worker` import before they serve
START = ("bot.cli", "bot.logs", "bot.runner", "bot.worker")


def test_starting_the_bot_loads_no_heavy_library() -> None:
    code = (
        "import importlib, json, sys\n"
        f"for name in {START!r}: importlib.import_module(name)\n"
        f"print(json.dumps(sorted(m for m in {HEAVY!r} if m in sys.modules)))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr[-2000:]
    assert json.loads(result.stdout) == [], "import these where they are used, not at the top of a module the bot loads at start"

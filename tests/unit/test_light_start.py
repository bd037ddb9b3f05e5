"""A commune runs dondoc on the smallest server: the bot starts without the heavy libraries,
which load on first use (an export, a review sheet, a chart, a PDF or a photo to read), and
without the optional ones its libraries would load for features dondoc does not use."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
# loaded on first use: documents, charts, readers, migrations, the web view, the health server
HEAVY = (
    "openpyxl", "docx", "lxml", "matplotlib", "numpy", "pdfplumber", "pdfminer", "pypdfium2", "pytesseract", "cv2",
    "PIL", "alembic", "aiohttp", "starlette", "jinja2", "uvicorn", "holidays", "sqlalchemy.dialects.postgresql",
)
# never loaded by the bot: python-telegram-bot's Passport decryption, httpcore's trio support,
# httpx's command-line tool (bot/unused_imports.py)
UNUSED = ("cryptography", "trio", "httpx._main", "rich", "click", "pygments")
# what `dondoc run` and `dondoc worker` import before they serve
START = ("bot.cli", "bot.logs", "bot.runner", "bot.worker", "bot.app")


def _loaded_after(code: str, watched: tuple[str, ...]) -> tuple[list[str], str]:
    """The ``watched`` modules loaded in a fresh interpreter once the bot's start-up modules are
    imported and ``code`` has run, and what ``code`` printed."""
    script = (
        "import importlib, io, json, sys, contextlib\n"
        f"for name in {START!r}: importlib.import_module(name)\n"
        "out = io.StringIO()\n"
        f"with contextlib.redirect_stdout(out): exec({code!r})\n"
        f"print(json.dumps([sorted(m for m in {watched!r} if sys.modules.get(m)), out.getvalue()]))\n"
    )
    result = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr[-2000:]
    loaded, printed = json.loads(result.stdout)
    return loaded, printed


def test_starting_the_bot_loads_no_heavy_library() -> None:
    loaded, _ = _loaded_after("", HEAVY + UNUSED)
    assert loaded == [], "import these where they are used, not at the top of a module the bot loads at start"


def test_the_working_calendar_loads_only_vietnams_holidays() -> None:
    # the engine's first tick asks the calendar about today: holidays loads then, without the
    # package's other countries (7 MB)
    code = (
        "from datetime import date\n"
        "from plans.calendar import WorkingCalendar\n"
        "print(WorkingCalendar().holiday_name(date(2026, 2, 17)))\n"
    )
    loaded, printed = _loaded_after(code, ("holidays", "holidays.countries"))
    assert printed.strip() == "Tết Nguyên Đán"
    assert loaded == ["holidays"]


def test_what_the_bot_refuses_its_libraries_the_rest_of_the_process_may_import() -> None:
    # python-telegram-bot is refused cryptography, but a PDF sent to the bot is read by pdfminer,
    # which needs it, imported by a handler that python-telegram-bot runs
    code = (
        "import asyncio\n"
        "from telegram._passport.credentials import CRYPTO_INSTALLED\n"
        "from telegram.ext import TypeHandler\n"
        "async def read_pdf(update, context):\n"
        "    import pdfminer.pdfdocument\n"
        "    return pdfminer.pdfdocument.PDFDocument.__name__\n"
        "handler = TypeHandler(object, read_pdf)\n"
        "print(CRYPTO_INSTALLED, asyncio.run(handler.handle_update(object(), None, None, None)))\n"
    )
    loaded, printed = _loaded_after(code, ("cryptography", "pdfminer"))
    assert printed.split() == ["False", "PDFDocument"]
    assert loaded == ["cryptography", "pdfminer"]

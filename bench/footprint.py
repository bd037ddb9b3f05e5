"""Benchmark: how light the idle bot is; prints ONE JSON line.

A commune runs dondoc on the smallest server it can get, so the idle process must stay small:
heavy libraries (openpyxl, python-docx, matplotlib, numpy, the PDF and OCR readers) load on first
use. This starts the real ``dondoc run`` (a child process, the way a person runs it) against the
local Telegram Bot API server (``tgserver``, in this process) on an empty SQLite database, and
measures the child only:

* ``polling_seconds``: from the start of the process until it polls for updates;
* ``first_answer_seconds``: until it has answered a ``/start`` sent by a person;
* ``idle_rss_mb``: its resident memory after it answered and then sat idle for ``--idle`` seconds
  (the engine's first tick and the sender have run); ``idle_uss_mb``: the part only it holds;
* ``restart_polling_seconds``: the same as ``polling_seconds`` for a second ``dondoc run`` on that
  database, now migrated (the usual restart: no migration process).

Target: ``idle_rss_mb`` under 100.

Run from the repository root::

    .venv/bin/python bench/footprint.py
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import signal
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import psutil  # noqa: E402

from tgserver.server import TelegramServer  # noqa: E402

MB = 1024 * 1024


async def measure(idle: float) -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as folder:
        first = await _run_bot(Path(folder), idle)
        again = await _run_bot(Path(folder), 0.0)
    return {**first, "restart_polling_seconds": again["polling_seconds"]}


async def _run_bot(folder: Path, idle: float) -> dict[str, Any]:
    """Start ``dondoc run`` on the SQLite database in ``folder``, have a person say /start, let
    it sit idle, measure it, stop it."""
    async with TelegramServer(token="4242:footprint", bot_username="dondoc_bot") as server:
        env = {
            **{k: v for k, v in os.environ.items() if not k.startswith(("TELEGRAM_", "DATABASE_"))},
            "TELEGRAM_BOT_TOKEN": server.token,
            "TELEGRAM_API_BASE_URL": server.base_url,
            "DATABASE_URL": f"sqlite+aiosqlite:///{folder / 'footprint.sqlite3'}",
        }
        started = time.perf_counter()
        process = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "bot", "run", cwd=folder, env=env,
            stdout=asyncio.subprocess.DEVNULL, stderr=asyncio.subprocess.PIPE,
        )
        try:
            await server.wait_until_polling(timeout=120)
            polling = time.perf_counter() - started
            person = server.add_user("Lan", "Nguyễn")
            said = server.send_text(server.private_chat(person), person, "/start")
            await server.wait_for(lambda m: m.reply_to_message_id == said.message_id, timeout=60)
            answered = time.perf_counter() - started
            await asyncio.sleep(idle)
            memory = psutil.Process(process.pid).memory_full_info()
        finally:
            process.send_signal(signal.SIGTERM)
            _out, err = await asyncio.wait_for(process.communicate(), 60)
        if process.returncode != 0:
            raise SystemExit(f"dondoc run failed ({process.returncode}): {err.decode()[-2000:]}")
    return {
        "idle_rss_mb": round(memory.rss / MB, 1),
        "idle_uss_mb": round(memory.uss / MB, 1),
        "polling_seconds": round(polling, 2),
        "first_answer_seconds": round(answered, 2),
        "idle_seconds": idle,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--idle", type=float, default=5.0, help="seconds to sit idle before measuring")
    args = parser.parse_args()
    print(json.dumps(asyncio.run(measure(args.idle))))


if __name__ == "__main__":
    main()

"""Benchmark: the server's time to answer /tre_han, on 10,000 and 100,000 tasks; one JSON line per run.

What is timed is what the /tre_han handler does before it replies: a transaction, the working
group, the service ``services.oversight.overdue_page()`` (the counts per agency from the database,
the pages planned from them, then only the first page's tasks read) and the rendering
``render.oversight.overdue_text`` of that page with its "Trang 1/N" footer. Telegram's round trip is
not included. ``pages`` is the number of pages of the whole list.

Each size is seeded fresh by a child process (``bench/data.py``: 1,000 agencies, about 6% of the
leads open and overdue), then timed ``RUNS`` times after one warm-up: ``ms`` is the median,
``max_ms`` the slowest, ``service_ms`` / ``render_ms`` the medians of the two halves.
Targets: under 100 ms at 10,000 tasks (issue 7) and at 100,000 tasks (issue 9).

Run from the repository root::

    .venv/bin/python bench/views.py                      # SQLite, in a temporary file
    .venv/bin/python bench/views.py --database-url postgresql+asyncpg://postgres@127.0.0.1:5432/dondoc_bench

The PostgreSQL database is reset (schema dropped): its name must contain "bench".
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.data import NOW, backend, check_bench_database, seed_in_child  # noqa: E402
from render.oversight import overdue_text  # noqa: E402
from services import oversight  # noqa: E402
from services.clock import ManualClock  # noqa: E402
from services.groups import group_by_id  # noqa: E402
from storage.db import Database  # noqa: E402

RUNS = 7


async def answer(db: Database, clock: ManualClock, group_id: int) -> tuple[float, float, int, int]:
    """One /tre_han: (service seconds, render seconds, overdue leads, pages)."""
    began = time.perf_counter()
    async with db.transaction() as session:
        group = await group_by_id(session, group_id)
        assert group is not None
        page = await oversight.overdue_page(session, clock, group, 0)
    served = time.perf_counter()
    text = overdue_text(page)
    assert len(text) <= 4096
    return served - began, time.perf_counter() - served, page.tasks, page.pages


async def measure(url: str, group_id: int) -> dict[str, Any]:
    db = Database(url)
    try:
        clock = ManualClock(NOW)
        await answer(db, clock, group_id)
        runs = [await answer(db, clock, group_id) for _ in range(RUNS)]
    finally:
        await db.close()
    totals = [s + r for s, r, _, _ in runs]
    return {
        "ms": round(statistics.median(totals) * 1000, 1),
        "max_ms": round(max(totals) * 1000, 1),
        "service_ms": round(statistics.median(s for s, _, _, _ in runs) * 1000, 1),
        "render_ms": round(statistics.median(r for _, r, _, _ in runs) * 1000, 1),
        "overdue_leads": runs[0][2],
        "pages": runs[0][3],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description="/tre_han server time on seeded databases.")
    parser.add_argument("--database-url", help="PostgreSQL database to reset and use (default: SQLite temp file)")
    parser.add_argument("--tasks", default="10000,100000", help="comma-separated sizes")
    parser.add_argument("--agencies", type=int, default=1_000)
    args = parser.parse_args()
    for size in (int(n) for n in args.tasks.split(",")):
        with tempfile.TemporaryDirectory() as folder:
            url = args.database_url or f"sqlite+aiosqlite:///{Path(folder) / 'bench.sqlite3'}"
            check_bench_database(url)
            seeded = seed_in_child(url, size, args.agencies)
            figures = asyncio.run(measure(url, seeded["group_id"]))
        print(
            json.dumps(
                {"backend": backend(url), "tasks": seeded["tasks"], "agencies": seeded["agencies"],
                 "leads": seeded["leads"], **figures},
                ensure_ascii=False,
            ),
            flush=True,
        )


if __name__ == "__main__":
    main()

"""Benchmark: the reminder engine's tick on 100,000 tasks across 1,000 agencies; prints ONE JSON line.

The data (``bench/data.py``) is seeded by a child process, so that this process holds only what
the bot holds: it imports the bot's modules (``bot.app`` and the handlers), then runs
``scheduler.engine.tick`` as the bot's timer does, on the seeded database:

* a first tick at 07:30 on the seeded day (Wednesday) catches up what a running bot queued the day
  before (Tuesday's weekly-report reminders, still within the 48 h grace: ``first_tick_queued``);
* ``idle_tick_seconds``: median of the 5 ticks after it, when nothing new is due (each still
  recomputes the report reminders and finds their keys taken);
* ``busy_tick_seconds``: the tick at 08:00:30 that day, when that day's deadline reminders are due
  (``due_leads`` of them, ``due_share`` of all leads; ``queued`` outbox rows written);
* ``rss_mb``: resident memory of this process after the ticks (``peak_rss_mb``: its high-water mark).

Targets: a tick under 1 s and the bot process under 200 MB.

Run from the repository root::

    .venv/bin/python bench/engine_tick.py                      # SQLite, in a temporary file
    .venv/bin/python bench/engine_tick.py --database-url postgresql+asyncpg://postgres@127.0.0.1:5432/dondoc_bench

The PostgreSQL database is reset (schema dropped): its name must contain "bench".
"""

from __future__ import annotations

import argparse
import asyncio
import json
import resource
import statistics
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import psutil  # noqa: E402
from sqlalchemy import func, select  # noqa: E402

import bot.app  # noqa: E402, F401  - the bot's modules, as a running bot has them
from bench.data import BUSY, NOW, backend, check_bench_database, seed_in_child  # noqa: E402
from scheduler.engine import tick  # noqa: E402
from services.clock import ManualClock  # noqa: E402
from storage.db import Database  # noqa: E402
from storage.models import TaskLead  # noqa: E402

IDLE_RUNS = 5


async def idle_ticks(db: Database, clock: ManualClock) -> dict[str, Any]:
    """The first tick on the seeded day, then ``IDLE_RUNS`` ticks with nothing new due."""
    # a running bot queued Tuesday's weekly-report reminders on Tuesday; a fresh database
    # catches up once (within the 48 h grace), and from then on those keys are no-ops
    began = time.perf_counter()
    catch_up = await tick(db, clock)
    first = time.perf_counter() - began
    idle: list[float] = []
    for _ in range(IDLE_RUNS):
        began = time.perf_counter()
        report = await tick(db, clock)
        idle.append(time.perf_counter() - began)
        assert report.queued == 0, report
    return {
        "idle_tick_seconds": round(statistics.median(idle), 4),
        "first_tick_seconds": round(first, 4),
        "first_tick_queued": catch_up.queued,
    }


async def busy_tick(db: Database, clock: ManualClock) -> dict[str, Any]:
    """The tick at 08:00:30 of the seeded day, when that day's deadline reminders are due."""
    async with db.transaction() as session:
        due = int(await session.scalar(select(func.count()).where(TaskLead.next_remind_at <= BUSY)) or 0)
    clock.set(BUSY)
    began = time.perf_counter()
    busy = await tick(db, clock)
    return {
        "busy_tick_seconds": round(time.perf_counter() - began, 4),
        "due_leads": due,
        "leads_seen": busy.leads_seen,
        "queued": busy.queued,
    }


async def measure(url: str) -> dict[str, Any]:
    db = Database(url)
    try:
        clock = ManualClock(NOW + timedelta(seconds=1))
        return {**await idle_ticks(db, clock), **await busy_tick(db, clock)}
    finally:
        await db.close()


def main() -> None:
    parser = argparse.ArgumentParser(description="Engine tick on a province-sized database.")
    parser.add_argument("--database-url", help="PostgreSQL database to reset and use (default: SQLite temp file)")
    parser.add_argument("--tasks", type=int, default=100_000)
    parser.add_argument("--agencies", type=int, default=1_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        url = args.database_url or f"sqlite+aiosqlite:///{Path(folder) / 'bench.sqlite3'}"
        check_bench_database(url)
        seeded = seed_in_child(url, args.tasks, args.agencies)
        figures = asyncio.run(measure(url))
    rss = psutil.Process().memory_info().rss / 2**20
    peak = max(rss, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)  # the kernel updates it lazily
    print(
        json.dumps(
            {
                "backend": backend(url),
                "tasks": seeded["tasks"],
                "agencies": seeded["agencies"],
                "leads": seeded["leads"],
                "idle_tick_seconds": figures["idle_tick_seconds"],
                "busy_tick_seconds": figures["busy_tick_seconds"],
                "rss_mb": round(rss, 1),
                "peak_rss_mb": round(peak, 1),
                "first_tick_seconds": figures["first_tick_seconds"],
                "first_tick_queued": figures["first_tick_queued"],
                "due_leads": figures["due_leads"],
                "due_share": round(figures["due_leads"] / seeded["leads"], 4),
                "queued": figures["queued"],
                "seed_seconds": seeded["seconds"],
            }
        )
    )


if __name__ == "__main__":
    main()

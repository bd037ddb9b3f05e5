"""Benchmark: the dashboard's overview page at 10,000 and 100,000 tasks; one JSON line per run.

What is timed is a browser's GET of ``/`` as a signed-in leader, through the real ASGI application
in this process (httpx's ASGI transport: no socket, no network): the session check (the person's
roles read again), ``services.dashboard.overview`` (standings and the 12-week trend counted by the
database in one aggregate, the overdue counts per agency, only the first /tre_han page's tasks read)
and the Jinja rendering with its SVG charts. ``service_ms`` times the service call alone, ``list_ms``
the filtered task list (``/nhiem-vu?tinh_trang=overdue``, its first 300 rows).

Each size is seeded fresh by a child process (``bench/data.py``: 1,000 agencies, about 6% of the
leads open and overdue), then timed ``RUNS`` times after one warm-up: ``ms`` is the median,
``max_ms`` the slowest. Target: under 300 ms at 100,000 tasks on PostgreSQL (issue 17).

Run from the repository root::

    .venv/bin/python bench/web.py --database-url postgresql+asyncpg://postgres@127.0.0.1:5432/dashboard_bench
    .venv/bin/python bench/web.py                         # SQLite, in a temporary file

The PostgreSQL database is reset (schema dropped): its name must contain "bench".
"""

from __future__ import annotations

import asyncio
import statistics
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import httpx  # noqa: E402

from bench.data import NOW, over_sizes  # noqa: E402
from services import dashboard  # noqa: E402
from services.clock import ManualClock  # noqa: E402
from services.web_access import Link, Visitor, issue_link, web_actor  # noqa: E402
from storage.db import Database  # noqa: E402
from web.app import create_app  # noqa: E402
from web.config import WebConfig  # noqa: E402

RUNS = 7
LEADER = 900_000_001  # an ADMIN_IDS user: the bench needs no role rows of its own
BASE = "http://dashboard.bench"


async def _timed(client: httpx.AsyncClient, path: str) -> tuple[float, int]:
    began = time.perf_counter()
    response = await client.get(path)
    elapsed = time.perf_counter() - began
    assert response.status_code == 200, (path, response.status_code)
    return elapsed, len(response.content)


async def measure(url: str) -> dict[str, Any]:
    db = Database(url)
    clock = ManualClock(NOW)
    config = WebConfig("bench-dashboard-session-key-0123456789", BASE, (LEADER,))
    try:
        app = create_app(db, clock, config)
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url=BASE) as client:
            issued = await issue_link(db, clock, LEADER, config.admin_ids)
            assert isinstance(issued, Link)
            signed = await client.get(issued.address(BASE), follow_redirects=False)
            assert signed.status_code == 303, signed.status_code
            await _timed(client, "/")
            pages = [await _timed(client, "/") for _ in range(RUNS)]
            await _timed(client, "/nhiem-vu?tinh_trang=overdue")
            lists = [(await _timed(client, "/nhiem-vu?tinh_trang=overdue"))[0] for _ in range(RUNS)]
        actor = await web_actor(db, clock, Visitor(LEADER, 0), config.admin_ids)
        assert actor is not None
        services = []
        for _ in range(RUNS):
            began = time.perf_counter()
            found = await dashboard.overview(db, clock, actor)
            services.append(time.perf_counter() - began)
    finally:
        await db.close()
    times = [t for t, _ in pages]
    return {
        "ms": round(statistics.median(times) * 1000, 1),
        "max_ms": round(max(times) * 1000, 1),
        "service_ms": round(statistics.median(services) * 1000, 1),
        "list_ms": round(statistics.median(lists) * 1000, 1),
        "page_bytes": pages[0][1],
        "overdue_leads": found.page.tasks,
        "leads_counted": sum(found.counts.values()),
    }


def main() -> None:
    over_sizes("The dashboard's overview, rendered on seeded databases.", lambda url, _seeded: asyncio.run(measure(url)))


if __name__ == "__main__":
    main()

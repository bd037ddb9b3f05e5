"""Benchmark: a province of 150 communes on PostgreSQL; prints ONE JSON line.

The shape of issue 15: a province working group and 150 commune groups under it; each commune has
its People's Committee and three more agencies (each with a bound chat) and a plan of 60 own tasks;
the province has 300 tasks led by ``UBND cấp xã``, whose 150 members (the communes' UBND) each hold
one cascaded lead: 45,000 cascaded leads besides the communes' 9,000-odd own. Statuses and due days
follow ``bench/data.py`` (a year around Wednesday 05/03/2025, most past leads done), every lead's
next reminder set by the product's rule. Seeded with bulk inserts in this process, then:

* ``idle_tick_seconds``: median of 5 engine ticks (``scheduler.engine.tick``, every group) after a
  first catch-up tick, when nothing new is due;
* ``busy_tick_seconds``: the tick at 08:00:30, when that day's deadline reminders come due
  (``due_leads`` of them, ``queued`` outbox rows written);
* ``tre_han_ms``: the province's ``/tre_han`` roll-up as the handler computes it (the working group,
  ``services.oversight.overdue_page`` over the whole tree, ``render.oversight.overdue_text``), median of 7
  after a warm-up (``tre_han_max_ms`` the slowest); ``drill_down_ms`` the same for one commune
  (``/tre_han xã …``), found by name as the handler does.

Targets: a tick under 1 s, the province's roll-up under 200 ms.

Run from the repository root (the schema of the database is dropped and re-created: its name must
contain "bench" or "test")::

    .venv/bin/python bench/province.py
    .venv/bin/python bench/province.py --database-url postgresql+asyncpg://postgres@127.0.0.1:5432/dondoc_bench
    BENCH_DATABASE_URL=postgresql+asyncpg://… .venv/bin/python bench/province.py
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import statistics
import sys
import time
from datetime import timedelta
from pathlib import Path
from typing import Any, cast
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from sqlalchemy import Table, text  # noqa: E402
from sqlalchemy.engine import make_url  # noqa: E402

import bot.app  # noqa: E402, F401  - the bot's modules, as a running bot has them
from bench.data import (  # noqa: E402
    CONTENTS,
    NOW,
    SECTIONS,
    TZ,
    Shape,
    _chunks,
    _insert,
    _lead,
    _Reminders,
    analyze,
    backend,
    reset,
)
from bench.engine_tick import busy_tick, idle_ticks  # noqa: E402
from plans.text import fold  # noqa: E402
from render.oversight import overdue_text  # noqa: E402
from services import leader_views, oversight  # noqa: E402
from services.access import Actor, RoleName  # noqa: E402
from services.clock import ManualClock  # noqa: E402
from services.groups import group_by_id  # noqa: E402
from storage.db import Database  # noqa: E402
from storage.models import Agency, AgencyMember, Chat, Plan, Task, TaskLead, WorkingGroup  # noqa: E402

DEFAULT_URL = "postgresql+asyncpg://postgres@127.0.0.1:5432/test_province"
COMMUNE_AGENCIES = ("UBND {c}", "Công an {c}", "Văn phòng HĐND và UBND {c}", "Trạm Y tế {c}")
VIEW_RUNS = 7


def _tables() -> dict[str, Table]:
    models = (WorkingGroup, Agency, AgencyMember, Chat, Plan, Task, TaskLead)
    return {m.__tablename__: cast(Table, m.__table__) for m in models}


async def seed(db: Database, communes: int, own_tasks: int, province_tasks: int, rng_seed: int = 15) -> dict[str, int]:
    """The province and its communes, in one transaction of bulk inserts (explicit ids from 1)."""
    rng = random.Random(rng_seed)
    shape = Shape(now=NOW)
    today = NOW.astimezone(ZoneInfo(TZ)).date()
    reminders = _Reminders(NOW)
    tables = _tables()
    groups: list[dict[str, Any]] = [
        {"id": 1, "parent_id": None, "level": "tinh", "name": "Tổ Công tác Đề án 06 tỉnh", "timezone": TZ,
         "settings": {}, "is_default": True, "created_at": NOW - timedelta(days=400)}
    ]
    agencies: list[dict[str, Any]] = []
    chats: list[dict[str, Any]] = []
    members: list[dict[str, Any]] = []
    plans: list[dict[str, Any]] = []
    tasks: list[dict[str, Any]] = []
    leads: list[dict[str, Any]] = []
    counts = {"leads": 0, "cascaded_leads": 0, "overdue": 0}

    def agency(group_id: int, name: str, collective: bool = False) -> int:
        agency_id = len(agencies) + 1
        agencies.append({
            "id": agency_id, "working_group_id": group_id, "name": name, "folded": fold(name), "aliases": [],
            "level": None, "collective": collective, "members": [], "needs_review": False,
            "created_at": NOW - timedelta(days=400),
        })
        if not collective:
            chats.append({
                "id": len(chats) + 1, "external_id": -1_002_000_000_000 - agency_id, "working_group_id": group_id,
                "kind": "supergroup", "title": f"Đề án 06 – {name}", "agency_id": agency_id, "role": None,
                "active": True, "bound_at": NOW - timedelta(days=90), "created_at": NOW - timedelta(days=90),
            })
        return agency_id

    def task(plan_id: int, position: int) -> tuple[int, Any]:
        due = None if rng.random() < shape.undated_share else today + timedelta(days=rng.randint(-shape.past_days, shape.future_days))
        section = rng.randrange(len(SECTIONS))
        task_id = len(tasks) + 1
        tasks.append({
            "id": task_id, "plan_id": plan_id, "position": position, "code": f"{section + 1}.{position + 1}",
            "section": SECTIONS[section], "content": rng.choice(CONTENTS),
            "deadline_text": due.strftime("%d/%m/%Y") if due else "Thường xuyên", "kind": "due" if due else "ongoing",
            "due": due, "starts": None, "recurring": False, "milestones": [], "notes": {}, "removed_at": None,
        })
        return task_id, due

    def lead(task_id: int, agency_id: int, due: Any, via: int | None = None) -> None:
        row = _lead(rng, shape, today, NOW, due)
        row.update(id=len(leads) + 1, task_id=task_id, agency_id=agency_id, via_agency_id=via)
        row["next_remind_at"] = reminders.next_at(due, row["status"])
        leads.append(row)
        counts["leads"] += 1
        counts["cascaded_leads"] += via is not None
        counts["overdue"] += due is not None and due < today and row["status"] != "done"

    collective = agency(1, "UBND cấp xã", collective=True)
    committees: list[int] = []
    for n in range(communes):
        group_id = n + 2
        name = f"xã Số {n + 1}"
        groups.append({"id": group_id, "parent_id": 1, "level": "xa", "name": name, "timezone": TZ, "settings": {},
                       "is_default": False, "created_at": NOW - timedelta(days=300)})
        own = [agency(group_id, pattern.format(c=name)) for pattern in COMMUNE_AGENCIES]
        committees.append(own[0])
        members.append({"id": n + 1, "collective_id": collective, "member_id": own[0]})
        plans.append({"id": len(plans) + 1, "working_group_id": group_id, "number": f"{n + 1}/KH-UBND",
                      "title": f"Kế hoạch Đề án 06 {name}", "issued": today - timedelta(days=300), "year": today.year,
                      "source_name": None, "settings": {}, "imported_at": NOW - timedelta(days=300)})
        for position in range(own_tasks):
            task_id, due = task(len(plans), position)
            for agency_id in rng.sample(own, 2 if rng.random() < shape.second_lead_share else 1):
                lead(task_id, agency_id, due)
    plans.append({"id": len(plans) + 1, "working_group_id": 1, "number": "12/KH-UBND", "title": "Kế hoạch Đề án 06 tỉnh",
                  "issued": today - timedelta(days=300), "year": today.year, "source_name": None, "settings": {},
                  "imported_at": NOW - timedelta(days=300)})
    for position in range(province_tasks):
        task_id, due = task(len(plans), position)
        for committee in committees:
            lead(task_id, committee, due, via=collective)
    async with db.engine.begin() as conn:
        for name, rows in (("working_groups", groups), ("agencies", agencies), ("agency_members", members),
                           ("chats", chats), ("plans", plans), ("tasks", tasks)):
            await _insert(conn, tables[name], rows)
        for chunk in _chunks(len(leads)):
            await _insert(conn, tables["task_leads"], leads[chunk.start : chunk.stop])
        if db.dialect == "postgresql":
            for name in tables:
                await conn.execute(text(f"SELECT setval(pg_get_serial_sequence('{name}', 'id'), (SELECT max(id) FROM {name}))"))
    return {"communes": communes, "groups": len(groups), "agencies": len(agencies), "tasks": len(tasks), **counts}


async def province_view(db: Database, clock: ManualClock, actor: Actor, name: str = "") -> tuple[float, int, int]:
    """One /tre_han as the handler computes it: (seconds, overdue leads, pages)."""
    began = time.perf_counter()
    if name:
        found = await leader_views.overdue(db, clock, actor, 0, name=name)
        assert isinstance(found, leader_views.OverdueView)
        page = found.page
    else:
        async with db.transaction() as session:
            group = await group_by_id(session, actor.working_group_id)
            assert group is not None
            page = await oversight.overdue_page(session, clock, group, 0)
    assert len(overdue_text(page)) <= 4096
    return time.perf_counter() - began, page.tasks, page.pages


async def measure(db: Database) -> dict[str, Any]:
    clock = ManualClock(NOW + timedelta(seconds=1))
    idle = await idle_ticks(db, clock)
    staff = Actor(0, None, 1, frozenset({RoleName.SECRETARIAT, RoleName.LEADER}))
    await province_view(db, clock, staff)
    views_run = [await province_view(db, clock, staff) for _ in range(VIEW_RUNS)]
    await province_view(db, clock, staff, "xã Số 75")
    drill = [await province_view(db, clock, staff, "xã Số 75") for _ in range(VIEW_RUNS)]
    busy = await busy_tick(db, clock)
    return {
        "idle_tick_seconds": idle.pop("idle_tick_seconds"),
        "busy_tick_seconds": busy.pop("busy_tick_seconds"),
        "tre_han_ms": round(statistics.median(s for s, _, _ in views_run) * 1000, 1),
        "tre_han_max_ms": round(max(s for s, _, _ in views_run) * 1000, 1),
        "drill_down_ms": round(statistics.median(s for s, _, _ in drill) * 1000, 1),
        "overdue_leads": views_run[0][1],
        "pages": views_run[0][2],
        **idle,
        **busy,
    }


def check_database(url: str, force: bool) -> None:
    """The schema is dropped: refuse a database not named for benches or tests."""
    name = make_url(url).database or ""
    if backend(url) == "postgresql" and not any(word in name for word in ("bench", "test")) and not force:
        raise SystemExit(f"refusing to reset database {name!r}: its name has neither 'bench' nor 'test' (use --force)")


async def run(url: str, communes: int, own_tasks: int, province_tasks: int) -> dict[str, Any]:
    db = Database(url)
    try:
        await reset(db)
        began = time.perf_counter()
        seeded = await seed(db, communes, own_tasks, province_tasks)
        seconds = round(time.perf_counter() - began, 2)
        await analyze(db)
        return {"backend": backend(url), **seeded, "seed_seconds": seconds, **await measure(db)}
    finally:
        await db.close()


def main() -> None:
    parser = argparse.ArgumentParser(description="A province of communes: engine tick and /tre_han roll-up.")
    parser.add_argument("--database-url", default=os.environ.get("BENCH_DATABASE_URL", DEFAULT_URL))
    parser.add_argument("--communes", type=int, default=150)
    parser.add_argument("--own-tasks", type=int, default=60, help="each commune's own plan")
    parser.add_argument("--province-tasks", type=int, default=300, help="led by UBND cấp xã, one lead per commune")
    parser.add_argument("--force", action="store_true", help="reset a database whose name has neither 'bench' nor 'test'")
    args = parser.parse_args()
    check_database(args.database_url, args.force)
    figures = asyncio.run(run(args.database_url, args.communes, args.own_tasks, args.province_tasks))
    print(json.dumps(figures, ensure_ascii=False))


if __name__ == "__main__":
    main()

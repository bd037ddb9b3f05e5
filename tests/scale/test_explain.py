"""The hot queries stay on indexes at province scale (PostgreSQL's plans on 100,000 tasks).

The statements are the ones the product runs, built by the same storage functions: the engine's
due leads (``storage.reminders.leads_due_query``), /tre_han's overdue leads
(``storage.lead_rows.overdue_query``) and the sender's claim (``storage.outbox.claim_query``). The
database holds 100,000 tasks, a year of sent reminders and a real tick's pending rows, analysed as
autovacuum would; each plan must read task_leads / outbox through an index, never a Seq Scan.
"""

from __future__ import annotations

import asyncio
import json
import os
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

import pytest
from sqlalchemy import Select, text

from bench.data import BUSY, NOW, Seeded, Shape, analyze, seed
from scheduler.engine import BATCH, tick
from scheduler.sender import SenderSettings
from services.clock import ManualClock
from storage.db import Database
from storage.lead_rows import overdue_query
from storage.models import Base
from storage.outbox import claim_query
from storage.reminders import leads_due_query

PG_URL = os.environ.get("TEST_DATABASE_URL")

pytestmark = pytest.mark.skipif(
    not PG_URL, reason="query plans are checked on PostgreSQL only: set TEST_DATABASE_URL=postgresql+asyncpg://…"
)

INDEX_SCANS = {"Index Scan", "Index Only Scan", "Bitmap Heap Scan"}


@dataclass(frozen=True)
class Province:
    seeded: Seeded
    queued: int


async def _fill(url: str) -> Province:
    db = Database(url)
    try:
        tables = ", ".join(t.name for t in Base.metadata.sorted_tables if t.name != "alembic_version")
        async with db.engine.begin() as conn:
            await conn.execute(text(f"TRUNCATE {tables} RESTART IDENTITY CASCADE"))
        seeded = await seed(db, Shape(tasks=100_000, agencies=1_000, outbox_history=100_000))
        # the day's reminders queued by a real tick: pending rows in the outbox, as the sender finds them
        report = await tick(db, ManualClock(BUSY))
        await analyze(db)
        return Province(seeded, report.queued)
    finally:
        await db.close()


@pytest.fixture(scope="module")
def province(migrated_template: str) -> Iterator[Province]:
    assert PG_URL is not None
    yield asyncio.run(_fill(PG_URL))


@dataclass(frozen=True)
class Scan:
    node: str
    relation: str | None
    index: str | None


def _scans(node: dict[str, Any]) -> Iterator[Scan]:
    if "Scan" in node["Node Type"]:
        yield Scan(node["Node Type"], node.get("Relation Name"), node.get("Index Name"))
    for child in node.get("Plans", []):
        yield from _scans(child)


async def _plan(statement: Select[*tuple[Any, ...]]) -> list[Scan]:
    """EXPLAIN (FORMAT JSON) of the statement as compiled for PostgreSQL, with its values inlined."""
    assert PG_URL is not None
    db = Database(PG_URL)
    try:
        async with db.engine.connect() as conn:
            sql = statement.compile(dialect=conn.dialect, compile_kwargs={"literal_binds": True})
            result = await conn.exec_driver_sql(f"EXPLAIN (FORMAT JSON) {sql}")
            raw = result.scalar_one()
    finally:
        await db.close()
    plan = json.loads(raw) if isinstance(raw, str) else raw
    return list(_scans(plan[0]["Plan"]))


def assert_indexed(scans: list[Scan], table: str) -> set[str]:
    """``table`` is read, and only through indexes; returns the index names the plan uses."""
    on_table = [s for s in scans if s.relation == table]
    assert on_table, f"{table} is not read at all: {scans}"
    assert all(s.node in INDEX_SCANS for s in on_table), f"{table} read without an index: {scans}"
    used = {s.index for s in scans if s.index and (s.index.startswith(f"ix_{table}") or s.index == f"pk_{table}")}
    assert used, f"no index of {table} in the plan: {scans}"
    return used


def test_the_province_is_seeded(province: Province) -> None:
    seeded = province.seeded
    assert seeded.tasks == 100_000 and seeded.agencies == 1_000 and seeded.leads > seeded.tasks
    assert 0.03 < seeded.overdue / seeded.leads < 0.1
    assert province.queued > 1_000  # the day's deadline reminders and Tuesday's weekly-report ones


# the seeded day's reminders were queued by the tick above; the next morning's are still due
NEXT_MORNING = BUSY + timedelta(days=1)


@pytest.mark.parametrize("moment", [NOW, NEXT_MORNING], ids=["idle", "busy"])
async def test_engine_due_leads_use_the_next_reminder_index(province: Province, moment: Any) -> None:
    scans = await _plan(leads_due_query(moment, BATCH))
    assert "ix_task_leads_next_remind_at" in assert_indexed(scans, "task_leads")


@pytest.mark.parametrize("one_agency", [False, True], ids=["all", "one_agency"])
async def test_overdue_view_reads_leads_by_index(province: Province, one_agency: bool) -> None:
    today: date = province.seeded.today
    agency_id = province.seeded.chats[0].agency_id if one_agency else None
    scans = await _plan(overdue_query(province.seeded.group_id, today, agency_id))
    assert_indexed(scans, "task_leads")


@pytest.mark.parametrize("moment", [NOW, BUSY], ids=["none_due", "day_due"])
async def test_outbox_claim_reads_the_due_index(province: Province, moment: Any) -> None:
    scans = await _plan(claim_query(moment, SenderSettings().batch, postgresql=True))
    assert "ix_outbox_due" in assert_indexed(scans, "outbox")

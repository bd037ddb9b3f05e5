"""/healthz: 200 with the figures when all is well, 503 when the database or the scheduler is not."""

from __future__ import annotations

import asyncio
import json
import threading
from datetime import timedelta
from pathlib import Path
from typing import Any

import aiohttp
from telegram import Bot

from bot.health import HealthServer, Probe
from bot.sandbox import TOKEN
from channels.telegram.outgoing import NAME as TELEGRAM
from channels.telegram.outgoing import TelegramChannel
from scheduler.runtime import Runtime, RuntimeSettings
from services.clock import ManualClock
from storage.db import Database
from tests.ops.conftest import SECRET, WebhookSandbox

FIELDS = {"status", "database", "scheduler_lag_seconds", "outbox_backlog", "version"}


async def get(url: str) -> tuple[int, dict[str, Any], str]:
    async with aiohttp.ClientSession() as http, http.get(url) as response:
        text = await response.text()
        return response.status, json.loads(text), text


async def test_healthz_on_the_webhook_server_reports_all_is_well(hooked: WebhookSandbox, db: Database) -> None:
    status, body, text = await get(hooked.base + "/healthz")
    assert status == 200
    assert set(body) == FIELDS
    assert body["status"] == "ok" and body["database"] == "ok"
    assert body["scheduler_lag_seconds"] is None, "no tick yet"
    assert body["outbox_backlog"] == 0
    assert body["version"]
    await hooked.deliver()  # one engine tick
    status, body, text = await get(hooked.base + "/healthz")
    assert status == 200 and body["scheduler_lag_seconds"] == 0.0
    for secret in (TOKEN, SECRET, db.url):
        assert secret not in text


async def test_healthz_counts_the_outbox_backlog(hooked: WebhookSandbox, clock: ManualClock) -> None:
    from services.chats import notify_secretariat
    from services.groups import default_group

    await hooked.ask(hooked.dm(hooked.admin), hooked.admin, "/start")  # the admin's private chat is known
    await hooked.runtime.stop()  # nothing is sent any more: what is queued stays queued
    _, before, _ = await get(hooked.base + "/healthz")
    async with hooked.db.transaction() as session:
        group = await default_group(session)
        assert group is not None
        queued = await notify_secretariat(session, clock, group.id, "health-test", {"text": "Kiểm tra"})
    assert queued == 1
    status, body, _ = await get(hooked.base + "/healthz")
    assert status == 200 and body["outbox_backlog"] == before["outbox_backlog"] + 1
    clock.advance(timedelta(hours=1))
    async with hooked.db.transaction() as session:
        await notify_secretariat(session, clock, group.id, "health-test-later", {"text": "Kiểm tra"})
    clock.advance(timedelta(hours=-2))
    _, earlier, _ = await get(hooked.base + "/healthz")
    assert earlier["outbox_backlog"] == before["outbox_backlog"], "rows not yet due are not backlog"


async def aiosqlite_threads_done() -> None:
    """aiosqlite stops the thread of a failed connection on its own; wait for it while the loop runs
    (it hands a result back to the loop, which must still be open then)."""
    for thread in threading.enumerate():
        if "_connection_worker_thread" in thread.name:
            await asyncio.to_thread(thread.join, 10.0)


async def test_healthz_is_503_when_the_database_cannot_be_opened(tmp_path: Path, clock: ManualClock) -> None:
    broken = Database(f"sqlite+aiosqlite:///{tmp_path}")  # a folder, not a file: SQLite cannot open it
    server = HealthServer(Probe(db=broken, clock=clock), port=0)
    await server.start()
    try:
        status, body, text = await get(server.url)
    finally:
        await server.stop()
        await broken.close()
        await aiosqlite_threads_done()
    assert status == 503
    assert body["status"] == "degraded" and body["database"] == "error"
    assert body["outbox_backlog"] is None
    assert str(tmp_path) not in text, "the error's text (which may hold the URL) is not shown"


async def test_healthz_is_503_when_the_engine_stops_ticking(db: Database, clock: ManualClock) -> None:
    runtime = Runtime(db, {TELEGRAM: TelegramChannel(Bot(TOKEN))}, clock, RuntimeSettings(tick_seconds=60, autotick=True))
    probe = Probe(db=db, clock=clock, runtime=runtime)
    await runtime.tick()
    assert runtime.last_tick_at == clock.now()
    clock.advance(timedelta(seconds=170))
    status, body = await probe.check()
    assert status == 200 and body["scheduler_lag_seconds"] == 170.0
    clock.advance(timedelta(seconds=11))
    status, body = await probe.check()
    assert status == 503 and body["status"] == "degraded" and body["database"] == "ok"
    assert body["scheduler_lag_seconds"] == 181.0


async def test_a_scheduler_that_never_ticked_is_late_after_three_intervals(db: Database, clock: ManualClock) -> None:
    runtime = Runtime(db, {TELEGRAM: TelegramChannel(Bot(TOKEN))}, clock, RuntimeSettings(tick_seconds=60, autotick=True))
    probe = Probe(db=db, clock=clock, runtime=runtime)
    assert (await probe.check())[0] == 200
    clock.advance(timedelta(minutes=4))
    status, body = await probe.check()
    assert status == 503 and body["scheduler_lag_seconds"] is None

"""Two ``dondoc worker`` processes send one outbox on PostgreSQL: every message goes out once.

The local Telegram server runs in the test with Telegram's real flood limits (30 messages a second
for the bot, 20 a minute into one group); each worker takes half of that (``--per-second 15``).
Hundreds of bound group chats each have one message due. Midway one worker is stopped:

* SIGTERM: it finishes the message in hand and hands its batch back, the other sends the rest,
  and every chat gets its message exactly once;
* SIGKILL: its claimed batch stays leased until the (short) lease runs out, then the other worker
  sends it; nothing is lost and at most one message (the one in flight) goes out twice.

Waits are bounded and event-driven (the server's record of sent messages) or bounded polls of the
database; the workers are killed in ``finally`` whatever happens.
"""

from __future__ import annotations

import asyncio
import os
import signal
import sys
from collections.abc import Awaitable, Callable
from datetime import timedelta
from pathlib import Path
from typing import TypeVar

import pytest
from sqlalchemy import func, select, update

from bench.data import Shape, seed
from services.clock import SystemClock
from storage.db import Database
from storage.models import Outbox, WorkingGroup
from storage.outbox import OutboxItem, enqueue
from tgserver import Chat, TelegramServer

PG_URL = os.environ.get("TEST_DATABASE_URL")

pytestmark = pytest.mark.skipif(
    not PG_URL,
    reason="several sending processes share the outbox on PostgreSQL only (FOR UPDATE SKIP LOCKED): "
    "set TEST_DATABASE_URL=postgresql+asyncpg://…",
)

ROOT = Path(__file__).resolve().parents[2]
TOKEN = "7000002:dondoc-worker-token"
CHATS = 360
PER_SECOND = 15  # each process's share of Telegram's ~30 messages a second per bot
BATCH = 10
KILL_LEASE = 4.0
# the workers tick on the real date: no periodic report may fall due in this test's group
NO_REPORTS = {"reminders": {"cadence": {"weekly_weekday": None, "monthly_day": None, "half_year_due": None, "annual_due": None}}}

T = TypeVar("T")


class Worker:
    """One ``dondoc worker`` subprocess; its log is kept for failure messages."""

    def __init__(self, name: str, process: asyncio.subprocess.Process) -> None:
        self.name = name
        self.process = process
        self.lines: list[str] = []
        self._reader = asyncio.create_task(self._read())

    @classmethod
    async def start(cls, name: str, tg: TelegramServer, lease: float) -> Worker:
        assert PG_URL is not None
        env = {
            **os.environ,
            "DATABASE_URL": PG_URL,
            "TELEGRAM_BOT_TOKEN": TOKEN,
            "TELEGRAM_API_BASE_URL": tg.base_url,
            "TELEGRAM_API_FILE_URL": tg.base_file_url,
        }
        process = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "bot", "worker", "--per-second", str(PER_SECOND), "--batch", str(BATCH),
            "--lease", str(lease),
            cwd=ROOT, env=env, stdin=asyncio.subprocess.DEVNULL, stdout=asyncio.subprocess.DEVNULL,
            stderr=asyncio.subprocess.PIPE,
        )
        return cls(name, process)

    async def _read(self) -> None:
        assert self.process.stderr is not None
        async for line in self.process.stderr:
            self.lines.append(line.decode(errors="replace").rstrip())

    @property
    def tag(self) -> str:
        """The part of ``outbox.claimed_by`` that names this process (host:pid:random)."""
        return f"%:{self.process.pid}:%"

    async def stop(self, how: signal.Signals, timeout: float = 30.0) -> int:
        self.process.send_signal(how)
        return await asyncio.wait_for(self.process.wait(), timeout)

    async def ensure_dead(self) -> None:
        if self.process.returncode is None:
            self.process.kill()
            await asyncio.wait_for(self.process.wait(), 10)
        await asyncio.wait_for(self._reader, 10)

    def log(self) -> str:
        return f"--- worker {self.name} (pid {self.process.pid}) ---\n" + "\n".join(self.lines[-40:])


async def poll(read: Callable[[], Awaitable[T]], done: Callable[[T], bool], timeout: float, what: str) -> T:
    """Read observable state until ``done`` says so; fail after ``timeout`` seconds."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while True:
        value = await read()
        if done(value):
            return value
        if loop.time() > deadline:
            raise AssertionError(f"{what}: still {value!r} after {timeout} s")
        await asyncio.sleep(0.05)


async def _world(db: Database, tg: TelegramServer) -> list[Chat]:
    """CHATS agency groups with the bot in them, bound in the database, one message each due now."""
    secretary = tg.add_user("Thư ký", "Tổ công tác")
    groups = []
    for n in range(CHATS):
        group = tg.add_group(f"Đề án 06 – đơn vị {n + 1}", [secretary])
        tg.add_bot_to_group(group, secretary)
        groups.append(group)
    seeded = await seed(db, Shape(tasks=0, agencies=CHATS), chat_external_ids=[g.id for g in groups])
    now = SystemClock().now()
    async with db.transaction() as session:
        await session.execute(update(WorkingGroup).where(WorkingGroup.id == seeded.group_id).values(settings=NO_REPORTS))
        items = [
            OutboxItem(
                key=f"scale:{chat.id}", chat_id=chat.id, kind="secretariat",
                payload={"text": f"Thông báo thử số {n + 1}: đề nghị các đơn vị cập nhật tiến độ.", "format": "html"},
                not_before=now - timedelta(minutes=1), working_group_id=seeded.group_id,
            )
            for n, chat in enumerate(seeded.chats)
        ]
        assert await enqueue(session, items, now) == CHATS
    return groups


async def _states(db: Database) -> dict[str, int]:
    async with db.transaction() as session:
        rows = await session.execute(select(Outbox.state, func.count()).group_by(Outbox.state))
        return {state: count for state, count in rows}


async def _held_by(db: Database, worker: Worker, state: str) -> list[int]:
    async with db.transaction() as session:
        return list(
            await session.scalars(select(Outbox.id).where(Outbox.claimed_by.like(worker.tag), Outbox.state == state))
        )


async def _senders(db: Database) -> dict[str, int]:
    async with db.transaction() as session:
        rows = await session.execute(
            select(Outbox.claimed_by, func.count()).where(Outbox.state == "sent").group_by(Outbox.claimed_by)
        )
        return {str(name): count for name, count in rows}


def _no_polling(tg: TelegramServer) -> None:
    """Workers never call getUpdates: two pollers on one token get 409 Conflict from Telegram."""
    assert not [c for c in tg.calls if c.method.lower() == "getupdates"]


async def _run_out(db: Database, tg: TelegramServer, survivor: Worker, logs: Callable[[], str]) -> None:
    """Every chat's message reaches the server and every row is recorded sent; then the survivor stops."""
    try:
        await tg.wait_for(timeout=120, after=CHATS - 1)
        await poll(lambda: _states(db), lambda s: s == {"sent": CHATS}, 30, "outbox states")
    except (TimeoutError, AssertionError) as exc:
        raise AssertionError(f"{exc}\n{logs()}") from None
    assert await survivor.stop(signal.SIGTERM) == 0, logs()


async def test_sigterm_midway_every_message_exactly_once(db: Database) -> None:
    async with TelegramServer(TOKEN, limits=True) as tg:
        groups = await _world(db, tg)
        workers: list[Worker] = []

        def logs() -> str:
            return "\n".join(w.log() for w in workers)

        try:
            workers = [await Worker.start("a", tg, lease=120), await Worker.start("b", tg, lease=120)]
            first, second = workers
            await tg.wait_for(timeout=60, after=CHATS // 4)
            await poll(lambda: _held_by(db, first, "sent"), bool, 30, "worker a has sent nothing")
            assert await first.stop(signal.SIGTERM) == 0, logs()
            assert not await _held_by(db, first, "sending"), "a stopped worker still holds rows"
            await _run_out(db, tg, second, logs)
        finally:
            for worker in workers:
                await worker.ensure_dead()
        counts = {g.id: tg.count_sent(g) for g in groups}
        assert sorted(set(counts.values())) == [1], {k: v for k, v in counts.items() if v != 1}
        assert tg.count_sent() == CHATS
        senders = await _senders(db)
        assert len(senders) == 2 and sum(senders.values()) == CHATS, senders  # both did part of the work
        assert any("handing the rest back" in line for line in first.lines), first.log()
        _no_polling(tg)


async def test_sigkill_midway_loses_nothing_and_repeats_at_most_one(db: Database) -> None:
    async with TelegramServer(TOKEN, limits=True) as tg:
        groups = await _world(db, tg)
        workers: list[Worker] = []

        def logs() -> str:
            return "\n".join(w.log() for w in workers)

        try:
            workers = [await Worker.start("a", tg, lease=KILL_LEASE), await Worker.start("b", tg, lease=KILL_LEASE)]
            victim, survivor = workers
            await tg.wait_for(timeout=60, after=CHATS // 4)
            # kill it while it holds a claimed batch, so that the lease is what brings the rows back
            await poll(lambda: _held_by(db, victim, "sending"), lambda ids: len(ids) >= 3, 30, "worker a holds no batch")
            victim.process.kill()
            assert await asyncio.wait_for(victim.process.wait(), 10) == -signal.SIGKILL
            orphans = await _held_by(db, victim, "sending")
            assert orphans
            await _run_out(db, tg, survivor, logs)
        finally:
            for worker in workers:
                await worker.ensure_dead()
        counts = {g.id: tg.count_sent(g) for g in groups}
        assert min(counts.values()) == 1, "a message was lost"
        assert tg.count_sent() - CHATS <= 1, {k: v for k, v in counts.items() if v != 1}
        async with db.transaction() as session:
            taken_over = list(await session.execute(select(Outbox.claimed_by, Outbox.attempts).where(Outbox.id.in_(orphans))))
        # the killed worker's batch went out from the survivor once its lease ran out
        assert all(f":{victim.process.pid}:" not in str(by) and attempts == 2 for by, attempts in taken_over), taken_over
        _no_polling(tg)

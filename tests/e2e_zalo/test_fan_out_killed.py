"""A sending process killed (SIGKILL) in the middle of a notice's fan-out to Telegram and Zalo
groups: another process takes over once the dead one's lease runs out; every chat gets the notice,
and at most one message (the one in flight) goes out twice.

The processes are ``python -m bot worker`` with both tokens, against the local servers; the notice
is queued the way confirming it queues it (``services.notices.fan_out.send``)."""

from __future__ import annotations

import asyncio
import os
import signal
import sys
from pathlib import Path

from sqlalchemy import func, select

from bench.data import Shape, seed
from render.notices import MESSAGES
from services.clock import SystemClock
from services.notices.drafts import Draft
from services.notices.fan_out import send
from storage.db import Database
from storage.handles import Handles
from storage.models import Chat, Outbox, WorkingGroup
from tests.scale.test_two_processes import NO_REPORTS, poll
from tgserver import TelegramServer
from zaloserver import ZaloServer

ROOT = Path(__file__).resolve().parents[2]
TG_TOKEN = "7000003:dondoc-fan-out-token"
ZALO_TOKEN = "3000002:dondoc-fan-out-zalo"
AGENCIES = 8
TEXT = "Đề nghị các đơn vị báo cáo kết quả làm sạch dữ liệu dân cư trước ngày 25/4/2024."


async def _worker(db: Database, tg: TelegramServer, zl: ZaloServer) -> asyncio.subprocess.Process:
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith(("TELEGRAM_", "DATABASE_", "ZALO_"))},
        "DATABASE_URL": db.url,
        "TELEGRAM_BOT_TOKEN": tg.token,
        "TELEGRAM_API_BASE_URL": tg.base_url,
        "ZALO_BOT_TOKEN": zl.token,
        "ZALO_API_BASE_URL": zl.base_url,
        "ZALO_MESSAGES_PER_SECOND": "3",
    }
    return await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot", "worker", "--per-second", "3", "--batch", "4", "--lease", "2",
        cwd=ROOT, env=env, stdin=asyncio.subprocess.DEVNULL, stdout=asyncio.subprocess.DEVNULL,
        stderr=asyncio.subprocess.DEVNULL,
    )


async def _world(db: Database, tg: TelegramServer, zl: ZaloServer) -> tuple[list[str | int], int]:
    """AGENCIES agencies, each with a Telegram group and a Zalo group; the notice queued to all."""
    secretary = tg.add_user("Thư ký", "Tổ công tác")
    focal = zl.add_user("Đầu mối")
    tg_groups, zl_groups = [], []
    for n in range(AGENCIES):
        tg_group = tg.add_group(f"Đề án 06 – đơn vị {n + 1}", [secretary])
        tg.add_bot_to_group(tg_group, secretary)
        tg_groups.append(tg_group)
        zalo_group = zl.add_group(f"Đơn vị {n + 1} trên Zalo", [focal])
        zl.add_bot_to_group(zalo_group)
        zl_groups.append(zalo_group)
    seeded = await seed(db, Shape(tasks=0, agencies=AGENCIES), chat_external_ids=[g.id for g in tg_groups])
    handles = [await Handles(db, "zalo").handle(g.id) for g in zl_groups]
    clock = SystemClock()
    async with db.transaction() as session:
        group = await session.get(WorkingGroup, seeded.group_id)
        assert group is not None
        group.settings = NO_REPORTS
        for chat, handle in zip(seeded.chats, handles, strict=True):
            session.add(Chat(
                channel="zalo", external_id=handle, working_group_id=group.id,
                kind="group", agency_id=chat.agency_id, active=True, bound_at=clock.now(), created_at=clock.now(),
            ))
        await session.flush()
        sent = await send(session, clock, group, None, Draft(step="preview", text=TEXT, label="Tất cả", agency_ids=[c.agency_id for c in seeded.chats]), MESSAGES)
    assert sent is not None and sent.chats == 2 * AGENCIES
    return [g.id for g in tg_groups] + [g.id for g in zl_groups], sent.notice_id


async def _states(db: Database) -> dict[str, int]:
    async with db.transaction() as session:
        rows = await session.execute(select(Outbox.state, func.count()).group_by(Outbox.state))
        return {state: count for state, count in rows}


async def test_a_worker_killed_mid_fan_out_loses_nothing_and_repeats_at_most_one(db: Database) -> None:
    async with TelegramServer(TG_TOKEN) as tg, ZaloServer(ZALO_TOKEN) as zl:
        chats, _notice = await _world(db, tg, zl)
        workers: list[asyncio.subprocess.Process] = []
        try:
            workers.append(await _worker(db, tg, zl))
            first = workers[0]

            async def reached() -> tuple[int, int]:
                """Notices delivered so far: on both servers, and on Zalo."""
                return sum(TEXT in m.shown_text for m in tg.sent) + sum(TEXT in m.shown_text for m in zl.sent), len(zl.sent)

            await poll(reached, lambda n: n[0] >= 4 and n[1] >= 1, 90, "notices delivered before the kill")
            first.send_signal(signal.SIGKILL)
            await first.wait()
            async with db.transaction() as session:
                left = await session.scalar(select(func.count()).select_from(Outbox).where(Outbox.state != "sent"))
            assert left, "killed in the middle, not after the end"
            workers.append(await _worker(db, tg, zl))
            await poll(lambda: _states(db), lambda s: s == {"sent": 2 * AGENCIES}, 120, "outbox states")
        finally:
            for process in workers:
                if process.returncode is None:
                    process.send_signal(signal.SIGTERM)
                    await asyncio.wait_for(process.wait(), 30)
        copies: list[str | int] = [m.chat_id for m in tg.sent if TEXT in m.shown_text]
        copies += [m.chat_id for m in zl.sent if TEXT in m.shown_text]
        assert set(copies) == set(chats), "every chat has the notice"
        assert len(copies) - len(chats) <= 1, f"{len(copies) - len(chats)} repeated"

"""Benchmark: one notice fanned out to N bound agency chats, against the local Telegram server with
Telegram's limits on (30 messages/s overall, 20/min per group, real time: time_scale=1.0).

The data (N agencies, each with its group chat bound) is written straight into a temporary SQLite
database before the clock starts, so the figure is the fan-out alone: the confirming transaction
(:func:`services.fan_out.send`: notice, deliveries, outbox rows) and the bot's own outbox sender
draining it through python-telegram-bot, as the running bot does. Deliveries are counted on the
server's side, per chat. Prints one JSON line::

    {"chats": N, "seconds": …, "floor_seconds": N/30, "ratio": seconds/floor, "lost": 0, "duplicates": 0, …}

Run from the repository root: ``.venv/bin/python bench/broadcast.py --chats 300``.
``--per-second`` sets the sender's overall limit (``LimitSettings.per_second``, default 30) to
try another setting without editing the code.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import sys
import tempfile
import time
from pathlib import Path

try:
    from bot.bootstrap import Core, telegram_app
except ImportError:  # not installed: run from a checkout
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    from bot.bootstrap import Core, telegram_app

from bot.settings import Settings
from render.notices import MESSAGES
from scheduler.limits import LimitSettings
from scheduler.runtime import RuntimeSettings
from services.agencies import create_agency
from services.clock import SystemClock
from services.groups import ensure_default_group
from services.notices import drafts, fan_out, recipients
from storage.db import Database
from storage.models import Chat, WorkingGroup
from tgserver.people import Chat as TgChat
from tgserver.server import TelegramServer

TOKEN = "7000001:dondoc-bench-token"
TEXT = (
    "Thường trực Tổ Công tác Đề án 06 đề nghị các đơn vị cử cán bộ tham dự Hội nghị giao ban "
    "Quý II/2024 lúc 08:00 ngày 04/7/2024 tại Hội trường Công an tỉnh."
)


async def _setup(db: Database, tg: TelegramServer, clock: SystemClock, n: int) -> tuple[int, list[int], list[TgChat]]:
    """N agencies, N group chats with the bot in them, each bound to its agency."""
    focal = tg.add_user("Cán bộ", "đầu mối")
    groups: list[TgChat] = []
    for i in range(n):
        group = tg.add_group(f"UBND xã Số {i + 1:04d} - Đề án 06", members=[focal])
        tg.add_bot_to_group(group, by=focal)
        groups.append(group)
    async with db.transaction() as session:
        wg = await ensure_default_group(session, clock, "Tổ Công tác Đề án 06", "Asia/Ho_Chi_Minh")
        agency_ids: list[int] = []
        for i, group in enumerate(groups):
            agency = await create_agency(session, clock, wg.id, f"UBND xã Số {i + 1:04d}")
            agency_ids.append(agency.id)
            session.add(
                Chat(
                    external_id=group.id, working_group_id=wg.id, kind="group", title=group.title,
                    agency_id=agency.id, active=True, bound_at=clock.now(), created_at=clock.now(),
                )
            )
        return wg.id, agency_ids, groups


async def run(n: int, per_second: int) -> dict[str, object]:
    logging.basicConfig(level=logging.WARNING)
    clock = SystemClock()
    with tempfile.TemporaryDirectory() as tmp:
        db = Database(f"sqlite+aiosqlite:///{tmp}/broadcast.sqlite3")
        await db.migrate()
        tg = TelegramServer(TOKEN, "dondoc_bot", time_scale=1.0, limits=True)
        await tg.start()
        try:
            group_id, agency_ids, groups = await _setup(db, tg, clock, n)
            settings = Settings(
                telegram_bot_token=TOKEN,  # type: ignore[arg-type]
                telegram_api_base_url=tg.base_url,
                telegram_api_file_url=tg.base_file_url,
                database_url=db.url,
            )
            runtime_settings = RuntimeSettings(autotick=False, limits=LimitSettings(per_second=per_second))
            built = telegram_app(Core.build(settings, db=db, clock=clock), runtime_settings)
            app = built.application
            await app.initialize()
            sender = built.runtime.sender
            try:
                draft = drafts.Draft(step="preview", text=TEXT, label=recipients.ALL_LABEL, agency_ids=agency_ids)
                started = time.monotonic()
                async with db.transaction() as session:
                    wg = await session.get(WorkingGroup, group_id)
                    assert wg is not None
                    sent = await fan_out.send(session, clock, wg, None, draft, MESSAGES)
                enqueued = time.monotonic()
                await sender.drain()
                seconds = time.monotonic() - started
            finally:
                await app.shutdown()
            assert sent is not None
            counts = [tg.count_sent(group) for group in groups]
            refused = sum(1 for call in tg.calls if call.method == "sendMessage" and call.status == 429)
        finally:
            await tg.stop()
            await db.close()
    floor = n / 30
    return {
        "chats": n,
        "seconds": round(seconds, 2),
        "floor_seconds": round(floor, 2),
        "ratio": round(seconds / floor, 3),
        "lost": sum(1 for c in counts if c == 0),
        "duplicates": sum(1 for c in counts if c > 1),
        "enqueue_seconds": round(enqueued - started, 3),
        "answered_429": refused,
        "per_second": per_second,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--chats", type=int, required=True)
    parser.add_argument("--per-second", type=int, default=LimitSettings().per_second)
    args = parser.parse_args()
    print(json.dumps(asyncio.run(run(args.chats, args.per_second))))


if __name__ == "__main__":
    main()

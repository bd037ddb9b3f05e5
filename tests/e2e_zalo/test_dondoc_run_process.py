"""The core Zalo scenario with the bot as a real process: ``python -m bot run`` with both tokens,
talking HTTP to the local Telegram and Zalo servers, its clock started on a chosen day
(``CLOCK_START``). Bound in a first run, reminded and answered in a second: the Zalo chat's handle
and everything else come back from the database."""

from __future__ import annotations

import asyncio
import os
import signal
import sys
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import date
from pathlib import Path

from services.clock import ManualClock
from storage.db import Database
from tests.e2e.flows import code_in
from tests.e2e.test_reminders import at
from tests.e2e_zalo.flows import STATUS_LINE
from tests.seed import seed_task
from tgserver import TelegramServer
from tgserver.messages import Message as TgMessage
from tgserver.people import Chat as TgChat
from tgserver.people import User as TgUser
from zaloserver import ZaloServer

ROOT = Path(__file__).resolve().parents[2]
TG_TOKEN = "4243:run-zalo-test-token"
ZALO_TOKEN = "3000001:run-zalo-test-secret"


@asynccontextmanager
async def dondoc_run(db: Database, tg: TelegramServer, zl: ZaloServer, admin: TgUser, clock_start: str) -> AsyncIterator[None]:
    """``python -m bot run`` until the block ends (then SIGTERM, and it must exit cleanly)."""
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith(("TELEGRAM_", "DATABASE_", "ZALO_"))},
        "TELEGRAM_BOT_TOKEN": tg.token,
        "TELEGRAM_API_BASE_URL": tg.base_url,
        "TELEGRAM_API_FILE_URL": tg.base_file_url,
        "ZALO_BOT_TOKEN": zl.token,
        "ZALO_API_BASE_URL": zl.base_url,
        "ZALO_MESSAGES_PER_SECOND": "20",
        "DATABASE_URL": db.url,
        "ADMIN_IDS": str(admin.id),
        "CLOCK_START": clock_start,
    }
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot", "run", cwd=ROOT, env=env,
        stdin=asyncio.subprocess.DEVNULL, stdout=asyncio.subprocess.DEVNULL, stderr=asyncio.subprocess.PIPE,
    )
    try:
        await asyncio.wait_for(asyncio.gather(tg.wait_until_polling(60), zl.wait_until_polling(60)), 90)
        yield
    finally:
        if process.returncode is None:
            process.send_signal(signal.SIGTERM)
        _out, err = await asyncio.wait_for(process.communicate(), 60)
        assert process.returncode == 0, err.decode()[-3000:]
        assert zl.token not in err.decode() and tg.token not in err.decode(), "no token in the logs"


async def tg_ask(tg: TelegramServer, chat: TgChat, user: TgUser, text: str, contains: str = "") -> TgMessage:
    after = len(tg.sent)
    said = tg.send_text(chat, user, text)
    return await tg.wait_for(
        lambda m: m.chat_id == chat.id and m.reply_to_message_id == said.message_id and contains in m.shown_text,
        30, after=after,
    )


async def test_dondoc_run_serves_a_zalo_agency_and_telegram_leaders(db: Database) -> None:
    async with TelegramServer(TG_TOKEN, "dondoc_bot") as tg, ZaloServer(ZALO_TOKEN) as zl:
        admin = tg.add_user("Thư ký", "Tổ công tác")
        dm = tg.private_chat(admin)
        chief = tg.add_user("Chủ tịch", "UBND")
        leaders = tg.add_group("Lãnh đạo Tổ công tác", members=[chief])
        focal = zl.add_user("Trần Thị Mai")
        group = zl.add_group("Sở Y tế - Đề án 06", members=[focal])

        async with dondoc_run(db, tg, zl, admin, "2024-03-19T09:00:00+07:00"):
            await tg_ask(tg, dm, admin, "/them_don_vi Sở Y tế", contains="Sở Y tế")
            code = code_in((await tg_ask(tg, dm, admin, "/ma_don_vi Sở Y tế", contains="Mã đăng ký")).shown_text)
            zl.add_bot_to_group(group)
            after = len(zl.sent)
            zl.send_text(group, focal, f"dang ky {code}")
            bound = await zl.wait_for(lambda m: m.chat_id == group.id, 30, after=after)
            assert "Đã đăng ký: Sở Y tế" in bound.shown_text
            leaders_code = code_in((await tg_ask(tg, dm, admin, "/ma_don_vi lanh_dao", contains="Mã đăng ký")).shown_text)
            tg.add_bot_to_group(leaders, by=chief)
            await tg_ask(tg, leaders, chief, f"/dang_ky {leaders_code}", contains="Đã đăng ký")

        # 29/03/2024 is a Friday: seven working days before is Wednesday 20/03
        clock = ManualClock(at(date(2024, 3, 19), 10, 0))
        await seed_task(db, clock, "2.3.1", "Chỉ đạo các cơ sở khám, chữa bệnh sử dụng thẻ CCCD gắn chip", date(2024, 3, 29), ["Sở Y tế"])
        after = len(zl.sent)
        async with dondoc_run(db, tg, zl, admin, "2024-03-20T09:00:00+07:00"):
            reminder = await zl.wait_for(lambda m: m.chat_id == group.id and "Nhắc việc" in m.shown_text, 60, after=after)
            assert "Nhiệm vụ 2.3.1" in reminder.shown_text and reminder.shown_text.rstrip().endswith(STATUS_LINE)
            after = len(zl.sent)
            zl.send_text(group, focal, "2 đạt 60%")
            answer = await zl.wait_for(lambda m: m.chat_id == group.id, 30, after=after)
            assert "60%" in answer.shown_text and "2.3.1" in answer.shown_text
        async with dondoc_run(db, tg, zl, admin, "2024-04-01T09:00:00+07:00"):
            late = await tg_ask(tg, leaders, chief, "/tre_han", contains="trễ hạn")
        assert "Sở Y tế" in late.shown_text and "2.3.1" in late.shown_text and "60%" in late.shown_text
        assert [m for m in zl.sent if "Nhắc việc" in m.shown_text] == [reminder], "reminded once, on 20/03"

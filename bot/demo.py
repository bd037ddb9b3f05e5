"""``dondoc demo``: the whole product in a minute, without a token or the network.

The local Telegram server, the bot on an SQLite database in a temporary folder, and a scripted
month of a working group's life, printed as a readable transcript.
"""

from __future__ import annotations

import html
import re
import tempfile
from datetime import UTC, datetime, timedelta
from pathlib import Path

from bot.sandbox import Sandbox
from services.clock import ManualClock
from storage.db import Database
from tgserver.messages import Message
from tgserver.people import Chat, User

START = datetime(2024, 3, 18, 0, 30, tzinfo=UTC)  # Monday 18/03/2024, 07:30 in Hà Nội
TAGS = re.compile(r"</?(b|i|u|code|pre)>")


def _plain(text: str) -> str:
    return html.unescape(TAGS.sub("", text))


class Transcript:
    """Prints what people type and what the bot answers, in order."""

    def __init__(self, box: Sandbox) -> None:
        self.box = box
        self.shown = 0

    def scene(self, title: str) -> None:
        self.flush()
        print(f"\n━━━ {title} ━━━")

    def said(self, chat: Chat, user: User, text: str) -> None:
        self.flush()
        where = chat.title or "chat riêng"
        print(f"\n👤 {user.first_name} {user.last_name or ''} [{where}]: {text}")

    def flush(self) -> None:
        for message in self.box.tg.sent[self.shown :]:
            self._bot(message)
        self.shown = len(self.box.tg.sent)

    def _bot(self, message: Message) -> None:
        where = message.chat.title or f"chat riêng với {message.chat.first_name or ''}".strip()
        print(f"\n🤖 → [{where}]")
        body = _plain(message.shown_text) if message.text or message.caption else ""
        if message.filename:
            body += f"\n📎 {message.filename}"
        for line in body.splitlines():
            print(f"   {line}")
        buttons = self.box.buttons(message)
        if buttons:
            print("   " + "  ".join(f"[{text}]" for text, _data in buttons))


async def _say(box: Sandbox, out: Transcript, chat: Chat, user: User, text: str, reply_to: Message | None = None) -> Message:
    out.said(chat, user, text)
    return await box.ask(chat, user, text, reply_to=reply_to)


async def run_demo() -> int:
    with tempfile.TemporaryDirectory(prefix="dondoc-demo-") as folder:
        db = Database(f"sqlite+aiosqlite:///{Path(folder) / 'demo.sqlite3'}")
        await db.migrate()
        clock = ManualClock(START)
        async with Sandbox(db, clock) as box:
            await _script(box, Transcript(box), clock)
        await db.close()
    print("\nKết thúc chạy thử. ✅")
    return 0


async def _script(box: Sandbox, out: Transcript, clock: ManualClock) -> None:
    admin = box.admin
    out.scene("1. Thường trực Tổ công tác bắt đầu")
    await _say(box, out, box.dm(admin), admin, "/start")
    await _say(box, out, box.dm(admin), admin, "/them_don_vi Sở Y tế")
    code_message = await _say(box, out, box.dm(admin), admin, "/ma_don_vi Sở Y tế")
    code = re.search(r"[A-Z0-9]{4}-[A-Z0-9]{4}", code_message.shown_text)
    assert code is not None

    out.scene("2. Sở Y tế đăng ký nhóm chat của đơn vị")
    lan = box.tg.add_user("Lan", "Nguyễn")
    group = box.tg.add_group("Sở Y tế - Đề án 06", members=[lan])
    after = box.mark()
    out.said(group, lan, "(thêm bot vào nhóm)")
    box.tg.add_bot_to_group(group, by=lan)
    await box.next_in(group, after)
    await _say(box, out, group, lan, "/help")
    await _say(box, out, group, lan, f"/dang_ky {code.group(0)}")
    await box.runtime.sender.drain()
    clock.advance(timedelta(minutes=5))
    out.flush()

"""``dondoc demo``: the whole product in a minute, without a token or the network.

The local Telegram and Zalo servers, the bot on an SQLite database in a temporary folder, and a
scripted month of a working group's life (one agency on Zalo), printed as a readable transcript.
"""

from __future__ import annotations

import html
import re
import tempfile
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from bot.sandbox import Sandbox
from locales import day as day_name
from services.clock import ManualClock
from storage.db import Database
from tgserver.messages import Message
from tgserver.people import Chat, User
from zaloserver import Chat as ZaloChat
from zaloserver import Message as ZaloMessage
from zaloserver import User as ZaloUser

START = datetime(2024, 3, 18, 0, 30, tzinfo=UTC)  # Monday 18/03/2024, 07:30 in Hà Nội
TAGS = re.compile(r"</?(b|i|u|code|pre)>")


def _plain(text: str) -> str:
    return html.unescape(TAGS.sub("", text))


class Transcript:
    """Prints what people type and what the bot answers, in order."""

    def __init__(self, box: Sandbox) -> None:
        self.box = box
        self.shown = 0
        self.shown_zalo = 0

    def scene(self, title: str) -> None:
        self.flush()
        print(f"\n━━━ {title} ━━━")

    def said(self, chat: Chat, user: User, text: str) -> None:
        self.flush()
        where = chat.title or "chat riêng"
        print(f"\n👤 {user.first_name} {user.last_name or ''} [{where}]: {text}")

    def said_on_zalo(self, chat: ZaloChat, user: ZaloUser, text: str) -> None:
        self.flush()
        print(f"\n👤 {user.display_name} [Zalo: {chat.title or 'chat riêng'}]: {text}")

    def flush(self) -> None:
        for message in self.box.tg.sent[self.shown :]:
            self._bot(message)
        self.shown = len(self.box.tg.sent)
        zalo = self.box.zl.sent if self.box.zl is not None else []
        for sent in zalo[self.shown_zalo :]:
            self._zalo(sent)
        self.shown_zalo = len(zalo)

    def _zalo(self, message: ZaloMessage) -> None:
        print(f"\n🤖 → [Zalo: {message.chat.title or 'chat riêng'}]")
        for line in message.shown_text.splitlines():
            print(f"   {line}")

    def _bot(self, message: Message) -> None:
        person = message.chat.user
        where = message.chat.title or f"chat riêng với {person.first_name if person else ''}".strip()
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
        async with Sandbox(db, clock, zalo=True) as box:
            await _script(box, Transcript(box), clock)
        await db.close()
    print("\nKết thúc chạy thử. ✅")
    return 0


async def _bind(box: Sandbox, out: Transcript, name: str, person: User, title: str | None = None) -> Chat:
    """The secretariat issues a code; the agency's focal point registers its group with it."""
    admin = box.admin
    answer = await _say(box, out, box.dm(admin), admin, f"/ma_don_vi {name}")
    code = re.search(r"[A-Z0-9]{4}-[A-Z0-9]{4}", answer.shown_text)
    assert code is not None, answer.shown_text
    group = box.tg.add_group(title or f"{name} - Đề án 06", members=[person])
    after = box.mark()
    out.said(group, person, "(thêm bot vào nhóm)")
    box.tg.add_bot_to_group(group, by=person)
    await box.next_in(group, after)
    await _say(box, out, group, person, f"/dang_ky {code.group(0)}")
    await box.runtime.sender.drain()
    return group


async def _bind_on_zalo(box: Sandbox, out: Transcript, name: str, person: ZaloUser) -> ZaloChat:
    """The same code, typed in the agency's Zalo group (no slash needed there)."""
    assert box.zl is not None
    admin = box.admin
    answer = await _say(box, out, box.dm(admin), admin, f"/ma_don_vi {name}")
    code = re.search(r"[A-Z0-9]{4}-[A-Z0-9]{4}", answer.shown_text)
    assert code is not None, answer.shown_text
    group = box.zl.add_group(f"{name} - Đề án 06", members=[person])
    out.said_on_zalo(group, person, "(thêm bot vào nhóm Zalo)")
    box.zl.add_bot_to_group(group)
    await _say_on_zalo(box, out, group, person, f"dang ky {code.group(0)}")
    await box.runtime.sender.drain()
    return group


async def _say_on_zalo(box: Sandbox, out: Transcript, chat: ZaloChat, user: ZaloUser, text: str) -> ZaloMessage:
    assert box.zl is not None
    out.said_on_zalo(chat, user, text)
    after = len(box.zl.sent)
    box.zl.send_text(chat, user, text)
    return await box.zl.wait_for(lambda m: m.chat_id == chat.id, after=after)


async def _upload_plan(box: Sandbox, out: Transcript) -> None:
    admin = box.admin
    name = "ke-hoach-demo.md"
    content = (Path(__file__).parent / "demo_data" / name).read_bytes()
    out.said(box.dm(admin), admin, f"(gửi tệp {name})")
    after = box.mark()
    box.tg.send_document(box.dm(admin), admin, filename=name, content=content)
    preview = await box.next_in(box.dm(admin), after, contains="Lưu kế hoạch", timeout=30)
    out.said(box.dm(admin), admin, "(chọn «Lưu kế hoạch»)")
    after = box.mark()
    await box.press(box.dm(admin), admin, preview, box.button_data(preview, "Lưu kế hoạch"))
    await box.next_in(box.dm(admin), after, contains="Đã lưu kế hoạch", timeout=30)


async def _month(box: Sandbox, out: Transcript, clock: ManualClock, days: int) -> None:
    """Working mornings pass; the engine ticks at 08:00 and the outbox goes out."""
    for _ in range(days):
        clock.advance(timedelta(days=1))
        morning = clock.now().replace(hour=1, minute=0)
        clock.set(morning)
        local = morning.astimezone(ZoneInfo("Asia/Ho_Chi_Minh"))
        out.flush()
        before = box.mark()
        await box.deliver()
        if len(box.tg.sent) > before or (box.zl is not None and box.zl.sent and out.shown_zalo < len(box.zl.sent)):
            print(f"\n━━━ {local:%H:%M}, {day_name(local.date())} ━━━")


async def _script(box: Sandbox, out: Transcript, clock: ManualClock) -> None:
    admin = box.admin
    out.scene("1. Thường trực Tổ công tác bắt đầu và nhập kế hoạch")
    await _say(box, out, box.dm(admin), admin, "/start")
    await _upload_plan(box, out)

    out.scene("2. Các đơn vị đăng ký nhóm chat")
    lan = box.tg.add_user("Lan", "Nguyễn")
    justice = await _bind(box, out, "Phòng Tư pháp", lan)
    assert box.zl is not None
    minh = box.zl.add_user("Trần Minh")
    health = await _bind_on_zalo(box, out, "Trung tâm Y tế thị xã", minh)
    chief = box.tg.add_user("Chủ tịch", "UBND thị xã")
    leaders = await _bind(box, out, "lanh_dao", chief, "Lãnh đạo thị xã - Đề án 06")
    await _say(box, out, justice, lan, "/viec_cua_toi")

    out.scene("3. Một tháng trôi qua: nhắc việc đúng ngày làm việc, 08:00")
    await _month(box, out, clock, 8)
    reminder = next(
        m for m in reversed(box.tg.messages_in(justice.id)) if "Nhắc việc" in m.shown_text
    )
    out.scene("4. Phòng Tư pháp trả lời tin nhắc việc")
    await _say(box, out, justice, lan, "đã hoàn thành, đã gửi báo cáo rà soát", reply_to=reminder)
    await _month(box, out, clock, 1)
    out.scene("4b. Trung tâm Y tế trả lời trên Zalo, không cần nút bấm")
    await _say_on_zalo(box, out, health, minh, "2 đạt 60%")
    await _month(box, out, clock, 13)

    out.scene("5. Lãnh đạo hỏi: ai đang trễ hạn?")
    await _say(box, out, leaders, chief, "/tre_han")
    out.flush()

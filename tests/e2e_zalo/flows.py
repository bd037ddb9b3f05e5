"""What people do on Zalo, written once for every test here."""

from __future__ import annotations

from dataclasses import dataclass

from bot.sandbox import Sandbox
from tests.e2e.flows import add_agency, issue_code
from zaloserver import Chat, Message, User, ZaloServer

STATUS_LINE = "Trả lời: 1 = đã hoàn thành, 2 = đang thực hiện (kèm %), 3 = vướng mắc, 4 = xin gia hạn"


def zalo(box: Sandbox) -> ZaloServer:
    assert box.zl is not None, "a sandbox with zalo=True"
    return box.zl


async def say(box: Sandbox, chat: Chat, user: User, text: str, contains: str = "", timeout: float = 10.0) -> Message:
    """Write ``text`` as ``user`` and return the bot's next message in that chat (with ``contains``)."""
    server = zalo(box)
    after = len(server.sent)
    server.send_text(chat, user, text)
    return await server.wait_for(lambda m: m.chat_id == chat.id and contains in m.shown_text, timeout, after=after)


@dataclass
class ZaloAgency:
    name: str
    group: Chat
    focal: User


async def bind_zalo_group(box: Sandbox, name: str, *, create: bool = True, typed: str = "dang ky") -> ZaloAgency:
    """An agency's Zalo group bound with the code the secretariat issued on Telegram."""
    if create:
        await add_agency(box, name)
    code = await issue_code(box, name)
    server = zalo(box)
    focal = server.add_user("Trần Thị Mai")
    group = server.add_group(f"{name} - Đề án 06", members=[focal])
    server.add_bot_to_group(group)
    answer = await say(box, group, focal, f"{typed} {code}")
    assert "Đã đăng ký" in answer.shown_text, answer.shown_text
    return ZaloAgency(name, group, focal)

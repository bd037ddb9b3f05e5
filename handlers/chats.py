"""The bot's own membership: added to a group, removed from it, a group moved to a new id."""

from __future__ import annotations

from channels.port import Event
from handlers.deps import Context
from locales import _
from services import chats


async def membership(c: Context) -> None:
    msg, d = c.msg, c.deps
    if msg.event == Event.BOT_ADDED and not msg.private:
        if not await chats.bot_added(d.db, d.clock, msg.chat_id, msg.chat_kind, msg.chat_title, msg.channel):
            await c.say(
                _(
                    "Xin chào! Tôi là dondoc, trợ lý đôn đốc nhiệm vụ Đề án 06.\n"
                    "Để nhận nhắc việc của đơn vị tại nhóm này, đề nghị đầu mối gửi: /dang_ky <mã>\n"
                    "Mã đăng ký do Thường trực Tổ công tác cấp."
                ),
            )
    elif msg.event == Event.BOT_REMOVED:
        await chats.bot_removed(d.db, d.clock, msg.chat_id, msg.chat_kind, msg.chat_title, msg.channel)
    elif msg.event == Event.CHAT_MOVED and msg.moved_to is not None:
        await chats.moved(d.db, msg.channel, msg.chat_id, msg.moved_to)

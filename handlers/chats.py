"""The bot's own membership: added to a group, removed from it, a group turned supergroup."""

from __future__ import annotations

from typing import Any

from telegram import ChatMember, Update
from telegram.ext import Application, ChatMemberHandler, MessageHandler, filters

from channels.telegram.outgoing import NAME as TELEGRAM
from handlers.deps import Context
from locales import _
from services import chats

PRESENT = {ChatMember.MEMBER, ChatMember.ADMINISTRATOR}
GONE = {ChatMember.LEFT, ChatMember.BANNED}


async def membership(update: Update, context: Context) -> None:
    change = update.my_chat_member
    if change is None:
        return
    d = context.deps
    chat = change.chat
    was, now = change.old_chat_member.status, change.new_chat_member.status
    if now in PRESENT and was not in PRESENT and chat.type != "private":
        if not await chats.bot_added(d.db, d.clock, chat.id, chat.type, chat.title):
            await context.bot.send_message(
                chat.id,
                _(
                    "Xin chào! Tôi là dondoc, trợ lý đôn đốc nhiệm vụ Đề án 06.\n"
                    "Để nhận nhắc việc của đơn vị tại nhóm này, đề nghị đầu mối gửi: /dang_ky <mã>\n"
                    "Mã đăng ký do Thường trực Tổ công tác cấp."
                ),
            )
    elif now in GONE or (chat.type == "private" and now == ChatMember.BANNED):
        await chats.bot_removed(d.db, d.clock, chat.id, chat.type, chat.title)


async def migrated(update: Update, context: Context) -> None:
    message = update.effective_message
    if message is None or message.migrate_to_chat_id is None:
        return
    d = context.deps
    await chats.moved(d.db, TELEGRAM, message.chat.id, message.migrate_to_chat_id)


def register(app: Application[Any, Any, Any, Any, Any, Any]) -> None:
    app.add_handler(ChatMemberHandler(membership, ChatMemberHandler.MY_CHAT_MEMBER))
    app.add_handler(MessageHandler(filters.StatusUpdate.MIGRATE, migrated))

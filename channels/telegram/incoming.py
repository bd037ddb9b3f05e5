"""A python-telegram-bot ``Update`` as the port's ``Incoming`` message."""

from __future__ import annotations

from dataclasses import replace

from telegram import ChatMember, Message, Update

from channels.port import Event, FileRef, Incoming, Sender
from channels.telegram.outgoing import NAME

PRESENT = {ChatMember.MEMBER, ChatMember.ADMINISTRATOR}
GONE = {ChatMember.LEFT, ChatMember.BANNED}


def incoming(update: Update, bot_id: int) -> Incoming | None:
    """What came in, or None for an update that is not about a chat."""
    chat, user = update.effective_chat, update.effective_user
    if chat is None:
        return None
    base = Incoming(
        channel=NAME,
        chat_id=chat.id,
        chat_kind=chat.type,
        chat_title=chat.title,
        sender=Sender(user.id, user.full_name, user.username, user.is_bot) if user is not None else None,
        update_id=update.update_id,
    )
    if (query := update.callback_query) is not None:
        pressed = query.message.message_id if query.message is not None else None
        return replace(base, message_id=pressed, action=query.data if isinstance(query.data, str) else "")
    if (change := update.my_chat_member) is not None:
        was, now = change.old_chat_member.status, change.new_chat_member.status
        added = now in PRESENT and was not in PRESENT
        return replace(base, event=Event.BOT_ADDED if added else Event.BOT_REMOVED if now in GONE else None)
    message = update.effective_message
    if message is None:
        return base
    return _message(base, message, bot_id, edited=update.edited_message is not None)


def _message(base: Incoming, message: Message, bot_id: int, *, edited: bool) -> Incoming:
    command, args = None, ""
    if message.text and message.text.startswith("/"):
        parts = message.text.split(maxsplit=1)
        command = parts[0][1:].split("@", 1)[0].lower()
        args = parts[1].strip() if len(parts) > 1 else ""
    replied, document, photos = message.reply_to_message, message.document, message.photo
    return replace(
        base,
        message_id=message.message_id,
        text=message.text or message.caption or "",
        command=command,
        args=args,
        reply_to=replied.message_id if replied is not None else None,
        reply_to_bot=replied is not None and replied.from_user is not None and replied.from_user.id == bot_id,
        file=FileRef(document.file_id, document.file_name, document.file_size) if document else None,
        photo=FileRef(photos[-1].file_id, None, photos[-1].file_size) if photos else None,
        edited=edited,
        event=Event.CHAT_MOVED if message.migrate_to_chat_id is not None else None,
        moved_to=message.migrate_to_chat_id,
    )

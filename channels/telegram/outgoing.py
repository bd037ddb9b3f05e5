"""Sending an ``Outgoing`` message through the Bot API, and Telegram's errors as the port's kinds."""

from __future__ import annotations

from datetime import timedelta

from telegram import Bot
from telegram.error import BadRequest, ChatMigrated, Forbidden, RetryAfter, TelegramError

from channels.port import DeliveryError, ErrorKind, Outgoing
from channels.telegram.markup import keyboard, parse_mode

NAME = "telegram"
# a 400 that means the chat is gone for the bot, not that this one message was wrong
CHAT_GONE = ("chat not found", "bot was kicked", "not enough rights", "have no rights", "user is deactivated")


def delivery_error(exc: TelegramError) -> DeliveryError:
    """What the sender must do about a Telegram error."""
    if isinstance(exc, RetryAfter):
        wait = exc.retry_after
        seconds = wait.total_seconds() if isinstance(wait, timedelta) else float(wait)
        return DeliveryError(ErrorKind.RETRY_AFTER, str(exc), retry_after=seconds)
    if isinstance(exc, ChatMigrated):
        return DeliveryError(ErrorKind.MIGRATED, str(exc), new_chat_id=exc.new_chat_id)
    if isinstance(exc, Forbidden):
        return DeliveryError(ErrorKind.BLOCKED, str(exc))
    if isinstance(exc, BadRequest):
        gone = any(p in str(exc).lower() for p in CHAT_GONE)
        return DeliveryError(ErrorKind.CHAT_GONE if gone else ErrorKind.REJECTED, str(exc))
    return DeliveryError(ErrorKind.TRANSIENT, str(exc))


class TelegramChannel:
    """The outbox sender's way to Telegram: a text message, or a document with its caption."""

    name = NAME

    def __init__(self, bot: Bot) -> None:
        self.bot = bot

    async def send(self, chat_id: int, message: Outgoing) -> int:
        try:
            if message.attachment is not None:
                sent = await self.bot.send_document(
                    chat_id=chat_id,
                    document=message.attachment.file_id,
                    caption=message.text or None,
                    parse_mode=parse_mode(message.format),
                    reply_markup=keyboard(message.actions),
                    reply_to_message_id=message.reply_to,
                    disable_notification=message.silent,
                )
            else:
                sent = await self.bot.send_message(
                    chat_id=chat_id,
                    text=message.text,
                    parse_mode=parse_mode(message.format),
                    reply_markup=keyboard(message.actions),
                    reply_to_message_id=message.reply_to,
                    disable_notification=message.silent,
                )
        except TelegramError as exc:
            raise delivery_error(exc) from exc
        return sent.message_id

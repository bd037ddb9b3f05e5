"""Answering an incoming message through the Bot API: the port's ``Reply`` for Telegram."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from io import BytesIO

from telegram import Bot, CallbackQuery, ForceReply, InlineKeyboardMarkup, Message
from telegram.error import TelegramError

from channels.port import FileRef, Outgoing
from channels.telegram.markup import keyboard, parse_mode
from channels.telegram.outgoing import delivery_error


@contextmanager
def _refusals() -> Iterator[None]:
    """Telegram's errors as the port's ``DeliveryError``."""
    try:
        yield
    except TelegramError as exc:
        raise delivery_error(exc) from exc


class TelegramReply:
    """Answers in the update's chat, quoting its message (or the message whose button was pressed)."""

    def __init__(self, bot: Bot, chat_id: int, message: Message | None, query: CallbackQuery | None) -> None:
        self.bot, self.chat_id, self.message, self.query = bot, chat_id, message, query

    async def send(self, message: Outgoing) -> int:
        return await self._text(message, keyboard(message.actions))

    async def ask(self, message: Outgoing, hint: str | None = None) -> int:
        return await self._text(message, ForceReply(selective=True, input_field_placeholder=hint))

    async def _text(self, message: Outgoing, markup: InlineKeyboardMarkup | ForceReply | None) -> int:
        mode = parse_mode(message.format)
        with _refusals():
            if self.message is not None:
                sent = await self.message.reply_text(message.text, parse_mode=mode, reply_markup=markup)
            else:
                sent = await self.bot.send_message(self.chat_id, message.text, parse_mode=mode, reply_markup=markup)
        return sent.message_id

    async def send_file(self, data: bytes, name: str, caption: str, *, photo: bool = False) -> int:
        assert self.message is not None, "files answer a message"
        with _refusals():
            if photo:
                sent = await self.message.reply_photo(data, caption=caption, filename=name)
            else:
                sent = await self.message.reply_document(BytesIO(data), filename=name, caption=caption)
        return sent.message_id

    async def edit(self, message: Outgoing, message_id: int | None = None, chat_id: int | None = None) -> None:
        target = message_id if message_id is not None else self._pressed()
        with _refusals():
            await self.bot.edit_message_text(
                message.text, chat_id=chat_id if chat_id is not None else self.chat_id, message_id=target,
                parse_mode=parse_mode(message.format), reply_markup=keyboard(message.actions),
            )

    async def clear_actions(self) -> None:
        with _refusals():
            await self.bot.edit_message_reply_markup(chat_id=self.chat_id, message_id=self._pressed(), reply_markup=None)

    def _pressed(self) -> int:
        assert self.message is not None, "no message to act on"
        return self.message.message_id

    async def answer(self, text: str | None = None, *, alert: bool = False) -> None:
        if self.query is not None:
            with _refusals():
                await self.query.answer(text, show_alert=alert)

    async def download(self, file: FileRef) -> bytes:
        with _refusals():
            found = await self.bot.get_file(file.file_id)
            return bytes(await found.download_as_bytearray())

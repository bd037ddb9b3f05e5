"""Agencies updating their tasks: replies to the bot's messages, status buttons, ``/cap_nhat``."""

from __future__ import annotations

from typing import Any

from telegram import ForceReply, InlineKeyboardMarkup, Message, Update
from telegram.ext import Application, CommandHandler, MessageHandler, filters

from channels.telegram.markup import keyboard
from handlers.args import command_text
from handlers.buttons import Press, button
from handlers.deps import Context, Deps
from handlers.guard import guarded, identity
from locales import _
from render.reminders import status_buttons
from render.status import (
    applied_text,
    decision_text,
    not_allowed,
    not_understood,
    question,
    reply_text,
    several_agencies,
    unknown_code,
)
from services import links
from services.access import Actor
from services.reports import FileInfo
from services.status_replies import (
    Answer,
    ReplyResult,
    decide,
    press_status,
    record_reply,
    record_update,
)


async def _ask(message: Message, d: Deps, text: str, purpose: str, lead_id: int, force_reply: bool) -> None:
    """Send a question about a task; the answer to it is a reply to this message."""
    markup: ForceReply | InlineKeyboardMarkup | None = (
        ForceReply(selective=True) if force_reply else keyboard(status_buttons(lead_id))
    )
    sent = await message.reply_text(text, reply_markup=markup)
    await links.remember(d.db, d.clock, sent.chat_id, sent.message_id, purpose, lead_id)


async def _answer(message: Message, d: Deps, result: ReplyResult) -> None:
    """Say what became of an update: recorded, refused, or the next question."""
    if result.outcome == "applied":
        d.wake_sender()
    if result.outcome == "not_understood":
        assert result.lead_id is not None
        await _ask(message, d, not_understood(), "ask", result.lead_id, False)
    elif result.outcome == "ask":
        assert result.lead_id is not None and result.question is not None
        await _ask(message, d, question(result.question), result.question, result.lead_id, True)
    elif (text := reply_text(result)) is not None:
        await message.reply_text(text)


def _file_of(message: Message) -> FileInfo | None:
    if message.document is not None:
        doc = message.document
        return FileInfo(doc.file_id, doc.file_name, doc.file_size)
    if message.photo:
        photo = message.photo[-1]
        return FileInfo(photo.file_id, None, photo.file_size)
    return None


async def on_reply(update: Update, context: Context) -> None:
    """Any message replying to one of the bot's messages (privacy mode lets the bot see those)."""
    message, who = update.effective_message, identity(update)
    if message is None or message.reply_to_message is None or who is None:
        return
    replied = message.reply_to_message
    if replied.from_user is None or replied.from_user.id != context.bot.id:
        return
    d = context.deps
    answer = Answer(
        who=who, message_id=message.message_id, replied_to=replied.message_id, text=message.text or message.caption,
        file=_file_of(message), edited=update.edited_message is not None,
    )
    await _answer(message, d, await record_reply(d.db, d.clock, d.admin_ids, d.timezone, answer))


@button("st", "status_button")
async def on_status_button(update: Update, context: Context, d: Deps, actor: Actor, press: Press) -> None:
    query = update.callback_query
    assert query is not None and isinstance(query.message, Message)
    result = await press_status(
        d.db, d.clock, actor, press.id, press.choice, query.message.chat_id, query.message.message_id, _("Đã hoàn thành")
    )
    if result.outcome == "refused":
        await query.answer(not_allowed(), show_alert=True)
    elif result.outcome == "stale":
        await query.answer(_("Nút này không còn hiệu lực."), show_alert=True)
    elif result.outcome == "applied":
        assert result.applied is not None
        d.wake_sender()
        await query.answer(_("Đã ghi nhận."))
        await query.message.reply_text(applied_text(result.applied))
    else:
        await query.answer()
        await _answer(query.message, d, result)


@button("ext", "approve_extension")
async def on_extension_decision(update: Update, context: Context, d: Deps, actor: Actor, press: Press) -> None:
    query = update.callback_query
    assert query is not None and isinstance(query.message, Message)
    result = await decide(d.db, d.clock, actor, press.id, press.choice == "ok")
    d.wake_sender()
    if result.outcome != "ok":
        await query.answer(not_allowed() if result.outcome == "refused" else _("Nút này không còn hiệu lực."), show_alert=True)
        return
    await query.answer(_("Đã ghi nhận."))
    await query.message.reply_text(decision_text(result, press.choice == "ok"))


@guarded("cap_nhat")
async def update_command(update: Update, context: Context, d: Deps, actor: Actor) -> None:
    """``/cap_nhat <mã> <nội dung>`` wherever the agency is bound."""
    message = update.effective_message
    assert message is not None and actor.working_group_id is not None
    parts = command_text(update).split(maxsplit=1)
    if len(parts) < 2:
        await message.reply_text(_("Cú pháp: /cap_nhat <mã nhiệm vụ> <nội dung>, ví dụ: /cap_nhat 2.1 đã hoàn thành"))
        return
    code, text = parts
    result = await record_update(d.db, d.clock, d.timezone, actor, message.chat_id, message.message_id, code, text)
    if result.outcome == "unknown_code":
        await message.reply_text(unknown_code(code))
    elif result.outcome == "several_agencies":
        await message.reply_text(several_agencies(code))
    else:
        await _answer(message, d, result)


def register(app: Application[Any, Any, Any, Any, Any, Any]) -> None:
    app.add_handler(CommandHandler("cap_nhat", update_command))
    replies = filters.REPLY & (filters.TEXT | filters.Document.ALL | filters.PHOTO) & ~filters.COMMAND
    app.add_handler(MessageHandler(replies & filters.UpdateType.MESSAGES, on_reply))

"""The secretariat sends a plan file in a private chat: preview (compared with the plan as it was),
then save on confirmation; corrections in between are in :mod:`handlers.corrections`."""

from __future__ import annotations

from typing import Any

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Message, Update
from telegram.constants import ParseMode
from telegram.ext import Application, MessageHandler, filters

from handlers import reading
from handlers.buttons import Press, button
from handlers.corrections import expired
from handlers.deps import Context, Deps
from handlers.guard import guarded
from handlers.paging import pages
from locales import _
from plans.agencies import Registry
from plans.documents.errors import MAX_BYTES, DocumentError, Problem, default_message
from plans.documents.model import ParsedPlan
from render.plans import history_note, preview_lines, saved_text
from services import corrections
from services.access import Actor


async def _download(message: Message, file_id: str) -> bytes:
    file = await message.get_bot().get_file(file_id)
    return bytes(await file.download_as_bytearray())


@guarded("import_plan")
async def on_document(update: Update, context: Context, d: Deps, actor: Actor) -> None:
    message = update.effective_message
    assert message is not None and message.document is not None
    doc = message.document
    name = doc.file_name or "ke-hoach"
    if doc.file_size is not None and doc.file_size > MAX_BYTES:
        await message.reply_text(default_message(Problem.TOO_LARGE, _suffix(name)))
        return
    status = await message.reply_text(_("Đang đọc tệp «{name}»…", name=name))
    data = await _download(message, doc.file_id)

    async def read(registry: Registry) -> ParsedPlan:  # progress edited into ``status``, with a stop button
        return await reading.parse_with_progress(status, data, name, registry)

    try:
        staged = await corrections.stage_file(d.db, d.clock, actor, message.chat_id, name, read)
    except DocumentError as exc:
        await message.reply_text(exc.message)
        return
    texts = pages(preview_lines(staged.plan, staged.changes))
    for text in texts[:-1]:
        await message.reply_text(text, parse_mode=ParseMode.HTML)
    await message.reply_text(texts[-1], parse_mode=ParseMode.HTML, reply_markup=_buttons(staged.talk_id))


def _buttons(talk_id: int) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton(_("✅ Lưu kế hoạch"), callback_data=f"imp:{talk_id}:ok"),
                InlineKeyboardButton(_("❌ Hủy"), callback_data=f"imp:{talk_id}:no"),
            ],
            [InlineKeyboardButton(_("📄 Bảng rà soát"), callback_data=f"rs:{talk_id}")],
        ]
    )


def _suffix(name: str) -> str:
    return "." + name.rsplit(".", 1)[-1].lower() if "." in name else ""


@button("imp", "confirm_import")
async def on_confirm(update: Update, context: Context, d: Deps, actor: Actor, press: Press) -> None:
    query = update.callback_query
    assert query is not None and isinstance(query.message, Message)
    decision = await corrections.decide(d.db, d.clock, press.id, actor, press.choice == "ok", history_note)
    confirmed = decision.confirmed
    if not decision.alive:
        await query.answer(expired(), show_alert=True)
        return
    await query.answer()
    await query.message.edit_reply_markup(reply_markup=None)
    if confirmed is None:
        await query.message.reply_text(_("Đã hủy. Không có gì được lưu."))
        return
    summary = confirmed.summary
    await query.message.reply_text(
        saved_text(summary.created, summary.updated, summary.removed, summary.new_agencies, summary.to_review)
    )


def register(app: Application[Any, Any, Any, Any, Any, Any]) -> None:
    app.add_handler(MessageHandler(filters.Document.ALL & filters.ChatType.PRIVATE & ~filters.REPLY, on_document))

"""Notices: /thong_bao (compose in a private chat, preview, confirm), "Đã nhận", /thong_bao_trang_thai.

While a draft is open, the secretariat's next message in that private chat (or a reply to one
of the draft's questions) is its text, and documents sent then are its attachments. These
handlers run in an earlier group than the others and stop the update when they take it, so an
attachment is not also read as a plan to import; anything else (commands, replies to other
messages of the bot) goes on to the usual handlers.
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any

from telegram import ForceReply, InlineKeyboardButton, InlineKeyboardMarkup, Message, Update
from telegram.constants import ParseMode
from telegram.error import TelegramError
from telegram.ext import (
    Application,
    ApplicationHandlerStop,
    CommandHandler,
    MessageHandler,
    filters,
)

from handlers.args import command_text
from handlers.buttons import Press, button
from handlers.deps import Context, Deps
from handlers.guard import current_actor, guarded, not_allowed
from handlers.paging import pages, send_long
from locales import _
from plans.agencies import Registry
from plans.documents.errors import MAX_BYTES, DocumentError
from plans.documents.model import ParsedPlan
from render.notices import (
    MESSAGES,
    ack_line,
    acknowledged_text,
    ask_text,
    attached,
    chosen_text,
    picked_label,
    picking_text,
    preview_lines,
    recipients_question,
    sent_text,
    status_lines,
    too_long,
)
from services import imports
from services.access import Actor
from services.notices import acknowledgement, composing, drafts, summaries
from services.notices.composing import Next

log = logging.getLogger(__name__)

DRAFT_GROUP = -1  # before the plan-import and reply handlers of group 0


def expired() -> str:
    return _("Bản nháp thông báo này đã hết hiệu lực hoặc đã được gửi. Đề nghị gửi /thong_bao để soạn lại.")


def _recipient_markup(draft_id: int, groups: list[dict[str, Any]]) -> InlineKeyboardMarkup:
    rows = []
    for i, group in enumerate(groups):
        icon = "📢" if i == 0 else "👥"
        rows.append(
            [InlineKeyboardButton(f"{icon} {group['label']} ({len(group['ids'])})", callback_data=f"tb:{draft_id}:g{i}")]
        )
    rows.append([InlineKeyboardButton(_("☑️ Chọn từng đơn vị"), callback_data=f"tb:{draft_id}:p0")])
    rows.append([InlineKeyboardButton(_("❌ Hủy"), callback_data=f"tb:{draft_id}:no")])
    return InlineKeyboardMarkup(rows)


def _picking_markup(draft_id: int, page: composing.AgencyPage) -> InlineKeyboardMarkup:
    rows = [
        [InlineKeyboardButton(("✅ " if agency_id in page.chosen else "▫️ ") + name, callback_data=f"tb:{draft_id}:t{agency_id}")]
        for agency_id, name in page.agencies
    ]
    nav = []
    if page.page > 0:
        nav.append(InlineKeyboardButton(_("◀ Trang trước"), callback_data=f"tb:{draft_id}:p{page.page - 1}"))
    if page.page < page.pages - 1:
        nav.append(InlineKeyboardButton(_("Trang sau ▶"), callback_data=f"tb:{draft_id}:p{page.page + 1}"))
    if nav:
        rows.append(nav)
    rows.append([
        InlineKeyboardButton(_("Xong ({n})", n=len(page.chosen)), callback_data=f"tb:{draft_id}:d"),
        InlineKeyboardButton(_("❌ Hủy"), callback_data=f"tb:{draft_id}:no"),
    ])
    return InlineKeyboardMarkup(rows)


def _preview_markup(draft_id: int, chats: int) -> InlineKeyboardMarkup:
    rows = []
    if chats:
        rows.append([InlineKeyboardButton(_("✅ Gửi thông báo"), callback_data=f"tb:{draft_id}:ok")])
    rows.append([
        InlineKeyboardButton(_("↩️ Chọn lại nơi nhận"), callback_data=f"tb:{draft_id}:r"),
        InlineKeyboardButton(_("❌ Hủy"), callback_data=f"tb:{draft_id}:no"),
    ])
    return InlineKeyboardMarkup(rows)


async def _show(message: Message, d: Deps, actor: Actor, shown: Next) -> None:
    """Send what a step of the draft asks to show; replies to these messages belong to the draft."""
    sent: list[Message] = []
    if shown.shown in ("ask_text", "too_long", "ask_text_after_file"):
        question = {
            "ask_text": ask_text, "too_long": too_long,
            "ask_text_after_file": lambda: _("Đề nghị gửi nội dung thông báo bằng cách trả lời tin nhắn này."),
        }[shown.shown]()
        sent.append(await message.reply_text(
            question, parse_mode=ParseMode.HTML,
            reply_markup=ForceReply(selective=True, input_field_placeholder=_("Nội dung thông báo")),
        ))
    elif shown.shown == "busy":
        await message.reply_text(
            _(
                "Thông báo đang chờ chọn nơi nhận hoặc xác nhận gửi. Để sửa nội dung, đề nghị gửi /thong_bao "
                "để soạn lại từ đầu."
            )
        )
    elif shown.shown == "no_agencies":
        await message.reply_text(
            _("Chưa có đơn vị nào để gửi thông báo. Đề nghị thêm đơn vị (/them_don_vi) và gắn nhóm chat (/ma_don_vi).")
        )
    elif shown.shown == "recipients":
        assert shown.draft is not None
        sent.append(await message.reply_text(
            recipients_question(shown.draft.text or "", len(shown.draft.files)),
            parse_mode=ParseMode.HTML,
            reply_markup=_recipient_markup(shown.draft_id, shown.draft.groups),
        ))
    elif shown.shown in ("chosen", "preview"):
        assert shown.preview is not None
        if shown.shown == "chosen":
            await message.edit_text(chosen_text(shown.label, shown.count), parse_mode=ParseMode.HTML)
        texts = pages(preview_lines(shown.preview))
        sent = [await message.reply_text(text, parse_mode=ParseMode.HTML) for text in texts[:-1]]
        sent.append(await message.reply_text(
            texts[-1], parse_mode=ParseMode.HTML, reply_markup=_preview_markup(shown.draft_id, shown.preview.chats)
        ))
    elif shown.shown == "picking":
        assert shown.page is not None
        await message.edit_text(
            picking_text(len(shown.page.chosen), shown.page.page, shown.page.pages),
            parse_mode=ParseMode.HTML,
            reply_markup=_picking_markup(shown.draft_id, shown.page),
        )
    if sent:
        await composing.remember(d.db, d.clock, actor, message.chat_id, shown.draft_id, [m.message_id for m in sent])


# -- /thong_bao -------------------------------------------------------------------------------------


@guarded("thong_bao")
async def compose(update: Update, context: Context, d: Deps, actor: Actor) -> None:
    message, chat = update.effective_message, update.effective_chat
    assert message is not None and chat is not None
    if chat.type != "private":
        await message.reply_text(
            _(
                "Đề nghị soạn thông báo trong tin nhắn riêng với bot (bấm vào tên bot, chọn «Nhắn tin»), "
                "để bản nháp không hiện trong nhóm."
            )
        )
        return
    await _show(message, d, actor, await composing.start(d.db, d.clock, actor, chat.id, command_text(update)))


# -- the draft's messages ---------------------------------------------------------------------------


async def on_draft_message(update: Update, context: Context) -> None:
    """The text or an attachment of an open draft; anything else passes on to other handlers."""
    message = update.message
    if message is None or message.from_user is None:
        return
    d = context.deps
    replied = message.reply_to_message
    where = await composing.route(d.db, d.clock, message.chat_id, message.from_user.id, replied.message_id if replied else None)
    if where.draft_id is None:
        if where.expired:
            await message.reply_text(expired())
            raise ApplicationHandlerStop
        return
    actor = await current_actor(update, d)
    if actor is None or not actor.may("thong_bao"):
        return
    if message.document is not None:
        await _attach(message, d, actor, where.draft_id)
    elif message.text:
        await _show(message, d, actor, await composing.take_text(d.db, d.clock, actor, message.chat_id, where.draft_id, message.text.strip()))
    raise ApplicationHandlerStop


async def _download(message: Message, file_id: str) -> bytes:
    file = await message.get_bot().get_file(file_id)
    return bytes(await file.download_as_bytearray())


def _task_reader(message: Message) -> composing.ReadTasks:
    """Reads the tasks of a notice file downloaded from the chat; None when the reader finds none."""

    async def read(file_id: str, name: str, registry: Registry) -> ParsedPlan | None:
        try:
            data = await _download(message, file_id)
            parsed = await asyncio.to_thread(imports.parse, data, name, registry)
        except DocumentError as exc:
            log.info("attached file %s has no tasks: %s", name, exc.message)
            return None
        return parsed if parsed.tasks else None

    return read


async def _attach(message: Message, d: Deps, actor: Actor, draft_id: int) -> None:
    doc = message.document
    assert doc is not None
    name = doc.file_name or _("tệp đính kèm")
    readable = name.lower().endswith(drafts.TASK_FILE_SUFFIXES) and (doc.file_size or 0) <= MAX_BYTES
    file = composing.File(doc.file_id, name, doc.file_size, (message.caption or "").strip(), readable)
    done = await composing.attach(d.db, d.clock, actor, message.chat_id, draft_id, file, _task_reader(message))
    if done.too_many:
        await message.reply_text(_("Mỗi thông báo kèm tối đa {n} tệp.", n=drafts.MAX_FILES))
        return
    if not done.name:
        return
    await message.reply_text(attached(done.name, done.files, done.tasks, done.tasks_file), parse_mode=ParseMode.HTML)
    await _show(message, d, actor, done.next)


# -- the draft's buttons ----------------------------------------------------------------------------


async def _drop_markup(message: Message) -> None:
    try:
        await message.edit_reply_markup(reply_markup=None)
    except TelegramError as exc:
        log.info("could not remove the buttons of message %s: %s", message.message_id, exc)


@button("tb", "thong_bao")
async def on_draft_button(update: Update, context: Context, d: Deps, actor: Actor, press: Press) -> None:
    query = update.callback_query
    assert query is not None and isinstance(query.message, Message)
    message = query.message
    shown = await composing.press(
        d.db, d.clock, actor, message.chat_id, press.id, press.choice, picked_label(), MESSAGES, _task_reader(message)
    )
    match shown.shown:
        case "gone":
            await query.answer(expired(), show_alert=True)
        case "stale":
            await query.answer(_("Nút này không còn hiệu lực."), show_alert=True)
        case "none_chosen":
            await query.answer(_("Chưa chọn đơn vị nào."), show_alert=True)
        case "unreadable":
            await query.answer(
                _("Không đọc lại được tệp «{name}». Đề nghị gửi /thong_bao để soạn lại.", name=shown.name), show_alert=True
            )
        case "nothing_to_send":
            await query.answer(_("Không có nhóm chat nào để gửi. Đề nghị chọn lại nơi nhận."), show_alert=True)
        case "cancelled":
            await query.answer()
            await _drop_markup(message)
            await message.reply_text(_("Đã hủy thông báo. Không có tin nào được gửi."))
        case "sent":
            sent = shown.sent
            assert sent is not None
            d.wake_sender()
            await query.answer(_("Đã gửi thông báo."))
            await _drop_markup(message)
            await message.reply_text(
                sent_text(sent.notice_id, sent.chats, sent.agencies, sent.tasks_saved, sent.plan_title),
                parse_mode=ParseMode.HTML,
            )
        case _:
            await query.answer()
            if press.choice == "r":
                await _drop_markup(message)
            await _show(message, d, actor, shown)


# -- "Đã nhận" --------------------------------------------------------------------------------------


@button("ack", "ack_notice")
async def on_ack(update: Update, context: Context, d: Deps, actor: Actor, press: Press) -> None:
    query = update.callback_query
    assert query is not None and isinstance(query.message, Message)
    ack = await acknowledgement.acknowledge_by(d.db, d.clock, actor, press.id)
    if ack.outcome == "refused":
        await query.answer(not_allowed(), show_alert=True)
        return
    if ack.outcome == "unknown":
        await query.answer(_("Nút này không còn hiệu lực."), show_alert=True)
        return
    if ack.outcome == "already":
        line = ack_line(ack.name, ack.at, ack.tz) if ack.at else ""
        await query.answer(_("Đơn vị đã xác nhận trước đó. {line}", line=line).strip())
        return
    await query.answer(_("Đã ghi nhận: đơn vị đã nhận thông báo."))
    pressed = (query.message.chat_id, query.message.message_id)
    assert ack.at is not None
    for copy in ack.sent:
        try:
            await context.bot.edit_message_text(
                acknowledged_text(copy.text, ack.name, ack.at, ack.tz), chat_id=copy.chat_id,
                message_id=copy.message_id, parse_mode=ParseMode.HTML, reply_markup=None,
            )
        except TelegramError as exc:
            log.info("could not mark message %s in chat %s acknowledged: %s", copy.message_id, copy.chat_id, exc)
    if pressed not in {(copy.chat_id, copy.message_id) for copy in ack.sent}:
        await _drop_markup(query.message)


# -- /thong_bao_trang_thai --------------------------------------------------------------------------


@guarded("thong_bao_trang_thai")
async def status_command(update: Update, context: Context, d: Deps, actor: Actor) -> None:
    message = update.effective_message
    assert message is not None
    arg = command_text(update).lstrip("#").strip()
    if arg and not arg.isdigit():
        await message.reply_text(_("Cú pháp: /thong_bao_trang_thai [số thông báo], ví dụ: /thong_bao_trang_thai 3"))
        return
    notice_id = int(arg) if arg else None
    found = await summaries.latest(d.db, actor, notice_id)
    if notice_id is not None and not found.notices:
        await message.reply_text(_("Không tìm thấy thông báo #{id}.", id=notice_id))
        return
    await send_long(update, status_lines(found.notices, found.timezone, detailed=notice_id is not None), html=True)


def register(app: Application[Any, Any, Any, Any, Any, Any]) -> None:
    app.add_handler(CommandHandler("thong_bao", compose))
    app.add_handler(CommandHandler("thong_bao_trang_thai", status_command))
    composing = (
        filters.ChatType.PRIVATE
        & filters.UpdateType.MESSAGE
        & ((filters.TEXT & ~filters.COMMAND) | filters.Document.ALL)
    )
    app.add_handler(MessageHandler(composing, on_draft_message), group=DRAFT_GROUP)

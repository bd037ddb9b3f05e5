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
from plans.documents.errors import MAX_BYTES, DocumentError
from render.notices import (
    MESSAGES,
    TEXT_LIMIT,
    ack_line,
    acknowledged_text,
    ask_text,
    attached,
    chosen_text,
    picking_text,
    preview_lines,
    recipients_question,
    sent_text,
    status_lines,
    too_long,
)
from services import imports, links
from services.access import Actor
from services.groups import Group, group_by_id
from services.notices import acknowledgement, drafts, fan_out, recipients, summaries

log = logging.getLogger(__name__)

DRAFT_GROUP = -1  # before the plan-import and reply handlers of group 0
DRAFT_LINK = "notice_draft"  # MessageLink.purpose of the draft's own messages
PICKED_LABEL = "Các đơn vị được chọn"


def expired() -> str:
    return _("Bản nháp thông báo này đã hết hiệu lực hoặc đã được gửi. Đề nghị gửi /thong_bao để soạn lại.")


async def _group(d: Deps, actor: Actor) -> Group:
    async with d.db.transaction() as session:
        group = await group_by_id(session, actor.working_group_id)
    assert group is not None
    return group


async def _remember(d: Deps, chat_id: int, person_tg: int, draft_id: int, *messages: Message) -> None:
    """Replies to these messages of the bot belong to the draft (and, once it is gone, are told so)."""
    async with d.db.transaction() as session:
        found = await drafts.load_draft(session, d.clock, chat_id, person_tg, draft_id)
        if found is not None:
            row, draft = found
            draft.asks = [*draft.asks, *(m.message_id for m in messages)][-20:]
            drafts.store_draft(d.clock, row, draft)
        for message in messages:
            await links.record(session, d.clock, chat_id, message.message_id, purpose=DRAFT_LINK)


async def _ask_for_text(message: Message, d: Deps, actor: Actor, draft_id: int, text: str) -> None:
    asked = await message.reply_text(
        text, parse_mode=ParseMode.HTML,
        reply_markup=ForceReply(selective=True, input_field_placeholder=_("Nội dung thông báo")),
    )
    await _remember(d, message.chat_id, actor.external_id, draft_id, asked)


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
    text = command_text(update)
    draft = drafts.Draft()
    if text and len(text) <= TEXT_LIMIT:
        draft.text, draft.step = text, "recipients"
    async with d.db.transaction() as session:
        draft_id = await drafts.open_draft(session, d.clock, chat.id, actor.external_id, draft)
    if draft.text:
        await _ask_recipients(message, d, actor, draft_id)
    elif text:
        await _ask_for_text(message, d, actor, draft_id, too_long())
    else:
        await _ask_for_text(message, d, actor, draft_id, ask_text())


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


async def _ask_recipients(message: Message, d: Deps, actor: Actor, draft_id: int) -> None:
    assert actor.working_group_id is not None
    async with d.db.transaction() as session:
        found = await drafts.load_draft(session, d.clock, message.chat_id, actor.external_id, draft_id)
        if found is None:
            return
        row, draft = found
        groups = await recipients.recipient_groups(session, actor.working_group_id)
        draft.groups = [g.to_json() for g in groups]
        draft.step = "recipients"
        drafts.store_draft(d.clock, row, draft)
    if not groups[0].agency_ids:
        await message.reply_text(
            _("Chưa có đơn vị nào để gửi thông báo. Đề nghị thêm đơn vị (/them_don_vi) và gắn nhóm chat (/ma_don_vi).")
        )
        return
    asked = await message.reply_text(
        recipients_question(draft.text or "", len(draft.files)),
        parse_mode=ParseMode.HTML,
        reply_markup=_recipient_markup(draft_id, draft.groups),
    )
    await _remember(d, message.chat_id, actor.external_id, draft_id, asked)


async def _send_preview(message: Message, d: Deps, actor: Actor, draft_id: int) -> None:
    group = await _group(d, actor)
    async with d.db.transaction() as session:
        found = await drafts.load_draft(session, d.clock, message.chat_id, actor.external_id, draft_id)
        if found is None:
            return
        facts = await fan_out.preview(session, d.clock, group, found[1])
    rows = []
    if facts.chats:
        rows.append([InlineKeyboardButton(_("✅ Gửi thông báo"), callback_data=f"tb:{draft_id}:ok")])
    rows.append([
        InlineKeyboardButton(_("↩️ Chọn lại nơi nhận"), callback_data=f"tb:{draft_id}:r"),
        InlineKeyboardButton(_("❌ Hủy"), callback_data=f"tb:{draft_id}:no"),
    ])
    texts = pages(preview_lines(facts))
    shown = [await message.reply_text(text, parse_mode=ParseMode.HTML) for text in texts[:-1]]
    shown.append(await message.reply_text(texts[-1], parse_mode=ParseMode.HTML, reply_markup=InlineKeyboardMarkup(rows)))
    await _remember(d, message.chat_id, actor.external_id, draft_id, *shown)


# -- the draft's messages ---------------------------------------------------------------------------


async def on_draft_message(update: Update, context: Context) -> None:
    """The text or an attachment of an open draft; anything else passes on to other handlers."""
    message = update.message
    if message is None or message.from_user is None:
        return
    d = context.deps
    replied = message.reply_to_message
    async with d.db.transaction() as session:
        found = await drafts.load_draft(session, d.clock, message.chat_id, message.from_user.id)
        link = await links.find(session, message.chat_id, replied.message_id) if found is None and replied else None
    if found is None:
        if link is not None and link.purpose == DRAFT_LINK:
            await message.reply_text(expired())
            raise ApplicationHandlerStop
        return
    row, draft = found
    if replied is not None and replied.message_id not in draft.asks:
        return
    actor = await current_actor(update, d)
    if actor is None or not actor.may("thong_bao"):
        return
    if message.document is not None:
        await _attach(message, d, actor, row.id)
    elif message.text:
        await _take_text(message, d, actor, row.id, draft)
    raise ApplicationHandlerStop


async def _take_text(message: Message, d: Deps, actor: Actor, draft_id: int, draft: drafts.Draft) -> None:
    text = (message.text or "").strip()
    if draft.step != "text":
        await message.reply_text(
            _(
                "Thông báo đang chờ chọn nơi nhận hoặc xác nhận gửi. Để sửa nội dung, đề nghị gửi /thong_bao "
                "để soạn lại từ đầu."
            )
        )
        return
    if len(text) > TEXT_LIMIT:
        await _ask_for_text(message, d, actor, draft_id, too_long())
        return
    async with d.db.transaction() as session:
        found = await drafts.load_draft(session, d.clock, message.chat_id, actor.external_id, draft_id)
        if found is None:
            return
        row, draft = found
        draft.text = text
        drafts.store_draft(d.clock, row, draft)
    await _ask_recipients(message, d, actor, draft_id)


async def _download(message: Message, file_id: str) -> bytes:
    file = await message.get_bot().get_file(file_id)
    return bytes(await file.download_as_bytearray())


async def _read_tasks(message: Message, d: Deps, actor: Actor, file_id: str, name: str) -> imports.ParsedPlan | None:
    """The tasks of a notice file, or None when it is not one the reader understands."""
    assert actor.working_group_id is not None
    try:
        data = await _download(message, file_id)
        async with d.db.transaction() as session:
            registry = await imports.registry_for(session, actor.working_group_id)
        parsed = await asyncio.to_thread(imports.parse, data, name, registry)
    except DocumentError as exc:
        log.info("attached file %s has no tasks: %s", name, exc.message)
        return None
    return parsed if parsed.tasks else None


async def _attach(message: Message, d: Deps, actor: Actor, draft_id: int) -> None:
    doc = message.document
    assert doc is not None
    name = doc.file_name or _("tệp đính kèm")
    async with d.db.transaction() as session:
        found = await drafts.load_draft(session, d.clock, message.chat_id, actor.external_id, draft_id)
    if found is None:
        return
    draft = found[1]
    if len(draft.files) >= drafts.MAX_FILES:
        await message.reply_text(_("Mỗi thông báo kèm tối đa {n} tệp.", n=drafts.MAX_FILES))
        return
    readable = name.lower().endswith(drafts.TASK_FILE_SUFFIXES) and (doc.file_size or 0) <= MAX_BYTES
    parsed = await _read_tasks(message, d, actor, doc.file_id, name) if readable and draft.tasks is None else None
    caption = (message.caption or "").strip()
    async with d.db.transaction() as session:
        found = await drafts.load_draft(session, d.clock, message.chat_id, actor.external_id, draft_id)
        if found is None:
            return
        row, draft = found
        draft.files = [*draft.files, {"file_id": doc.file_id, "name": name, "size": doc.file_size}]
        found_tasks = None
        if parsed is not None and draft.tasks is None:
            draft.tasks = drafts.tasks_found(parsed, name, doc.file_id)
            found_tasks = draft.found()
        if draft.step == "text" and not draft.text and caption and len(caption) <= TEXT_LIMIT:
            draft.text = caption
        drafts.store_draft(d.clock, row, draft)
    other = draft.tasks["name"] if readable and found_tasks is None and draft.tasks is not None else None
    await message.reply_text(attached(name, len(draft.files), found_tasks, other), parse_mode=ParseMode.HTML)
    if draft.step == "text":
        if draft.text:
            await _ask_recipients(message, d, actor, draft_id)
        else:
            await _ask_for_text(message, d, actor, draft_id, _("Đề nghị gửi nội dung thông báo bằng cách trả lời tin nhắn này."))
    elif draft.step == "preview":
        await _send_preview(message, d, actor, draft_id)


# -- the draft's buttons ----------------------------------------------------------------------------


def _picking_markup(draft_id: int, agencies: list[tuple[int, str]], chosen: set[int], page: int, total: int) -> InlineKeyboardMarkup:
    rows = [
        [InlineKeyboardButton(("✅ " if agency_id in chosen else "▫️ ") + name, callback_data=f"tb:{draft_id}:t{agency_id}")]
        for agency_id, name in agencies
    ]
    nav = []
    if page > 0:
        nav.append(InlineKeyboardButton(_("◀ Trang trước"), callback_data=f"tb:{draft_id}:p{page - 1}"))
    if page < total - 1:
        nav.append(InlineKeyboardButton(_("Trang sau ▶"), callback_data=f"tb:{draft_id}:p{page + 1}"))
    if nav:
        rows.append(nav)
    rows.append([
        InlineKeyboardButton(_("Xong ({n})", n=len(chosen)), callback_data=f"tb:{draft_id}:d"),
        InlineKeyboardButton(_("❌ Hủy"), callback_data=f"tb:{draft_id}:no"),
    ])
    return InlineKeyboardMarkup(rows)


async def _show_page(message: Message, d: Deps, actor: Actor, draft_id: int, page: int, toggle: int | None) -> None:
    assert actor.working_group_id is not None
    async with d.db.transaction() as session:
        found = await drafts.load_draft(session, d.clock, message.chat_id, actor.external_id, draft_id)
        if found is None:
            return
        row, draft = found
        if toggle is not None:
            chosen = set(draft.agency_ids)
            chosen.symmetric_difference_update({toggle})
            draft.agency_ids = sorted(chosen)
            page = draft.page
        agencies, page, total = await recipients.agencies_page(session, actor.working_group_id, page)
        draft.step, draft.page = "pick", page
        drafts.store_draft(d.clock, row, draft)
    chosen = set(draft.agency_ids)
    await message.edit_text(
        picking_text(len(chosen), page, total),
        parse_mode=ParseMode.HTML,
        reply_markup=_picking_markup(draft_id, [(a.id, a.name) for a in agencies], chosen, page, total),
    )


async def _choose(message: Message, d: Deps, actor: Actor, draft_id: int, label: str, ids: list[int] | None) -> None:
    async with d.db.transaction() as session:
        found = await drafts.load_draft(session, d.clock, message.chat_id, actor.external_id, draft_id)
        if found is None:
            return
        row, draft = found
        if ids is not None:
            draft.agency_ids = ids
        draft.label, draft.step = label, "preview"
        drafts.store_draft(d.clock, row, draft)
    await message.edit_text(chosen_text(label, len(draft.agency_ids)), parse_mode=ParseMode.HTML)
    await _send_preview(message, d, actor, draft_id)


async def _drop_markup(message: Message) -> None:
    try:
        await message.edit_reply_markup(reply_markup=None)
    except TelegramError as exc:
        log.info("could not remove the buttons of message %s: %s", message.message_id, exc)


class _NothingToSend(Exception):
    """Rolls the confirming transaction back (the draft stays) when no chat would receive it."""


@button("tb", "thong_bao")
async def on_draft_button(update: Update, context: Context, d: Deps, actor: Actor, press: Press) -> None:
    query = update.callback_query
    assert query is not None and isinstance(query.message, Message)
    message, choice = query.message, press.choice
    async with d.db.transaction() as session:
        found = await drafts.load_draft(session, d.clock, message.chat_id, actor.external_id, press.id)
    if found is None:
        await query.answer(expired(), show_alert=True)
        return
    draft = found[1]
    if choice == "no":
        async with d.db.transaction() as session:
            await drafts.take_draft(session, d.clock, press.id, actor.external_id)
        await query.answer()
        await _drop_markup(message)
        await message.reply_text(_("Đã hủy thông báo. Không có tin nào được gửi."))
    elif choice.startswith("g") and choice[1:].isdigit() and int(choice[1:]) < len(draft.groups):
        chosen = draft.groups[int(choice[1:])]
        await query.answer()
        await _choose(message, d, actor, press.id, str(chosen["label"]), [int(i) for i in chosen["ids"]])
    elif choice.startswith("p") and choice[1:].isdigit():
        await query.answer()
        await _show_page(message, d, actor, press.id, int(choice[1:]), None)
    elif choice.startswith("t") and choice[1:].isdigit():
        await query.answer()
        await _show_page(message, d, actor, press.id, draft.page, int(choice[1:]))
    elif choice == "d":
        if not draft.agency_ids:
            await query.answer(_("Chưa chọn đơn vị nào."), show_alert=True)
            return
        await query.answer()
        await _choose(message, d, actor, press.id, _(PICKED_LABEL), None)
    elif choice == "r":
        await query.answer()
        await _drop_markup(message)
        await _ask_recipients(message, d, actor, press.id)
    elif choice == "ok":
        await _confirm(update, d, actor, press.id, draft)
    else:
        await query.answer(_("Nút này không còn hiệu lực."), show_alert=True)


async def _confirm(update: Update, d: Deps, actor: Actor, draft_id: int, draft: drafts.Draft) -> None:
    query = update.callback_query
    assert query is not None and isinstance(query.message, Message)
    message = query.message
    parsed = None
    if draft.tasks:
        parsed = await _read_tasks(message, d, actor, str(draft.tasks["file_id"]), str(draft.tasks["name"]))
        if parsed is None:
            await query.answer(
                _("Không đọc lại được tệp «{name}». Đề nghị gửi /thong_bao để soạn lại.", name=draft.tasks["name"]),
                show_alert=True,
            )
            return
    group = await _group(d, actor)
    try:
        async with d.db.transaction() as session:
            taken = await drafts.take_draft(session, d.clock, draft_id, actor.external_id)
            if taken is None:
                await query.answer(expired(), show_alert=True)
                return
            sent = await fan_out.send(session, d.clock, group, actor.person_id, taken, MESSAGES, parsed)
            if sent is None:
                raise _NothingToSend
    except _NothingToSend:
        await query.answer(_("Không có nhóm chat nào để gửi. Đề nghị chọn lại nơi nhận."), show_alert=True)
        return
    d.wake_sender()
    await query.answer(_("Đã gửi thông báo."))
    await _drop_markup(message)
    await message.reply_text(
        sent_text(sent.notice_id, sent.chats, sent.agencies, sent.tasks_saved, sent.plan_title), parse_mode=ParseMode.HTML
    )


# -- "Đã nhận" --------------------------------------------------------------------------------------


@button("ack", "ack_notice")
async def on_ack(update: Update, context: Context, d: Deps, actor: Actor, press: Press) -> None:
    query = update.callback_query
    assert query is not None and isinstance(query.message, Message)
    async with d.db.transaction() as session:
        ack = await acknowledgement.acknowledge(session, d.clock, actor, press.id)
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
    group = await _group(d, actor)
    async with d.db.transaction() as session:
        items = await summaries.summaries(session, group, notice_id)
    if notice_id is not None and not items:
        await message.reply_text(_("Không tìm thấy thông báo #{id}.", id=notice_id))
        return
    await send_long(update, status_lines(items, group.timezone, detailed=notice_id is not None), html=True)


def register(app: Application[Any, Any, Any, Any, Any, Any]) -> None:
    app.add_handler(CommandHandler("thong_bao", compose))
    app.add_handler(CommandHandler("thong_bao_trang_thai", status_command))
    composing = (
        filters.ChatType.PRIVATE
        & filters.UpdateType.MESSAGE
        & ((filters.TEXT & ~filters.COMMAND) | filters.Document.ALL)
    )
    app.add_handler(MessageHandler(composing, on_draft_message), group=DRAFT_GROUP)

"""Notices: /thong_bao (compose in a private chat, preview, confirm), "Đã nhận", /thong_bao_trang_thai.

While a draft is open, the secretariat's next message in that private chat (or a reply to one
of the draft's questions) is its text, and documents sent then are its attachments. The draft
sees such messages before the other handlers and keeps those it takes, so an attachment is not
also read as a plan to import; anything else (commands, replies to other messages of the bot)
goes on to the usual handlers.
"""

from __future__ import annotations

import asyncio
import logging

from channels.port import DeliveryError, FileRef, Outgoing
from handlers.buttons import Press, button, stale
from handlers.deps import Context
from handlers.guard import command, current_actor, not_allowed
from handlers.paging import pages, send_long
from locales import _
from plans.agencies import Registry
from plans.documents.errors import MAX_BYTES, DocumentError
from plans.documents.model import ParsedPlan
from render.notice_actions import picking_actions, preview_actions, recipient_actions
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


def expired() -> str:
    return _("Bản nháp thông báo này đã hết hiệu lực hoặc đã được gửi. Đề nghị gửi /thong_bao để soạn lại.")


async def _show(c: Context, actor: Actor, shown: Next) -> None:
    """Send what a step of the draft asks to show; replies to these messages belong to the draft."""
    sent: list[int] = []
    if shown.shown in ("ask_text", "too_long", "ask_text_after_file"):
        question = {
            "ask_text": ask_text, "too_long": too_long,
            "ask_text_after_file": lambda: _("Đề nghị gửi nội dung thông báo bằng cách trả lời tin nhắn này."),
        }[shown.shown]()
        sent.append(await c.reply.ask(Outgoing(question), hint=_("Nội dung thông báo")))
    elif shown.shown == "busy":
        await c.say(
            _(
                "Thông báo đang chờ chọn nơi nhận hoặc xác nhận gửi. Để sửa nội dung, đề nghị gửi /thong_bao "
                "để soạn lại từ đầu."
            )
        )
    elif shown.shown == "no_agencies":
        await c.say(
            _("Chưa có đơn vị nào để gửi thông báo. Đề nghị thêm đơn vị (/them_don_vi) và gắn nhóm chat (/ma_don_vi).")
        )
    elif shown.shown == "recipients":
        assert shown.draft is not None
        sent.append(await c.reply.send(Outgoing(
            recipients_question(shown.draft.text or "", len(shown.draft.files)),
            actions=recipient_actions(shown.draft_id, shown.draft.groups),
        )))
    elif shown.shown in ("chosen", "preview"):
        assert shown.preview is not None
        if shown.shown == "chosen":
            await c.reply.edit(Outgoing(chosen_text(shown.label, shown.count)))
        texts = pages(preview_lines(shown.preview))
        sent = [await c.say(text, html=True) for text in texts[:-1]]
        sent.append(await c.reply.send(Outgoing(texts[-1], actions=preview_actions(shown.draft_id, shown.preview.chats))))
    elif shown.shown == "picking":
        assert shown.page is not None
        await c.reply.edit(Outgoing(
            picking_text(len(shown.page.chosen), shown.page.page, shown.page.pages),
            actions=picking_actions(shown.draft_id, shown.page),
        ))
    if sent:
        await composing.remember(c.deps.db, c.deps.clock, actor, c.msg.chat_id, shown.draft_id, sent)


# -- /thong_bao -------------------------------------------------------------------------------------


@command("thong_bao")
async def compose(c: Context, actor: Actor) -> None:
    if not c.msg.private:
        await c.say(
            _(
                "Đề nghị soạn thông báo trong tin nhắn riêng với bot (bấm vào tên bot, chọn «Nhắn tin»), "
                "để bản nháp không hiện trong nhóm."
            )
        )
        return
    await _show(c, actor, await composing.start(c.deps.db, c.deps.clock, actor, c.msg.chat_id, c.msg.args))


# -- the draft's messages ---------------------------------------------------------------------------


async def on_draft_message(c: Context) -> bool:
    """The text or an attachment of an open draft: True when the draft took the message, which
    then goes to no other handler (an attachment is not also a plan to import)."""
    msg, d = c.msg, c.deps
    if msg.sender is None:
        return False
    where = await composing.route(d.db, d.clock, msg.chat_id, msg.sender.external_id, msg.reply_to)
    if where.draft_id is None:
        if where.expired:
            await c.say(expired())
        return where.expired
    actor = await current_actor(c)
    if actor is None or not actor.may("thong_bao"):
        return False
    if msg.file is not None:
        await _attach(c, actor, where.draft_id)
    elif msg.text:
        await _show(c, actor, await composing.take_text(d.db, d.clock, actor, msg.chat_id, where.draft_id, msg.text.strip()))
    return True


def _task_reader(c: Context) -> composing.ReadTasks:
    """Reads the tasks of a notice file downloaded from the chat; None when the reader finds none."""

    async def read(file_id: str, name: str, registry: Registry) -> ParsedPlan | None:
        try:
            data = await c.reply.download(FileRef(file_id, name))
            parsed = await asyncio.to_thread(imports.parse, data, name, registry)
        except DocumentError as exc:
            log.info("attached file %s has no tasks: %s", name, exc.message)
            return None
        return parsed if parsed.tasks else None

    return read


async def _attach(c: Context, actor: Actor, draft_id: int) -> None:
    doc = c.msg.file
    assert doc is not None
    name = doc.name or _("tệp đính kèm")
    readable = name.lower().endswith(drafts.TASK_FILE_SUFFIXES) and (doc.size or 0) <= MAX_BYTES
    file = composing.File(doc.file_id, name, doc.size, c.msg.text.strip(), readable)
    done = await composing.attach(c.deps.db, c.deps.clock, actor, c.msg.chat_id, draft_id, file, _task_reader(c))
    if done.too_many:
        await c.say(_("Mỗi thông báo kèm tối đa {n} tệp.", n=drafts.MAX_FILES))
        return
    if not done.name:
        return
    await c.say(attached(done.name, done.files, done.tasks, done.tasks_file), html=True)
    await _show(c, actor, done.next)


# -- the draft's buttons ----------------------------------------------------------------------------


async def _drop_actions(c: Context) -> None:
    try:
        await c.reply.clear_actions()
    except DeliveryError as exc:
        log.info("could not remove the buttons of message %s: %s", c.msg.message_id, exc)


@button("tb", "thong_bao")
async def on_draft_button(c: Context, actor: Actor, press: Press) -> None:
    shown = await composing.press(
        c.deps.db, c.deps.clock, actor, c.msg.chat_id, press.id, press.choice, picked_label(), MESSAGES, _task_reader(c)
    )
    match shown.shown:
        case "gone":
            await c.reply.answer(expired(), alert=True)
        case "stale":
            await c.reply.answer(stale(), alert=True)
        case "none_chosen":
            await c.reply.answer(_("Chưa chọn đơn vị nào."), alert=True)
        case "unreadable":
            await c.reply.answer(
                _("Không đọc lại được tệp «{name}». Đề nghị gửi /thong_bao để soạn lại.", name=shown.name), alert=True
            )
        case "nothing_to_send":
            await c.reply.answer(_("Không có nhóm chat nào để gửi. Đề nghị chọn lại nơi nhận."), alert=True)
        case "cancelled":
            await c.reply.answer()
            await _drop_actions(c)
            await c.say(_("Đã hủy thông báo. Không có tin nào được gửi."))
        case "sent":
            sent = shown.sent
            assert sent is not None
            c.deps.wake_sender()
            await c.reply.answer(_("Đã gửi thông báo."))
            await _drop_actions(c)
            await c.say(sent_text(sent.notice_id, sent.chats, sent.agencies, sent.tasks_saved, sent.plan_title), html=True)
        case _:
            await c.reply.answer()
            if press.choice == "r":
                await _drop_actions(c)
            await _show(c, actor, shown)


# -- "Đã nhận" --------------------------------------------------------------------------------------


def acknowledged_answer(ack: acknowledgement.Ack) -> str:
    """What the person who acknowledged is told (the first time, or once more)."""
    if ack.outcome == "already":
        line = ack_line(ack.name, ack.at, ack.tz) if ack.at else ""
        return _("Đơn vị đã xác nhận trước đó. {line}", line=line).strip()
    return _("Đã ghi nhận: đơn vị đã nhận thông báo.")


@button("ack", "ack_notice")
async def on_ack(c: Context, actor: Actor, press: Press) -> None:
    ack = await acknowledgement.acknowledge_by(c.deps.db, c.deps.clock, actor, press.id)
    if ack.outcome == "refused":
        await c.reply.answer(not_allowed(), alert=True)
        return
    if ack.outcome == "unknown":
        await c.reply.answer(stale(), alert=True)
        return
    if ack.outcome == "already":
        await c.reply.answer(acknowledged_answer(ack))
        return
    await c.reply.answer(acknowledged_answer(ack))
    pressed = (c.msg.chat_id, c.msg.message_id)
    assert ack.at is not None
    for copy in ack.sent:
        try:
            await c.reply.edit(
                Outgoing(acknowledged_text(copy.text, ack.name, ack.at, ack.tz)), copy.message_id, copy.chat_id
            )
        except DeliveryError as exc:
            log.info("could not mark message %s in chat %s acknowledged: %s", copy.message_id, copy.chat_id, exc)
    if pressed not in {(copy.chat_id, copy.message_id) for copy in ack.sent}:
        await _drop_actions(c)


# -- /thong_bao_trang_thai --------------------------------------------------------------------------


@command("thong_bao_trang_thai")
async def status_command(c: Context, actor: Actor) -> None:
    arg = c.msg.args.lstrip("#").strip()
    if arg and not arg.isdigit():
        await c.say(_("Cú pháp: /thong_bao_trang_thai [số thông báo], ví dụ: /thong_bao_trang_thai 3"))
        return
    notice_id = int(arg) if arg else None
    found = await summaries.latest(c.deps.db, actor, notice_id)
    if notice_id is not None and not found.notices:
        await c.say(_("Không tìm thấy thông báo #{id}.", id=notice_id))
        return
    await send_long(c, status_lines(found.notices, found.timezone, detailed=notice_id is not None), html=True)


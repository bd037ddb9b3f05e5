"""Agencies reporting progress: replies to reminders, the status buttons, /cap_nhat, files, edits."""

from __future__ import annotations

from datetime import date
from typing import Any

from telegram import ForceReply, InlineKeyboardMarkup, Message, Update
from telegram.ext import Application, CommandHandler, ContextTypes, MessageHandler, filters

from handlers.args import command_text
from handlers.buttons import Press, button
from handlers.deps import Deps, deps
from handlers.guard import current_actor, guarded, not_allowed
from locales import _, short_day
from plans.replies import Reply, read_reply
from render.reminders import status_buttons
from scheduler.sender import keyboard
from services import links, reports
from services.access import Actor
from services.clock import local_today
from services.status import Applied, Change, Origin, apply_change, decide_extension, describe, lead_context
from services.tasks import lead_for
from storage.models import MessageLink

ASK = {
    "prog": ("ask_percent", "Đề nghị cho biết tỷ lệ hoàn thành (ví dụ: 70%), bằng cách trả lời tin nhắn này."),
    "block": ("ask_reason", "Đề nghị nêu khó khăn, vướng mắc, bằng cách trả lời tin nhắn này."),
    "ext": ("ask_date", "Đề nghị cho biết thời hạn đề nghị gia hạn và lý do (ví dụ: «đến 30/6 vì chờ kinh phí»), bằng cách trả lời tin nhắn này."),
}


def _year_today(d: Deps) -> tuple[int, date]:
    today = local_today(d.clock, d.settings.timezone)
    return today.year, today


def _change(reply: Reply, raw: str) -> Change | None:
    if reply.status in ("done", "in_progress", "blocked", "extension", "not_started"):
        return Change(status=reply.status, percent=reply.percent, reason=reply.reason, date=reply.date, raw_text=raw)
    return None


def _answer(result: Applied) -> str:
    if result.outcome == "refused":
        return not_allowed()
    if result.outcome == "unknown_task":
        return _("Không tìm thấy nhiệm vụ này; có thể nhiệm vụ đã được thay thế. Đề nghị liên hệ Thường trực Tổ công tác.")
    if result.outcome == "bad_date":
        return _("Thời hạn đề nghị gia hạn phải là một ngày sau hôm nay, ví dụ: «xin gia hạn đến 30/6». Đề nghị gửi lại.")
    assert result.lead is not None and result.task is not None and result.agency is not None
    text = _("Đã ghi nhận: {agency}, nhiệm vụ {code} — {status}.", agency=result.agency.name, code=result.task.code, status=describe(result.lead))
    if result.lead.status == "extension":
        text += " " + _("Đề nghị gia hạn đã được chuyển Thường trực Tổ công tác xem xét.")
    return text


async def _send_linked(message: Message, d: Deps, text: str, purpose: str, lead_id: int, force_reply: bool) -> None:
    markup: ForceReply | InlineKeyboardMarkup | None = (
        ForceReply(selective=True) if force_reply else keyboard({"buttons": status_buttons(lead_id)})
    )
    sent = await message.reply_text(text, reply_markup=markup)
    async with d.db.transaction() as session:
        await links.record(session, d.clock, sent.chat_id, sent.message_id, purpose=purpose, task_lead_id=lead_id)


async def _apply(d: Deps, actor: Actor, lead_id: int, change: Change, origin: Origin) -> Applied:
    async with d.db.transaction() as session:
        result = await apply_change(session, d.clock, actor, lead_id, change, origin)
    d.wake_sender()
    return result


async def _on_lead_text(message: Message, d: Deps, actor: Actor, link: MessageLink, text: str, source: str) -> None:
    """A text answering a reminder, a task card or one of our follow-up questions."""
    assert link.task_lead_id is not None
    year, today = _year_today(d)
    origin = Origin("edit" if source == "edit" else "reply", message.chat_id, message.message_id)
    reply = read_reply(text, year, today)
    change: Change | None
    if link.purpose == "ask_percent" and reply.percent is not None:
        change = Change("done" if reply.percent >= 100 else "in_progress", percent=reply.percent, raw_text=text)
    elif link.purpose == "ask_reason":
        change = Change("blocked", reason=reply.reason or text.strip(), raw_text=text)
    elif link.purpose == "ask_date" and reply.date is not None:
        change = Change("extension", date=reply.date, reason=reply.reason, raw_text=text)
    else:
        change = _change(reply, text)
    if change is None:
        await _send_linked(
            message, d, _("Tôi chưa hiểu rõ nội dung cập nhật. Đề nghị chọn tình trạng của nhiệm vụ:"), "ask", link.task_lead_id, False
        )
        return
    if change.status == "extension" and change.date is None:
        await _send_linked(message, d, _(ASK["ext"][1]), "ask_date", link.task_lead_id, True)
        return
    result = await _apply(d, actor, link.task_lead_id, change, origin)
    await message.reply_text(_answer(result))


async def _on_report(message: Message, d: Deps, actor: Actor, link: MessageLink, text: str | None, file: reports.FileInfo | None) -> None:
    assert link.period_key is not None and link.agency_id is not None
    async with d.db.transaction() as session:
        saved = await reports.submit(
            session, d.clock, actor, link.agency_id, link.period_kind or "", link.period_key, text, file, message.chat_id
        )
    if saved is None:
        await message.reply_text(not_allowed())
    else:
        await message.reply_text(_("Đã nhận báo cáo kỳ {key} của đơn vị. Cảm ơn đơn vị.", key=link.period_key))


def _file_of(message: Message) -> reports.FileInfo | None:
    if message.document is not None:
        doc = message.document
        return reports.FileInfo(doc.file_id, doc.file_name, doc.file_size)
    if message.photo:
        photo = message.photo[-1]
        return reports.FileInfo(photo.file_id, None, photo.file_size)
    return None


async def on_reply(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Any message replying to one of the bot's messages (privacy mode lets the bot see those)."""
    message = update.effective_message
    if message is None or message.reply_to_message is None:
        return
    replied = message.reply_to_message
    if replied.from_user is None or replied.from_user.id != context.bot.id:
        return
    d = deps(context)
    async with d.db.transaction() as session:
        link = await links.find(session, message.chat_id, replied.message_id)
    if link is None:
        if update.edited_message is None:
            await message.reply_text(
                _("Để cập nhật tiến độ, đề nghị trả lời tin nhắc việc của nhiệm vụ hoặc dùng lệnh /cap_nhat <mã nhiệm vụ> <nội dung>.")
            )
        return
    actor = await current_actor(update, d)
    if actor is None:
        return
    action = "report_file" if link.period_key else "status_reply"
    if not actor.may(action) or (link.agency_id is not None and not actor.acts_for(link.agency_id)):
        await message.reply_text(not_allowed())
        return
    text = message.text or message.caption
    file = _file_of(message)
    if link.period_key is not None:
        await _on_report(message, d, actor, link, text, file)
        return
    if link.task_lead_id is None:
        if link.notice_delivery_id is not None and update.edited_message is None:
            await message.reply_text(_("Để xác nhận đã nhận thông báo, đề nghị chọn nút «Đã nhận» dưới thông báo."))
        return
    if file is not None:
        async with d.db.transaction() as session:
            await reports.attach_evidence(session, d.clock, actor, link.task_lead_id, file, message.chat_id)
        if not text:
            await message.reply_text(_("Đã lưu tệp làm tài liệu kèm theo nhiệm vụ."))
            return
    if text:
        source = "edit" if update.edited_message is not None else ("file" if file else "reply")
        await _on_lead_text(message, d, actor, link, text, source)


@button("st", "status_button")
async def on_status_button(update: Update, context: ContextTypes.DEFAULT_TYPE, d: Deps, actor: Actor, press: Press) -> None:
    query = update.callback_query
    assert query is not None and isinstance(query.message, Message)
    if press.choice == "done":
        origin = Origin("button", query.message.chat_id, query.message.message_id)
        result = await _apply(d, actor, press.id, Change("done", raw_text=_("Đã hoàn thành")), origin)
        if result.outcome == "refused":
            await query.answer(not_allowed(), show_alert=True)
            return
        await query.answer(_("Đã ghi nhận."))
        await query.message.reply_text(_answer(result))
        return
    if press.choice not in ASK:
        await query.answer(_("Nút này không còn hiệu lực."), show_alert=True)
        return
    async with d.db.transaction() as session:
        found = await lead_context(session, press.id)
    if found is None or not actor.acts_for(found[2].id):
        await query.answer(not_allowed(), show_alert=True)
        return
    await query.answer()
    purpose, question = ASK[press.choice]
    await _send_linked(query.message, d, _(question), purpose, press.id, True)


@button("ext", "approve_extension")
async def on_extension_decision(update: Update, context: ContextTypes.DEFAULT_TYPE, d: Deps, actor: Actor, press: Press) -> None:
    query = update.callback_query
    assert query is not None and isinstance(query.message, Message)
    async with d.db.transaction() as session:
        result = await decide_extension(session, d.clock, actor, press.id, press.choice == "ok")
    d.wake_sender()
    if result.outcome != "ok":
        await query.answer(not_allowed() if result.outcome == "refused" else _("Nút này không còn hiệu lực."), show_alert=True)
        return
    await query.answer(_("Đã ghi nhận."))
    assert result.lead is not None and result.task is not None and result.agency is not None
    verdict = _("đã đồng ý") if press.choice == "ok" else _("không đồng ý")
    await query.message.reply_text(
        _("Đã trả lời {agency} ({verdict}) về nhiệm vụ {code}. Hạn hiện tại: {due}.",
          agency=result.agency.name, verdict=verdict, code=result.task.code,
          due=short_day(result.lead.due) if result.lead.due else _("chưa có"))
    )


@guarded("cap_nhat")
async def update_command(update: Update, context: ContextTypes.DEFAULT_TYPE, d: Deps, actor: Actor) -> None:
    """``/cap_nhat <mã> <nội dung>`` wherever the agency is bound."""
    message = update.effective_message
    assert message is not None and actor.working_group_id is not None
    parts = command_text(update).split(maxsplit=1)
    if len(parts) < 2:
        await message.reply_text(_("Cú pháp: /cap_nhat <mã nhiệm vụ> <nội dung>, ví dụ: /cap_nhat 2.1 đã hoàn thành"))
        return
    code, text = parts
    async with d.db.transaction() as session:
        leads = await lead_for(session, actor.working_group_id, code, actor.agency_ids)
    if not leads:
        await message.reply_text(
            _("Không tìm thấy nhiệm vụ {code} do đơn vị của bạn chủ trì. Đề nghị kiểm tra lại mã nhiệm vụ (xem /viec_cua_toi).", code=code)
        )
        return
    if len({lead.agency_id for lead in leads}) > 1:
        await message.reply_text(
            _("Bạn là đầu mối của nhiều đơn vị cùng chủ trì nhiệm vụ {code}; đề nghị cập nhật từ nhóm chat của đơn vị.", code=code)
        )
        return
    link = MessageLink(chat_telegram_id=message.chat_id, message_id=message.message_id, task_lead_id=leads[0].id, purpose="command")
    await _on_lead_text(message, d, actor, link, text, "command")


def register(app: Application[Any, Any, Any, Any, Any, Any]) -> None:
    app.add_handler(CommandHandler("cap_nhat", update_command))
    replies = filters.REPLY & (filters.TEXT | filters.Document.ALL | filters.PHOTO) & ~filters.COMMAND
    app.add_handler(MessageHandler(replies & filters.UpdateType.MESSAGES, on_reply))

"""Leaders' and secretariat's views: /tre_han, /sap_den_han, /tien_do, /bao_cao, /viec_cua_toi, /nhiem_vu."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Message, Update
from telegram.constants import ParseMode
from telegram.ext import Application, CommandHandler

from channels.telegram.markup import keyboard
from handlers.args import command_text, required, unknown_agency
from handlers.buttons import Press, button
from handlers.deps import Context, Deps
from handlers.guard import guarded
from handlers.paging import pages, send_long
from locales import _
from plans.cadence import PeriodKind
from plans.text import fold
from render.reminders import status_buttons
from render.views import (
    due_soon_lines,
    my_tasks_lines,
    overdue_text,
    progress_lines,
    report_status_lines,
    schedule_lines,
    task_card_lines,
)
from scheduler.preview import planned
from services import leader_views, links
from services.access import Actor
from services.agencies import find_agency
from services.clock import local_today
from services.groups import group_of
from services.views import Progress

SCHEDULE_DAYS = 14
PERIOD_WORDS: dict[str, PeriodKind] = {"tuan": "week", "thang": "month", "6thang": "half_year", "6 thang": "half_year", "nam": "year"}


def _pager(page: int, total: int, agency_id: int | None) -> InlineKeyboardMarkup:
    target = agency_id or 0
    row = []
    if page > 0:
        row.append(InlineKeyboardButton(_("◀ Trang trước"), callback_data=f"od:{page - 1}:{target}"))
    if page < total - 1:
        row.append(InlineKeyboardButton(_("Trang sau ▶"), callback_data=f"od:{page + 1}:{target}"))
    export = [InlineKeyboardButton(_("📥 Xuất Excel"), callback_data=f"ox:{target}")]
    return InlineKeyboardMarkup([row, export] if row else [export])


@guarded("tre_han")
async def overdue(update: Update, context: Context, d: Deps, actor: Actor) -> None:
    message = update.effective_message
    assert message is not None and actor.working_group_id is not None
    name = command_text(update)
    found = await leader_views.overdue(d.db, d.clock, actor, 0, name=name)
    if found is None:
        await message.reply_text(unknown_agency(name))
        return
    markup = _pager(found.page.page, found.page.pages, found.agency_id)
    await message.reply_text(overdue_text(found.page), parse_mode=ParseMode.HTML, reply_markup=markup)


@button("od", "tre_han")
async def overdue_page(update: Update, context: Context, d: Deps, actor: Actor, press: Press) -> None:
    query = update.callback_query
    assert query is not None and isinstance(query.message, Message)
    agency_id = int(press.choice) if press.choice.isdigit() and int(press.choice) else None
    found = await leader_views.overdue(d.db, d.clock, actor, press.id, agency_id)
    assert found is not None
    await query.answer()
    markup = _pager(found.page.page, found.page.pages, agency_id)
    await query.message.edit_text(overdue_text(found.page), parse_mode=ParseMode.HTML, reply_markup=markup)


@guarded("sap_den_han")
async def due_soon(update: Update, context: Context, d: Deps, actor: Actor) -> None:
    message = update.effective_message
    assert message is not None
    arg = command_text(update)
    if arg and (not arg.isdigit() or not 1 <= int(arg) <= 366):
        await message.reply_text(_("Số ngày phải là số nguyên từ 1 đến 366, ví dụ: /sap_den_han 14"))
        return
    days = int(arg) if arg else 7
    rows = await leader_views.due_soon(d.db, d.clock, actor, days)
    await send_long(update, due_soon_lines(days, rows), html=True)


@guarded("tien_do")
async def progress(update: Update, context: Context, d: Deps, actor: Actor) -> None:
    message = update.effective_message
    assert message is not None and actor.working_group_id is not None
    name = command_text(update)
    report = await leader_views.progress(d.db, d.clock, actor, name)
    if not report.by_agency:
        await message.reply_text(
            _("Không có nhiệm vụ nào khớp với «{name}».", name=name) if name else _("Chưa có nhiệm vụ nào. Đề nghị Thường trực nhập kế hoạch trước.")
        )
        return
    await send_long(update, progress_lines(report), html=True)
    await send_progress_chart(message, report)


async def send_progress_chart(message: Message, report: Progress) -> None:
    """The same figures as a stacked bar chart."""
    from render.charts import progress_chart

    counts = {name: dict(c) for name, c in report.by_agency.items()}
    png = progress_chart(_("Tiến độ theo đơn vị"), counts)
    await message.reply_photo(png, caption=_("Biểu đồ tiến độ theo đơn vị"))


@guarded("bao_cao")
async def reports(update: Update, context: Context, d: Deps, actor: Actor) -> None:
    message = update.effective_message
    assert message is not None
    word = fold(command_text(update)) or "tuan"
    kind = PERIOD_WORDS.get(word)
    if kind is None:
        await message.reply_text(_("Kỳ báo cáo chưa đúng. Đề nghị chọn: /bao_cao tuan, /bao_cao thang, /bao_cao 6thang hoặc /bao_cao nam."))
        return
    status = await leader_views.report_status(d.db, d.clock, actor, kind)
    if status is None:
        await message.reply_text(_("Tổ công tác không áp dụng kỳ báo cáo này."))
        return
    await send_long(update, report_status_lines(status), html=True)


@guarded("viec_cua_toi")
async def my_tasks(update: Update, context: Context, d: Deps, actor: Actor) -> None:
    """Open tasks of the agencies this person answers for (the chat's agency in a group)."""
    message = update.effective_message
    assert message is not None
    agency_ids = frozenset({actor.agency_id}) if actor.agency_id else actor.agency_ids
    if not agency_ids:
        await message.reply_text(_("Bạn chưa là đầu mối của đơn vị nào. Đề nghị đăng ký bằng /dang_ky <mã>."))
        return
    rows = await leader_views.my_open_tasks(d.db, d.clock, actor, agency_ids)
    if not rows:
        await message.reply_text(_("Đơn vị hiện không có nhiệm vụ nào đang mở. 👍"))
        return
    await send_long(update, my_tasks_lines(rows), html=True)


@guarded("nhiem_vu")
async def task(update: Update, context: Context, d: Deps, actor: Actor) -> None:
    message = update.effective_message
    assert message is not None and actor.working_group_id is not None
    code = await required(update, _("Đề nghị ghi mã nhiệm vụ, ví dụ: /nhiem_vu 2.1"))
    if code is None:
        return
    view = await leader_views.task(d.db, d.clock, actor, code)
    if view is None:
        await message.reply_text(_("Không tìm thấy nhiệm vụ có mã {code}.", code=code))
        return
    markup = keyboard(status_buttons(view.own_lead_id)) if view.own_lead_id is not None else None
    text = "\n".join(task_card_lines(view.card, view.timezone, view.today))
    sent = await message.reply_text(pages([text])[0], parse_mode=ParseMode.HTML, reply_markup=markup)
    if view.own_lead_id is not None:
        await links.remember(d.db, d.clock, sent.chat_id, sent.message_id, "task_card", view.own_lead_id, view.own_agency_id)


@guarded("lich_nhac")
async def schedule(update: Update, context: Context, d: Deps, actor: Actor) -> None:
    """``/lich_nhac [đơn vị]``: the reminders of the next two weeks, for one agency or all."""
    message = update.effective_message
    assert message is not None and actor.working_group_id is not None
    name = command_text(update)
    async with d.db.transaction() as session:
        group = await group_of(session, actor)
        agency = await find_agency(session, group.id, name) if name else None
        if name and agency is None:
            await message.reply_text(unknown_agency(name))
            return
        today = local_today(d.clock, group.timezone)
        rows = await planned(session, today, today + timedelta(days=SCHEDULE_DAYS), agency.id if agency else None)
    await send_long(update, schedule_lines(rows, SCHEDULE_DAYS), html=True)


def register(app: Application[Any, Any, Any, Any, Any, Any]) -> None:
    app.add_handler(CommandHandler("tre_han", overdue))
    app.add_handler(CommandHandler("sap_den_han", due_soon))
    app.add_handler(CommandHandler("tien_do", progress))
    app.add_handler(CommandHandler("bao_cao", reports))
    app.add_handler(CommandHandler("viec_cua_toi", my_tasks))
    app.add_handler(CommandHandler("nhiem_vu", task))
    app.add_handler(CommandHandler("lich_nhac", schedule))

"""Leaders' and secretariat's views: /tre_han, /sap_den_han, /tien_do, /bao_cao, /viec_cua_toi, /nhiem_vu."""

from __future__ import annotations

from channels.port import Outgoing
from handlers.args import required, unknown_agency
from handlers.buttons import Press, button
from handlers.deps import Context
from handlers.guard import command, refuse
from handlers.paging import pages, send_long
from locales import _
from plans.cadence import PeriodKind
from plans.text import fold
from render.oversight import (
    due_soon_lines,
    my_tasks_lines,
    overdue_actions,
    overdue_scope,
    overdue_text,
    progress_lines,
    report_status_lines,
    schedule_lines,
    task_card_lines,
)
from render.reminders import status_buttons
from render.status import not_allowed
from services import leader_views, links
from services.access import Actor
from services.oversight import Progress
from services.reminder_schedule import reminders_ahead

SCHEDULE_DAYS = 14
PERIOD_WORDS: dict[str, PeriodKind] = {"tuan": "week", "thang": "month", "6thang": "half_year", "6 thang": "half_year", "nam": "year"}


@command("tre_han")
async def overdue(c: Context, actor: Actor) -> None:
    assert actor.working_group_id is not None
    name = c.msg.args
    found = await leader_views.overdue(c.deps.db, c.deps.clock, actor, 0, name=name)
    if found is None:
        await c.say(unknown_agency(name))
        return
    if isinstance(found, leader_views.OutOfReach):
        await c.say(out_of_reach(found))
        return
    actions = overdue_actions(found.page.page, found.page.pages, found.agency_id, found.group_id)
    await c.reply.send(Outgoing(overdue_text(found.page), actions=actions))


def out_of_reach(refused: leader_views.OutOfReach) -> str:
    return _(
        "Bạn chỉ xem được nhiệm vụ của {group} và các đơn vị cấp dưới; «{name}» không thuộc phạm vi này.",
        group=refused.group, name=refused.name,
    ) if refused.name else _("Bạn chỉ xem được nhiệm vụ của {group} và các đơn vị cấp dưới.", group=refused.group)


@button("od", "tre_han")
async def overdue_page(c: Context, actor: Actor, press: Press) -> None:
    agency_id, group_id = overdue_scope(press.choice)
    found = await leader_views.overdue(c.deps.db, c.deps.clock, actor, press.id, agency_id, group_id=group_id)
    if not isinstance(found, leader_views.OverdueView):
        await refuse(c, out_of_reach(found) if found else not_allowed())
        return
    await c.reply.answer()
    actions = overdue_actions(found.page.page, found.page.pages, agency_id, group_id)
    await c.reply.edit(Outgoing(overdue_text(found.page), actions=actions))


@command("sap_den_han")
async def due_soon(c: Context, actor: Actor) -> None:
    arg = c.msg.args
    if arg and (not arg.isdigit() or not 1 <= int(arg) <= 366):
        await c.say(_("Số ngày phải là số nguyên từ 1 đến 366, ví dụ: /sap_den_han 14"))
        return
    days = int(arg) if arg else 7
    rows = await leader_views.due_soon(c.deps.db, c.deps.clock, actor, days)
    await send_long(c, due_soon_lines(days, rows), html=True)


@command("tien_do")
async def progress(c: Context, actor: Actor) -> None:
    assert actor.working_group_id is not None
    name = c.msg.args
    report = await leader_views.progress(c.deps.db, c.deps.clock, actor, name)
    if not report.by_agency:
        await c.say(
            _("Không có nhiệm vụ nào khớp với «{name}».", name=name) if name else _("Chưa có nhiệm vụ nào. Đề nghị Thường trực nhập kế hoạch trước.")
        )
        return
    await send_long(c, progress_lines(report), html=True)
    await send_progress_chart(c, report)


async def send_progress_chart(c: Context, report: Progress) -> None:
    """The same figures as a stacked bar chart."""
    from render.charts import progress_chart

    counts = {name: dict(c) for name, c in report.by_agency.items()}
    png = progress_chart(_("Tiến độ theo đơn vị"), counts)
    await c.reply.send_file(png, "tien-do.png", _("Biểu đồ tiến độ theo đơn vị"), photo=True)


@command("bao_cao")
async def reports(c: Context, actor: Actor) -> None:
    word = fold(c.msg.args) or "tuan"
    kind = PERIOD_WORDS.get(word)
    if kind is None:
        await c.say(_("Kỳ báo cáo chưa đúng. Đề nghị chọn: /bao_cao tuan, /bao_cao thang, /bao_cao 6thang hoặc /bao_cao nam."))
        return
    status = await leader_views.report_status(c.deps.db, c.deps.clock, actor, kind)
    if status is None:
        await c.say(_("Tổ công tác không áp dụng kỳ báo cáo này."))
        return
    await send_long(c, report_status_lines(status), html=True)


@command("viec_cua_toi")
async def my_tasks(c: Context, actor: Actor) -> None:
    """Open tasks of the agencies this person answers for (the chat's agency in a group)."""
    agency_ids = frozenset({actor.agency_id}) if actor.agency_id else actor.agency_ids
    if not agency_ids:
        await c.say(_("Bạn chưa là đầu mối của đơn vị nào. Đề nghị đăng ký bằng /dang_ky <mã>."))
        return
    rows = await leader_views.my_open_tasks(c.deps.db, c.deps.clock, actor, agency_ids)
    if not rows:
        await c.say(_("Đơn vị hiện không có nhiệm vụ nào đang mở. 👍"))
        return
    await send_long(c, my_tasks_lines(rows), html=True)


@command("nhiem_vu")
async def task(c: Context, actor: Actor) -> None:
    d = c.deps
    assert actor.working_group_id is not None
    code = await required(c, _("Đề nghị ghi mã nhiệm vụ, ví dụ: /nhiem_vu 2.1"))
    if code is None:
        return
    view = await leader_views.task(d.db, d.clock, actor, code)
    if view is None:
        await c.say(_("Không tìm thấy nhiệm vụ có mã {code}.", code=code))
        return
    actions = status_buttons(view.own_lead_id) if view.own_lead_id is not None else ()
    text = "\n".join(task_card_lines(view.card, view.timezone, view.today))
    sent = await c.reply.send(Outgoing(pages([text])[0], actions=actions))
    if view.own_lead_id is not None:
        await links.remember(
            d.db, d.clock, c.msg.chat_id, sent, "task_card", view.own_lead_id, view.own_agency_id, channel=c.msg.channel
        )


@command("lich_nhac")
async def schedule(c: Context, actor: Actor) -> None:
    """``/lich_nhac [đơn vị]``: the reminders of the next two weeks, for one agency or all."""
    d, name = c.deps, c.msg.args
    rows = await reminders_ahead(d.db, d.clock, actor, name, SCHEDULE_DAYS, d.planner)
    if rows is None:
        await c.say(unknown_agency(name))
        return
    await send_long(c, schedule_lines(rows, SCHEDULE_DAYS), html=True)

"""Files for the secretariat and leaders: the overdue list in Excel, the compiled period report."""

from __future__ import annotations

from io import BytesIO
from typing import Any
from zoneinfo import ZoneInfo

from telegram import Message, Update
from telegram.ext import Application, CommandHandler

from handlers.args import command_text
from handlers.buttons import Press, button
from handlers.deps import Context, Deps
from handlers.guard import guarded
from locales import _
from plans.cadence import current_period
from services.access import Actor
from services.clock import local_today
from services.compile import compile_report, find_period, overdue_tasks
from services.groups import group_of
from services.reminders import settings_of


@button("ox", "export_overdue")
async def overdue_excel(update: Update, context: Context, d: Deps, actor: Actor, press: Press) -> None:
    query = update.callback_query
    assert query is not None and isinstance(query.message, Message)
    async with d.db.transaction() as session:
        group = await group_of(session, actor)
        rows = await overdue_tasks(session, d.clock, group, press.id or None)
    await query.answer()
    from render.xlsx import overdue_xlsx  # openpyxl loads on first use, not at start

    now = d.clock.now()
    data = overdue_xlsx(rows, _("Nhiệm vụ trễ hạn"), now.astimezone(ZoneInfo(group.timezone)))
    await query.message.reply_document(
        BytesIO(data), filename=f"tre-han-{now.astimezone(ZoneInfo(group.timezone)):%Y%m%d}.xlsx",
        caption=_("Danh sách nhiệm vụ trễ hạn: {n} nhiệm vụ.", n=len(rows)),
    )


@guarded("xuat_bao_cao")
async def export_report(update: Update, context: Context, d: Deps, actor: Actor) -> None:
    """``/xuat_bao_cao [kỳ]``: the compiled report as .docx and .xlsx (kỳ such as 2024-06, 2024-W23)."""
    from render.docx import compiled_docx  # python-docx and openpyxl load on first use, not at start
    from render.xlsx import compiled_xlsx

    message = update.effective_message
    assert message is not None
    key = command_text(update)
    async with d.db.transaction() as session:
        group = await group_of(session, actor)
        today = local_today(d.clock, group.timezone)
        period = find_period(group, key) if key else current_period(settings_of(group).cadence, "month", today)
        if period is None:
            await message.reply_text(
                _("Kỳ báo cáo «{key}» không đúng. Ví dụ: /xuat_bao_cao 2024-06 (tháng), 2024-W23 (tuần), 2024-H1, 2024.", key=key)
            )
            return
        report = await compile_report(session, d.clock, group, period)
    await message.reply_document(BytesIO(compiled_docx(report)), filename=f"bao-cao-{period.key}.docx",
                                 caption=_("Báo cáo {label} (bản Word).", label=period.label_vi))
    await message.reply_document(BytesIO(compiled_xlsx(report)), filename=f"bao-cao-{period.key}.xlsx",
                                 caption=_("Báo cáo {label} (bản Excel).", label=period.label_vi))


def register(app: Application[Any, Any, Any, Any, Any, Any]) -> None:
    app.add_handler(CommandHandler("xuat_bao_cao", export_report))

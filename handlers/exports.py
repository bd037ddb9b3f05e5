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
from services.access import Actor
from services.compile import compiled, overdue_list


@button("ox", "export_overdue")
async def overdue_excel(update: Update, context: Context, d: Deps, actor: Actor, press: Press) -> None:
    query = update.callback_query
    assert query is not None and isinstance(query.message, Message)
    found = await overdue_list(d.db, d.clock, actor, press.id or None)
    rows, tz = found.tasks, ZoneInfo(found.timezone)
    await query.answer()
    from render.xlsx import overdue_xlsx  # openpyxl loads on first use, not at start

    now = d.clock.now()
    data = overdue_xlsx(rows, _("Nhiệm vụ trễ hạn"), now.astimezone(tz))
    await query.message.reply_document(
        BytesIO(data), filename=f"tre-han-{now.astimezone(tz):%Y%m%d}.xlsx",
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
    report = await compiled(d.db, d.clock, actor, key)
    if report is None:
        await message.reply_text(
            _("Kỳ báo cáo «{key}» không đúng. Ví dụ: /xuat_bao_cao 2024-06 (tháng), 2024-W23 (tuần), 2024-H1, 2024.", key=key)
        )
        return
    await message.reply_document(BytesIO(compiled_docx(report)), filename=f"bao-cao-{report.period_key}.docx",
                                 caption=_("Báo cáo {label} (bản Word).", label=report.period_label))
    await message.reply_document(BytesIO(compiled_xlsx(report)), filename=f"bao-cao-{report.period_key}.xlsx",
                                 caption=_("Báo cáo {label} (bản Excel).", label=report.period_label))


def register(app: Application[Any, Any, Any, Any, Any, Any]) -> None:
    app.add_handler(CommandHandler("xuat_bao_cao", export_report))

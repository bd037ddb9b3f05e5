"""Files for the secretariat and leaders: the overdue list in Excel, the compiled period report."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from handlers.buttons import Press, button
from handlers.deps import Context
from handlers.guard import command
from locales import _
from render.oversight import overdue_scope
from services.access import Actor
from services.compile import compiled, overdue_list


@button("ox", "export_overdue")
async def overdue_excel(c: Context, actor: Actor, press: Press) -> None:
    d = c.deps
    agency_id, group_id = overdue_scope(press.choice) if press.choice else (press.id or None, None)
    found = await overdue_list(d.db, d.clock, actor, agency_id, group_id)
    rows, tz = found.tasks, ZoneInfo(found.timezone)
    await c.reply.answer()
    from render.xlsx import overdue_xlsx  # openpyxl loads on first use, not at start

    now = d.clock.now()
    data = overdue_xlsx(rows, _("Nhiệm vụ trễ hạn"), now.astimezone(tz))
    await c.reply.send_file(
        data, f"tre-han-{now.astimezone(tz):%Y%m%d}.xlsx", _("Danh sách nhiệm vụ trễ hạn: {n} nhiệm vụ.", n=len(rows))
    )


@command("xuat_bao_cao")
async def export_report(c: Context, actor: Actor) -> None:
    """``/xuat_bao_cao [kỳ]``: the compiled report as .docx and .xlsx (kỳ such as 2024-06, 2024-W23)."""
    from render.docx import compiled_docx  # python-docx and openpyxl load on first use, not at start
    from render.xlsx import compiled_xlsx

    key = c.msg.args
    report = await compiled(c.deps.db, c.deps.clock, actor, key)
    if report is None:
        await c.say(
            _("Kỳ báo cáo «{key}» không đúng. Ví dụ: /xuat_bao_cao 2024-06 (tháng), 2024-W23 (tuần), 2024-H1, 2024.", key=key)
        )
        return
    await c.reply.send_file(compiled_docx(report), f"bao-cao-{report.period_key}.docx",
                            _("Báo cáo {label} (bản Word).", label=report.period_label))
    await c.reply.send_file(compiled_xlsx(report), f"bao-cao-{report.period_key}.xlsx",
                            _("Báo cáo {label} (bản Excel).", label=report.period_label))


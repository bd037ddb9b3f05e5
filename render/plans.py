"""The preview of a plan before it is saved, and what the import did."""

from __future__ import annotations

from collections import Counter

from locales import _, short_day
from plans.documents.model import ParsedPlan
from plans.text import shorten
from render.text import esc

SAMPLES = 3
LISTED = 15


def preview_lines(parsed: ParsedPlan) -> list[str]:
    info = parsed.plan
    title = info.title or info.title_full or _("(không rõ tiêu đề)")
    lines = [
        _("📄 <b>Xem trước kế hoạch</b>"),
        _("Số hiệu: {number}", number=esc(info.number or _("không ghi"))),
        _("Tiêu đề: {title}", title=esc(shorten(title, 300))),
    ]
    if info.issued:
        lines.append(_("Ngày ban hành: {day}", day=short_day(info.issued)))
    lines.append(_("<b>{n} nhiệm vụ</b>:", n=len(parsed.tasks)))
    sections = Counter(t.section or "—" for t in parsed.tasks)
    lines.extend(f"• {esc(shorten(name, 90))}: {count}" for name, count in sections.items())
    agencies = sorted({r.name for t in parsed.tasks for r in (*t.lead, *t.support)})
    lines.append(_("<b>Đơn vị được giao</b> ({n}): {names}", n=len(agencies), names=esc(", ".join(agencies[:LISTED]))
                   + ("…" if len(agencies) > LISTED else "")))
    if parsed.unknown_agencies:
        lines.append(
            _("⚠️ <b>Tên đơn vị chưa có trong danh mục</b> (sẽ được tạo mới, cần rà soát): {names}",
              names=esc(", ".join(parsed.unknown_agencies)))
        )
    unread = [t for t in parsed.tasks if t.deadline.kind == "unknown" and t.deadline_text]
    if unread:
        lines.append(_("⚠️ <b>Không đọc được thời hạn</b> của {n} nhiệm vụ:", n=len(unread)))
        lines.extend(f"• {esc(t.code)}: «{esc(shorten(t.deadline_text, 80))}»" for t in unread[:LISTED])
    lines.append(_("<b>Ví dụ nhiệm vụ:</b>"))
    for task in parsed.tasks[:SAMPLES]:
        due = short_day(task.deadline.due) if task.deadline.due else esc(task.deadline_text or _("không ghi"))
        leads = ", ".join(r.name for r in task.lead)
        lines.append(f"• <b>{esc(task.code)}</b>: {esc(shorten(task.content, 120))} — {esc(leads)} — {due}")
    for warning in parsed.warnings[:5]:
        lines.append(f"⚠️ {esc(warning)}")
    lines.append(_("Đề nghị kiểm tra rồi chọn «Lưu kế hoạch» hoặc «Hủy». Chưa có gì được lưu."))
    return lines


def saved_text(created: int, updated: int, removed: int, new_agencies: list[str], to_review: list[str]) -> str:
    text = _(
        "✅ Đã lưu kế hoạch: {created} nhiệm vụ mới, {updated} nhiệm vụ cập nhật, {removed} nhiệm vụ không còn trong văn bản.",
        created=created, updated=updated, removed=removed,
    )
    if new_agencies:
        text += "\n" + _("Đơn vị mới: {names}.", names=", ".join(new_agencies))
    if to_review:
        text += "\n" + _("Cần rà soát tên (dùng /doi_ten, /bi_danh hoặc /gop_don_vi): {names}.", names=", ".join(to_review))
    text += "\n" + _("Tiếp theo: cấp mã đăng ký cho từng đơn vị bằng /ma_don_vi <đơn vị>.")
    return text

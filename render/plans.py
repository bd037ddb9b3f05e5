"""The preview of a plan before it is saved, and what the import did."""

from __future__ import annotations

from collections import Counter
from datetime import date

from channels.port import Action, Actions
from locales import _, short_day
from plans.documents.model import ParsedPlan
from plans.review import PlanChanges, PlanDoubts, TaskChange, TaskDoubts, plan_doubts
from plans.text import shorten
from render.text import esc

SAMPLES = 3
LISTED = 15


def preview_lines(parsed: ParsedPlan, changes: PlanChanges | None = None) -> list[str]:
    """The preview of a plan; ``changes`` compares it with the plan as stored or previewed before."""
    info = parsed.plan
    title = info.title or info.title_full or _("(không rõ tiêu đề)")
    lines = [
        _("📄 <b>Xem trước kế hoạch</b>"),
        _("Số hiệu: {number}", number=esc(info.number or _("không ghi"))),
        _("Tiêu đề: {title}", title=esc(shorten(title, 300))),
    ]
    if info.issued:
        lines.append(_("Ngày ban hành: {day}", day=short_day(info.issued)))
    if parsed.ocr is not None:
        lines.append(_("🔎 Chữ nhận dạng từ ảnh (OCR) trên {pages} trang, độ tin cậy trung bình {confidence}%: "
                       "đề nghị đối chiếu kỹ với bản gốc.", pages=parsed.ocr.pages, confidence=round(parsed.ocr.confidence)))
    lines.append(_("<b>{n} nhiệm vụ</b>:", n=len(parsed.tasks)))
    sections = Counter(t.section or "—" for t in parsed.tasks)
    lines.extend(f"• {esc(shorten(name, 90))}: {count}" for name, count in sections.items())
    agencies = sorted({r.name for t in parsed.tasks for r in (*t.lead, *t.support)})
    lines.append(_("<b>Đơn vị được giao</b> ({n}): {names}", n=len(agencies), names=esc(", ".join(agencies[:LISTED]))
                   + ("…" if len(agencies) > LISTED else "")))
    lines.extend(doubt_lines(plan_doubts(parsed.tasks)))
    if parsed.skipped:
        lines.append(_(
            "ℹ️ {n} mục có dạng nhiệm vụ nhưng không ghi đơn vị thực hiện nên chưa được đưa vào: {items}",
            n=len(parsed.skipped), items=esc("; ".join(parsed.skipped[:3]) + (" …" if len(parsed.skipped) > 3 else "")),
        ))
    lines.append(_("<b>Ví dụ nhiệm vụ:</b>"))
    for task in parsed.tasks[:SAMPLES]:
        due = short_day(task.deadline.due) if task.deadline.due else esc(task.deadline_text or _("không ghi"))
        leads = ", ".join(r.name for r in task.lead)
        lines.append(f"• <b>{esc(task.code)}</b>: {esc(shorten(task.content, 120))} — {esc(leads)} — {due}")
    for warning in parsed.warnings[:5]:
        lines.append(f"⚠️ {esc(warning)}")
    if changes is not None:
        lines.extend(change_lines(changes))
    lines.append(
        _("Đề nghị kiểm tra rồi chọn «Lưu kế hoạch» hoặc «Hủy»; sửa trước khi lưu bằng «Bảng rà soát», "
          "/sua hoặc /sua_ten. Chưa có gì được lưu.")
    )
    return lines


def preview_actions(talk_id: int) -> Actions:
    """Save, cancel, or get the review sheet of a previewed plan."""
    return (
        (Action(_("✅ Lưu kế hoạch"), f"imp:{talk_id}:ok"), Action(_("❌ Hủy"), f"imp:{talk_id}:no")),
        (Action(_("📄 Bảng rà soát"), f"rs:{talk_id}"),),
    )


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


def kind_label(kind: str) -> str:
    """A deadline's kind in words (the review sheet's "Loại thời hạn")."""
    names = {
        "due": _("có hạn"),
        "ongoing": _("thường xuyên"),
        "on_demand": _("khi có yêu cầu"),
        "conditional": _("có điều kiện"),
        "unknown": _("chưa rõ"),
    }
    return names.get(kind, kind)


def doubt_labels(doubts: TaskDoubts) -> list[str]:
    """Why one task needs a look, one short phrase per reason (the review sheet's "Cảnh báo")."""
    out: list[str] = []
    if doubts.no_lead:
        out.append(_("không ghi cơ quan chủ trì"))
    if doubts.assumed_lead:
        out.append(_("cơ quan chủ trì tạm lấy theo cơ quan ban hành"))
    if doubts.unknown:
        out.append(_("tên chưa có trong danh mục: {names}", names=", ".join(doubts.unknown)))
    if doubts.unread_deadline:
        out.append(_("không đọc được thời hạn"))
    if doubts.no_deadline:
        out.append(_("chưa ghi thời hạn"))
    return out


def _codes(codes: list[str]) -> str:
    return esc(", ".join(codes[:LISTED]) + ("…" if len(codes) > LISTED else ""))


def doubt_lines(doubts: PlanDoubts) -> list[str]:
    """What to check before saving, with counts; nothing when all is clear."""
    rows = [
        (doubts.no_lead, _("{n} nhiệm vụ không ghi cơ quan chủ trì: {codes}")),
        (doubts.assumed_lead, _("{n} nhiệm vụ tạm giao cho cơ quan ban hành: {codes}")),
        (doubts.unread_deadline, _("{n} nhiệm vụ không đọc được thời hạn: {codes}")),
        (doubts.no_deadline, _("{n} nhiệm vụ chưa ghi thời hạn: {codes}")),
        (doubts.repeated_codes, _("{n} mã nhiệm vụ bị trùng: {codes}")),
        (doubts.repeated_contents, _("{n} nhiệm vụ có thể trùng nội dung: {codes}")),
    ]
    lines = [f"• {text.format(n=len(codes), codes=_codes(codes))}" for codes, text in rows if codes]
    if doubts.unknown:
        lines.insert(0, "• " + _(
            "{n} tên đơn vị chưa có trong danh mục (sẽ được tạo mới, hoặc dùng /sua_ten): {names}",
            n=len(doubts.unknown), names=_codes(doubts.unknown),
        ))
    return [_("⚠️ <b>Cần kiểm tra</b>:"), *lines] if lines else []


def _agencies(names: tuple[str, ...]) -> str:
    return esc(", ".join(names)) if names else _("(không có)")


def _deadline(text: str, due: date | None) -> str:
    if due is not None:
        return short_day(due)
    return esc(shorten(text, 60)) if text else _("(không ghi)")


def task_change_lines(change: TaskChange) -> list[str]:
    """What one correction does to one task: old → new, field by field."""
    old, new = change.old, change.new
    lines: list[str] = []
    if change.lead_changed:
        lines.append(_("chủ trì: {old} → {new}", old=_agencies(old.lead), new=_agencies(new.lead)))
    if change.support_changed:
        lines.append(_("phối hợp: {old} → {new}", old=_agencies(old.support), new=_agencies(new.support)))
    if change.deadline_changed:
        lines.append(_("thời hạn: {old} → {new}", old=_deadline(old.deadline_text, old.due), new=_deadline(new.deadline_text, new.due)))
    if change.content_changed:
        lines.append(_("nội dung: {new}", new=esc(shorten(new.content, 100))))
    return [f"• <b>{esc(change.code)}</b> — {line}" for line in lines]


def change_lines(changes: PlanChanges) -> list[str]:
    """The comparison with the plan as stored (or as previewed before)."""
    if not changes:
        return [_("🔁 Không có thay đổi so với bản trước.")]
    lines = [_("🔁 <b>Thay đổi so với bản trước</b>: {n} nhiệm vụ sửa, {added} thêm, {removed} bỏ.",
               n=len(changes.changed), added=len(changes.added), removed=len(changes.removed))]
    for change in changes.changed[:LISTED]:
        lines.extend(task_change_lines(change))
    if len(changes.changed) > LISTED:
        lines.append(_("… và {n} nhiệm vụ khác (xem trong bảng rà soát).", n=len(changes.changed) - LISTED))
    if changes.added:
        lines.append(_("Thêm: {codes}", codes=_codes(changes.added)))
    if changes.removed:
        lines.append(_("Bỏ: {codes}", codes=_codes(changes.removed)))
    return lines


def history_note(name: str) -> str:
    """The words kept in a task's history when a saved plan changes it."""
    return _("Thường trực lưu kế hoạch theo tệp «{name}»", name=name)


def sheet_caption(tasks: int) -> str:
    return _(
        "📄 Bảng rà soát {n} nhiệm vụ: ô tô màu cần kiểm tra. Sửa trong Excel rồi gửi lại tệp này cho bot; "
        "bản xem trước mới sẽ nêu các thay đổi. Chưa có gì được lưu.",
        n=tasks,
    )


def corrected_lines(change: TaskChange, saved: bool) -> list[str]:
    """The answer to a correction that worked: what changed, and whether it is saved yet."""
    head = (
        _("✏️ Đã sửa nhiệm vụ đã lưu; lịch sử nhiệm vụ vẫn được giữ:")
        if saved
        else _("✏️ Đã sửa trong bản xem trước (chưa lưu):")
    )
    lines = task_change_lines(change) or [_("Không có gì thay đổi.")]
    tail = [] if saved else [_("Chọn «Lưu kế hoạch» ở bản xem trước để lưu, hoặc sửa tiếp.")]
    return [head, *lines, *tail]


def unknown_code(code: str) -> str:
    return _("Không tìm thấy nhiệm vụ có mã {code}; chưa có gì thay đổi.", code=code)


def unread_deadline(text: str) -> str:
    return _(
        "Không đọc được thời hạn «{text}» nên chưa sửa gì; đề nghị ghi ngày (30/06/2024) hoặc kỳ (Quý III/2024).",
        text=text,
    )


def renamed_text(written: str, target: str, known: bool) -> str:
    text = _("✏️ Trong bản xem trước (chưa lưu), «{written}» được đọc là «{target}».", written=written, target=target)
    if not known:
        text += " " + _("Đơn vị «{target}» chưa có trong danh mục và sẽ được tạo khi lưu.", target=target)
    return text + " " + _("Chọn «Lưu kế hoạch» ở bản xem trước để lưu.")

"""The texts of reminders: administrative Vietnamese, short, saying what is due and what to do."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from channels.port import Action, Actions, Outgoing
from locales import _, day, short_day
from plans.text import shorten
from render.text import bold, days_late, days_left, esc

CONTENT_LIMIT = 300


def status_buttons(lead_id: int) -> Actions:
    """The four answers of a deadline reminder; callback data is an opaque short id. Typed (without
    buttons) they are numbered in this order: see :func:`typed_status_choice`."""
    return (
        (
            Action(_("✅ Đã hoàn thành"), f"st:{lead_id}:done", _("đã hoàn thành")),
            Action(_("⏳ Đang thực hiện"), f"st:{lead_id}:prog", _("đang thực hiện (kèm %)")),
        ),
        (
            Action(_("⚠️ Có vướng mắc"), f"st:{lead_id}:block", _("vướng mắc")),
            Action(_("📅 Xin gia hạn"), f"st:{lead_id}:ext", _("xin gia hạn")),
        ),
    )


STATUS_CHOICES = tuple(a.data.rsplit(":", 1)[1] for row in status_buttons(0) for a in row)


def typed_status_choice(number: int) -> str | None:
    """The status answer a typed number stands for (1 = done … 4 = extension), as numbered under
    a reminder where there are no buttons."""
    return STATUS_CHOICES[number - 1] if 1 <= number <= len(STATUS_CHOICES) else None


@dataclass(frozen=True)
class DeadlineFacts:
    agency: str
    code: str
    content: str
    due: date
    kind: str
    working_days_left: int
    days_late: int


def deadline_reminder(facts: DeadlineFacts, lead_id: int) -> dict[str, Any]:
    """A reminder before, on, or after a deadline, as an outbox payload."""
    content = esc(shorten(facts.content, CONTENT_LIMIT))
    if facts.kind == "overdue":
        text = _(
            "⏰ <b>Quá hạn</b> — Kính gửi {agency}\n"
            "Nhiệm vụ {code}: {content}\n"
            "Hạn hoàn thành: {due} ({late}).\n"
            "Đề nghị đơn vị báo cáo kết quả hoặc nêu rõ khó khăn, vướng mắc bằng cách trả lời tin nhắn này "
            "hoặc chọn trạng thái bên dưới.",
            agency=esc(facts.agency),
            code=bold(facts.code),
            content=content,
            due=bold(short_day(facts.due)),
            late=days_late(facts.days_late),
        )
    else:
        text = _(
            "🔔 <b>Nhắc việc</b> — Kính gửi {agency}\n"
            "Nhiệm vụ {code}: {content}\n"
            "Hạn hoàn thành: {due} ({left}).\n"
            "Đề nghị đơn vị cập nhật tiến độ bằng cách trả lời tin nhắn này hoặc chọn trạng thái bên dưới.",
            agency=esc(facts.agency),
            code=bold(facts.code),
            content=content,
            due=bold(day(facts.due)),
            left=days_left(facts.working_days_left),
        )
    return Outgoing(text, actions=status_buttons(lead_id)).to_payload()


def report_reminder(agency: str, label: str, due: date, kind: str, working_days_left: int) -> dict[str, Any]:
    """A reminder of a periodic report (weekly, monthly, half-year, annual)."""
    if kind == "report_due":
        when = _("hạn nộp {due}, hôm nay là ngày làm việc cuối cùng", due=bold(day(due)))
    else:
        when = _("hạn nộp {due} ({left})", due=bold(day(due)), left=days_left(working_days_left))
    text = _(
        "📝 <b>Nhắc báo cáo</b> — Kính gửi {agency}\n"
        "Báo cáo {label}: {when}.\n"
        "Đề nghị đơn vị gửi báo cáo bằng cách trả lời tin nhắn này (nội dung hoặc tệp đính kèm).",
        agency=esc(agency),
        label=esc(label),
        when=when,
    )
    return Outgoing(text).to_payload()


def reports_missing(label: str, due: date, agencies: list[str]) -> dict[str, Any]:
    """To the secretariat, the day after a report's due day: who has not reported."""
    lines = [
        _(
            "📋 <b>Chưa nộp báo cáo {label}</b> (hạn {due}): {n} đơn vị.",
            label=esc(label),
            due=short_day(due),
            n=len(agencies),
        )
    ]
    lines.extend(f"{i}. {esc(name)}" for i, name in enumerate(agencies, 1))
    return Outgoing("\n".join(lines)[:4000]).to_payload()


def support_heads_up(lead_agency: str, code: str, content: str, due: date) -> dict[str, Any]:
    """To a supporting agency: what the lead is doing and by when, so it can prepare its part."""
    text = _(
        "ℹ️ <b>Thông tin phối hợp</b>\nNhiệm vụ {code}: {content}\n"
        "Đơn vị chủ trì: {lead}. Hạn hoàn thành: {due}.\n"
        "Đề nghị đơn vị chủ động phối hợp với đơn vị chủ trì.",
        code=bold(code),
        content=esc(shorten(content, CONTENT_LIMIT)),
        lead=esc(lead_agency),
        due=bold(day(due)),
    )
    return Outgoing(text).to_payload()

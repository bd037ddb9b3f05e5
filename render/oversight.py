"""Texts of the leaders' and secretariat's views: numbers first, then the detail."""

from __future__ import annotations

from collections import Counter
from datetime import date
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from channels.port import Action, Actions
from locales import _, moment, short_day
from plans.progress import overall, standing
from plans.text import shorten
from render.text import describe, describe_row, esc
from services.digest import Digest
from services.oversight import LeadRow, OverduePage, Progress, ReportStatus
from services.status import state_of
from services.tasks import TaskCard

if TYPE_CHECKING:
    from scheduler.preview import Planned

ROW_CONTENT = 90
DIGEST_ROWS = 5
STANDING_ORDER = ("overdue", "on_time", "done_on_time", "done_late", "no_deadline")


def standing_name(key: str) -> str:
    names = {
        "overdue": _("quá hạn"),
        "on_time": _("đang trong hạn"),
        "done_on_time": _("hoàn thành đúng hạn"),
        "done_late": _("hoàn thành quá hạn"),
        "no_deadline": _("không có thời hạn"),
    }
    return names[key]


def overdue_actions(page: int, pages: int, agency_id: int | None, group_id: int | None = None) -> Actions:
    """Paging through /tre_han (the agency, or the group below, if one was asked for, goes along)
    and its Excel export."""
    target = f"g{group_id}" if group_id else str(agency_id or 0)
    row = []
    if page > 0:
        row.append(Action(_("◀ Trang trước"), f"od:{page - 1}:{target}"))
    if page < pages - 1:
        row.append(Action(_("Trang sau ▶"), f"od:{page + 1}:{target}"))
    export = (Action(_("📥 Xuất Excel"), f"ox:0:{target}" if group_id else f"ox:{target}"),)
    return (tuple(row), export) if row else (export,)


def overdue_scope(choice: str) -> tuple[int | None, int | None]:
    """The (agency, group below) a pager's or export's button carries (see :func:`overdue_actions`)."""
    if choice.startswith("g") and choice[1:].isdigit():
        return None, int(choice[1:])
    return (int(choice) or None if choice.isdigit() else None), None


def overdue_text(page: OverduePage) -> str:
    """One page of /tre_han: the totals, then each agency (most owed first) with its tasks."""
    lines = [
        _(
            "📊 <b>Nhiệm vụ trễ hạn</b> (cập nhật {at}): {tasks} nhiệm vụ, {agencies} đơn vị.",
            at=moment(page.at),
            tasks=page.tasks,
            agencies=page.agencies,
        )
    ]
    if not page.debts:
        lines.append(_("Không có nhiệm vụ nào trễ hạn. 👍"))
    for debt in page.debts:
        heading = _(
            "\n<b>{n}. {agency}</b> — {count} nhiệm vụ (trễ nhiều nhất {late} ngày)",
            n=debt.number,
            agency=esc(debt.name),
            count=debt.count,
            late=debt.most_late,
        )
        lines.append(heading + (_(" (tiếp)") if debt.continued else ""))
        for row in debt.tasks:
            assert row.due is not None
            line = _(
                "• {code}: {content} — hạn {due}, trễ {late} ngày",
                code=esc(row.code),
                content=esc(shorten(row.content, ROW_CONTENT)),
                due=short_day(row.due),
                late=(page.today - row.due).days,
            )
            said = f" ({esc(_status_of(row))})" if row.status != "not_started" else ""  # what the agency last reported
            lines.append(line + said)
    if page.pages > 1:
        lines.append(_("\nTrang {n}/{total}", n=page.page + 1, total=page.pages))
    return "\n".join(lines)


def _task_line(row: LeadRow) -> str:
    return _(
        "• {due} — {agency}: {code} {content} ({status})",
        due=short_day(row.due) if row.due else _("không có hạn"),
        agency=esc(row.agency),
        code=esc(row.code),
        content=esc(shorten(row.content, ROW_CONTENT)),
        status=esc(_status_of(row)),
    )


def due_soon_lines(days: int, rows: list[LeadRow]) -> list[str]:
    lines = [_("📅 <b>Sắp đến hạn</b> trong {days} ngày tới: {n} nhiệm vụ.", days=days, n=len(rows))]
    lines.extend(_task_line(row) for row in rows)
    return lines


def my_tasks_lines(rows: list[LeadRow]) -> list[str]:
    lines = [_("📋 <b>Nhiệm vụ của đơn vị</b>: {n} nhiệm vụ đang mở.", n=len(rows))]
    lines.extend(_task_line(row) for row in rows)
    return lines


def _status_of(row: LeadRow) -> str:
    return describe_row(row.status, row.percent, row.done_on)


def _counts(counts: Counter[str]) -> str:
    return ", ".join(f"{standing_name(k)} {counts[k]}" for k in STANDING_ORDER if counts.get(k))


def progress_lines(report: Progress) -> list[str]:
    total = report.total()
    done = total["done_on_time"] + total["done_late"]
    all_tasks = sum(total.values())
    lines = [
        _(
            "📈 <b>Tiến độ thực hiện</b> ({day}): {done}/{all} lượt nhiệm vụ đã hoàn thành; {late} quá hạn.",
            day=short_day(report.today),
            done=done,
            all=all_tasks,
            late=total["overdue"],
        ),
        "",
        _("<b>Theo nhóm nhiệm vụ:</b>"),
    ]
    lines.extend(f"• {esc(shorten(name, 80))}: {_counts(c)}" for name, c in report.by_section.items())
    lines.extend(["", _("<b>Theo đơn vị:</b>")])
    ordered = sorted(report.by_agency.items(), key=lambda kv: (-kv[1]["overdue"], kv[0]))
    lines.extend(f"• {esc(name)}: {_counts(c)}" for name, c in ordered)
    return lines


def report_status_lines(status: ReportStatus) -> list[str]:
    period = status.period
    lines = [
        _(
            "📝 <b>Báo cáo {label}</b> (hạn {due}): đã nộp {done}, chưa nộp {missing}.",
            label=esc(period.label_vi),
            due=short_day(period.due),
            done=len(status.submitted),
            missing=len(status.missing),
        )
    ]
    if status.missing:
        lines.append(_("<b>Chưa nộp:</b>"))
        lines.extend(f"{i}. {esc(name)}" for i, name in enumerate(status.missing, 1))
    if status.submitted:
        lines.append(_("<b>Đã nộp:</b>"))
        lines.extend(f"• {esc(name)} — {at:%H:%M %d/%m/%Y}" for name, at in status.submitted)
    return lines


def task_card_lines(card: TaskCard, tz: str, today: date) -> list[str]:
    task = card.task
    together = overall([standing(line.lead.status, line.lead.due, line.lead.done_on, today) for line in card.leads])
    lines = [
        _("📌 <b>Nhiệm vụ {code}</b> — {plan}", code=esc(task.code), plan=esc(card.plan.number or shorten(card.plan.title, 60))),
        esc(task.content),
        _("Thời hạn: {text}", text=esc(task.deadline_text or _("không ghi"))),
        _("Tình trạng chung: {standing}", standing=standing_name(together)),
        _("<b>Đơn vị chủ trì:</b>"),
    ]
    for line in card.leads:
        due = short_day(line.lead.due) if line.lead.due else _("không có hạn")
        lines.append(f"• {esc(line.agency)}: {esc(describe(state_of(line.lead)))} ({_('hạn')} {due})")
    if card.supports:
        lines.append(_("<b>Phối hợp:</b> {names}", names=esc(", ".join(card.supports))))
    if card.history:
        lines.append(_("<b>Cập nhật gần đây:</b>"))
        for change, agency in card.history:
            said = change.raw_text or change.new.get("status", "")
            at = change.at.astimezone(ZoneInfo(tz))
            lines.append(f"• {at:%d/%m %H:%M} — {esc(agency)}: {esc(shorten(str(said), 80))}")
    return lines


def digest_text(digest: Digest) -> str:
    """Numbers first, then a few lines each; leaders want a digest, not a flood."""
    lines = [
        _("📊 <b>Bản tin tuần</b> ({day})", day=short_day(digest.today)),
        _(
            "Quá hạn: {overdue} nhiệm vụ (mới quá hạn trong tuần: {new}). Hoàn thành trong tuần: {done}. "
            "Đến hạn tuần tới: {soon}.",
            overdue=digest.overdue_total, new=len(digest.newly_overdue), done=len(digest.completed),
            soon=len(digest.due_next_week),
        ),
    ]
    blocks = (
        (_("<b>Mới quá hạn:</b>"), digest.newly_overdue),
        (_("<b>Đến hạn tuần tới:</b>"), digest.due_next_week),
        (_("<b>Đã hoàn thành:</b>"), digest.completed),
    )
    for title, rows in blocks:
        if rows:
            lines.append(title)
            lines.extend(_task_line(row) for row in rows[:DIGEST_ROWS])
            if len(rows) > DIGEST_ROWS:
                lines.append(_("… và {n} nhiệm vụ khác.", n=len(rows) - DIGEST_ROWS))
    for status in digest.missing:
        lines.append(
            _("<b>Chưa nộp báo cáo {label}</b>: {names}", label=esc(status.period.label_vi), names=esc(", ".join(status.missing)))
        )
    lines.append(_("Xem chi tiết: /tre_han, /tien_do, /bao_cao."))
    return "\n".join(lines)[:4000]


def kind_name(kind: str) -> str:
    """A reminder's kind in words (``dondoc reminders`` and /lich_nhac)."""
    names = {
        "deadline_before": _("nhắc trước hạn"),
        "deadline_due": _("nhắc đúng hạn"),
        "overdue": _("nhắc quá hạn"),
        "report_before": _("nhắc báo cáo"),
        "report_due": _("hạn báo cáo"),
        "report_missing": _("tổng hợp chưa báo cáo"),
    }
    return names[kind]


def schedule_lines(rows: list[Planned], days: int) -> list[str]:
    lines = [_("🗓 <b>Lịch nhắc {days} ngày tới</b>: {n} lời nhắc.", days=days, n=len(rows))]
    for row in rows:
        subject = _("nhiệm vụ {code}", code=row.task) if row.task else _("kỳ {key}", key=row.period or "")
        chat = "" if row.chat_bound else _(" (chưa gắn nhóm, sẽ không gửi được)")
        lines.append(
            f"• {row.send_at:%d/%m %H:%M} — {esc(row.agency)}: {kind_name(row.kind)}, {esc(subject)}{chat}"
        )
    return lines

"""The texts of notices: the notice itself, its preview, its reminder and its follow-up."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from channels.port import Action, Actions, FileRef, Outgoing
from locales import _, short_day
from plans.text import shorten
from render.text import bold, esc
from services.notices.drafts import TEXT_LIMIT
from services.notices.messages import NoticeMessages
from services.notices.results import NoticeSummary, PreviewFacts, TasksFound

LISTED = 30
TASKS_SHOWN = 8


def picked_label() -> str:
    """The recipients' label when agencies are ticked one by one."""
    return _("Các đơn vị được chọn")


def ack_prompt() -> str:
    return _("Đề nghị đơn vị bấm «✅ Đã nhận» để xác nhận đã nhận thông báo.")


def ack_button_text() -> str:
    return _("✅ Đã nhận")


def ack_buttons(delivery_id: int) -> Actions:
    return ((Action(ack_button_text(), f"ack:{delivery_id}", _("đã nhận")),),)


def when(moment: datetime, tz: str) -> str:
    """``08:05 15/04/2024`` in local time."""
    return moment.astimezone(ZoneInfo(tz)).strftime("%H:%M %d/%m/%Y")


def ack_line(name: str, moment: datetime, tz: str) -> str:
    return _("✅ Đã nhận: {name}, {when}", name=esc(name), when=when(moment, tz))


def acknowledged_text(sent_text: str, name: str, moment: datetime, tz: str) -> str:
    """The sent message with its request to acknowledge replaced by who acknowledged, when."""
    line = ack_line(name, moment, tz)
    prompt = ack_prompt()
    if prompt in sent_text:
        return sent_text.replace(prompt, line)
    return f"{sent_text}\n{line}"


def file_names(files: list[dict[str, Any]], limit: int = 300) -> str:
    """«a.docx», «b.pdf» (HTML), cut to about ``limit`` characters so the message keeps its size."""
    return esc(shorten(", ".join(f"«{f.get('name') or _('tệp')}»" for f in files), limit))


def notice_text(text: str, agency: str, files: list[dict[str, Any]], tasks_for_agency: int) -> str:
    """What an agency's chat receives (HTML)."""
    lines = [_("📢 <b>Thông báo</b> — Kính gửi {agency}", agency=esc(agency)), "", esc(text), ""]
    if files:
        lines.append(_("📎 Kèm theo {n} tệp: {names}.", n=len(files), names=file_names(files)))
    if tasks_for_agency:
        lines.append(
            _("📌 Đơn vị được giao {n} nhiệm vụ trong thông báo này; xem /viec_cua_toi.", n=tasks_for_agency)
        )
    lines.append(ack_prompt())
    return "\n".join(lines)


def notice_payload(
    text: str, agency: str, agency_id: int, delivery_id: int, files: list[dict[str, Any]], tasks_for_agency: int,
    silent: bool,
) -> dict[str, Any]:
    return Outgoing(
        notice_text(text, agency, files, tasks_for_agency), actions=ack_buttons(delivery_id), silent=silent,
        link={"agency_id": agency_id, "purpose": "notice"},
    ).to_payload()


def file_payload(file: dict[str, Any], agency_id: int, silent: bool) -> dict[str, Any]:
    """One attached file, its caption saying what it is."""
    return Outgoing(
        _("📎 Tệp kèm theo thông báo: {name}", name=file_names([file])),
        attachment=FileRef(file["file_id"], file.get("name")), silent=silent,
        link={"agency_id": agency_id, "purpose": "notice_file"},
    ).to_payload()


def reminder_payload(
    text: str, agency: str, agency_id: int, delivery_id: int, sent_at: datetime, tz: str
) -> dict[str, Any]:
    """The one reminder to an agency that has not acknowledged a notice."""
    body = _(
        "🔔 <b>Nhắc xác nhận thông báo</b> — Kính gửi {agency}\n"
        "Thông báo của Thường trực Tổ công tác gửi lúc {when} chưa được đơn vị xác nhận:\n"
        "«{text}»\n",
        agency=esc(agency),
        when=when(sent_at, tz),
        text=esc(shorten(text, 300)),
    )
    return Outgoing(
        body + ack_prompt(), actions=ack_buttons(delivery_id), link={"agency_id": agency_id, "purpose": "notice"}
    ).to_payload()


# -- composing ---------------------------------------------------------------------------------


def ask_text() -> str:
    return _(
        "📝 <b>Soạn thông báo</b>\n"
        "Đề nghị gửi nội dung thông báo bằng cách trả lời tin nhắn này. "
        "Có thể gửi kèm tệp (văn bản, kế hoạch…) trước hoặc sau nội dung; "
        "nếu tệp .docx/.txt giao nhiệm vụ, các nhiệm vụ sẽ được lưu khi gửi thông báo.\n"
        "Thông báo chỉ được gửi sau khi bạn xem trước và bấm «Gửi thông báo»."
    )


def too_long(limit: int = TEXT_LIMIT) -> str:
    return _(
        "Nội dung thông báo dài quá {n} ký tự. Đề nghị rút gọn, hoặc gửi toàn văn dưới dạng tệp đính kèm.",
        n=f"{limit:,}".replace(",", "."),
    )


def tasks_found_lines(found: TasksFound) -> list[str]:
    lines = [
        _(
            "📌 <b>Thông báo có {n} nhiệm vụ được giao</b> (tệp «{name}», {dated} nhiệm vụ có thời hạn): …",
            n=found.count,
            name=esc(found.name),
            dated=found.dated,
        )
    ]
    for line in found.lines[:TASKS_SHOWN]:
        due = _("hạn {day}", day=short_day(line.due)) if line.due else _("thường xuyên")
        lines.append(
            f"• {bold(line.code)} — {esc(line.agencies)} — {due}: {esc(shorten(line.content, 120))}"
        )
    if found.count > min(len(found.lines), TASKS_SHOWN):
        lines.append(_("… và {n} nhiệm vụ khác.", n=found.count - min(len(found.lines), TASKS_SHOWN)))
    return lines


def attached(name: str, total: int, found: TasksFound | None, tasks_file: str | None) -> str:
    text = _("📎 Đã đính kèm tệp «{name}» vào thông báo đang soạn (tổng {n} tệp).", name=esc(name), n=total)
    if found is not None:
        text += "\n" + _(
            "Tệp có {n} nhiệm vụ được giao ({dated} nhiệm vụ có thời hạn); các nhiệm vụ sẽ được lưu khi gửi thông báo.",
            n=found.count,
            dated=found.dated,
        )
    elif tasks_file is not None:
        text += "\n" + _(
            "Nhiệm vụ của thông báo được lấy từ tệp «{name}»; nhiệm vụ (nếu có) trong tệp này không được đọc.",
            name=esc(tasks_file),
        )
    return text


@dataclass(frozen=True)
class RecipientChoice:
    """A button of the recipients step: all agencies, a group of them."""

    label: str
    count: int


def recipients_question(text: str, files: int) -> str:
    lines = [_("👥 <b>Chọn nơi nhận thông báo</b>"), _("Nội dung: «{text}»", text=esc(shorten(text, 200)))]
    if files:
        lines.append(_("Tệp đính kèm: {n}.", n=files))
    lines.append(_("Có thể gửi thêm tệp đính kèm trước khi xác nhận."))
    return "\n".join(lines)


def picking_text(chosen: int, page: int, pages: int) -> str:
    text = _(
        "☑️ <b>Chọn đơn vị nhận thông báo</b> (đã chọn {n}). Bấm tên đơn vị để chọn hoặc bỏ chọn, "
        "rồi bấm «Xong».",
        n=chosen,
    )
    if pages > 1:
        text += "\n" + _("Trang {page}/{pages}", page=page + 1, pages=pages)
    return text


def chosen_text(label: str, agencies: int) -> str:
    return _("👥 Nơi nhận: {label} ({n} đơn vị).", label=esc(label), n=agencies)


def _names(names: list[str]) -> str:
    shown = ", ".join(esc(n) for n in names[:LISTED])
    if len(names) > LISTED:
        shown += _(" và {n} đơn vị khác", n=len(names) - LISTED)
    return shown


def preview_lines(facts: PreviewFacts) -> list[str]:
    lines = [_("📢 <b>Xem trước thông báo</b>"), "", esc(facts.text), ""]
    if facts.files:
        lines.append(_("📎 Tệp đính kèm ({n}): {names}", n=len(facts.files), names=file_names(facts.files)))
    if facts.tasks is not None:
        lines.extend(tasks_found_lines(facts.tasks))
    lines.append(
        _(
            "👥 <b>Nơi nhận</b>: {label} — {chats} nhóm chat của {n} đơn vị:",
            label=esc(facts.label),
            chats=facts.chats,
            n=len(facts.reached),
        )
    )
    if facts.reached:
        lines.append(_names(facts.reached))
    if facts.unreached:
        lines.append(
            _(
                "⚠️ {n} đơn vị chưa gắn nhóm, sẽ không nhận được: {names}",
                n=len(facts.unreached),
                names=_names(facts.unreached),
            )
        )
    if facts.silent:
        lines.append(_("🌙 Ngoài giờ làm việc: thông báo sẽ được gửi không kèm âm báo."))
    lines.append("")
    if facts.chats:
        lines.append(_("Đề nghị kiểm tra lại và bấm «Gửi thông báo» để gửi, hoặc «Hủy»."))
    else:
        lines.append(_("Không có nhóm chat nào để gửi. Đề nghị chọn lại nơi nhận hoặc gắn nhóm cho đơn vị (/ma_don_vi)."))
    return lines


def sent_text(notice_id: int, chats: int, agencies: int, tasks_saved: int, plan_title: str | None) -> str:
    text = _(
        "✅ Đã gửi thông báo #{id} tới {chats} nhóm chat của {n} đơn vị.",
        id=notice_id,
        chats=chats,
        n=agencies,
    )
    if tasks_saved:
        text += "\n" + _(
            "Đã lưu {n} nhiệm vụ của thông báo ({title}); nhắc việc theo thời hạn sẽ tự động gửi tới đơn vị.",
            n=tasks_saved,
            title=esc(shorten(plan_title or "", 120)),
        )
    text += "\n" + _("Theo dõi tình hình nhận bằng /thong_bao_trang_thai.")
    return text


# -- follow-up ---------------------------------------------------------------------------------


def _reason(error: str) -> str:
    low = error.lower()
    if "kicked" in low or "removed" in low or "not a member" in low:
        return _("bot đã bị xóa khỏi nhóm")
    if "blocked" in low:
        return _("bot bị chặn")
    if "chat not found" in low:
        return _("không tìm thấy nhóm chat")
    if "expired" in low:
        return _("quá thời hạn gửi")
    return _("lỗi khi gửi")


def status_lines(notices: list[NoticeSummary], tz: str, detailed: bool) -> list[str]:
    if not notices:
        return [_("Chưa có thông báo nào. Dùng /thong_bao để soạn và gửi thông báo.")]
    lines = [_("📋 <b>Tình hình nhận thông báo</b>")]
    for n in notices:
        lines.append("")
        lines.append(
            _("<b>#{id}</b> — {when} — «{text}»", id=n.id, when=when(n.created_at, tz), text=esc(shorten(n.text, 80)))
        )
        counts = _(
            "{chats} nhóm chat: đã gửi {sent}, lỗi {failed}, đã xác nhận {ack}, chờ xác nhận {waiting}",
            chats=n.chats,
            sent=n.sent,
            failed=n.failed,
            ack=n.acknowledged,
            waiting=n.waiting,
        )
        if n.pending:
            counts += _(", đang gửi {n}", n=n.pending)
        lines.append(counts + ".")
        if n.tasks:
            lines.append(_("Giao {n} nhiệm vụ.", n=n.tasks))
        if n.not_acknowledged:
            names = n.not_acknowledged if detailed else n.not_acknowledged[:LISTED]
            more = len(n.not_acknowledged) - len(names)
            text = ", ".join(esc(x) for x in names) + (_(" và {n} đơn vị khác", n=more) if more else "")
            lines.append(_("Chưa xác nhận: {names}", names=text))
        if n.failures:
            lines.append(
                _(
                    "Không gửi được: {items}",
                    items="; ".join(f"{esc(name)} ({_reason(err)})" for name, err in n.failures),
                )
            )
    if not detailed:
        lines.append("")
        lines.append(_("Xem đầy đủ một thông báo: /thong_bao_trang_thai &lt;số&gt;, ví dụ /thong_bao_trang_thai {id}.", id=notices[0].id))
    return lines


def failure_report(notice_id: int, text: str, failures: list[tuple[str, str]]) -> dict[str, Any]:
    """To the notice's sender: chats it could not reach (told once per failure)."""
    lines = [
        _(
            "⚠️ <b>Thông báo #{id}</b> («{text}») không gửi được tới {n} nhóm chat:",
            id=notice_id,
            text=esc(shorten(text, 80)),
            n=len(failures),
        )
    ]
    lines.extend(f"• {esc(name)}: {_reason(err)}" for name, err in failures[:LISTED])
    if len(failures) > LISTED:
        lines.append(_("… và {n} nhóm khác.", n=len(failures) - LISTED))
    lines.append(_("Đề nghị liên hệ đơn vị để thêm lại bot vào nhóm và đăng ký lại bằng mã mới (/ma_don_vi)."))
    return Outgoing("\n".join(lines)).to_payload()


MESSAGES = NoticeMessages(
    notice=notice_payload, file=file_payload, reminder=reminder_payload, failure_report=failure_report
)

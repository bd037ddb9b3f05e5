"""What the bot answers when an agency updates a task: the change recorded, the next question, a hint."""

from __future__ import annotations

from locales import _, short_day
from render.text import describe
from services.status import Applied, state_of
from services.status_replies import ReplyResult


def not_allowed() -> str:
    return _("Bạn không có quyền thực hiện thao tác này. Nếu cần, đề nghị liên hệ Thường trực Tổ công tác.")


def question(purpose: str) -> str:
    """The follow-up question of a status button (the answer is a reply to it)."""
    if purpose == "ask_percent":
        return _("Đề nghị cho biết tỷ lệ hoàn thành (ví dụ: 70%), bằng cách trả lời tin nhắn này.")
    if purpose == "ask_reason":
        return _("Đề nghị nêu khó khăn, vướng mắc, bằng cách trả lời tin nhắn này.")
    return _(
        "Đề nghị cho biết thời hạn đề nghị gia hạn và lý do (ví dụ: «đến 30/6 vì chờ kinh phí»), bằng cách trả lời tin nhắn này."
    )


def not_understood() -> str:
    return _("Tôi chưa hiểu rõ nội dung cập nhật. Đề nghị chọn tình trạng của nhiệm vụ:")


def applied_text(result: Applied) -> str:
    if result.outcome == "refused":
        return not_allowed()
    if result.outcome == "unknown_task":
        return _("Không tìm thấy nhiệm vụ này; có thể nhiệm vụ đã được thay thế. Đề nghị liên hệ Thường trực Tổ công tác.")
    if result.outcome == "bad_date":
        return _("Thời hạn đề nghị gia hạn phải là một ngày sau hôm nay, ví dụ: «xin gia hạn đến 30/6». Đề nghị gửi lại.")
    assert result.lead is not None and result.task is not None and result.agency is not None
    text = _("Đã ghi nhận: {agency}, nhiệm vụ {code} — {status}.", agency=result.agency.name, code=result.task.code, status=describe(state_of(result.lead)))
    if result.lead.status == "extension":
        text += " " + _("Đề nghị gia hạn đã được chuyển Thường trực Tổ công tác xem xét.")
    return text


def reply_text(result: ReplyResult) -> str | None:
    """The answer to a reply or to /cap_nhat; None when there is nothing to say, or when the next
    message is a question (``not_understood``, ``ask``) the caller sends with its own markup."""
    match result.outcome:
        case "applied":
            assert result.applied is not None
            return applied_text(result.applied)
        case "not_linked":
            return _("Để cập nhật tiến độ, đề nghị trả lời tin nhắc việc của nhiệm vụ hoặc dùng lệnh /cap_nhat <mã nhiệm vụ> <nội dung>.")
        case "refused":
            return not_allowed()
        case "report_saved":
            return _("Đã nhận báo cáo kỳ {key} của đơn vị. Cảm ơn đơn vị.", key=result.period_key)
        case "notice_hint":
            return _("Để xác nhận đã nhận thông báo, đề nghị chọn nút «Đã nhận» dưới thông báo.")
        case "evidence_saved":
            return _("Đã lưu tệp làm tài liệu kèm theo nhiệm vụ.")
    return None


def unknown_code(code: str) -> str:
    return _("Không tìm thấy nhiệm vụ {code} do đơn vị của bạn chủ trì. Đề nghị kiểm tra lại mã nhiệm vụ (xem /viec_cua_toi).", code=code)


def several_agencies(code: str) -> str:
    return _("Bạn là đầu mối của nhiều đơn vị cùng chủ trì nhiệm vụ {code}; đề nghị cập nhật từ nhóm chat của đơn vị.", code=code)


def decision_text(result: Applied, approved: bool) -> str:
    """To the secretariat member who answered an extension request."""
    assert result.lead is not None and result.task is not None and result.agency is not None
    verdict = _("đã đồng ý") if approved else _("không đồng ý")
    return _(
        "Đã trả lời {agency} ({verdict}) về nhiệm vụ {code}. Hạn hiện tại: {due}.",
        agency=result.agency.name, verdict=verdict, code=result.task.code,
        due=short_day(result.lead.due) if result.lead.due else _("chưa có"),
    )

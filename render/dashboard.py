"""What the bot says about the dashboard in the browser (``/bang_dieu_khien``)."""

from __future__ import annotations

from datetime import datetime

from locales import _


def sign_in_link(address: str, until: datetime) -> str:
    """The personal link, with how long it lasts (``until`` in the group's time zone)."""
    return _(
        "Đường dẫn mở bảng điều khiển của bạn:\n{address}\n\n"
        "Đường dẫn chỉ dùng được một lần, đến {time} ngày {day}; sau khi mở, phiên làm việc kéo dài 8 giờ. "
        "Đề nghị không chuyển đường dẫn này cho người khác.",
        address=address, time=f"{until:%H:%M}", day=f"{until:%d/%m/%Y}",
    )


def not_configured() -> str:
    return _(
        "Bảng điều khiển chưa được bật trên máy chủ này (chưa đặt WEB_BASE_URL). "
        "Đề nghị liên hệ người quản trị máy chủ của bot."
    )


def private_only() -> str:
    return _("Đường dẫn đăng nhập là của riêng từng người: đề nghị nhắn /bang_dieu_khien trong tin nhắn riêng với bot.")


def not_allowed() -> str:
    return _(
        "Bạn không có quyền mở bảng điều khiển: bảng chỉ dành cho lãnh đạo và Thường trực Tổ công tác. "
        "Nếu cần, đề nghị Thường trực cấp vai trò lãnh đạo cho bạn."
    )

"""The words of the events services leave in the outbox (``services/outbox_events.py``), written
when the sender takes the row: an agency's extension request and its answer, a co-lead's update,
a chat bound or lost."""

from __future__ import annotations

from typing import Any

from channels.port import PLAIN, Action, Outgoing
from locales import _, short_day
from plans.text import shorten
from render.text import describe, esc
from services.access import RoleName
from services.outbox_events import (
    ChatBound,
    ChatLost,
    CoLeadUpdated,
    ExtensionDecided,
    ExtensionRequested,
    OutboxEvent,
    SecretariatJoined,
    from_payload,
)


def outgoing(payload: dict[str, Any]) -> Outgoing:
    """The message an outbox payload stands for: its event in words, or the message it holds."""
    event = from_payload(payload)
    return Outgoing.from_payload(payload) if event is None else message(event)


def message(event: OutboxEvent) -> Outgoing:
    match event:
        case ExtensionRequested():
            return extension_request(event)
        case ExtensionDecided():
            return Outgoing(extension_decision(event))
        case CoLeadUpdated():
            return Outgoing(
                _(
                    "ℹ️ {agency} cập nhật nhiệm vụ <b>{code}</b> (cùng chủ trì): {status}.",
                    agency=esc(event.agency), code=esc(event.code), status=esc(describe(event.state)),
                )
            )
        case ChatLost():
            return Outgoing(chat_lost(event), format=PLAIN)
        case ChatBound():
            return Outgoing(chat_bound(event), format=PLAIN)
        case SecretariatJoined():
            return Outgoing(secretariat_joined(event), format=PLAIN)


def extension_request(event: ExtensionRequested) -> Outgoing:
    """To the secretariat, with the two answers under it."""
    text = _(
        "📅 <b>Đề nghị gia hạn</b> — {agency}\nNhiệm vụ <b>{code}</b>: {content}\n"
        "Hạn hiện tại: {due}. Đề nghị gia hạn đến: <b>{new}</b>.\nLý do: {reason}",
        agency=esc(event.agency),
        code=esc(event.code),
        content=esc(shorten(event.content, 200)),
        due=short_day(event.due) if event.due else _("chưa có"),
        new=short_day(event.requested),
        reason=esc(event.reason or _("không nêu")),
    )
    change = event.change_id
    answers = ((Action(_("✅ Đồng ý"), f"ext:{change}:ok"), Action(_("❌ Không đồng ý"), f"ext:{change}:no")),)
    return Outgoing(text, actions=answers)


def extension_decision(event: ExtensionDecided) -> str:
    if event.approved:
        assert event.due is not None
        return _(
            "✅ Thường trực Tổ công tác đồng ý gia hạn nhiệm vụ <b>{code}</b> đến <b>{due}</b>.",
            code=esc(event.code), due=short_day(event.due),
        )
    return _(
        "❌ Thường trực Tổ công tác không đồng ý gia hạn nhiệm vụ <b>{code}</b>; hạn vẫn là {due}. "
        "Đề nghị đơn vị khẩn trương hoàn thành.",
        code=esc(event.code),
        due=short_day(event.due) if event.due else "?",
    )


def chat_label(agency: str | None, leaders: bool, title: str) -> str:
    """Whose chat it is: the agency bound to it, the leaders, or its title."""
    if agency is not None:
        return agency
    return _("nhóm Lãnh đạo") if leaders else title


def chat_lost(event: ChatLost) -> str:
    return _(
        "⚠️ Không gửi được tin nhắn vào nhóm chat của {label}: bot đã bị xóa khỏi nhóm hoặc bị chặn. "
        "Nhắc việc cho đơn vị này tạm dừng. Đề nghị thêm lại bot vào nhóm và đăng ký lại bằng mã mới (/ma_don_vi).",
        label=chat_label(event.agency, event.leaders, event.title),
    )


def bound_label(agency: str | None, role: str | None = None) -> str:
    """What a code bound a chat to: its agency, or the group's leaders or secretariat."""
    if agency is not None:
        return agency
    return _("Thường trực Tổ công tác") if role == RoleName.SECRETARIAT else _("Lãnh đạo Tổ công tác")


def chat_bound(event: ChatBound) -> str:
    where = event.chat_title or _("chat riêng của {name}", name=event.person)
    return _(
        "✅ {where} đã được gắn với {label} (người đăng ký: {name}).",
        where=where, label=bound_label(event.agency, event.role), name=event.person,
    )


def secretariat_joined(event: SecretariatJoined) -> str:
    where = event.chat_title or _("chat riêng của {name}", name=event.person)
    return _(
        "✅ {group}: {name} đã nhận vai trò Thường trực (nhóm chat: {where}).",
        group=event.group, name=event.person, where=where,
    )

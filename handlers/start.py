"""/start, /help and /toi: what the bot is and what this person may ask of it."""

from __future__ import annotations

from typing import Any

from telegram import Update
from telegram.ext import Application, CommandHandler

from handlers.commands import allowed_for
from handlers.deps import Context, Deps
from handlers.guard import guarded
from locales import _
from services import people
from services.access import Actor


def _command_lines(actor: Actor) -> str:
    return "\n".join(f"{c.usage} — {c.summary}" for c in allowed_for(actor))


@guarded("start")
async def start(update: Update, context: Context, d: Deps, actor: Actor) -> None:
    assert update.effective_message is not None and update.effective_chat is not None
    if update.effective_chat.type == "private":
        intro = _(
            "Xin chào! Tôi là dondoc, trợ lý theo dõi, đôn đốc nhiệm vụ Đề án 06 của Tổ công tác.\n"
            "Tôi nhắc các đơn vị trước mỗi thời hạn và kỳ báo cáo, ghi nhận tiến độ các đơn vị "
            "trả lời và tổng hợp nhiệm vụ trễ hạn cho lãnh đạo."
        )
    elif actor.agency_id is None:
        intro = _(
            "Xin chào! Tôi là dondoc, trợ lý đôn đốc nhiệm vụ Đề án 06.\n"
            "Nhóm này chưa được gắn với đơn vị nào. Đề nghị đầu mối của đơn vị nhận mã đăng ký "
            "từ Thường trực Tổ công tác rồi gửi: /dang_ky <mã>"
        )
    else:
        intro = _(
            "Xin chào! Nhóm này đã được gắn với đơn vị. Tôi sẽ gửi nhắc việc vào đây trước mỗi thời hạn; "
            "đề nghị trả lời tin nhắc việc để cập nhật tiến độ."
        )
    await update.effective_message.reply_text(intro + "\n\n" + _("Các lệnh bạn có thể dùng:") + "\n" + _command_lines(actor))


@guarded("help")
async def help_command(update: Update, context: Context, d: Deps, actor: Actor) -> None:
    assert update.effective_message is not None
    await update.effective_message.reply_text(
        _("Các lệnh bạn có thể dùng:") + "\n" + _command_lines(actor) + "\n\n"
        + _("Trong nhóm của đơn vị, hãy trả lời (reply) tin nhắc việc để báo tiến độ, ví dụ: «đã hoàn thành», «đạt 70%», «vướng mắc: chưa có kinh phí».")
    )


@guarded("toi")
async def me(update: Update, context: Context, d: Deps, actor: Actor) -> None:
    assert update.effective_message is not None
    profile = await people.profile(d.db, actor)
    lines = [_("Thông tin của bạn:"), _("Tổ công tác: {name}", name=profile.group_name or _("chưa xác định"))]
    if profile.roles:
        lines.append(_("Vai trò:"))
        lines.extend(f"• {role}" for role in profile.roles)
    else:
        lines.append(_("Bạn chưa có vai trò nào. Đề nghị liên hệ Thường trực Tổ công tác nếu cần được cấp quyền."))
    await update.effective_message.reply_text("\n".join(lines))


def register(app: Application[Any, Any, Any, Any, Any, Any]) -> None:
    app.add_handler(CommandHandler("start", start))
    app.add_handler(CommandHandler("help", help_command))
    app.add_handler(CommandHandler("toi", me))

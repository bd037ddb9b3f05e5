"""/start, /help and /toi: what the bot is and what this person may ask of it."""

from __future__ import annotations

from handlers.commands import allowed_for
from handlers.deps import Context
from handlers.guard import command
from locales import _
from render.profile import role_label
from services import people
from services.access import Actor


def _command_lines(actor: Actor) -> str:
    return "\n".join(f"{c.usage} — {c.summary}" for c in allowed_for(actor))


@command("start")
async def start(c: Context, actor: Actor) -> None:
    if c.msg.private:
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
    await c.say(intro + "\n\n" + _("Các lệnh bạn có thể dùng:") + "\n" + _command_lines(actor))


@command("help")
async def help_command(c: Context, actor: Actor) -> None:
    await c.say(
        _("Các lệnh bạn có thể dùng:") + "\n" + _command_lines(actor) + "\n\n"
        + _("Trong nhóm của đơn vị, hãy trả lời (reply) tin nhắc việc để báo tiến độ, ví dụ: «đã hoàn thành», «đạt 70%», «vướng mắc: chưa có kinh phí».")
    )


@command("toi")
async def me(c: Context, actor: Actor) -> None:
    profile = await people.profile(c.deps.db, actor)
    lines = [_("Thông tin của bạn:"), _("Tổ công tác: {name}", name=profile.group_name or _("chưa xác định"))]
    if profile.roles:
        lines.append(_("Vai trò:"))
        lines.extend(f"• {role_label(role)}" for role in profile.roles)
    else:
        lines.append(_("Bạn chưa có vai trò nào. Đề nghị liên hệ Thường trực Tổ công tác nếu cần được cấp quyền."))
    await c.say("\n".join(lines))


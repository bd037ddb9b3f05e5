"""Binding chats: the secretariat asks for a code, the agency's group sends /dang_ky <mã>."""

from __future__ import annotations

from typing import Any

from telegram import Update
from telegram.ext import Application, CommandHandler

from handlers.args import required
from handlers.deps import Context, Deps
from handlers.guard import guarded, identity
from locales import _
from plans.text import fold
from services import binding
from services.access import Actor, RoleName

LEADER_WORDS = {"lanh dao", "lanh_dao", "lanhdao", "leaders"}


@guarded("ma_don_vi")
async def issue_code(update: Update, context: Context, d: Deps, actor: Actor) -> None:
    assert update.effective_message is not None and actor.working_group_id is not None
    name = await required(
        update, _("Đề nghị ghi tên đơn vị sau lệnh, ví dụ: /ma_don_vi Sở Y tế (hoặc /ma_don_vi lanh_dao cho nhóm Lãnh đạo).")
    )
    if name is None:
        return
    issued = await binding.issue_for(d.db, d.clock, actor, name, leaders=fold(name) in LEADER_WORDS)
    code = issued.code
    if code is None:
        await update.effective_message.reply_text(
            _("Không tìm thấy đơn vị «{name}». Dùng /don_vi để xem danh sách đơn vị hoặc /them_don_vi để thêm mới.", name=name)
        )
        return
    if issued.agency is None:
        label = _("nhóm Lãnh đạo")
        how = _("Đề nghị thêm bot vào nhóm chat của Lãnh đạo rồi gửi: /dang_ky {code}", code=code)
    else:
        label = issued.agency
        how = _(
            "Đề nghị chuyển mã cho đầu mối của đơn vị; đầu mối thêm bot vào nhóm chat của đơn vị rồi gửi: /dang_ky {code}",
            code=code,
        )
    await update.effective_message.reply_text(
        _("Mã đăng ký cho {label}: {code}\nMã dùng được một lần, có hiệu lực 7 ngày.", label=label, code=code) + " " + how
    )


@guarded("dang_ky")
async def redeem(update: Update, context: Context, d: Deps, actor: Actor) -> None:
    assert update.effective_message is not None
    who = identity(update)
    if who is None:
        return
    code = await required(
        update, _("Đề nghị gửi kèm mã đăng ký, ví dụ: /dang_ky ABCD-EFGH. Mã do Thường trực Tổ công tác cấp.")
    )
    if code is None:
        return
    result = await binding.register_chat(d.db, d.clock, who, code)
    answers = {
        "wrong": _("Mã đăng ký không đúng. Đề nghị kiểm tra lại mã hoặc liên hệ Thường trực Tổ công tác."),
        "expired": _("Mã đăng ký đã hết hạn. Đề nghị liên hệ Thường trực Tổ công tác để nhận mã mới."),
        "used": _("Mã đăng ký này đã được sử dụng. Đề nghị liên hệ Thường trực Tổ công tác để nhận mã mới."),
        "too_many": _(
            "Nhóm này đã nhập sai mã quá 5 lần trong một giờ. Đề nghị thử lại sau {minutes} phút.",
            minutes=result.wait_minutes,
        ),
    }
    if result.outcome != "bound":
        await update.effective_message.reply_text(answers[result.outcome])
        return
    if result.role == RoleName.LEADER:
        text = _(
            "✅ Đã đăng ký: {label}.\nTại đây tôi sẽ gửi bản tin tổng hợp hằng tuần. "
            "Lãnh đạo có thể dùng /tre_han để xem nhiệm vụ trễ hạn.",
            label=result.label,
        )
    else:
        text = _(
            "✅ Đã đăng ký: {label}.\nTừ nay tôi sẽ gửi vào đây lời nhắc trước mỗi thời hạn nhiệm vụ và mỗi kỳ báo cáo. "
            "Đề nghị đơn vị trả lời (reply) tin nhắc việc để cập nhật tiến độ, ví dụ: «đã hoàn thành», «đạt 70%», "
            "«vướng mắc: …» hoặc «xin gia hạn đến 30/6».",
            label=result.label,
        )
    await update.effective_message.reply_text(text)


def register(app: Application[Any, Any, Any, Any, Any, Any]) -> None:
    app.add_handler(CommandHandler("ma_don_vi", issue_code))
    app.add_handler(CommandHandler("dang_ky", redeem))

"""Binding chats: the secretariat asks for a code, the agency's group sends /dang_ky <mã>."""

from __future__ import annotations

from handlers.args import required
from handlers.deps import Context
from handlers.guard import command, identity
from locales import _
from render.outbox_events import bound_label
from services import binding
from services.access import Actor, RoleName


@command("ma_don_vi")
async def issue_code(c: Context, actor: Actor) -> None:
    assert actor.working_group_id is not None
    name = await required(
        c, _("Đề nghị ghi tên đơn vị sau lệnh, ví dụ: /ma_don_vi Sở Y tế (hoặc /ma_don_vi lanh_dao cho nhóm Lãnh đạo).")
    )
    if name is None:
        return
    issued = await binding.issue_for(c.deps.db, c.deps.clock, actor, name, leaders=binding.means_leaders(name))
    code = issued.code
    if code is None:
        await c.say(
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
    await c.say(
        _("Mã đăng ký cho {label}: {code}\nMã dùng được một lần, có hiệu lực 7 ngày.", label=label, code=code) + " " + how
    )


@command("dang_ky")
async def redeem(c: Context, actor: Actor) -> None:
    who = identity(c)
    if who is None:
        return
    code = await required(
        c, _("Đề nghị gửi kèm mã đăng ký, ví dụ: /dang_ky ABCD-EFGH. Mã do Thường trực Tổ công tác cấp.")
    )
    if code is None:
        return
    result = await binding.register_chat(c.deps.db, c.deps.clock, who, code)
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
        await c.say(answers[result.outcome])
        return
    if result.role == RoleName.SECRETARIAT:
        text = _(
            "✅ Đã đăng ký: {label}. Bạn là Thường trực Tổ công tác {group}.\nTừ nay tôi sẽ gửi vào đây lời nhắc các nhiệm vụ "
            "giao cho {label}; trả lời (reply) tin nhắc việc để cập nhật tiến độ, ví dụ: «đã hoàn thành». "
            "Dùng /tre_han để xem nhiệm vụ trễ hạn, /ma_don_vi lanh_dao để cấp mã cho nhóm Lãnh đạo xã.",
            label=bound_label(result.agency, result.role), group=result.group,
        )
    elif result.role == RoleName.LEADER:
        text = _(
            "✅ Đã đăng ký: {label}.\nTại đây tôi sẽ gửi bản tin tổng hợp hằng tuần. "
            "Lãnh đạo có thể dùng /tre_han để xem nhiệm vụ trễ hạn.",
            label=bound_label(result.agency, result.role),
        )
    else:
        text = _(
            "✅ Đã đăng ký: {label}.\nTừ nay tôi sẽ gửi vào đây lời nhắc trước mỗi thời hạn nhiệm vụ và mỗi kỳ báo cáo. "
            "Đề nghị đơn vị trả lời (reply) tin nhắc việc để cập nhật tiến độ, ví dụ: «đã hoàn thành», «đạt 70%», "
            "«vướng mắc: …» hoặc «xin gia hạn đến 30/6».",
            label=bound_label(result.agency, result.role),
        )
    await c.say(text)


"""The secretariat's agency directory: list, add, rename, aliases, merge duplicates, roles."""

from __future__ import annotations

from typing import Any

from telegram import Update
from telegram.ext import Application, CommandHandler

from handlers.args import command_text, required, two_names, unknown_agency
from handlers.deps import Context, Deps
from handlers.guard import guarded
from handlers.paging import send_long
from locales import _
from plans.text import fold
from services import directory as directory_service
from services.access import Actor, RoleName

ROLE_WORDS = {
    "thu ky": RoleName.SECRETARIAT,
    "thuong truc": RoleName.SECRETARIAT,
    "lanh dao": RoleName.LEADER,
    "dau moi": RoleName.FOCAL,
}


@guarded("don_vi")
async def directory(update: Update, context: Context, d: Deps, actor: Actor) -> None:
    assert update.effective_message is not None and actor.working_group_id is not None
    rows = await directory_service.listing(d.db, actor)
    if not rows:
        await update.effective_message.reply_text(
            _("Chưa có đơn vị nào. Đơn vị được tạo khi nhập kế hoạch, hoặc thêm bằng /them_don_vi <tên>.")
        )
        return
    lines = [_("Danh sách đơn vị ({count}):", count=len(rows))]
    for number, row in enumerate(rows, 1):
        chat = _("đã gắn nhóm") if row.chats else _("chưa gắn nhóm")
        focal = ", ".join(row.focal_points) if row.focal_points else _("chưa có đầu mối")
        flags = _(" (cần rà soát)") if row.needs_review else ""
        if row.collective:
            flags += _(" (tên chung)")
        lines.append(f"{number}. {row.name}{flags} — {chat}; {focal}")
    await send_long(update, lines)


@guarded("don_vi")
async def add_agency(update: Update, context: Context, d: Deps, actor: Actor) -> None:
    assert update.effective_message is not None and actor.working_group_id is not None
    name = await required(update, _("Đề nghị ghi tên đơn vị, ví dụ: /them_don_vi Phòng Tư pháp"))
    if name is None:
        return
    done = await directory_service.add(d.db, d.clock, actor, name)
    if done.outcome == "exists":
        await update.effective_message.reply_text(_("Đơn vị «{name}» đã có trong danh sách.", name=done.name))
    else:
        await update.effective_message.reply_text(_("Đã thêm đơn vị «{name}».", name=name))


async def _pair(update: Update, d: Deps, actor: Actor, usage: str) -> tuple[Any, Any, str] | None:
    """Two names typed as ``A | B``; answers the mistake itself and returns None when wrong."""
    assert update.effective_message is not None and actor.working_group_id is not None
    pair = two_names(command_text(update))
    if pair is None:
        await update.effective_message.reply_text(_("Cú pháp chưa đúng. Ví dụ: {usage}", usage=usage))
        return None
    return pair[0], pair[1], usage


@guarded("doi_ten")
async def rename(update: Update, context: Context, d: Deps, actor: Actor) -> None:
    assert update.effective_message is not None and actor.working_group_id is not None
    pair = await _pair(update, d, actor, "/doi_ten Sở TTTT | Sở Thông tin và Truyền thông")
    if pair is None:
        return
    old, new, _usage = pair
    done = await directory_service.rename(d.db, actor, old, new)
    if done.outcome == "unknown":
        await update.effective_message.reply_text(unknown_agency(old))
    else:
        await update.effective_message.reply_text(_("Đã đổi tên thành «{new}»; tên cũ được giữ làm tên gọi khác.", new=new))


@guarded("bi_danh")
async def alias(update: Update, context: Context, d: Deps, actor: Actor) -> None:
    assert update.effective_message is not None and actor.working_group_id is not None
    pair = await _pair(update, d, actor, "/bi_danh Sở Thông tin và Truyền thông | Sở TT&TT")
    if pair is None:
        return
    name, other, _usage = pair
    done = await directory_service.add_alias(d.db, actor, name, other)
    if done.outcome == "unknown":
        await update.effective_message.reply_text(unknown_agency(name))
    elif done.outcome == "exists":
        await update.effective_message.reply_text(_("«{alias}» đã là tên gọi của {name}.", alias=other, name=done.name))
    else:
        await update.effective_message.reply_text(_("Đã thêm tên gọi khác «{alias}» cho {name}.", alias=other, name=done.name))


@guarded("gop_don_vi")
async def merge(update: Update, context: Context, d: Deps, actor: Actor) -> None:
    assert update.effective_message is not None and actor.working_group_id is not None
    pair = await _pair(update, d, actor, "/gop_don_vi Sở TTTT | Sở Thông tin và Truyền thông")
    if pair is None:
        return
    duplicate_name, keep_name, _usage = pair
    done = await directory_service.merge(d.db, actor, duplicate_name, keep_name)
    if done.outcome == "unknown":
        await update.effective_message.reply_text(unknown_agency(done.name))
    elif done.outcome == "same":
        await update.effective_message.reply_text(_("Hai tên này là cùng một đơn vị, không cần gộp."))
    else:
        await update.effective_message.reply_text(
            _("Đã gộp «{dup}» vào «{keep}». Nhiệm vụ, lịch sử, nhóm chat và đầu mối đã được chuyển sang.", dup=duplicate_name, keep=done.name)
        )


@guarded("xoa_don_vi")
async def remove(update: Update, context: Context, d: Deps, actor: Actor) -> None:
    assert update.effective_message is not None and actor.working_group_id is not None
    name = await required(update, _("Đề nghị ghi tên đơn vị, ví dụ: /xoa_don_vi Phòng Y tế"))
    if name is None:
        return
    done = await directory_service.remove(d.db, d.clock, actor, name)
    if done.outcome == "unknown":
        await update.effective_message.reply_text(unknown_agency(name))
    else:
        await update.effective_message.reply_text(
            _("Đã xoá đơn vị «{name}»; nhóm chat của đơn vị không còn nhận nhắc việc. Lịch sử nhiệm vụ vẫn được giữ.", name=done.name)
        )


@guarded("vai_tro")
async def set_role(update: Update, context: Context, d: Deps, actor: Actor) -> None:
    """``/vai_tro <mã người dùng|@tên> <thu_ky|lanh_dao|dau_moi <đơn vị>|bo>``."""
    assert update.effective_message is not None and actor.working_group_id is not None
    usage = _("Cú pháp: /vai_tro <mã người dùng hoặc @tên> thu_ky | lanh_dao | dau_moi <đơn vị> | bo")
    parts = command_text(update).split(maxsplit=2)
    if len(parts) < 2:
        await update.effective_message.reply_text(usage)
        return
    who, word = parts[0], fold(parts[1].replace("_", " "))
    rest = parts[2] if len(parts) > 2 else ""
    role = ROLE_WORDS.get(word)
    done = await directory_service.assign_role(d.db, d.clock, actor, who, role, rest, revoke=word == "bo")
    await update.effective_message.reply_text(_role_reply(done, who, role, usage))


def _role_reply(done: directory_service.RoleDone, who: str, role: RoleName | None, usage: str) -> str:
    if done.outcome == "no_role":
        return usage
    if done.outcome == "unknown_person":
        return _("Chưa biết người dùng «{who}». Đề nghị người đó nhắn /start cho bot trước.", who=who)
    if done.outcome == "revoked":
        return _("Đã bỏ {count} vai trò của {name}.", count=done.revoked, name=done.person)
    if done.outcome == "unknown_agency":
        return unknown_agency(done.agency)
    if role == RoleName.FOCAL:
        return _("Đã giao {name} làm đầu mối của {agency}.", name=done.person, agency=done.agency)
    label = _("Thường trực Tổ công tác") if role == RoleName.SECRETARIAT else _("Lãnh đạo")
    return _("Đã cấp vai trò {role} cho {name}.", role=label, name=done.person)


@guarded("cai_dat")
async def settings(update: Update, context: Context, d: Deps, actor: Actor) -> None:
    """``/cai_dat`` shows the reminder rules; ``/cai_dat <khóa> <giá trị>`` changes one."""
    assert update.effective_message is not None and actor.working_group_id is not None
    parts = command_text(update).split(maxsplit=1)
    if len(parts) == 1:
        await update.effective_message.reply_text(
            _("Cú pháp: /cai_dat <khóa> <giá trị>, ví dụ: /cai_dat monthly 15. Gõ /cai_dat để xem các khóa.")
        )
        return
    rules = await directory_service.reminder_rules(d.db, d.clock, actor, *parts)
    if rules.error is not None:
        await update.effective_message.reply_text(rules.error)
        return
    lines = rules.lines
    header = _("Đã lưu. Thiết lập nhắc việc hiện hành:") if len(parts) == 2 else _("Thiết lập nhắc việc hiện hành:")
    usage = _("Đổi một thiết lập: /cai_dat <khóa> <giá trị>, ví dụ /cai_dat before 5,2,1 hoặc /cai_dat monthly 15.")
    await send_long(update, [header, *lines, usage])


def register(app: Application[Any, Any, Any, Any, Any, Any]) -> None:
    app.add_handler(CommandHandler("don_vi", directory))
    app.add_handler(CommandHandler("them_don_vi", add_agency))
    app.add_handler(CommandHandler("doi_ten", rename))
    app.add_handler(CommandHandler("bi_danh", alias))
    app.add_handler(CommandHandler("gop_don_vi", merge))
    app.add_handler(CommandHandler("vai_tro", set_role))
    app.add_handler(CommandHandler("xoa_don_vi", remove))
    app.add_handler(CommandHandler("cai_dat", settings))

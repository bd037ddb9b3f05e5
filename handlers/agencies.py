"""The secretariat's agency directory: list, add, rename, aliases, merge duplicates, roles."""

from __future__ import annotations

from handlers.args import required, two_names, unknown_agency
from handlers.deps import Context
from handlers.guard import command
from handlers.paging import send_long
from locales import _
from plans.text import fold
from render.reminder_rules import rule_lines
from services import directory as directory_service
from services.access import Actor, RoleName

ROLE_WORDS = {
    "thu ky": RoleName.SECRETARIAT,
    "thuong truc": RoleName.SECRETARIAT,
    "lanh dao": RoleName.LEADER,
    "dau moi": RoleName.FOCAL,
}


@command("don_vi")
async def directory(c: Context, actor: Actor) -> None:
    d = c.deps
    assert actor.working_group_id is not None
    rows = await directory_service.listing(d.db, actor)
    if not rows:
        await c.say(
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
    await send_long(c, lines)


@command("them_don_vi", "don_vi")
async def add_agency(c: Context, actor: Actor) -> None:
    d = c.deps
    assert actor.working_group_id is not None
    name = await required(c, _("Đề nghị ghi tên đơn vị, ví dụ: /them_don_vi Phòng Tư pháp"))
    if name is None:
        return
    done = await directory_service.add(d.db, d.clock, actor, name)
    if done.outcome == "exists":
        await c.say(_("Đơn vị «{name}» đã có trong danh sách.", name=done.name))
    else:
        await c.say(_("Đã thêm đơn vị «{name}».", name=name))


async def _pair(c: Context, usage: str) -> tuple[str, str] | None:
    """Two names typed as ``A | B``; answers the mistake itself and returns None when wrong."""
    pair = two_names(c.msg.args)
    if pair is None:
        await c.say(_("Cú pháp chưa đúng. Ví dụ: {usage}", usage=usage))
        return None
    return pair


@command("doi_ten")
async def rename(c: Context, actor: Actor) -> None:
    d = c.deps
    assert actor.working_group_id is not None
    pair = await _pair(c, "/doi_ten Sở TTTT | Sở Thông tin và Truyền thông")
    if pair is None:
        return
    old, new = pair
    done = await directory_service.rename(d.db, actor, old, new)
    if done.outcome == "unknown":
        await c.say(unknown_agency(old))
    else:
        await c.say(_("Đã đổi tên thành «{new}»; tên cũ được giữ làm tên gọi khác.", new=new))


@command("bi_danh")
async def alias(c: Context, actor: Actor) -> None:
    d = c.deps
    assert actor.working_group_id is not None
    pair = await _pair(c, "/bi_danh Sở Thông tin và Truyền thông | Sở TT&TT")
    if pair is None:
        return
    name, other = pair
    done = await directory_service.add_alias(d.db, actor, name, other)
    if done.outcome == "unknown":
        await c.say(unknown_agency(name))
    elif done.outcome == "exists":
        await c.say(_("«{alias}» đã là tên gọi của {name}.", alias=other, name=done.name))
    else:
        await c.say(_("Đã thêm tên gọi khác «{alias}» cho {name}.", alias=other, name=done.name))


@command("gop_don_vi")
async def merge(c: Context, actor: Actor) -> None:
    d = c.deps
    assert actor.working_group_id is not None
    pair = await _pair(c, "/gop_don_vi Sở TTTT | Sở Thông tin và Truyền thông")
    if pair is None:
        return
    duplicate_name, keep_name = pair
    done = await directory_service.merge(d.db, actor, duplicate_name, keep_name)
    if done.outcome == "unknown":
        await c.say(unknown_agency(done.name))
    elif done.outcome == "same":
        await c.say(_("Hai tên này là cùng một đơn vị, không cần gộp."))
    else:
        await c.say(
            _("Đã gộp «{dup}» vào «{keep}». Nhiệm vụ, lịch sử, nhóm chat và đầu mối đã được chuyển sang.", dup=duplicate_name, keep=done.name)
        )


@command("xoa_don_vi")
async def remove(c: Context, actor: Actor) -> None:
    d = c.deps
    assert actor.working_group_id is not None
    name = await required(c, _("Đề nghị ghi tên đơn vị, ví dụ: /xoa_don_vi Phòng Y tế"))
    if name is None:
        return
    done = await directory_service.remove(d.db, d.clock, actor, name)
    if done.outcome == "unknown":
        await c.say(unknown_agency(name))
    else:
        await c.say(
            _("Đã xoá đơn vị «{name}»; nhóm chat của đơn vị không còn nhận nhắc việc. Lịch sử nhiệm vụ vẫn được giữ.", name=done.name)
        )


@command("vai_tro")
async def set_role(c: Context, actor: Actor) -> None:
    d = c.deps
    """``/vai_tro <mã người dùng|@tên> <thu_ky|lanh_dao|dau_moi <đơn vị>|bo>``."""
    assert actor.working_group_id is not None
    usage = _("Cú pháp: /vai_tro <mã người dùng hoặc @tên> thu_ky | lanh_dao | dau_moi <đơn vị> | bo")
    parts = c.msg.args.split(maxsplit=2)
    if len(parts) < 2:
        await c.say(usage)
        return
    who, word = parts[0], fold(parts[1].replace("_", " "))
    rest = parts[2] if len(parts) > 2 else ""
    role = ROLE_WORDS.get(word)
    done = await directory_service.assign_role(d.db, d.clock, actor, who, role, rest, revoke=word == "bo")
    await c.say(_role_reply(done, who, role, usage))


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


@command("cai_dat")
async def settings(c: Context, actor: Actor) -> None:
    d = c.deps
    """``/cai_dat`` shows the reminder rules; ``/cai_dat <khóa> <giá trị>`` changes one."""
    assert actor.working_group_id is not None
    parts = c.msg.args.split(maxsplit=1)
    if len(parts) == 1:
        await c.say(
            _("Cú pháp: /cai_dat <khóa> <giá trị>, ví dụ: /cai_dat monthly 15. Gõ /cai_dat để xem các khóa.")
        )
        return
    rules = await directory_service.reminder_rules(d.db, d.clock, actor, *parts)
    if rules.in_force is None:
        assert rules.error is not None
        await c.say(rules.error)
        return
    lines = rule_lines(rules.in_force)
    header = _("Đã lưu. Thiết lập nhắc việc hiện hành:") if len(parts) == 2 else _("Thiết lập nhắc việc hiện hành:")
    usage = _("Đổi một thiết lập: /cai_dat <khóa> <giá trị>, ví dụ /cai_dat before 5,2,1 hoặc /cai_dat monthly 15.")
    await send_long(c, [header, *lines, usage])


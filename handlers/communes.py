"""A province's communes from the chat (/them_xa, /ma_xa) and the members of its collectives
(/thanh_vien, /them_thanh_vien, /bo_thanh_vien)."""

from __future__ import annotations

from handlers.args import required, two_names, unknown_agency
from handlers.deps import Context
from handlers.guard import command
from handlers.paging import send_long
from locales import _
from services import communes, membership
from services.access import Actor
from services.binding import means_leaders
from services.group_tree import GroupAdded, GroupError


def _not_here(group: str) -> str:
    return _("{group} là cấp xã, không có xã, phường trực thuộc; chỉ Tổ công tác cấp tỉnh thêm được xã, phường.", group=group)


def _elsewhere(name: str, group: str) -> str:
    return _("«{name}» không trực thuộc {group}; bạn chỉ cấp được mã cho xã, phường của mình.", name=name, group=group)


def _group_error(error: GroupError) -> str:
    if error.reason == "exists":
        return _("Đã có Tổ công tác «{name}». Dùng /ma_xa {name} để cấp mã đăng ký cho Thường trực của xã.", name=error.name)
    return _("Đề nghị ghi tên xã, phường, ví dụ: /them_xa xã Sơn Ninh")


def _added(added: GroupAdded) -> str:
    return _(
        "Đã thêm {group} cùng đơn vị {committee}; {committee} nhận {count} nhiệm vụ đang mở giao cho các xã, phường.",
        group=added.group, committee=added.committee, count=added.tasks_received,
    )


@command("them_xa")
async def add_commune(c: Context, actor: Actor) -> None:
    name = await required(c, _("Đề nghị ghi tên xã, phường, ví dụ: /them_xa xã Sơn Ninh"))
    if name is None:
        return
    try:
        done = await communes.found(c.deps.db, c.deps.clock, actor, name)
    except GroupError as error:
        await c.say(_group_error(error))
        return
    if done.added is None:
        await c.say(_not_here(done.here))
        return
    await c.say(_added(done.added) + " " + _("Dùng /ma_xa {group} để cấp mã đăng ký cho Thường trực của xã.", group=done.added.group))


@command("ma_xa")
async def commune_code(c: Context, actor: Actor) -> None:
    text = await required(
        c, _("Đề nghị ghi tên xã, phường, ví dụ: /ma_xa xã Sơn Ninh (hoặc /ma_xa xã Sơn Ninh lanh_dao cho nhóm Lãnh đạo xã).")
    )
    if text is None:
        return
    words = text.split()
    leaders = len(words) > 1 and means_leaders(words[-1])
    name = " ".join(words[:-1]) if leaders else text
    try:
        issued = await communes.code_for(c.deps.db, c.deps.clock, actor, name, leaders)
    except GroupError as error:
        await c.say(_group_error(error))
        return
    if issued.refused == "not_here":
        await c.say(_not_here(issued.here))
        return
    if issued.code is None:
        await c.say(_elsewhere(name, issued.here))
        return
    lines = [_added(issued.added)] if issued.added else []
    if issued.leaders:
        lines.append(_(
            "Mã đăng ký cho nhóm Lãnh đạo {group}: {code}\nMã dùng được một lần, có hiệu lực 7 ngày. "
            "Đề nghị thêm bot vào nhóm chat của Lãnh đạo xã rồi gửi: /dang_ky {code}",
            group=issued.group, code=issued.code,
        ))
    else:
        lines.append(_(
            "Mã đăng ký cho Thường trực {group}: {code}\nMã dùng được một lần, có hiệu lực 7 ngày. "
            "Đề nghị chuyển mã cho Thường trực của xã; Thường trực thêm bot vào nhóm chat của xã (hoặc nhắn riêng cho bot) "
            "rồi gửi: /dang_ky {code}",
            group=issued.group, code=issued.code,
        ))
    await c.say("\n".join(lines))


@command("thanh_vien")
async def members(c: Context, actor: Actor) -> None:
    d, name = c.deps, c.msg.args
    if not name:
        rows = await membership.collectives(d.db, actor)
        if not rows:
            await c.say(_("Tổ công tác chưa có tên chung nào (như «UBND cấp xã», «Các sở, ban, ngành»)."))
            return
        lines = [_("Các tên chung và số thành viên:")]
        lines += [f"{n}. {row.name}: {row.members}" for n, row in enumerate(rows, 1)]
        lines.append(_("Xem thành viên: /thanh_vien <tên chung>"))
        await send_long(c, lines)
        return
    listed = await membership.listing(d.db, actor, name)
    if listed.outcome != "listed":
        await c.say(_membership_reply(listed))
        return
    if not listed.members:
        await c.say(_("«{name}» chưa có thành viên; nhiệm vụ giao cho tên chung này được nhắc như một đơn vị.", name=listed.collective))
        return
    lines = [_("Thành viên của «{name}» ({count}):", name=listed.collective, count=len(listed.members))]
    lines += [f"{n}. {member}" for n, member in enumerate(listed.members, 1)]
    await send_long(c, lines)


async def _change(c: Context, actor: Actor, join: bool, usage: str) -> None:
    pair = two_names(c.msg.args)
    if pair is None:
        await c.say(_("Cú pháp chưa đúng. Ví dụ: {usage}", usage=usage))
        return
    done = await membership.change(c.deps.db, c.deps.clock, actor, pair[0], pair[1], join)
    await c.say(_membership_reply(done))


@command("them_thanh_vien", "thanh_vien")
async def add_member(c: Context, actor: Actor) -> None:
    await _change(c, actor, True, "/them_thanh_vien Các sở, ban, ngành | Sở Y tế")


@command("bo_thanh_vien", "thanh_vien")
async def remove_member(c: Context, actor: Actor) -> None:
    await _change(c, actor, False, "/bo_thanh_vien Các sở, ban, ngành | Sở Y tế")


def _membership_reply(done: membership.Membership) -> str:
    texts = {
        "added": _(
            "Đã thêm {member} vào «{name}»; đơn vị nhận {count} nhiệm vụ đang mở của tên chung này.",
            member=done.member, name=done.collective, count=done.tasks_received,
        ),
        "removed": _(
            "Đã bỏ {member} khỏi «{name}»; các nhiệm vụ đơn vị đã nhận vẫn giữ nguyên trạng thái.",
            member=done.member, name=done.collective,
        ),
        "already": _("{member} đã là thành viên của «{name}».", member=done.member, name=done.collective),
        "not_member": _("{member} không phải thành viên của «{name}».", member=done.member, name=done.collective),
        "not_collective": _(
            "«{name}» là một đơn vị, không phải tên chung. Dùng /thanh_vien để xem các tên chung.", name=done.collective
        ),
        "out_of_reach": _("«{member}» không thuộc Tổ công tác của bạn hay cấp dưới, không thêm được.", member=done.member),
        "unknown_member": unknown_agency(done.member),
    }
    return texts.get(done.outcome, unknown_agency(done.collective))

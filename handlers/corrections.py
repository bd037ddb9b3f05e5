"""Correcting a plan before (and after) it is saved: the review sheet, /sua and /sua_ten."""

from __future__ import annotations

import asyncio
import re

from handlers.args import required, two_names
from handlers.buttons import Press, button
from handlers.deps import Context
from handlers.guard import command
from locales import _
from plans.text import fold_keep_length
from render.plans import corrected_lines, renamed_text, sheet_caption, unknown_code, unread_deadline
from services import corrections
from services.access import Actor

#: What may follow the code in ``/sua <mã> …``, as typed without diacritics.
FIELDS: dict[str, corrections.Field] = {
    "chu_tri": "lead", "chu tri": "lead",
    "phoi_hop": "support", "phoi hop": "support",
    "thoi_han": "deadline", "thoi han": "deadline", "han": "deadline",
}
_FIELD = re.compile(r"^(" + "|".join(sorted(FIELDS, key=len, reverse=True)) + r")(?=[\s:]|$)[\s:]*")


def expired() -> str:
    return _("Bản xem trước này đã hết hiệu lực. Đề nghị gửi lại tệp kế hoạch.")


def parse_fix(text: str) -> tuple[str, corrections.Field, str] | None:
    """``2.1 chủ trì Sở Y tế`` → ("2.1", "lead", "Sở Y tế"); None when a part is missing."""
    parts = text.split(maxsplit=1)
    if len(parts) < 2:
        return None
    code, rest = parts
    found = _FIELD.match(fold_keep_length(rest).lower())
    value = rest[found.end():].strip() if found else ""
    return (code, FIELDS[found.group(1)], value) if found and value else None


@command("sua")
async def fix_task(c: Context, actor: Actor) -> None:
    """``/sua <mã> chu_tri|phoi_hop|han <giá trị>``."""
    d = c.deps
    usage = _(
        "Cú pháp: /sua <mã> chu_tri <đơn vị>, /sua <mã> phoi_hop <đơn vị> hoặc /sua <mã> han <thời hạn>. "
        "Ví dụ: /sua 2.1 han 30/06/2024"
    )
    text = await required(c, usage)
    if text is None:
        return
    fix = parse_fix(text)
    if fix is None:
        await c.say(usage)
        return
    code, field, value = fix
    done = await corrections.correct_task(d.db, d.clock, actor, c.msg.chat_id, code, field, value, c.msg.text)
    if done.outcome == "unknown_task":
        await c.say(unknown_code(code))
    elif done.outcome == "bad_deadline":
        await c.say(unread_deadline(value))
    else:
        assert done.change is not None
        await c.say("\n".join(corrected_lines(done.change, done.saved)), html=True)


@command("sua_ten")
async def fix_name(c: Context, actor: Actor) -> None:
    """``/sua_ten <tên lạ> => <tên đúng>``: read an unknown name as a known (or new) agency."""
    d = c.deps
    usage = _("Cú pháp: /sua_ten <tên trong văn bản> => <tên đúng>. Ví dụ: /sua_ten Bru điện thị xã => Bưu điện thị xã")
    pair = two_names(c.msg.args)
    if pair is None:
        await c.say(usage)
        return
    written, target = pair
    done = await corrections.read_name_as(d.db, d.clock, actor, c.msg.chat_id, written, target)
    if done.outcome == "no_preview":
        await c.say(
            _("Không có bản xem trước nào đang chờ lưu; với đơn vị đã lưu, đề nghị dùng /gop_don_vi hoặc /doi_ten.")
        )
    elif done.outcome == "unknown_name":
        await c.say(_("Bản xem trước không có tên «{name}»; chưa có gì thay đổi.", name=written))
    else:
        await c.say(renamed_text(written, done.target, done.known))


@button("rs", "review_sheet")
async def send_sheet(c: Context, actor: Actor, press: Press) -> None:
    """The "Bảng rà soát" button of a preview: the plan as it stands, in Excel."""
    from render.review_sheet import review_sheet_xlsx  # openpyxl loads on first use, not at start

    found = await corrections.sheet_of(c.deps.db, c.deps.clock, press.id, actor)
    if found is None:
        await c.reply.answer(expired(), alert=True)
        return
    pending, known = found
    await c.reply.answer()
    plan = pending.plan
    data = await asyncio.to_thread(review_sheet_xlsx, plan, known)
    stem = pending.name.rsplit(".", 1)[0] or "ke-hoach"
    await c.reply.send_file(data, f"bang-ra-soat-{stem}.xlsx", sheet_caption(len(plan.tasks)))


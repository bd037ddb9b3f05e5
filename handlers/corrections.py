"""Correcting a plan before (and after) it is saved: the review sheet, /sua and /sua_ten."""

from __future__ import annotations

import asyncio
import re
from io import BytesIO
from typing import Any

from telegram import Message, Update
from telegram.constants import ParseMode
from telegram.ext import Application, CommandHandler

from handlers.args import command_text, required, two_names
from handlers.buttons import Press, button
from handlers.deps import Context, Deps
from handlers.guard import guarded
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


@guarded("sua")
async def fix_task(update: Update, context: Context, d: Deps, actor: Actor) -> None:
    """``/sua <mã> chu_tri|phoi_hop|han <giá trị>``."""
    message = update.effective_message
    assert message is not None
    usage = _(
        "Cú pháp: /sua <mã> chu_tri <đơn vị>, /sua <mã> phoi_hop <đơn vị> hoặc /sua <mã> han <thời hạn>. "
        "Ví dụ: /sua 2.1 han 30/06/2024"
    )
    text = await required(update, usage)
    if text is None:
        return
    fix = parse_fix(text)
    if fix is None:
        await message.reply_text(usage)
        return
    code, field, value = fix
    done = await corrections.correct_task(d.db, d.clock, actor, message.chat_id, code, field, value, message.text or "")
    if done.outcome == "unknown_task":
        await message.reply_text(unknown_code(code))
    elif done.outcome == "bad_deadline":
        await message.reply_text(unread_deadline(value))
    else:
        assert done.change is not None
        await message.reply_text("\n".join(corrected_lines(done.change, done.saved)), parse_mode=ParseMode.HTML)


@guarded("sua_ten")
async def fix_name(update: Update, context: Context, d: Deps, actor: Actor) -> None:
    """``/sua_ten <tên lạ> => <tên đúng>``: read an unknown name as a known (or new) agency."""
    message = update.effective_message
    assert message is not None
    usage = _("Cú pháp: /sua_ten <tên trong văn bản> => <tên đúng>. Ví dụ: /sua_ten Bru điện thị xã => Bưu điện thị xã")
    pair = two_names(command_text(update))
    if pair is None:
        await message.reply_text(usage)
        return
    written, target = pair
    done = await corrections.read_name_as(d.db, d.clock, actor, message.chat_id, written, target)
    if done.outcome == "no_preview":
        await message.reply_text(
            _("Không có bản xem trước nào đang chờ lưu; với đơn vị đã lưu, đề nghị dùng /gop_don_vi hoặc /doi_ten.")
        )
    elif done.outcome == "unknown_name":
        await message.reply_text(_("Bản xem trước không có tên «{name}»; chưa có gì thay đổi.", name=written))
    else:
        await message.reply_text(renamed_text(written, done.target, done.known))


@button("rs", "review_sheet")
async def send_sheet(update: Update, context: Context, d: Deps, actor: Actor, press: Press) -> None:
    """The "Bảng rà soát" button of a preview: the plan as it stands, in Excel."""
    from render.review_sheet import review_sheet_xlsx  # openpyxl loads on first use, not at start

    query = update.callback_query
    assert query is not None and isinstance(query.message, Message)
    found = await corrections.sheet_of(d.db, d.clock, press.id, actor)
    if found is None:
        await query.answer(expired(), show_alert=True)
        return
    pending, known = found
    await query.answer()
    plan = pending.plan
    data = await asyncio.to_thread(review_sheet_xlsx, plan, known)
    stem = pending.name.rsplit(".", 1)[0] or "ke-hoach"
    await query.message.reply_document(
        BytesIO(data), filename=f"bang-ra-soat-{stem}.xlsx", caption=sheet_caption(len(plan.tasks))
    )


def register(app: Application[Any, Any, Any, Any, Any, Any]) -> None:
    app.add_handler(CommandHandler("sua", fix_task))
    app.add_handler(CommandHandler("sua_ten", fix_name))

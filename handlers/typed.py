"""Words written in a chat where the messenger links no reply to its message (Zalo): a status
answer to the chat's open reminders (``2 đạt 60%``, ``1.2 đã hoàn thành``) or ``đã nhận`` for a
notice. Anything else is people talking in their group, and is left alone."""

from __future__ import annotations

import re

from handlers.deps import Context
from handlers.guard import current_actor, identity
from handlers.notices import acknowledged_answer
from handlers.status import answer_reply
from locales import _
from plans.text import fold
from render.reminders import typed_status_choice
from services.notices.acknowledgement import acknowledge_in_chat
from services.status_replies import ChatAnswer, record_chat_reply

ACK_WORDS = {"da nhan", "nhan", "da nhan thong bao", "received"}  # as the numbered line says it, in vi or en
_CHOICE = re.compile(r"^\s*(\d)(?![\d.,/%])[\s.:)=-]*(.*)$", re.DOTALL)


def which_task(codes: tuple[str, ...]) -> str:
    return _(
        "Đơn vị đang có nhiều nhiệm vụ được nhắc: {codes}. Đề nghị ghi rõ mã nhiệm vụ, ví dụ: «{code} đạt 60%».",
        codes=", ".join(codes),
        code=codes[0],
    )


async def on_free_text(c: Context) -> None:
    msg, d = c.msg, c.deps
    who = identity(c)
    if who is None or msg.message_id is None:
        return
    if fold(msg.text).strip(" .!") in ACK_WORDS:
        actor = await current_actor(c)
        if actor is None or not actor.may("ack_notice"):
            return
        ack = await acknowledge_in_chat(d.db, d.clock, actor, msg.channel, msg.chat_id)
        if ack.outcome in ("ok", "already"):
            await c.say(acknowledged_answer(ack))
        return
    typed = _CHOICE.match(msg.text)
    choice = typed_status_choice(int(typed.group(1))) if typed else None
    text = typed.group(2).strip() if typed and choice else msg.text
    result = await record_chat_reply(
        d.db, d.clock, d.admin_ids, d.timezone, ChatAnswer(who, msg.message_id, text, choice)
    )
    if result.outcome == "which":
        await c.say(which_task(result.codes))
    elif result.outcome != "ignored":
        await answer_reply(c, result)

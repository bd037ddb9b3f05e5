"""Agencies updating their tasks: replies to the bot's messages, status buttons, ``/cap_nhat``."""

from __future__ import annotations

from channels.port import PLAIN, Outgoing
from handlers.buttons import Press, button, stale
from handlers.deps import Context
from handlers.guard import command, identity
from locales import _
from render.reminders import status_buttons
from render.status import (
    applied_text,
    decision_text,
    not_allowed,
    not_understood,
    question,
    reply_text,
    several_agencies,
    unknown_code,
)
from services import links
from services.access import Actor
from services.reports import FileInfo
from services.status_replies import (
    Answer,
    ReplyResult,
    decide,
    press_status,
    record_reply,
    record_update,
)


async def _ask(c: Context, text: str, purpose: str, lead_id: int, force_reply: bool) -> None:
    """Send a question about a task; the answer to it is a reply to this message."""
    if force_reply:
        sent = await c.reply.ask(Outgoing(text, format=PLAIN))
    else:
        sent = await c.reply.send(Outgoing(text, format=PLAIN, actions=status_buttons(lead_id)))
    await links.remember(c.deps.db, c.deps.clock, c.msg.chat_id, sent, purpose, lead_id, channel=c.msg.channel)


async def answer_reply(c: Context, result: ReplyResult) -> None:
    """Say what became of an update: recorded, refused, or the next question."""
    if result.outcome == "applied":
        c.deps.wake_sender()
    if result.outcome == "not_understood":
        assert result.lead_id is not None
        await _ask(c, not_understood(), "ask", result.lead_id, False)
    elif result.outcome == "ask":
        assert result.lead_id is not None and result.question is not None
        await _ask(c, question(result.question), result.question, result.lead_id, True)
    elif (text := reply_text(result)) is not None:
        await c.say(text)


def _file_of(c: Context) -> FileInfo | None:
    file = c.msg.file or c.msg.photo
    return FileInfo(file.file_id, file.name, file.size) if file is not None else None


async def on_reply(c: Context) -> None:
    """Any message replying to one of the bot's messages (privacy mode lets the bot see those)."""
    msg, who, d = c.msg, identity(c), c.deps
    if msg.reply_to is None or not msg.reply_to_bot or who is None or msg.message_id is None:
        return
    answer = Answer(
        who=who, message_id=msg.message_id, replied_to=msg.reply_to, text=msg.text or None,
        file=_file_of(c), edited=msg.edited,
    )
    await answer_reply(c, await record_reply(d.db, d.clock, d.admin_ids, d.timezone, answer))


@button("st", "status_button")
async def on_status_button(c: Context, actor: Actor, press: Press) -> None:
    d, msg = c.deps, c.msg
    assert msg.message_id is not None
    result = await press_status(
        d.db, d.clock, actor, press.id, press.choice, msg.chat_id, msg.message_id, _("Đã hoàn thành")
    )
    if result.outcome == "refused":
        await c.reply.answer(not_allowed(), alert=True)
    elif result.outcome == "stale":
        await c.reply.answer(stale(), alert=True)
    elif result.outcome == "applied":
        assert result.applied is not None
        d.wake_sender()
        await c.reply.answer(_("Đã ghi nhận."))
        await c.say(applied_text(result.applied))
    else:
        await c.reply.answer()
        await answer_reply(c, result)


@button("ext", "approve_extension")
async def on_extension_decision(c: Context, actor: Actor, press: Press) -> None:
    d = c.deps
    result = await decide(d.db, d.clock, actor, press.id, press.choice == "ok")
    d.wake_sender()
    if result.outcome != "ok":
        await c.reply.answer(not_allowed() if result.outcome == "refused" else stale(), alert=True)
        return
    await c.reply.answer(_("Đã ghi nhận."))
    await c.say(decision_text(result, press.choice == "ok"))


@command("cap_nhat")
async def update_command(c: Context, actor: Actor) -> None:
    """``/cap_nhat <mã> <nội dung>`` wherever the agency is bound."""
    msg, d = c.msg, c.deps
    assert actor.working_group_id is not None and msg.message_id is not None
    parts = msg.args.split(maxsplit=1)
    if len(parts) < 2:
        await c.say(_("Cú pháp: /cap_nhat <mã nhiệm vụ> <nội dung>, ví dụ: /cap_nhat 2.1 đã hoàn thành"))
        return
    code, text = parts
    result = await record_update(d.db, d.clock, d.timezone, actor, msg.chat_id, msg.message_id, code, text)
    if result.outcome == "unknown_code":
        await c.say(unknown_code(code))
    elif result.outcome == "several_agencies":
        await c.say(several_agencies(code))
    else:
        await answer_reply(c, result)

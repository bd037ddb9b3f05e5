"""The secretariat sends a plan file in a private chat: preview (compared with the plan as it was),
then save on confirmation; corrections in between are in :mod:`handlers.corrections`."""

from __future__ import annotations

from channels.port import Outgoing
from handlers import reading
from handlers.buttons import Press, button
from handlers.corrections import expired
from handlers.deps import Context
from handlers.guard import guarded
from handlers.paging import pages
from locales import _
from plans.agencies import Registry
from plans.documents.errors import MAX_BYTES, DocumentError, Problem, default_message
from plans.documents.model import ParsedPlan
from render.plans import history_note, preview_actions, preview_lines, saved_text
from services import corrections
from services.access import Actor


@guarded("import_plan")
async def on_document(c: Context, actor: Actor) -> None:
    doc, d = c.msg.file, c.deps
    assert doc is not None
    name = doc.name or "ke-hoach"
    if doc.size is not None and doc.size > MAX_BYTES:
        await c.say(default_message(Problem.TOO_LARGE, _suffix(name)))
        return
    status = await c.say(_("Đang đọc tệp «{name}»…", name=name))
    data = await c.reply.download(doc)

    async def read(registry: Registry) -> ParsedPlan:  # progress edited into ``status``, with a stop button
        return await reading.parse_with_progress(c, status, data, name, registry)

    try:
        staged = await corrections.stage_file(d.db, d.clock, actor, c.msg.chat_id, name, read)
    except DocumentError as exc:
        await c.say(exc.message)
        return
    texts = pages(preview_lines(staged.plan, staged.changes))
    for text in texts[:-1]:
        await c.say(text, html=True)
    await c.reply.send(Outgoing(texts[-1], actions=preview_actions(staged.talk_id)))


def _suffix(name: str) -> str:
    return "." + name.rsplit(".", 1)[-1].lower() if "." in name else ""


@button("imp", "confirm_import")
async def on_confirm(c: Context, actor: Actor, press: Press) -> None:
    d = c.deps
    decision = await corrections.decide(d.db, d.clock, press.id, actor, press.choice == "ok", history_note)
    confirmed = decision.confirmed
    if not decision.alive:
        await c.reply.answer(expired(), alert=True)
        return
    await c.reply.answer()
    await c.reply.clear_actions()
    if confirmed is None:
        await c.say(_("Đã hủy. Không có gì được lưu."))
        return
    summary = confirmed.summary
    await c.say(
        saved_text(summary.created, summary.updated, summary.removed, summary.new_agencies, summary.to_review)
    )


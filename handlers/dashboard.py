"""``/bang_dieu_khien``: a personal link to the dashboard in the browser."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from handlers.deps import Context
from handlers.guard import command
from render import dashboard as texts
from services.access import Actor
from services.web_access import Link, issue_link


@command("bang_dieu_khien", refusal=texts.not_allowed)
async def sign_in_link(c: Context, actor: Actor) -> None:
    """A link usable once within 15 minutes, sent in a private chat only (it is the person's own)."""
    d = c.deps
    if d.web_base_url is None:
        await c.say(texts.not_configured())
        return
    if not c.msg.private:
        await c.say(texts.private_only())
        return
    issued = await issue_link(d.db, d.clock, actor.external_id, d.admin_ids, c.msg.chat_id)
    if not isinstance(issued, Link):  # the guard let a leader through: the roles changed in between
        await c.say(texts.not_allowed())
        return
    await c.say(texts.sign_in_link(issued.address(d.web_base_url), issued.expires_at.astimezone(ZoneInfo(d.timezone))))

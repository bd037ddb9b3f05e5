"""Every pressed action goes through here: parsed, authorized against the table, then routed.

Action data is ``prefix:id[:choice]``: short opaque ids only (Telegram allows 64 bytes);
what an action may do is decided again on every press, never trusted from the data.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from handlers.deps import Context
from handlers.guard import current_actor, not_allowed, refuse
from locales import _
from services.access import Actor

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Press:
    """A parsed button press."""

    prefix: str
    id: int
    choice: str


ButtonHandler = Callable[[Context, Actor, Press], Awaitable[None]]
ROUTES: dict[str, tuple[str, ButtonHandler]] = {}


def button(prefix: str, action: str) -> Callable[[ButtonHandler], ButtonHandler]:
    """Route presses whose data starts with ``prefix`` to the handler, if ``action`` is allowed."""

    def wrap(handler: ButtonHandler) -> ButtonHandler:
        ROUTES[prefix] = (action, handler)
        return handler

    return wrap


def parse(data: str | None) -> Press | None:
    if not data:
        return None
    parts = data.split(":")
    if len(parts) < 2 or not parts[1].isdigit():
        return None
    return Press(parts[0], int(parts[1]), parts[2] if len(parts) > 2 else "")


def stale() -> str:
    return _("Nút này không còn hiệu lực.")


async def dispatch(c: Context) -> None:
    press = parse(c.msg.action)
    route = ROUTES.get(press.prefix) if press else None
    if press is None or route is None:
        await c.reply.answer(stale(), alert=True)
        return
    action, handler = route
    actor = await current_actor(c)
    if actor is None:
        return
    if not actor.may(action):
        log.info("refused button", extra={"action": action, "user": actor.external_id})
        await refuse(c, not_allowed())
        return
    await handler(c, actor, press)

"""The one place where every command, button and upload is authorized."""

from __future__ import annotations

import functools
import logging
from collections.abc import Awaitable, Callable

from handlers.deps import Context
from render.status import not_allowed
from services.access import Actor
from services.people import Identity, actor_of

log = logging.getLogger(__name__)

Guarded = Callable[[Context, Actor], Awaitable[None]]
Plain = Callable[[Context], Awaitable[None]]
#: Commands by name (without the slash), each already guarded by its action.
COMMANDS: dict[str, Plain] = {}


def identity(c: Context) -> Identity | None:
    sender = c.msg.sender
    if sender is None or sender.is_bot:
        return None
    return Identity(
        user_id=sender.external_id,
        full_name=sender.name,
        username=sender.username,
        chat_id=c.msg.chat_id,
        chat_type=c.msg.chat_kind,
        chat_title=c.msg.chat_title,
        channel=c.msg.channel,
    )


async def current_actor(c: Context) -> Actor | None:
    who = identity(c)
    if who is None:
        return None
    d = c.deps
    return await actor_of(d.db, d.clock, who, d.admin_ids)


async def refuse(c: Context, text: str) -> None:
    """Say no the way the message came in: an alert on a pressed action, a reply otherwise."""
    if c.msg.action is not None:
        await c.reply.answer(text, alert=True)
    else:
        await c.say(text)


def guarded(action: str, refusal: Callable[[], str] = not_allowed) -> Callable[[Guarded], Plain]:
    """Run the handler only when the actor may do ``action``; refuse politely otherwise (with
    ``refusal``'s sentence when the action has one of its own)."""

    def wrap(handler: Guarded) -> Plain:
        @functools.wraps(handler)
        async def run(c: Context) -> None:
            actor = await current_actor(c)
            if actor is None:
                return
            if not actor.may(action):
                log.info(
                    "refused",
                    extra={"action": action, "user": actor.external_id, "roles": sorted(actor.roles)},
                )
                await refuse(c, refusal())
                return
            await handler(c, actor)

        return run

    return wrap


def command(
    name: str, action: str | None = None, refusal: Callable[[], str] = not_allowed
) -> Callable[[Guarded], Guarded]:
    """Answer ``/name`` with the handler, if the actor may do ``action`` (by default the name)."""

    def wrap(handler: Guarded) -> Guarded:
        COMMANDS[name] = guarded(action or name, refusal)(handler)
        return handler

    return wrap

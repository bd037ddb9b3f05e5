"""The one place where every command, button and upload is authorized."""

from __future__ import annotations

import functools
import logging
from collections.abc import Awaitable, Callable, Coroutine
from typing import Any

from telegram import Update

from handlers.deps import Context, Deps
from render.status import not_allowed
from services.access import Actor
from services.people import Identity, actor_of

log = logging.getLogger(__name__)

Guarded = Callable[[Update, Context, Deps, Actor], Awaitable[None]]
Plain = Callable[[Update, Context], Coroutine[Any, Any, None]]


def identity(update: Update) -> Identity | None:
    user, chat = update.effective_user, update.effective_chat
    if user is None or chat is None or user.is_bot:
        return None
    return Identity(
        user_id=user.id,
        full_name=user.full_name,
        username=user.username,
        chat_id=chat.id,
        chat_type=chat.type,
        chat_title=chat.title,
    )


async def current_actor(update: Update, d: Deps) -> Actor | None:
    who = identity(update)
    if who is None:
        return None
    return await actor_of(d.db, d.clock, who, d.admin_ids)


async def refuse(update: Update, text: str) -> None:
    """Say no the way the update came in: an alert on a button, a reply otherwise."""
    if update.callback_query is not None:
        await update.callback_query.answer(text, show_alert=True)
    elif update.effective_message is not None:
        await update.effective_message.reply_text(text)


def guarded(action: str) -> Callable[[Guarded], Plain]:
    """Run the handler only when the actor may do ``action``; refuse politely otherwise."""

    def wrap(handler: Guarded) -> Plain:
        @functools.wraps(handler)
        async def run(update: Update, context: Context) -> None:
            d = context.deps
            actor = await current_actor(update, d)
            if actor is None:
                return
            if not actor.may(action):
                log.info(
                    "refused",
                    extra={"action": action, "user": actor.external_id, "roles": sorted(actor.roles)},
                )
                await refuse(update, not_allowed())
                return
            await handler(update, context, d, actor)

        return run

    return wrap

"""The one place where every command, button and upload is authorized."""

from __future__ import annotations

import functools
import logging
from collections.abc import Awaitable, Callable, Coroutine
from typing import Any

from telegram import Update
from telegram.ext import ContextTypes

from handlers.deps import Deps, deps
from locales import _
from services.access import Actor
from services.people import TelegramIdentity, actor_for

log = logging.getLogger(__name__)

Guarded = Callable[[Update, ContextTypes.DEFAULT_TYPE, Deps, Actor], Awaitable[None]]
Plain = Callable[[Update, ContextTypes.DEFAULT_TYPE], Coroutine[Any, Any, None]]


def identity(update: Update) -> TelegramIdentity | None:
    user, chat = update.effective_user, update.effective_chat
    if user is None or chat is None or user.is_bot:
        return None
    return TelegramIdentity(
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
    async with d.db.transaction() as session:
        return await actor_for(session, d.clock, who, d.settings.admin_ids)


def not_allowed() -> str:
    return _("Bạn không có quyền thực hiện thao tác này. Nếu cần, đề nghị liên hệ Thường trực Tổ công tác.")


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
        async def run(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
            d = deps(context)
            actor = await current_actor(update, d)
            if actor is None:
                return
            if not actor.may(action):
                log.info(
                    "refused",
                    extra={"action": action, "user": actor.telegram_id, "roles": sorted(actor.roles)},
                )
                await refuse(update, not_allowed())
                return
            await handler(update, context, d, actor)

        return run

    return wrap

"""The application factory: wires settings, database, clock, handlers and the scheduler."""

from __future__ import annotations

import logging
from typing import Any

from telegram import BotCommand
from telegram.error import TelegramError
from telegram.ext import AIORateLimiter, Application, ApplicationBuilder, Defaults

import handlers
import locales
from bot.settings import Settings
from handlers.commands import catalogue
from handlers.deps import KEY, Deps
from scheduler.runtime import Runtime, RuntimeSettings
from services.clock import Clock
from services.groups import ensure_default_group
from storage.db import Database

log = logging.getLogger(__name__)


def build_application(
    settings: Settings, db: Database, clock: Clock, runtime_settings: RuntimeSettings | None = None
) -> Application[Any, Any, Any, Any, Any, Any]:
    """A python-telegram-bot application talking to ``settings.telegram_api_base_url``.

    The scheduler runtime (engine ticks and the outbox sender) starts and stops with it.
    """
    locales.use(settings.locale)
    app = (
        ApplicationBuilder()
        .token(settings.token())
        .base_url(settings.telegram_api_base_url)
        .base_file_url(settings.file_base_url)
        .rate_limiter(AIORateLimiter(max_retries=3))
        .defaults(Defaults(do_quote=True))
        .post_init(_post_init)
        .post_stop(_post_stop)
        .build()
    )
    runtime = Runtime(db, app.bot, clock, runtime_settings)
    app.bot_data[KEY] = Deps(settings=settings, db=db, clock=clock, runtime=runtime)
    handlers.register(app)
    return app


async def _post_init(app: Application[Any, Any, Any, Any, Any, Any]) -> None:
    d = app.bot_data[KEY]
    assert isinstance(d, Deps)
    async with d.db.transaction() as session:
        await ensure_default_group(session, d.clock, d.settings.working_group_name, d.settings.timezone)
    try:
        await app.bot.set_my_commands(
            [BotCommand(c.name, c.summary[:256]) for c in catalogue()]
        )
    except TelegramError as exc:
        log.warning("setMyCommands failed, the bot goes on without it: %s", exc)
    if d.runtime is not None:
        await d.runtime.start()


async def _post_stop(app: Application[Any, Any, Any, Any, Any, Any]) -> None:
    d = app.bot_data[KEY]
    assert isinstance(d, Deps)
    if d.runtime is not None:
        await d.runtime.stop()

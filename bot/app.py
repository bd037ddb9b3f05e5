"""The Telegram application factory: handlers, the error handler, and the runtime started with it."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

from telegram import BotCommand
from telegram.error import TelegramError
from telegram.ext import Application

import locales
from bot.bootstrap import Core, channels_for, runtime_for
from channels.telegram.application import application, provide
from handlers.commands import catalogue
from handlers.deps import Deps
from scheduler.preview import planned
from scheduler.runtime import Runtime, RuntimeSettings
from services.groups import ensure_default_group

log = logging.getLogger(__name__)

AnyApp = Application[Any, Any, Any, Any, Any, Any]


@dataclass
class TelegramApp:
    """A process receiving Telegram updates: the application, and the runtime that starts with it."""

    core: Core
    application: AnyApp
    runtime: Runtime


def build_application(core: Core, runtime_settings: RuntimeSettings | None = None) -> TelegramApp:
    """A python-telegram-bot application talking to ``settings.telegram_api_base_url``.

    The scheduler runtime (engine ticks and the outbox sender) starts and stops with it.
    """
    settings = core.settings
    locales.use(settings.locale)
    app = application(settings.token(), settings.telegram_api_base_url, settings.file_base_url)
    runtime = runtime_for(core, channels_for(app.bot), runtime_settings)
    provide(app, Deps(
        db=core.db, clock=core.clock, admin_ids=frozenset(settings.admin_ids), timezone=settings.timezone,
        planner=planned, wake=runtime.wake, web_base_url=settings.web_base_url,
    ))
    built = TelegramApp(core, app, runtime)

    async def post_init(_: AnyApp) -> None:
        await _started(built)

    async def post_stop(_: AnyApp) -> None:
        await runtime.stop()

    app.post_init = post_init
    app.post_stop = post_stop
    return built


async def _started(built: TelegramApp) -> None:
    core = built.core
    async with core.db.transaction() as session:
        await ensure_default_group(session, core.clock, core.settings.working_group_name, core.settings.timezone)
    try:
        await built.application.bot.set_my_commands([BotCommand(c.name, c.summary[:256]) for c in catalogue()])
    except TelegramError as exc:
        log.warning("setMyCommands failed, the bot goes on without it: %s", exc)
    await built.runtime.start()

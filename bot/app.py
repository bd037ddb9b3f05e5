"""The bot process's applications: Telegram's (python-telegram-bot, handlers, error handler), Zalo's
long polling, and the runtime started with them; Telegram, Zalo or both, by the tokens set."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

from telegram import BotCommand
from telegram.error import TelegramError
from telegram.ext import Application

import locales
from bot.bootstrap import Core, channels_for, runtime_for
from bot.zalo import ZaloPolling
from channels.telegram.application import application, provide
from handlers.commands import catalogue
from handlers.deps import Deps
from scheduler.preview import planned
from scheduler.runtime import Runtime, RuntimeSettings
from services.groups import ensure_default_group

log = logging.getLogger(__name__)

AnyApp = Application[Any, Any, Any, Any, Any, Any]


@dataclass
class ZaloApp:
    """A process receiving Zalo updates only: the polling and the runtime."""

    core: Core
    runtime: Runtime
    polling: ZaloPolling

    async def start(self) -> None:
        await _prepare(self.core)
        await self.runtime.start()
        await self.polling.start()

    async def stop(self) -> None:
        await self.polling.stop()
        await self.runtime.stop()


@dataclass
class TelegramApp:
    """A process receiving Telegram updates (and Zalo's, when ``zalo`` is set): the application,
    and the runtime that starts with it."""

    core: Core
    application: AnyApp
    runtime: Runtime
    zalo: ZaloPolling | None = None


def deps_for(core: Core, runtime: Runtime) -> Deps:
    """What every handler gets, built once per process whatever the messengers."""
    settings = core.settings
    return Deps(
        db=core.db, clock=core.clock, admin_ids=frozenset(settings.admin_ids), timezone=settings.timezone,
        planner=planned, wake=runtime.wake, web_base_url=settings.web_base_url,
    )


def _zalo_polling(core: Core, deps: Deps) -> ZaloPolling | None:
    channel = core.zalo()
    return ZaloPolling(channel, deps) if channel is not None else None


def build_zalo_app(core: Core, runtime_settings: RuntimeSettings | None = None) -> ZaloApp:
    """Zalo alone (no ``TELEGRAM_BOT_TOKEN``)."""
    locales.use(core.settings.locale)
    runtime = runtime_for(core, channels_for(core, None), runtime_settings)
    polling = _zalo_polling(core, deps_for(core, runtime))
    assert polling is not None, "Zalo needs ZALO_BOT_TOKEN"
    return ZaloApp(core, runtime, polling)


def build_application(core: Core, runtime_settings: RuntimeSettings | None = None) -> TelegramApp:
    """A python-telegram-bot application talking to ``settings.telegram_api_base_url``.

    The scheduler runtime (engine ticks and the outbox sender) and Zalo's polling, when
    ``ZALO_BOT_TOKEN`` is set, start and stop with it.
    """
    settings = core.settings
    locales.use(settings.locale)
    app = application(settings.token(), settings.telegram_api_base_url, settings.file_base_url)
    runtime = runtime_for(core, channels_for(core, app.bot), runtime_settings)
    deps = deps_for(core, runtime)
    provide(app, deps)
    built = TelegramApp(core, app, runtime, _zalo_polling(core, deps))

    async def post_init(_: AnyApp) -> None:
        await _started(built)

    async def post_stop(_: AnyApp) -> None:
        if built.zalo is not None:
            await built.zalo.stop()
        await runtime.stop()

    app.post_init = post_init
    app.post_stop = post_stop
    return built


async def _prepare(core: Core) -> None:
    async with core.db.transaction() as session:
        await ensure_default_group(session, core.clock, core.settings.working_group_name, core.settings.timezone)


async def _started(built: TelegramApp) -> None:
    await _prepare(built.core)
    try:
        await built.application.bot.set_my_commands([BotCommand(c.name, c.summary[:256]) for c in catalogue()])
    except TelegramError as exc:
        log.warning("setMyCommands failed, the bot goes on without it: %s", exc)
    await built.runtime.start()
    if built.zalo is not None:
        await built.zalo.start()

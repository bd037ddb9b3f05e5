"""The composition root: settings, database, clock, channels and runtime, built once per process.

Every entry point (``dondoc run``, ``dondoc worker``, the command line, the demo and the test
sandbox) starts here, so there is one place that knows how the pieces fit.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from bot.settings import Settings
from services.clock import Clock, SystemClock

if TYPE_CHECKING:
    from telegram import Bot

    from bot.app import TelegramApp
    from channels.port import Channel
    from scheduler.runtime import Runtime, RuntimeSettings
    from storage.db import Database
    from web.config import WebConfig
    from web.server import Dashboard

_SYSTEM_CLOCK = SystemClock()


def system_clock() -> Clock:
    """The real clock; tests and the demo hand a controllable one to ``Core`` instead."""
    return _SYSTEM_CLOCK


@dataclass
class Core:
    """What every process shares: settings, the database, the clock."""

    settings: Settings
    db: Database
    clock: Clock = field(default_factory=system_clock)

    @classmethod
    def build(cls, settings: Settings, *, db: Database | None = None, clock: Clock | None = None) -> Core:
        from storage.db import Database

        return cls(settings, db or Database(settings.database_url), clock or system_clock())

    async def close(self) -> None:
        await self.db.close()


def telegram_bot(settings: Settings) -> Bot:
    """A Bot API client for processes that send without receiving updates (``dondoc worker``)."""
    from telegram import Bot

    return Bot(settings.token(), base_url=settings.telegram_api_base_url, base_file_url=settings.file_base_url)


def channels_for(bot: Bot) -> dict[str, Channel]:
    """The messengers this process can send through, by name."""
    from channels.telegram.outgoing import NAME, TelegramChannel

    return {NAME: TelegramChannel(bot)}


def runtime_for(core: Core, channels: dict[str, Channel], settings: RuntimeSettings | None = None) -> Runtime:
    from scheduler.runtime import Runtime

    return Runtime(core.db, channels, core.clock, settings)


def telegram_app(core: Core, runtime_settings: RuntimeSettings | None = None) -> TelegramApp:
    """The python-telegram-bot application with every handler, the error handler and the runtime."""
    from bot.app import build_application

    return build_application(core, runtime_settings)


def web_config(settings: Settings, listen: str, port: int) -> WebConfig:
    """What the dashboard needs from the settings (WEB_SECRET is required to serve it)."""
    from web.config import WebConfig

    return WebConfig(settings.web_secret_value(), settings.web_address(listen, port), tuple(settings.admin_ids))


def dashboard(core: Core, listen: str, port: int) -> Dashboard:
    """The leaders' dashboard on ``listen:port``, served in the running event loop."""
    from web.server import Dashboard

    return Dashboard(core.db, core.clock, web_config(core.settings, listen, port), listen, port)

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

    from bot.app import TelegramApp, ZaloApp
    from channels.port import Channel
    from channels.zalo.outgoing import ZaloChannel
    from scheduler.runtime import Runtime, RuntimeSettings
    from storage.db import Database
    from web.config import WebConfig
    from web.server import Dashboard

_SYSTEM_CLOCK = SystemClock()


def system_clock() -> Clock:
    """The real clock; tests and the demo hand a controllable one to ``Core`` instead."""
    return _SYSTEM_CLOCK


def clock_for(settings: Settings) -> Clock:
    """The real clock, or for a rehearsal (``CLOCK_START``) the real clock moved to that moment."""
    if settings.clock_start is None:
        return system_clock()
    from services.clock import ShiftedClock

    return ShiftedClock(settings.clock_start)


@dataclass
class Core:
    """What every process shares: settings, the database, the clock."""

    settings: Settings
    db: Database
    clock: Clock = field(default_factory=system_clock)
    _zalo: ZaloChannel | None = field(default=None, repr=False)

    @classmethod
    def build(cls, settings: Settings, *, db: Database | None = None, clock: Clock | None = None) -> Core:
        from storage.db import Database

        return cls(settings, db or Database(settings.database_url), clock or clock_for(settings))

    def zalo(self) -> ZaloChannel | None:
        """This process's one Zalo channel (replies and the outbox share its pace and what it
        showed in each chat), or None without ``ZALO_BOT_TOKEN``."""
        if self._zalo is None and self.settings.has_zalo:
            from channels.zalo.api import ZaloApi
            from channels.zalo.memory import ChatMemory
            from channels.zalo.outgoing import Pace, ZaloChannel
            from storage.handles import Handles

            settings = self.settings
            api = ZaloApi(settings.zalo_token(), settings.zalo_api_base_url)
            self._zalo = ZaloChannel(api, Handles(self.db, ZaloChannel.name), ChatMemory(), Pace(settings.zalo_messages_per_second))
        return self._zalo

    async def close_channels(self) -> None:
        """Let go of the messengers' connections (the database stays open)."""
        if self._zalo is not None:
            await self._zalo.api.close()
            self._zalo = None

    async def close(self) -> None:
        await self.close_channels()
        await self.db.close()


def telegram_bot(settings: Settings) -> Bot:
    """A Bot API client for processes that send without receiving updates (``dondoc worker``)."""
    from telegram import Bot

    return Bot(settings.token(), base_url=settings.telegram_api_base_url, base_file_url=settings.file_base_url)


def channels_for(core: Core, bot: Bot | None) -> dict[str, Channel]:
    """The messengers this process can send through, by name: Telegram when it has a bot, Zalo
    when it has a token."""
    from channels.telegram.outgoing import NAME, TelegramChannel

    found: dict[str, Channel] = {NAME: TelegramChannel(bot)} if bot is not None else {}
    zalo = core.zalo()
    if zalo is not None:
        found[zalo.name] = zalo
    return found


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
def zalo_app(core: Core, runtime_settings: RuntimeSettings | None = None) -> ZaloApp:
    """Zalo's polling and the runtime, for a process without Telegram."""
    from bot.app import build_zalo_app

    return build_zalo_app(core, runtime_settings)

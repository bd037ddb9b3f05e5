"""Running the bot for real: migrate, then poll (the default) or receive a webhook, until stopped."""

from __future__ import annotations

import asyncio
import logging
import os
import signal
import sys
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Any

from telegram.ext import Application

from bot.bootstrap import Core, dashboard, telegram_app, zalo_app
from bot.settings import Settings
from channels.telegram.application import ALLOWED_UPDATES
from storage.db import Database

if TYPE_CHECKING:
    from bot.app import TelegramApp
    from bot.zalo_webhook import ZaloReceiver

log = logging.getLogger(__name__)

WEB_LISTEN = "127.0.0.1"  # the dashboard sits behind the reverse proxy, like the webhook
AnyApp = Application[Any, Any, Any, Any, Any, Any]
Hook = Callable[[AnyApp], Awaitable[None]]


def _chain(app: AnyApp, name: str, extra: Hook, *, first: bool = False) -> None:
    """Add ``extra`` to one of the application's hooks (post_init, post_stop, post_shutdown)."""
    current: Hook | None = getattr(app, name)

    async def hook(a: AnyApp) -> None:
        if first:
            await extra(a)
        if current is not None:
            await current(a)
        if not first:
            await extra(a)

    setattr(app, name, hook)


async def _migrate(db: Database) -> None:
    if not await db.at_head():
        # a child process migrates, so the bot that stays up never loads Alembic (a light process)
        env = {**os.environ, "DATABASE_URL": db.url}  # the very database this bot opened
        done = await asyncio.create_subprocess_exec(sys.executable, "-m", "bot", "migrate", env=env)
        if await done.wait() != 0:
            raise SystemExit("Không cập nhật được cấu trúc cơ sở dữ liệu; xem thông báo lỗi ở trên.")
    await db.migrate()  # at head: only SQLite's statistics are refreshed
    # the polling loop is another event loop: leave it no connection made in this one
    await db.engine.dispose()


def serve_dashboard_with(app: AnyApp, core: Core, web_port: int | None) -> None:
    """Serve the leaders' dashboard on 127.0.0.1:``web_port`` while the application runs."""
    if web_port is None:
        return
    site = dashboard(core, WEB_LISTEN, web_port)  # uvicorn and Starlette load only here

    async def start_web(_: AnyApp) -> None:
        from web.server import PortError

        try:
            await site.start()
        except PortError as exc:
            raise SystemExit(str(exc)) from None
        log.info("dashboard on %s:%s", WEB_LISTEN, web_port)

    async def stop_web(_: AnyApp) -> None:
        await site.stop()

    _chain(app, "post_init", start_web)
    _chain(app, "post_stop", stop_web, first=True)


def run_polling(settings: Settings, health_port: int | None = None, web_port: int | None = None) -> int:
    """Long polling (no public address needed) of Telegram, Zalo or both, by the tokens set;
    ``/healthz`` on 127.0.0.1:``health_port`` and the dashboard on 127.0.0.1:``web_port`` if given."""
    if not settings.has_telegram:
        return asyncio.run(_serve_zalo(settings, health_port, web_port))
    core = Core.build(settings)
    db = core.db
    asyncio.run(_migrate(db))
    built = telegram_app(core)
    app = built.application
    if health_port is not None:
        from bot.health import HealthServer, probe_for  # aiohttp only when /healthz is asked for

        health = HealthServer(probe_for(built), "127.0.0.1", health_port)

        async def start_health(_: AnyApp) -> None:
            await health.start()

        async def stop_health(_: AnyApp) -> None:
            await health.stop()

        _chain(app, "post_init", start_health)
        _chain(app, "post_stop", stop_health, first=True)

    serve_dashboard_with(app, core, web_port)

    async def close_db(_: AnyApp) -> None:
        await core.close()

    _chain(app, "post_shutdown", close_db)
    app.run_polling(allowed_updates=ALLOWED_UPDATES)
    return 0


def _stop_on_signals() -> asyncio.Event:
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)
    return stop


async def _serve_zalo(settings: Settings, health_port: int | None, web_port: int | None) -> int:
    """Zalo alone: its long polling and the runtime (and the dashboard) until SIGTERM or Ctrl+C."""
    core = Core.build(settings)
    try:
        await _migrate(core.db)
        built = zalo_app(core)
        health = None
        if health_port is not None:
            from bot.health import HealthServer, probe_for

            health = HealthServer(probe_for(built), "127.0.0.1", health_port)
        site = dashboard(core, WEB_LISTEN, web_port) if web_port is not None else None
        stop = _stop_on_signals()
        await built.start()
        if health is not None:
            await health.start()
        if site is not None:
            await site.start()
        log.info("bot running: Zalo, long polling")
        try:
            await stop.wait()
        finally:
            log.info("stopping: finishing the message in hand")
            if site is not None:
                await site.stop()
            if health is not None:
                await health.stop()
            await built.stop()
        return 0
    finally:
        await core.close()


def run_webhook(
    settings: Settings, url: str, listen: str = "127.0.0.1", port: int = 8080, web_port: int | None = None
) -> int:
    """Receive updates at ``url`` (through a reverse proxy to ``listen:port``) until SIGTERM or Ctrl+C."""
    from bot.webhook import WebhookError, webhook_path  # aiohttp only for the webhook

    secret = settings.webhook_secret_value()
    try:
        webhook_path(url)
        return asyncio.run(_serve_webhook(settings, secret, url, listen, port, web_port))
    except WebhookError as exc:
        print(str(exc), file=sys.stderr)
        return 1


def zalo_receiver(built: TelegramApp) -> ZaloReceiver | None:
    """Zalo by webhook too, when it is served: its polling is then never started."""
    if built.zalo is None:
        return None
    from bot.zalo_webhook import ZaloReceiver

    receiver = ZaloReceiver(built.zalo.bot, built.core.settings.zalo_webhook_secret_value())
    built.zalo = None
    return receiver


async def _serve_webhook(settings: Settings, secret: str, url: str, listen: str, port: int, web_port: int | None) -> int:
    from bot.webhook import WebhookError, WebhookServer

    core = Core.build(settings)
    db = core.db
    try:
        await db.migrate()
        built = telegram_app(core)
        serve_dashboard_with(built.application, core, web_port)
        server = WebhookServer(built, secret=secret, url=url, listen=listen, port=port, zalo=zalo_receiver(built))
        stop = _stop_on_signals()
        try:
            await server.start()
        except OSError as exc:
            raise WebhookError(f"Không mở được cổng {listen}:{port} để nhận webhook ({exc.strerror or exc}).") from None
        log.info("bot running with a webhook at %s", url)
        try:
            await stop.wait()
        finally:
            log.info("stopping: finishing the updates in hand")
            await server.stop()
        return 0
    finally:
        await core.close()

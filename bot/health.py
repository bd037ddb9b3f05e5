"""``GET /healthz``: is the database reachable, is the scheduler ticking, how much is waiting to be sent.

The answer is JSON, never with a secret in it::

    {"status": "ok", "database": "ok", "scheduler_lag_seconds": 12.5, "outbox_backlog": 0, "version": "0.1.0"}

HTTP 200 when all is well; 503 (``"status": "degraded"``) when the database cannot be queried or
the engine has not ticked for more than three tick intervals. ``scheduler_lag_seconds`` is null
until the first tick; ``outbox_backlog`` (due rows not yet sent) is null when the database fails.
"""

from __future__ import annotations

import asyncio
import importlib.metadata
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from aiohttp import web
from sqlalchemy import text

from scheduler.runtime import Runtime
from services.clock import Clock
from storage import outbox
from storage.db import Database

if TYPE_CHECKING:
    from bot.app import TelegramApp, ZaloApp

log = logging.getLogger(__name__)

PATH = "/healthz"
LAG_INTERVALS = 3
DB_TIMEOUT = 5.0


def version() -> str:
    try:
        return importlib.metadata.version("dondoc")
    except importlib.metadata.PackageNotFoundError:
        return "unknown"


@dataclass
class Probe:
    """Everything the health check looks at, for one process."""

    db: Database
    clock: Clock
    runtime: Runtime | None = None
    version: str = field(default_factory=version)

    def lag_seconds(self) -> float | None:
        if self.runtime is None or self.runtime.last_tick_at is None:
            return None
        return round(max(0.0, (self.clock.now() - self.runtime.last_tick_at).total_seconds()), 3)

    def scheduler_late(self) -> bool:
        """True when the engine ticks on a timer and has not ticked for three intervals."""
        if self.runtime is None or not self.runtime.settings.autotick:
            return False
        since = self.runtime.last_tick_at or self.runtime.started_at
        limit = LAG_INTERVALS * self.runtime.settings.tick_seconds
        return (self.clock.now() - since).total_seconds() > limit

    async def _backlog(self) -> int:
        async with self.db.transaction() as session:
            await session.execute(text("SELECT 1"))
            return await outbox.backlog(session, self.clock.now())

    async def check(self) -> tuple[int, dict[str, Any]]:
        """(HTTP status, JSON body)."""
        backlog: int | None
        try:
            backlog = await asyncio.wait_for(self._backlog(), DB_TIMEOUT)
            database = "ok"
        except Exception as exc:  # any failure of the database is "error"; its text may hold the URL
            log.warning("health check: the database did not answer (%s)", type(exc).__name__)
            backlog, database = None, "error"
        healthy = database == "ok" and not self.scheduler_late()
        body = {
            "status": "ok" if healthy else "degraded",
            "database": database,
            "scheduler_lag_seconds": self.lag_seconds(),
            "outbox_backlog": backlog,
            "version": self.version,
        }
        return (200 if healthy else 503), body


def probe_for(built: TelegramApp | ZaloApp) -> Probe:
    """The probe of a bot process built by ``bot.bootstrap`` (``telegram_app`` or ``zalo_app``)."""
    return Probe(db=built.core.db, clock=built.core.clock, runtime=built.runtime)


def handler(probe: Probe) -> Callable[[web.Request], Awaitable[web.Response]]:
    async def healthz(request: web.Request) -> web.Response:
        status, body = await probe.check()
        return web.json_response(body, status=status, headers={"Cache-Control": "no-store"})

    return healthz


def add_route(web_app: web.Application, probe: Probe) -> None:
    web_app.router.add_get(PATH, handler(probe))


class HealthServer:
    """A tiny HTTP server with only ``/healthz`` (polling mode, on 127.0.0.1 by default)."""

    def __init__(self, probe: Probe, host: str = "127.0.0.1", port: int = 0) -> None:
        self.probe, self.host, self.requested_port = probe, host, port
        self._runner: web.AppRunner | None = None
        self.port: int | None = None

    @property
    def url(self) -> str:
        assert self.port is not None, "start() first"
        return f"http://{self.host}:{self.port}{PATH}"

    async def start(self) -> None:
        web_app = web.Application()
        add_route(web_app, self.probe)
        self._runner = web.AppRunner(web_app, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, self.host, self.requested_port)
        await site.start()
        self.port = bound_port(self._runner)
        log.info("health check listening on %s:%s%s", self.host, self.port, PATH)

    async def stop(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None


def bound_port(runner: web.AppRunner) -> int:
    """The port really listened on (the one the OS chose when asked for port 0)."""
    for address in runner.addresses:
        if isinstance(address, tuple) and len(address) >= 2:
            return int(address[1])
    raise RuntimeError("the server listens on no TCP port")

"""Serving the dashboard with uvicorn: alone (``dondoc web``), or inside the bot's own event loop
(``dondoc run --web-port N``). Access logs stay off: a sign-in path holds a one-time token."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from contextlib import contextmanager, suppress

import uvicorn

from services.clock import Clock
from services.unit import UnitOfWork
from web.app import create_app
from web.config import WebConfig


class _Embedded(uvicorn.Server):
    """A server inside another program's loop: the signals stay that program's to handle."""

    @contextmanager
    def capture_signals(self) -> Iterator[None]:
        yield


def server(
    db: UnitOfWork, clock: Clock, config: WebConfig, host: str, port: int, *, embedded: bool = False
) -> uvicorn.Server:
    """A uvicorn server for the dashboard, to ``run()`` or to ``serve()`` inside a running loop."""
    app = create_app(db, clock, config)
    settings = uvicorn.Config(app, host=host, port=port, access_log=False, proxy_headers=True, log_level="warning")
    return _Embedded(settings) if embedded else uvicorn.Server(settings)


class PortError(Exception):
    """The dashboard's port could not be opened (taken, or not allowed)."""


class Dashboard:
    """The dashboard served in the running event loop, started and stopped with the bot."""

    def __init__(self, db: UnitOfWork, clock: Clock, config: WebConfig, host: str, port: int) -> None:
        self.host, self.port = host, port
        self.server = server(db, clock, config, host, port, embedded=True)
        self.task: asyncio.Task[None] | None = None

    async def start(self) -> None:
        self.task = asyncio.create_task(self.server.serve())
        while not self.server.started:  # uvicorn offers no event to wait on
            if self.task.done():
                with suppress(SystemExit):  # uvicorn exits when it cannot bind
                    await self.task
                raise PortError(f"Không mở được cổng {self.host}:{self.port} cho bảng điều khiển.")
            await asyncio.sleep(0.02)

    async def stop(self) -> None:
        if self.task is not None:
            self.server.should_exit = True
            await self.task
            self.task = None

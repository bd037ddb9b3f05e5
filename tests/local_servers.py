"""Test plumbing shared by the two stand-in servers' suites: servers started on demand, all stopped
when the test ends."""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from typing import Any, TypeVar

from serverkit.server import LocalServer

S = TypeVar("S", bound=LocalServer)


@asynccontextmanager
async def server_factory(build: Callable[..., S]) -> AsyncIterator[Callable[..., Awaitable[S]]]:
    started: list[S] = []

    async def make(**options: Any) -> S:
        server = build(**options)
        await server.start()
        started.append(server)
        return server

    try:
        yield make
    finally:
        for server in started:
            await server.stop()

"""Fixtures: running stand-in servers (stopped after each test) and a raw HTTP client acting as the bot."""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable

import httpx
import pytest

from tests.local_servers import server_factory
from tests.zaloserver.helpers import api_client
from zaloserver import Chat, ZaloServer

MakeServer = Callable[..., Awaitable[ZaloServer]]


@pytest.fixture
async def make_server() -> AsyncIterator[MakeServer]:
    """Start servers with custom options (readings, time_scale, ...)."""
    async with server_factory(ZaloServer) as make:
        yield make


@pytest.fixture
async def server(make_server: MakeServer) -> ZaloServer:
    return await make_server()


@pytest.fixture
async def http(server: ZaloServer) -> AsyncIterator[httpx.AsyncClient]:
    async with api_client(server) as client:
        yield client


@pytest.fixture
def dm(server: ZaloServer) -> Chat:
    """A private chat whose person has already written to the bot."""
    return server.private_chat(server.add_user("Nguyễn Thị Lan"), started=True)

"""Fixtures: a running stand-in server, raw HTTP and PTB clients for it, and a polling PTB Application."""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable

import httpx
import pytest
import telegram
from telegram.ext import Application, ApplicationBuilder

from tests.local_servers import server_factory
from tests.tgserver.helpers import TOKEN, api_client
from tgserver import TelegramServer


@pytest.fixture
async def make_server() -> AsyncIterator[Callable[..., Awaitable[TelegramServer]]]:
    """Start servers with custom options (time_scale, clock, ...); all are stopped after the test."""
    async with server_factory(lambda **options: TelegramServer(token=TOKEN, **options)) as make:
        yield make


@pytest.fixture
async def server(make_server: Callable[..., Awaitable[TelegramServer]]) -> TelegramServer:
    return await make_server(bot_username="dondoc_bot")


@pytest.fixture
async def http(server: TelegramServer) -> AsyncIterator[httpx.AsyncClient]:
    async with api_client(server) as client:
        yield client


@pytest.fixture
async def bot(server: TelegramServer) -> AsyncIterator[telegram.Bot]:
    async with telegram.Bot(TOKEN, base_url=server.base_url, base_file_url=server.base_file_url) as client:
        yield client


@pytest.fixture
async def app(server: TelegramServer) -> AsyncIterator[Application]:
    """A PTB Application polling the server; add handlers in the test, then act as people."""
    application = (
        ApplicationBuilder()
        .token(TOKEN)
        .base_url(server.base_url)
        .base_file_url(server.base_file_url)
        .build()
    )
    await application.initialize()
    await application.start()
    assert application.updater is not None
    await application.updater.start_polling(poll_interval=0.0)
    await server.wait_until_polling()
    yield application
    await application.updater.stop()
    await application.stop()
    await application.shutdown()

"""Operations fixtures: the bot in webhook mode against the local Telegram server, and seeded data."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from bot.sandbox import Sandbox
from bot.webhook import WebhookServer
from services.clock import ManualClock
from storage.db import Database

SECRET = "test_webhook-secret_0123456789"


class WebhookSandbox(Sandbox):
    """The sandbox, with updates pushed by the server to our receiver instead of long polling."""

    server: WebhookServer | None = None

    async def start(self) -> None:
        await self.tg.start()
        built = self.build(webhook_secret=SECRET)
        self.server = WebhookServer(built, secret=built.core.settings.webhook_secret_value(), port=0)
        await self.server.start()

    async def stop(self) -> None:
        if self.server is not None:
            await self.server.stop()
            self.server = None
            self.built = None
        await self.tg.stop()

    @property
    def base(self) -> str:
        assert self.server is not None and self.server.port is not None
        return f"http://127.0.0.1:{self.server.port}"


@pytest.fixture
async def hooked(db: Database, clock: ManualClock) -> AsyncIterator[WebhookSandbox]:
    box = WebhookSandbox(db, clock)
    try:
        await box.start()
        yield box
    finally:
        await box.stop()

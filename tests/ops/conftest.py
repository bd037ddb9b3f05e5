"""Operations fixtures: the bot in webhook mode against the local Telegram server, and seeded data."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from bot.app import build_application
from bot.sandbox import TOKEN, Sandbox
from bot.settings import Settings
from bot.webhook import WebhookServer
from scheduler.limits import LimitSettings
from scheduler.runtime import RuntimeSettings
from scheduler.sender import SenderSettings
from services.clock import ManualClock
from storage.db import Database

SECRET = "test_webhook-secret_0123456789"


class WebhookSandbox(Sandbox):
    """The sandbox, with updates pushed by the server to our receiver instead of long polling."""

    server: WebhookServer | None = None

    async def start(self) -> None:
        await self.tg.start()
        settings = Settings(
            telegram_bot_token=TOKEN,  # type: ignore[arg-type]
            telegram_api_base_url=self.tg.base_url,
            telegram_api_file_url=self.tg.base_file_url,
            database_url=self.db.url,
            admin_ids=[admin.id for admin in self.admins],
            webhook_secret=SECRET,  # type: ignore[arg-type]
        )
        runtime_settings = RuntimeSettings(
            autotick=False,
            idle_seconds=0.2,
            limits=LimitSettings(time_scale=self.time_scale),
            sender=SenderSettings(time_scale=self.time_scale),
        )
        self.app = build_application(settings, self.db, self.clock, runtime_settings)
        self.server = WebhookServer(self.app, secret=settings.webhook_secret_value(), port=0)
        await self.server.start()

    async def stop(self) -> None:
        if self.server is not None:
            await self.server.stop()
            self.server = None
            self.app = None
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

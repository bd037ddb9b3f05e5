"""End-to-end fixtures: the real bot polling the local Telegram and Zalo servers at once, a test
acting as people on both."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from bot.sandbox import Sandbox
from services.clock import ManualClock
from storage.db import Database


@pytest.fixture
async def box(db: Database, clock: ManualClock) -> AsyncIterator[Sandbox]:
    async with Sandbox(db, clock, zalo=True) as started:
        assert started.zl is not None
        await started.zl.wait_until_polling()
        yield started

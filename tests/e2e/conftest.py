"""End-to-end fixtures: the real bot polling the local Telegram server, a test acting as people."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from bot.sandbox import Sandbox
from services.clock import ManualClock
from storage.db import Database


@pytest.fixture
async def sandbox(db: Database, clock: ManualClock) -> AsyncIterator[Sandbox]:
    async with Sandbox(db, clock) as box:
        yield box

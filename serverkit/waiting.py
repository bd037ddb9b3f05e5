"""Event-driven waiting: a waiter sleeps until something changes or its deadline passes, never on a fixed time."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")


class Pulse:
    """Fired on every change of the server's state; each firing wakes all waiters so they look again."""

    def __init__(self) -> None:
        self._event = asyncio.Event()

    def fire(self) -> None:
        self._event.set()
        self._event = asyncio.Event()

    async def until(self, check: Callable[[], T | None], seconds: float) -> T | None:
        """The first non-None result of `check`, looked at after each change; None after `seconds`."""
        with contextlib.suppress(TimeoutError):
            async with asyncio.timeout(seconds):
                while (found := check()) is None:
                    await self._event.wait()
                return found
        return check()

"""The bot's pending updates in order, as the webhook loop and long polls take them."""

from __future__ import annotations

from collections import deque
from typing import Any

from serverkit.waiting import Pulse


class PendingUpdates:
    """A FIFO of update payloads; each API decides what an update looks like and when it leaves."""

    def __init__(self, pulse: Pulse) -> None:
        self._pulse = pulse
        self._pending: deque[dict[str, Any]] = deque()

    def __len__(self) -> int:
        return len(self._pending)

    def append(self, update: dict[str, Any]) -> None:
        self._pending.append(update)
        self._pulse.fire()

    def first(self) -> dict[str, Any] | None:
        return self._pending[0] if self._pending else None

    def drop_first(self) -> None:
        self._pending.popleft()

"""The bot's pending updates. The summary has no update ids or offsets: an update leaves the queue when it
is handed out (a poll's answer or a webhook's 2XX), so an answer lost on the way loses the update."""

from __future__ import annotations

from collections import deque
from typing import Any

from zaloserver.waiting import Pulse


class UpdateQueue:
    def __init__(self, pulse: Pulse) -> None:
        self._pulse = pulse
        self._pending: deque[dict[str, Any]] = deque()

    def __len__(self) -> int:
        return len(self._pending)

    def push(self, update: dict[str, Any]) -> None:
        self._pending.append(update)
        self._pulse.fire()

    def first(self) -> dict[str, Any] | None:
        return self._pending[0] if self._pending else None

    def take(self, most: int | None = None) -> list[dict[str, Any]]:
        """Remove and return the oldest `most` updates (all when None)."""
        count = len(self._pending) if most is None else min(most, len(self._pending))
        return [self._pending.popleft() for _ in range(count)]

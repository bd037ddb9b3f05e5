"""Telegram's sending limits, kept on our side so that 429s are the exception."""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass(frozen=True)
class LimitSettings:
    """About 30 messages/s overall, 20/min into one group, 1/s into one private chat.

    ``time_scale`` shrinks every window (a test server running at 0.01 has 0.6 s minutes).
    """

    per_second: int = 30
    per_group_minute: int = 20
    private_interval: float = 1.0
    time_scale: float = 1.0


@dataclass
class RateLimiter:
    """Sliding windows over a monotonic clock; ``wait_for`` says how long until a send may go."""

    settings: LimitSettings = field(default_factory=LimitSettings)
    monotonic: Callable[[], float] = time.monotonic
    _global: deque[float] = field(default_factory=deque)
    _chats: dict[int, deque[float]] = field(default_factory=dict)
    _blocked_until: dict[int | None, float] = field(default_factory=dict)

    def _window(self, chat_id: int) -> tuple[int, float]:
        scale = self.settings.time_scale
        if chat_id < 0:
            return self.settings.per_group_minute, 60.0 * scale
        return 1, self.settings.private_interval * scale

    def wait_for(self, chat_id: int) -> float:
        """Seconds to wait before sending into ``chat_id`` (0 when it may go now)."""
        now = self.monotonic()
        waits = [max(0.0, self._blocked_until.get(None, 0.0) - now), max(0.0, self._blocked_until.get(chat_id, 0.0) - now)]
        one_second = self.settings.time_scale
        while self._global and self._global[0] <= now - one_second:
            self._global.popleft()
        if len(self._global) >= self.settings.per_second:
            waits.append(self._global[0] + one_second - now)
        limit, window = self._window(chat_id)
        sent = self._chats.get(chat_id)
        if sent:
            while sent and sent[0] <= now - window:
                sent.popleft()
            if len(sent) >= limit:
                waits.append(sent[0] + window - now)
        return max(waits)

    def record(self, chat_id: int) -> None:
        now = self.monotonic()
        self._global.append(now)
        self._chats.setdefault(chat_id, deque()).append(now)

    def block(self, chat_id: int | None, seconds: float) -> None:
        """Telegram said 'retry after': honour it for that chat (or everything, with None)."""
        self._blocked_until[chat_id] = self.monotonic() + seconds

    def global_wait(self) -> float:
        return max(0.0, self._blocked_until.get(None, 0.0) - self.monotonic())

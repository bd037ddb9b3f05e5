"""Telegram's flood limits on sending, so a bot that floods gets 429 here as it would in production.

All windows are multiplied by `time_scale` (0.01 turns a minute into 0.6 s). A refusal carries
`retry_after` in seconds of this server's clock, i.e. real (wall-clock) seconds after scaling, rounded
up to an integer of at least 1 as Telegram reports it: a client that simply waits `retry_after`
seconds is always allowed again. Only delivered messages count.
"""

from __future__ import annotations

import math
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class RateLimits:
    """The published limits; private chats allow a short burst above one message per second."""

    overall_per_second: int = 30
    group_per_minute: int = 20
    private_per_second: float = 1.0
    private_burst: int = 5


class _Window:
    """At most `limit` events in any `period` seconds (sliding log)."""

    def __init__(self, limit: int, period: float) -> None:
        self.limit = limit
        self.period = period
        self.times: deque[float] = deque()

    def wait(self, now: float) -> float:
        while self.times and self.times[0] <= now - self.period:
            self.times.popleft()
        return 0.0 if len(self.times) < self.limit else self.times[0] + self.period - now

    def record(self, now: float) -> None:
        self.times.append(now)


class _Bucket:
    """Token bucket: `rate` per second sustained, up to `burst` at once."""

    def __init__(self, rate: float, burst: int, now: float) -> None:
        self.rate = rate
        self.burst = burst
        self.tokens = float(burst)
        self.at = now

    def wait(self, now: float) -> float:
        self.tokens = min(self.burst, self.tokens + (now - self.at) * self.rate)
        self.at = now
        return 0.0 if self.tokens >= 1 else (1 - self.tokens) / self.rate

    def record(self, now: float) -> None:
        self.wait(now)
        self.tokens -= 1


class RateLimiter:
    """Decides whether one more message may go to a chat now; `clock` is monotonic seconds."""

    def __init__(self, limits: RateLimits, time_scale: float, clock: Callable[[], float]) -> None:
        self.limits = limits
        self.time_scale = time_scale
        self.clock = clock
        self._overall = _Window(limits.overall_per_second, 1.0 * time_scale)
        self._groups: dict[int, _Window] = {}
        self._privates: dict[int, _Bucket] = {}

    def retry_after(self, chat_id: int) -> int | None:
        """None if a message to `chat_id` may be delivered now, else whole seconds to wait."""
        now = self.clock()
        wait = max(self._overall.wait(now), self._chat(chat_id, now).wait(now))
        return max(1, math.ceil(wait)) if wait > 0 else None

    def record(self, chat_id: int) -> None:
        now = self.clock()
        self._overall.record(now)
        self._chat(chat_id, now).record(now)

    def _chat(self, chat_id: int, now: float) -> _Window | _Bucket:
        if chat_id < 0:
            if chat_id not in self._groups:
                self._groups[chat_id] = _Window(self.limits.group_per_minute, 60.0 * self.time_scale)
            return self._groups[chat_id]
        if chat_id not in self._privates:
            rate = self.limits.private_per_second / self.time_scale
            self._privates[chat_id] = _Bucket(rate, self.limits.private_burst, now)
        return self._privates[chat_id]

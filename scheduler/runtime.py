"""APScheduler wiring: the engine ticks on a timer, the sender drains the outbox in the background.

The database is the source of truth; the only in-memory jobs are these two timers, so a
restart loses nothing and 100,000 tasks cost nothing at idle.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime

from apscheduler.schedulers.asyncio import AsyncIOScheduler

from channels.port import Channel
from scheduler import engine
from scheduler.limits import LimitSettings, RateLimiter
from scheduler.sender import Sender, SenderSettings
from services.clock import Clock
from storage.db import Database

log = logging.getLogger(__name__)


@dataclass
class RuntimeSettings:
    tick_seconds: float = 60.0
    idle_seconds: float = 1.0
    limits: LimitSettings = field(default_factory=LimitSettings)
    sender: SenderSettings = field(default_factory=SenderSettings)
    autotick: bool = True


class Runtime:
    """Owns the timers and the sender task for one bot process."""

    def __init__(
        self, db: Database, channels: Mapping[str, Channel], clock: Clock, settings: RuntimeSettings | None = None
    ) -> None:
        self.db, self.clock = db, clock
        self.settings = settings or RuntimeSettings()
        self.sender = Sender(
            db=db, channels=channels, clock=clock, limiter=RateLimiter(self.settings.limits), settings=self.settings.sender
        )
        self._stop = asyncio.Event()
        self._task: asyncio.Task[None] | None = None
        self._scheduler: AsyncIOScheduler | None = None
        self.last_tick: engine.TickReport | None = None
        self.started_at = clock.now()
        self.last_tick_at: datetime | None = None

    async def tick(self) -> engine.TickReport:
        """One engine pass, then wake the sender."""
        self.last_tick = await engine.tick(self.db, self.clock)
        self.last_tick_at = self.clock.now()
        self.wake()
        return self.last_tick

    async def _timed_tick(self) -> None:
        try:
            await self.tick()
        except Exception:
            log.exception("engine tick failed; the next one will try again")

    def wake(self) -> None:
        self.sender.wakeup.set()

    async def start(self) -> None:
        self._stop.clear()
        self.sender.stopping = False
        self._task = asyncio.create_task(self.sender.run(self._stop, self.settings.idle_seconds))
        if self.settings.autotick:
            self._scheduler = AsyncIOScheduler()
            self._scheduler.add_job(
                self._timed_tick, "interval", seconds=self.settings.tick_seconds, max_instances=1, coalesce=True
            )
            self._scheduler.start()
            await self._timed_tick()

    async def stop(self) -> None:
        """Stop timers, let the sender finish the message in hand, then return."""
        if self._scheduler is not None:
            self._scheduler.shutdown(wait=False)
            self._scheduler = None
        self._stop.set()
        self.sender.stopping = True
        self.wake()
        if self._task is not None:
            await self._task
            self._task = None

"""The outbox sender: claims due rows, sends them through their chat's channel within its limits,
records the result.

A crash between sending and recording repeats at most that one message (its lease runs out and
it is claimed again); nothing is ever lost, because a row leaves the outbox only as sent,
failed for good, or expired.
"""

from __future__ import annotations

import asyncio
import logging
import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import timedelta

from channels.port import Channel, DeliveryError, ErrorKind, Outgoing
from render.outbox_events import outgoing
from scheduler.limits import RateLimiter
from services.chats import chat_lost, chat_migrated
from services.clock import Clock
from storage import outbox
from storage.db import Database

log = logging.getLogger(__name__)

MAX_TURNS = 20  # sends tried for one row in one go (429s and migrations included)
RETRY_LATER = timedelta(minutes=5)


@dataclass
class SenderSettings:
    batch: int = 50
    lease: timedelta = timedelta(minutes=2)
    retry_delays: tuple[float, ...] = (1.0, 5.0, 30.0)  # in-process; then back to the outbox for 5 min
    time_scale: float = 1.0
    max_pace_wait: float = 5.0


@dataclass
class Sender:
    db: Database
    channels: Mapping[str, Channel]
    clock: Clock
    limiter: RateLimiter = field(default_factory=RateLimiter)
    settings: SenderSettings = field(default_factory=SenderSettings)
    worker: str = field(default_factory=lambda: uuid.uuid4().hex[:12])
    wakeup: asyncio.Event = field(default_factory=asyncio.Event)
    _draining: asyncio.Lock = field(default_factory=asyncio.Lock)
    stopping: bool = False

    async def drain(self) -> int:
        """Send everything due now; returns how many were sent. One drain at a time per process,
        so when it returns nothing claimed by this process is still in flight."""
        async with self._draining:
            return await self._drain()

    async def _drain(self) -> int:
        sent = 0
        while not self.stopping:
            async with self.db.transaction() as session:
                for row in await outbox.expire_stale(session, self.clock.now()):
                    log.info("outbox row %s expired unsent (kind %s)", row.id, row.kind)
                items = await outbox.claim(
                    session, self.clock.now(), self.worker, self.settings.batch, self.settings.lease
                )
            if not items:
                return sent
            for index, item in enumerate(items):
                if self.stopping:
                    await self._release(items[index:], "released at shutdown")
                    return sent
                wait = self.limiter.wait_for(item.chat_external_id)
                if wait > self.settings.max_pace_wait:
                    # this chat is saturated: let the others go first, come back when it is free
                    await self._release([item], "chat rate limit", timedelta(seconds=wait))
                    continue
                sent += await self._deliver(item)
        return sent

    async def _release(self, items: list[outbox.Claimed], why: str, later: timedelta = timedelta(0)) -> None:
        async with self.db.transaction() as session:
            for item in items:
                await outbox.release(session, item.id, self.clock.now() + later, why, attempts_back=True)

    async def run(self, stop: asyncio.Event, idle: float = 1.0) -> None:
        """Drain, then sleep until woken or ``idle`` seconds pass, until ``stop`` is set.

        On stop the message in hand is finished and the rest of the claimed batch is handed back
        at once, so another process sends it without waiting for the lease to run out."""
        while not stop.is_set():
            try:
                await self.drain()
            except Exception:
                log.exception("outbox drain failed; will try again")
            self.wakeup.clear()
            waits = {asyncio.ensure_future(self.wakeup.wait()), asyncio.ensure_future(stop.wait())}
            _, pending = await asyncio.wait(waits, timeout=idle, return_when=asyncio.FIRST_COMPLETED)
            for task in pending:
                task.cancel()

    async def _pace(self, chat_external_id: int) -> None:
        while (wait := self.limiter.wait_for(chat_external_id)) > 0:  # noqa: ASYNC110 - pacing is time itself
            await asyncio.sleep(wait)

    async def _send(self, channel: Channel, chat_external_id: int, message: Outgoing) -> int:
        """Send through the chat's channel; counted against the limits once the messenger has
        answered, as the messenger counts it."""
        await self._pace(chat_external_id)
        try:
            return await channel.send(chat_external_id, message)
        finally:
            self.limiter.record(chat_external_id)

    async def _deliver(self, item: outbox.Claimed) -> int:
        """Send one row. A "retry after" is waited out (it is not a failure); other transient
        errors are retried a few times here, then the row goes back to the outbox."""
        channel = self.channels.get(item.channel)
        if channel is None:
            await self._give_up(item, f"no channel {item.channel!r} in this process", lost=False)
            return 0
        try:
            message = outgoing(item.payload)
        except (ValueError, TypeError) as exc:  # a row this version cannot put into words
            await self._give_up(item, str(exc), lost=False)
            return 0
        chat_external = item.chat_external_id
        failures = 0
        for _turn in range(MAX_TURNS):
            try:
                message_id = await self._send(channel, chat_external, message)
            except DeliveryError as exc:
                if exc.kind is ErrorKind.RETRY_AFTER:
                    self.limiter.block(chat_external, exc.retry_after)
                    log.info("429 for chat %s, waiting %.2fs", chat_external, exc.retry_after)
                    continue
                if exc.kind is ErrorKind.MIGRATED and exc.new_chat_id is not None:
                    async with self.db.transaction() as session:
                        await chat_migrated(session, item.channel, chat_external, exc.new_chat_id)
                    chat_external = exc.new_chat_id
                    continue
                if exc.kind is not ErrorKind.TRANSIENT:
                    await self._give_up(item, str(exc), lost=exc.chat_lost)
                    return 0
                log.info("transient error for outbox %s: %s", item.id, exc)
                if failures >= len(self.settings.retry_delays):
                    break
                await asyncio.sleep(self.settings.retry_delays[failures] * self.settings.time_scale)
                failures += 1
                continue
            async with self.db.transaction() as session:
                await outbox.mark_sent(session, item, message_id, chat_external, self.clock.now())
            return 1
        async with self.db.transaction() as session:
            retry_at = self.clock.now() + RETRY_LATER
            await outbox.release(session, item.id, retry_at, "transient errors, retry later")
        return 0

    async def _give_up(self, item: outbox.Claimed, error: str, lost: bool) -> None:
        log.warning("outbox %s failed for good: %s", item.id, error)
        async with self.db.transaction() as session:
            await outbox.fail(session, item.id, error)
            if lost:
                await chat_lost(session, self.clock, item.chat_id, error)

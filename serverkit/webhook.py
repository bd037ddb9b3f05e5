"""Webhook delivery: POST each update to the bot's URL in order, retrying a failed one after 1, 2, 4 ... 60 s
(times time_scale) and keeping the order, as Telegram does (and the Zalo stand-in does too)."""

from __future__ import annotations

import asyncio
import contextlib
import time
from abc import ABC, abstractmethod
from typing import Any, ClassVar, Generic, TypeVar

import aiohttp

from serverkit.updates import PendingUpdates
from serverkit.waiting import Pulse

_POST_TIMEOUT = aiohttp.ClientTimeout(total=10)
_LONGEST_RETRY = 60.0
_IDLE_WAIT = 3600.0

Q = TypeVar("Q", bound=PendingUpdates)


class WebhookSender(ABC, Generic[Q]):
    """One delivery task while a webhook is set; an update leaves `queue` on a 2XX answer.

    Each API names its secret header, words its delivery errors and may wrap the body (`body`).
    """

    secret_header: ClassVar[str]
    wrong_answer: ClassVar[str] = "{status} {reason}"
    """How a non-2XX answer is reported in `last_error`."""
    no_connection: ClassVar[str] = "connection failed: {error}"
    """How an unreachable receiver is reported in `last_error`."""

    def __init__(self, queue: Q, pulse: Pulse, time_scale: float) -> None:
        self.queue = queue
        self._pulse = pulse
        self._time_scale = time_scale
        self._task: asyncio.Task[None] | None = None
        self.url = ""
        self.secret_token: str | None = None
        self.last_error: str | None = None
        self.last_error_date: int | None = None

    def deliver_to(self, url: str, secret_token: str | None) -> None:
        """Start (or redirect) delivery; a new URL forgets the last error."""
        self.url, self.secret_token = url, secret_token
        self.last_error = self.last_error_date = None
        if self._task is None or self._task.done():
            self._task = asyncio.create_task(self._run())
        self._pulse.fire()

    def stop_delivery(self) -> None:
        self.url = ""
        self._pulse.fire()

    async def close(self) -> None:
        self.stop_delivery()
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task

    @abstractmethod
    def info(self) -> dict[str, Any]:
        """What getWebhookInfo answers."""

    def body(self, update: dict[str, Any]) -> Any:
        """What is POSTed for an update: the update itself unless the API wraps it."""
        return update

    async def _run(self) -> None:
        failures = 0
        async with aiohttp.ClientSession(timeout=_POST_TIMEOUT) as session:
            while self.url:
                await self._pulse.until(lambda: True if not self.url or len(self.queue) else None, _IDLE_WAIT)
                update = self.queue.first()
                if not self.url or update is None:
                    continue
                if await self._post(session, update):
                    failures = 0
                    if self.queue.first() is update:
                        self.queue.drop_first()
                        self._pulse.fire()
                    continue
                failures += 1
                delay = min(2.0 ** (failures - 1), _LONGEST_RETRY) * self._time_scale
                await self._pulse.until(lambda: True if not self.url else None, delay)

    async def _post(self, session: aiohttp.ClientSession, update: dict[str, Any]) -> bool:
        headers = {self.secret_header: self.secret_token} if self.secret_token else {}
        try:
            async with session.post(self.url, json=self.body(update), headers=headers) as answer:
                if 200 <= answer.status < 300:
                    return True
                self._failed(self.wrong_answer.format(status=answer.status, reason=answer.reason))
        except (aiohttp.ClientError, TimeoutError) as exc:
            self._failed(self.no_connection.format(error=exc or type(exc).__name__))
        return False

    def _failed(self, message: str) -> None:
        self.last_error_date = int(time.time())
        self.last_error = message

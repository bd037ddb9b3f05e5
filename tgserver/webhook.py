"""Webhook delivery: POST each update to the bot's URL in order, retrying failures as Telegram does."""

from __future__ import annotations

import asyncio
import contextlib
import time
from typing import Any

import aiohttp

from tgserver.updates import UpdateQueue
from tgserver.waiting import Pulse

_POST_TIMEOUT = aiohttp.ClientTimeout(total=10)
_LONGEST_RETRY = 60.0
_IDLE_WAIT = 3600.0


class WebhookSender:
    """Keeps one delivery task alive while a webhook is set; an update leaves the queue on a 2XX answer."""

    def __init__(self, queue: UpdateQueue, pulse: Pulse, time_scale: float) -> None:
        self._queue = queue
        self._pulse = pulse
        self._time_scale = time_scale
        self._task: asyncio.Task[None] | None = None
        self.url = ""
        self.secret_token: str | None = None
        self.max_connections = 40
        self.last_error_date: int | None = None
        self.last_error_message: str | None = None

    def set(self, url: str, secret_token: str | None, max_connections: int) -> None:
        self.url, self.secret_token, self.max_connections = url, secret_token, max_connections
        self.last_error_date = self.last_error_message = None
        if self._task is None or self._task.done():
            self._task = asyncio.create_task(self._run())
        self._pulse.fire()

    def remove(self) -> None:
        self.url = ""
        self._pulse.fire()

    async def close(self) -> None:
        self.remove()
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task

    def info(self) -> dict[str, Any]:
        info: dict[str, Any] = {
            "url": self.url,
            "has_custom_certificate": False,
            "pending_update_count": len(self._queue),
        }
        if self.url:
            info["max_connections"] = self.max_connections
            if self._queue.allowed:
                info["allowed_updates"] = sorted(self._queue.allowed)
        if self.last_error_date is not None:
            info["last_error_date"] = self.last_error_date
            info["last_error_message"] = self.last_error_message
        return info

    async def _run(self) -> None:
        failures = 0
        async with aiohttp.ClientSession(timeout=_POST_TIMEOUT) as session:
            while self.url:
                await self._pulse.until(
                    lambda: True if not self.url or len(self._queue) else None, _IDLE_WAIT
                )
                update = self._queue.first()
                if not self.url or update is None:
                    continue
                if await self._post(session, update):
                    failures = 0
                    if self._queue.first() is update:
                        self._queue.drop_first()
                        self._pulse.fire()
                    continue
                failures += 1
                delay = min(2.0 ** (failures - 1), _LONGEST_RETRY) * self._time_scale
                await self._pulse.until(lambda: True if not self.url else None, delay)

    async def _post(self, session: aiohttp.ClientSession, update: dict[str, Any]) -> bool:
        headers = {"X-Telegram-Bot-Api-Secret-Token": self.secret_token} if self.secret_token else {}
        try:
            async with session.post(self.url, json=update, headers=headers) as response:
                if 200 <= response.status < 300:
                    return True
                self._failed(f"Wrong response from the webhook: {response.status} {response.reason}")
        except (aiohttp.ClientError, TimeoutError) as exc:
            self._failed(f"Connection failed: {exc or type(exc).__name__}")
        return False

    def _failed(self, message: str) -> None:
        self.last_error_date = int(time.time())
        self.last_error_message = message

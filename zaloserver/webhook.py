"""Webhook delivery: POST each update to the bot's URL in order, with the secret header the summary names.

The summary does not say what happens when the receiver fails; like Telegram, we retry the same update
after 1, 2, 4 ... 60 s (times time_scale) and keep the order.
"""

from __future__ import annotations

import asyncio
import contextlib
from typing import Any

import aiohttp

from zaloserver.world import World

SECRET_HEADER = "X-Bot-Api-Secret-Token"
_POST_TIMEOUT = aiohttp.ClientTimeout(total=10)
_LONGEST_RETRY = 60.0
_IDLE_WAIT = 3600.0


class WebhookSender:
    """One delivery task while a webhook is set; an update leaves the queue on a 2XX answer."""

    def __init__(self, world: World, time_scale: float) -> None:
        self._world = world
        self._time_scale = time_scale
        self._task: asyncio.Task[None] | None = None
        self.url = ""
        self.secret_token = ""
        self.updated_at = 0
        self.last_error: str | None = None

    def set(self, url: str, secret_token: str) -> dict[str, Any]:
        self.url, self.secret_token = url, secret_token
        self.updated_at, self.last_error = self._world.now_ms(), None
        if self._task is None or self._task.done():
            self._task = asyncio.create_task(self._run())
        self._world.changed()
        return self.info()

    def remove(self) -> dict[str, Any]:
        self.url, self.updated_at = "", self._world.now_ms()
        self._world.changed()
        return self.info()

    def info(self) -> dict[str, Any]:
        return {"url": self.url, "updated_at": self.updated_at}

    async def close(self) -> None:
        self.url = ""
        self._world.changed()
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task

    async def _run(self) -> None:
        queue, pulse = self._world.updates, self._world.pulse
        failures = 0
        async with aiohttp.ClientSession(timeout=_POST_TIMEOUT) as session:
            while self.url:
                await pulse.until(lambda: True if not self.url or len(queue) else None, _IDLE_WAIT)
                update = queue.first()
                if not self.url or update is None:
                    continue
                if await self._post(session, update):
                    failures = 0
                    if queue.first() is update:
                        queue.take(1)
                        self._world.changed()
                    continue
                failures += 1
                delay = min(2.0 ** (failures - 1), _LONGEST_RETRY) * self._time_scale
                await pulse.until(lambda: True if not self.url else None, delay)

    async def _post(self, session: aiohttp.ClientSession, update: dict[str, Any]) -> bool:
        body = {"ok": True, "result": update} if self._world.readings.webhook_body == "envelope" else update
        try:
            async with session.post(
                self.url, json=body, headers={SECRET_HEADER: self.secret_token}
            ) as answer:
                if 200 <= answer.status < 300:
                    return True
                self.last_error = f"{answer.status} {answer.reason}"
        except (aiohttp.ClientError, TimeoutError) as exc:
            self.last_error = f"connection failed: {exc or type(exc).__name__}"
        return False

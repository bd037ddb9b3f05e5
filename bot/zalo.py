"""Zalo in a bot process: its long polling started and stopped with the process, alone or next
to Telegram, sharing the process's dependencies and runtime."""

from __future__ import annotations

import asyncio
import contextlib

from channels.zalo.application import ZaloBot
from channels.zalo.outgoing import ZaloChannel
from handlers.deps import Deps


class ZaloPolling:
    """``getUpdates`` in a background task; stopping ends the poll in hand (Zalo keeps no offset,
    so an update in a cancelled answer may be lost; the webhook has no such gap)."""

    def __init__(self, channel: ZaloChannel, deps: Deps) -> None:
        self.bot = ZaloBot(channel, deps)
        self._stop = asyncio.Event()
        self._task: asyncio.Task[None] | None = None

    async def start(self) -> None:
        self._stop.clear()
        self._task = asyncio.create_task(self.bot.poll(self._stop))

    async def stop(self) -> None:
        self._stop.set()
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
            self._task = None

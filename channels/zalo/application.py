"""Receiving Zalo updates (long polling, or a webhook's requests) and handing each to
``handlers.inbound`` as a channel-neutral ``Context``, by kind, as the Telegram adapter does."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from typing import Any

from channels.port import DeliveryError
from channels.zalo.api import NO_UPDATE, ZaloError
from channels.zalo.incoming import incoming
from channels.zalo.outgoing import ZaloChannel
from channels.zalo.reply import ZaloReply
from handlers import inbound
from handlers.deps import Context, Deps

log = logging.getLogger(__name__)

POLL_SECONDS = 30
BACKOFF = (1.0, 2.0, 5.0, 10.0, 30.0)  # after failed polls, in seconds


def updates_in(result: Any) -> list[dict[str, Any]]:
    """A poll's result: one update (the published sample), a list of them, or nothing."""
    if isinstance(result, list):
        return [u for u in result if isinstance(u, dict) and u]
    return [result] if isinstance(result, dict) and result else []


class ZaloBot:
    """One bot account: its updates in, through the handlers, its answers out through ``channel``."""

    def __init__(self, channel: ZaloChannel, deps: Deps, poll_seconds: int = POLL_SECONDS) -> None:
        self.channel, self.deps, self.poll_seconds = channel, deps, poll_seconds

    async def handle(self, update: dict[str, Any]) -> None:
        """One update, start to end; a failing handler is logged and the person told once."""
        msg = await incoming(update, self.channel.handles, self.channel.memory)
        if msg is None or msg.sender is None:
            return
        c = Context(msg, ZaloReply(self.channel, msg.chat_id), self.deps)
        try:
            await self._route(c)
        except Exception as exc:
            await inbound.on_error(exc, c)

    async def _route(self, c: Context) -> None:
        msg = c.msg
        if msg.command is not None:
            await self.channel.typing(msg.chat_id)
            await inbound.command(c)
        elif msg.action is not None:
            await inbound.press(c)
        elif msg.private and await inbound.draft(c):
            return
        elif msg.reply_to is not None:
            await inbound.reply(c)
        elif msg.text:
            await inbound.free_text(c)

    async def poll(self, stop: asyncio.Event) -> None:
        """Long polling until ``stop`` is set; a webhook left set is removed first (Zalo refuses
        polls while one is set)."""
        await self._quietly("deleteWebhook")
        failures = 0
        while not stop.is_set():
            try:
                result = await self.channel.api.call(
                    "getUpdates", {"timeout": str(self.poll_seconds)}, wait=self.poll_seconds
                )
            except ZaloError as exc:
                if exc.code == NO_UPDATE:
                    failures = 0
                    continue
                failures = await self._pause(stop, failures, exc)
                continue
            except DeliveryError as exc:
                failures = await self._pause(stop, failures, exc)
                continue
            failures = 0
            for update in updates_in(result):
                await self.handle(update)

    async def _pause(self, stop: asyncio.Event, failures: int, exc: Exception) -> int:
        delay = BACKOFF[min(failures, len(BACKOFF) - 1)]
        log.warning("Zalo getUpdates failed (%s); trying again in %.0fs", exc, delay)
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(stop.wait(), delay)
        return failures + 1

    async def _quietly(self, method: str, params: dict[str, Any] | None = None) -> None:
        try:
            await self.channel.api.call(method, params)
        except (ZaloError, DeliveryError) as exc:
            log.warning("Zalo %s failed: %s", method, exc)


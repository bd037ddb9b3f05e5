"""Zalo by webhook: Zalo POSTs each update to ``/zalo`` on the same receiver as Telegram's, with
``X-Bot-Api-Secret-Token`` equal to ``ZALO_WEBHOOK_SECRET`` (compared in constant time; anything
else gets 403 and is not looked at). An accepted update is answered 200 at once and handled in the
background; stopping waits for the updates in hand."""

from __future__ import annotations

import asyncio
import hmac
import json
import logging
from typing import Any

from aiohttp import web

from channels.port import DeliveryError
from channels.zalo.api import ZaloError
from channels.zalo.application import ZaloBot

log = logging.getLogger(__name__)

SECRET_HEADER = "X-Bot-Api-Secret-Token"
PATH = "/zalo"


def update_of(body: Any) -> dict[str, Any] | None:
    """The update in a webhook body: the update itself, or wrapped as ``{"ok": true, "result": …}``
    (both readings appear in copies of the documentation)."""
    if isinstance(body, dict) and isinstance(body.get("result"), dict) and "message" not in body:
        body = body["result"]
    return body if isinstance(body, dict) and isinstance(body.get("message"), dict) else None


class ZaloReceiver:
    def __init__(self, bot: ZaloBot, secret: str) -> None:
        self.bot = bot
        self._secret = secret.encode()
        self._handling: set[asyncio.Task[None]] = set()

    def add_route(self, web_app: web.Application) -> None:
        web_app.router.add_post(PATH, self.receive)

    async def receive(self, request: web.Request) -> web.Response:
        given = request.headers.get(SECRET_HEADER, "").encode("utf-8", "replace")
        if not hmac.compare_digest(given, self._secret):
            log.warning("Zalo webhook call refused: wrong or missing secret token (from %s)", request.remote)
            return web.Response(status=403)
        try:
            update = update_of(await request.json(loads=json.loads))
        except (ValueError, UnicodeDecodeError):
            update = None
        if update is None:
            return web.Response(status=400)
        task = asyncio.create_task(self.bot.handle(update))
        self._handling.add(task)
        task.add_done_callback(self._handling.discard)
        return web.Response(status=200)

    async def register(self, url: str) -> None:
        """Tell Zalo where to send updates (``url`` ends with ``/zalo``)."""
        from bot.webhook import WebhookError

        try:
            await self.bot.channel.api.call("setWebhook", {"url": url, "secret_token": self._secret.decode()})
        except (ZaloError, DeliveryError) as exc:
            raise WebhookError(f"Zalo không nhận địa chỉ webhook {url}: {exc}.") from None

    async def drain(self) -> None:
        if self._handling:
            await asyncio.gather(*self._handling, return_exceptions=True)

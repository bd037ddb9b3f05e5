"""Webhook mode: Telegram POSTs each update to us behind a reverse proxy; we answer 200 at once.

The receiver is a small aiohttp server (``/healthz`` lives on it too). Every call must carry
``X-Telegram-Bot-Api-Secret-Token`` equal to ``WEBHOOK_SECRET`` (compared in constant time);
anything else gets 403 with no body and is not looked at. An accepted update is put on the
python-telegram-bot application's ``update_queue``, which processes it as in polling mode.

The application runs without its Updater, in the same order as ``bot/sandbox.py``: initialize,
post_init (scheduler starts), start … stop, post_stop (scheduler stops), shutdown. The webhook is
left set on stop: Telegram keeps the updates and delivers them when the bot is back.
"""

from __future__ import annotations

import hmac
import json
import logging
from urllib.parse import urlsplit

from aiohttp import web
from telegram import Update
from telegram.error import TelegramError

from bot.app import TelegramApp
from bot.health import PATH as HEALTH_PATH
from bot.health import add_route, bound_port, probe_for
from bot.zalo_webhook import PATH as ZALO_PATH
from bot.zalo_webhook import ZaloReceiver
from channels.telegram.application import ALLOWED_UPDATES

log = logging.getLogger(__name__)

SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
MAX_BODY = 1 << 20  # an update is a few kilobytes; files stay on Telegram


class WebhookError(Exception):
    """The webhook could not be set up; the message is one Vietnamese sentence."""


def webhook_path(url: str) -> str:
    """The path Telegram will POST to, from the public URL (``https://host/telegram`` → ``/telegram``)."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise WebhookError(f"Địa chỉ webhook «{url}» không hợp lệ: cần dạng https://ten-mien/duong-dan.")
    path = parts.path or "/"
    if path in (HEALTH_PATH, ZALO_PATH):
        raise WebhookError(f"Đường dẫn webhook không được trùng với {path} (dành cho việc khác).")
    return path


class WebhookServer:
    """The receiver, and the application's life around it.

    ``url`` is the public address Telegram calls (through the proxy); without one (tests, a local
    server) it is ``http://<listen>:<port><path>`` once the port is known, so ``port=0`` works.
    """

    def __init__(
        self,
        built: TelegramApp,
        *,
        secret: str,
        url: str | None = None,
        path: str = "/telegram",
        listen: str = "127.0.0.1",
        port: int = 8080,
        allowed_updates: list[str] | None = None,
        zalo: ZaloReceiver | None = None,
    ) -> None:
        if not secret:
            raise WebhookError("Thiếu WEBHOOK_SECRET: chế độ webhook cần một mã bí mật.")
        self.app = built.application
        self._secret = secret.encode()
        self.public_url = url
        self.path = webhook_path(url) if url else path
        self.listen, self.requested_port = listen, port
        self.allowed_updates = allowed_updates or ALLOWED_UPDATES
        self.probe = probe_for(built)
        self.port: int | None = None
        self.url: str | None = None
        self._runner: web.AppRunner | None = None
        self._hooks_ran = False
        self.zalo = zalo

    # the HTTP side ------------------------------------------------------------------------

    def web_app(self) -> web.Application:
        web_app = web.Application(client_max_size=MAX_BODY)
        web_app.router.add_post(self.path, self._receive)
        if self.zalo is not None:
            self.zalo.add_route(web_app)
        add_route(web_app, self.probe)
        return web_app

    def _authentic(self, request: web.Request) -> bool:
        given = request.headers.get(SECRET_HEADER, "").encode("utf-8", "replace")
        return hmac.compare_digest(given, self._secret)

    async def _receive(self, request: web.Request) -> web.Response:
        if not self._authentic(request):
            log.warning("webhook call refused: wrong or missing secret token (from %s)", request.remote)
            return web.Response(status=403)
        try:
            data = await request.json(loads=json.loads)
        except (ValueError, UnicodeDecodeError):
            return web.Response(status=400)
        if not isinstance(data, dict) or not isinstance(data.get("update_id"), int):
            return web.Response(status=400)
        try:
            update = Update.de_json(data, self.app.bot)
        except Exception:  # a malformed update is dropped, not retried forever by Telegram
            log.warning("webhook update %s could not be read; dropped", data.get("update_id"))
            return web.Response(status=200)
        await self.app.update_queue.put(update)
        return web.Response(status=200)

    # life cycle ---------------------------------------------------------------------------

    async def start(self) -> None:
        """Start the application and the receiver, then tell Telegram where to send updates."""
        app = self.app
        await app.initialize()
        try:
            if app.post_init is not None:
                await app.post_init(app)
            self._hooks_ran = True
            await app.start()
            self._runner = web.AppRunner(self.web_app(), access_log=None)
            await self._runner.setup()
            await web.TCPSite(self._runner, self.listen, self.requested_port).start()
            self.port = bound_port(self._runner)
            self.url = self.public_url or f"http://{self.listen}:{self.port}{self.path}"
            log.info("webhook receiver listening on %s:%s%s", self.listen, self.port, self.path)
            try:
                await app.bot.set_webhook(
                    self.url,
                    secret_token=self._secret.decode(),
                    allowed_updates=self.allowed_updates,
                    drop_pending_updates=False,
                )
            except TelegramError as exc:
                raise WebhookError(f"Telegram không nhận địa chỉ webhook {self.url}: {exc}.") from None
            if self.zalo is not None:
                await self.zalo.register(self.zalo_url())
        except BaseException:
            await self.stop()
            raise

    def zalo_url(self) -> str:
        """Where Zalo calls: ``/zalo`` beside Telegram's path, on the same host."""
        assert self.url is not None
        parts = urlsplit(self.url)
        return f"{parts.scheme}://{parts.netloc}{ZALO_PATH}"

    async def stop(self) -> None:
        """Stop taking calls, finish the updates already received, stop the scheduler, shut down."""
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None
        if self.zalo is not None:
            await self.zalo.drain()
        app = self.app
        if app.running:
            await app.stop()
        if self._hooks_ran:
            self._hooks_ran = False
            if app.post_stop is not None:
                await app.post_stop(app)
        await app.shutdown()

    async def __aenter__(self) -> WebhookServer:
        await self.start()
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.stop()

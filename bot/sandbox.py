"""The bot running in-process against the local Telegram server (and the local Zalo server, when
asked): for the demo and the tests.

The real python-telegram-bot application polls the local server over HTTP exactly as it would
poll Telegram; people are simulated on the server's side.
"""

from __future__ import annotations

import socket
from collections.abc import Callable
from types import TracebackType
from typing import Any

from telegram.ext import Application

from bot.app import TelegramApp
from bot.bootstrap import Core, telegram_app
from bot.runner import serve_dashboard_with
from bot.settings import Settings
from channels.telegram.application import ALLOWED_UPDATES
from scheduler.limits import LimitSettings
from scheduler.runtime import Runtime, RuntimeSettings
from scheduler.sender import SenderSettings
from services.clock import Clock
from storage.db import Database
from tgserver.messages import Message
from tgserver.people import Chat, User
from tgserver.server import TelegramServer
from zaloserver.server import ZaloServer

TOKEN = "7000001:dondoc-sandbox-token"
ZALO_TOKEN = "2000001:dondoc-sandbox-zalo"


def free_port() -> int:
    """A port nothing listens on now (for the dashboard a test serves)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class Sandbox:
    """Local server + bot application + database, started and stopped together."""

    def __init__(
        self,
        db: Database,
        clock: Clock,
        *,
        admins: int = 1,
        time_scale: float = 0.02,
        limits: bool = True,
        settings_overrides: dict[str, Any] | None = None,
        web: bool = False,
        zalo: bool = False,
    ) -> None:
        self.db, self.clock = db, clock
        self.tg = TelegramServer(TOKEN, "dondoc_bot", time_scale=time_scale, limits=limits)
        self.zl = ZaloServer(ZALO_TOKEN, time_scale=time_scale) if zalo else None
        self.admins = [self.tg.add_user("Thư ký", f"Thường trực {n + 1}") for n in range(admins)]
        self.time_scale = time_scale
        self.settings_overrides = settings_overrides or {}
        self.web_port = free_port() if web else None  # the dashboard, served as ``dondoc run --web-port``
        self.built: TelegramApp | None = None

    @property
    def app(self) -> Application[Any, Any, Any, Any, Any, Any]:
        assert self.built is not None, "start() first"
        return self.built.application

    @property
    def runtime(self) -> Runtime:
        assert self.built is not None, "start() first"
        return self.built.runtime

    def settings(self, **extra: Any) -> Settings:
        """The bot's settings, pointing at the local server."""
        return Settings(
            telegram_bot_token=TOKEN,  # type: ignore[arg-type]
            telegram_api_base_url=self.tg.base_url,
            telegram_api_file_url=self.tg.base_file_url,
            database_url=self.db.url,
            admin_ids=[admin.id for admin in self.admins],
            **{**self.web_settings(), **self.zalo_settings(), **self.settings_overrides, **extra},
        )

    def web_settings(self) -> dict[str, Any]:
        if self.web_port is None:
            return {}
        return {"web_base_url": self.web_url, "web_secret": "sandbox-dashboard-session-key-0123456789"}

    @property
    def web_url(self) -> str:
        """The dashboard's address (``web=True``)."""
        assert self.web_port is not None, "Sandbox(web=True)"
        return f"http://127.0.0.1:{self.web_port}"

    def zalo_settings(self) -> dict[str, Any]:
        """Zalo's settings when this sandbox has the local Zalo server (sending as fast as it likes)."""
        if self.zl is None:
            return {}
        return {"zalo_bot_token": ZALO_TOKEN, "zalo_api_base_url": self.zl.base_url, "zalo_messages_per_second": 30}

    def runtime_settings(self) -> RuntimeSettings:
        """Ticks on demand (``deliver``), sends at the server's accelerated pace."""
        return RuntimeSettings(
            autotick=False,
            idle_seconds=0.2,
            limits=LimitSettings(time_scale=self.time_scale),
            sender=SenderSettings(time_scale=self.time_scale),
        )

    def build(self, **extra: Any) -> TelegramApp:
        """The bot as every entry point builds it (``bot.bootstrap``), on this sandbox's database and clock."""
        core = Core.build(self.settings(**extra), db=self.db, clock=self.clock)
        self.built = telegram_app(core, self.runtime_settings())
        serve_dashboard_with(self.built.application, core, self.web_port)
        return self.built

    async def start(self) -> None:
        await self.tg.start()
        if self.zl is not None:
            await self.zl.start()
        self.build()
        await self.app.initialize()
        if self.app.post_init is not None:
            await self.app.post_init(self.app)
        assert self.app.updater is not None
        await self.app.updater.start_polling(poll_interval=0.0, timeout=1, allowed_updates=ALLOWED_UPDATES)
        await self.app.start()

    async def stop(self) -> None:
        if self.built is not None:
            assert self.app.updater is not None
            if self.app.updater.running:
                await self.app.updater.stop()
            if self.app.running:
                await self.app.stop()
            if self.app.post_stop is not None:
                await self.app.post_stop(self.app)
            await self.app.shutdown()
            await self.built.core.close_channels()
            self.built = None
        await self.tg.stop()
        if self.zl is not None:
            await self.zl.stop()

    async def __aenter__(self) -> Sandbox:
        await self.start()
        return self

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        await self.stop()

    # acting as people ---------------------------------------------------------------------

    @property
    def admin(self) -> User:
        """The first secretariat member (an admin from ADMIN_IDS)."""
        return self.admins[0]

    def dm(self, user: User) -> Chat:
        return self.tg.private_chat(user)

    def mark(self) -> int:
        """A position in the server's record of sent messages; wait for what comes after it."""
        return len(self.tg.sent)

    async def next_in(self, chat: Chat, after: int, timeout: float = 10.0, contains: str = "") -> Message:
        return await self.tg.wait_for(lambda m: m.chat_id == chat.id and contains in m.shown_text, timeout, after=after)

    async def ask(
        self, chat: Chat, user: User, text: str, reply_to: Message | int | None = None, contains: str = "",
        timeout: float = 10.0,
    ) -> Message:
        """Send ``text`` as ``user`` and return the bot's answer to it (the bot quotes what it answers)."""
        after = self.mark()
        said = self.tg.send_text(chat, user, text, reply_to=reply_to)
        return await self.tg.wait_for(
            lambda m: m.chat_id == chat.id and m.reply_to_message_id == said.message_id and contains in m.shown_text,
            timeout,
            after=after,
        )

    async def press(self, chat: Chat, user: User, message: Message, data: str) -> str:
        """Press a button and return the text of the bot's answer to the press (alert or toast)."""
        query_id = self.tg.press_button(chat, user, message.message_id, data)
        answer = await self.tg.wait_for_callback_answer(query_id)
        return answer.text or ""

    async def deliver(self) -> int:
        """Run one engine tick and send everything due now (the scheduler's job, on demand)."""
        await self.runtime.tick()
        return await self.runtime.sender.drain()

    def buttons(self, message: Message) -> list[tuple[str, str]]:
        markup = message.reply_markup or {}
        return [(b["text"], b.get("callback_data", "")) for row in markup.get("inline_keyboard", []) for b in row]

    def button_data(self, message: Message, text_part: str) -> str:
        for text, data in self.buttons(message):
            if text_part in text:
                return data
        raise AssertionError(f"no button with {text_part!r} in {self.buttons(message)}")

    def find(self, predicate: Callable[[Message], bool]) -> list[Message]:
        return [m for m in self.tg.sent if predicate(m)]

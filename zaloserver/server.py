"""ZaloServer: the stand-in's lifecycle, configuration and fault injection in one object for tests."""

from __future__ import annotations

from types import TracebackType

from aiohttp import web

from zaloserver.acting import PeopleActions
from zaloserver.endpoints import Endpoints
from zaloserver.faults import Fault, FaultKind, FaultPlan
from zaloserver.methods import method_handlers
from zaloserver.observing import BotObservations
from zaloserver.people import BotAccount, Chat
from zaloserver.readings import Readings
from zaloserver.spec import Spec
from zaloserver.webhook import WebhookSender
from zaloserver.world import World

DEFAULT_TOKEN = "1459232241454765289:dondoc-local-secret"


class ZaloServer(PeopleActions, BotObservations):
    """A local Zalo Bot API server with simulated people; see the package docstring for the whole API."""

    def __init__(
        self,
        token: str = DEFAULT_TOKEN,
        *,
        account_name: str = "bot.dondoc",
        can_join_groups: bool = True,
        time_scale: float = 1.0,
        readings: Readings | None = None,
    ) -> None:
        bot_id, _, secret = token.partition(":")
        if not bot_id.isdigit() or not secret:
            raise ValueError("a Zalo bot token looks like '<bot_id>:<secret>'")
        if time_scale <= 0:
            raise ValueError("time_scale must be positive")
        self.token = token
        self.world = World(BotAccount(bot_id, account_name, can_join_groups), readings or Readings())
        self.faults = FaultPlan()
        self.webhook = WebhookSender(self.world, time_scale)
        endpoints = Endpoints(
            token, Spec(), method_handlers(self.world, self.webhook), self.world, self.faults
        )
        self.app = web.Application()
        self.app.add_routes(endpoints.routes())
        self._runner: web.AppRunner | None = None
        self.base_url = ""

    @property
    def bot(self) -> BotAccount:
        return self.world.bot

    @property
    def readings(self) -> Readings:
        return self.world.readings

    async def start(self, host: str = "127.0.0.1", port: int = 0) -> None:
        """Serve on host:port (0 picks a free port); `base_url` ends with "/bot", like ZALO_API_BASE_URL."""
        self._runner = web.AppRunner(self.app, shutdown_timeout=1.0, access_log=None)
        await self._runner.setup()
        await web.TCPSite(self._runner, host, port).start()
        port = self._runner.addresses[0][1]
        self.world.root_url = f"http://{host}:{port}"
        self.base_url = f"{self.world.root_url}/bot"

    async def stop(self) -> None:
        """End long polls and held requests at once, stop webhook delivery, close the listener."""
        self.world.closing = True
        self.world.changed()
        await self.webhook.close()
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    async def __aenter__(self) -> ZaloServer:
        await self.start()
        return self

    async def __aexit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        await self.stop()

    def inject(
        self,
        method: str | None = None,
        kind: FaultKind = "500",
        *,
        chat_id: Chat | str | None = None,
        times: int | None = 1,
        delay: float | None = None,
    ) -> Fault:
        """Make the next `times` calls of `method` (any method if None), into `chat_id` if given, fail."""
        target = chat_id.id if isinstance(chat_id, Chat) else chat_id
        return self.faults.arm(Fault(kind, method, target, times, delay))

    def clear_faults(self) -> None:
        self.faults.clear()

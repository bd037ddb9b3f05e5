"""ZaloServer: the stand-in's configuration and fault injection in one object for tests."""

from __future__ import annotations

from serverkit.server import LocalServer
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


class ZaloServer(PeopleActions, BotObservations, LocalServer):
    """A local Zalo Bot API server with simulated people; see the package docstring for the whole API."""

    token_help = "a Zalo bot token looks like '<bot_id>:<secret>'"
    world: World
    faults: FaultPlan
    webhook: WebhookSender

    def __init__(
        self,
        token: str = DEFAULT_TOKEN,
        *,
        account_name: str = "bot.dondoc",
        can_join_groups: bool = True,
        time_scale: float = 1.0,
        readings: Readings | None = None,
    ) -> None:
        super().__init__(token, time_scale)
        bot_id = token.partition(":")[0]
        self.world = World(BotAccount(bot_id, account_name, can_join_groups), readings or Readings())
        self.faults = FaultPlan()
        self.webhook = WebhookSender(self.world, time_scale)
        endpoints = Endpoints(
            token, Spec(), method_handlers(self.world, self.webhook), self.world, self.faults
        )
        self.app.add_routes(endpoints.routes())

    @property
    def bot(self) -> BotAccount:
        return self.world.bot

    @property
    def readings(self) -> Readings:
        return self.world.readings

    async def start(self, host: str = "127.0.0.1", port: int = 0) -> None:
        """Serve on host:port (0 picks a free port); `base_url` ends with "/bot", like ZALO_API_BASE_URL."""
        await super().start(host, port)
        self.world.root_url = self.root_url

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

"""TelegramServer: the stand-in's configuration and fault injection in one object for tests."""

from __future__ import annotations

import asyncio
from collections.abc import Callable

from serverkit.server import LocalServer
from tgserver.acting import PeopleActions
from tgserver.api import method_handlers
from tgserver.endpoints import MAX_UPLOAD, Endpoints
from tgserver.faults import Fault, FaultKind, FaultPlan
from tgserver.limits import RateLimiter, RateLimits
from tgserver.observing import BotObservations
from tgserver.people import Chat, User
from tgserver.schema import Schema
from tgserver.webhook import WebhookSender
from tgserver.world import World


class TelegramServer(PeopleActions, BotObservations, LocalServer):
    """A local Bot API server with simulated people; see the package docstring for the whole API."""

    token_help = "a bot token looks like '123456:secret'"
    world: World
    faults: FaultPlan
    webhook: WebhookSender

    def __init__(
        self,
        token: str = "123:ABC",
        bot_username: str = "dondoc_bot",
        *,
        bot_name: str = "Đôn Đốc",
        time_scale: float = 1.0,
        limits: bool | RateLimits = True,
        privacy_mode: bool = True,
        clock: Callable[[], float] | None = None,
    ) -> None:
        super().__init__(token, time_scale, client_max_size=MAX_UPLOAD)
        bot_id = token.partition(":")[0]
        self.world = World(User(int(bot_id), bot_name, username=bot_username, is_bot=True), privacy_mode)
        self.faults = FaultPlan()
        self._clock = clock
        chosen = RateLimits() if limits is True else limits or None
        limiter = RateLimiter(chosen, time_scale, self._now) if chosen else None
        self.webhook = WebhookSender(self.world.updates, self.world.pulse, time_scale)
        handlers = method_handlers(self.world, limiter, self.webhook)
        endpoints = Endpoints(token, Schema(), handlers, self.world, self.faults)
        self.implemented_methods = sorted(handlers)
        self.app.add_routes(endpoints.routes())
        self.base_file_url = ""

    @property
    def bot(self) -> User:
        return self.world.bot

    async def start(self, host: str = "127.0.0.1", port: int = 0) -> None:
        """Serve on host:port (0 picks a free port) in the running event loop; sets the two base URLs."""
        await super().start(host, port)
        self.base_file_url = f"{self.root_url}/file/bot"

    def inject(
        self,
        method: str | None = None,
        kind: FaultKind = "429",
        *,
        chat_id: Chat | int | str | None = None,
        times: int | None = 1,
        retry_after: int = 3,
        delay: float | None = None,
    ) -> Fault:
        """Make the next `times` calls of `method` (any method if None), to `chat_id` if given, fail."""
        target = chat_id.id if isinstance(chat_id, Chat) else chat_id
        return self.faults.arm(Fault(kind, method, target, times, delay, retry_after=retry_after))

    def scaled(self, seconds: float) -> float:
        """Real seconds that stand for `seconds` of Telegram time at this server's time_scale."""
        return seconds * self.time_scale

    def _now(self) -> float:
        return self._clock() if self._clock is not None else asyncio.get_running_loop().time()

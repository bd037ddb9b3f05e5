"""A stand-in server's lifecycle: serve in the running event loop, stop at once, `async with` both."""

from __future__ import annotations

from types import TracebackType
from typing import Any, ClassVar, Self

from aiohttp import web

from serverkit.faults import FaultPlan
from serverkit.state import ServerState
from serverkit.webhook import WebhookSender


class LocalServer:
    """The base of a server object for tests: subclasses build `world`, `faults` and `webhook` and add routes."""

    token_help: ClassVar[str]
    """The ValueError for a token not shaped "<bot_id>:<secret>", in the API's own terms."""

    world: ServerState[Any, Any]
    faults: FaultPlan[Any]
    webhook: WebhookSender[Any]

    def __init__(self, token: str, time_scale: float, *, client_max_size: int = 1024**2) -> None:
        bot_id, _, secret = token.partition(":")
        if not bot_id.isdigit() or not secret:
            raise ValueError(self.token_help)
        if time_scale <= 0:
            raise ValueError("time_scale must be positive")
        self.token = token
        self.time_scale = time_scale
        self.app = web.Application(client_max_size=client_max_size)
        self._runner: web.AppRunner | None = None
        self.root_url = ""
        self.base_url = ""

    async def start(self, host: str = "127.0.0.1", port: int = 0) -> None:
        """Serve on host:port (0 picks a free port); `base_url` ends with "/bot", before the token."""
        self._runner = web.AppRunner(self.app, shutdown_timeout=1.0, access_log=None)
        await self._runner.setup()
        await web.TCPSite(self._runner, host, port).start()
        port = self._runner.addresses[0][1]
        self.root_url = f"http://{host}:{port}"
        self.base_url = f"{self.root_url}/bot"

    async def stop(self) -> None:
        """End long polls and held requests at once, stop webhook delivery, close the listener."""
        self.world.closing = True
        self.world.changed()
        await self.webhook.close()
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    async def __aenter__(self) -> Self:
        await self.start()
        return self

    async def __aexit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        await self.stop()

    def clear_faults(self) -> None:
        self.faults.clear()

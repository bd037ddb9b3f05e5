"""How the bot gets updates, as both platforms name it: getUpdates long polling, or a webhook (never both)."""

from __future__ import annotations

from abc import ABC, abstractmethod
from typing import Any, Generic, TypeVar

from serverkit.endpoints import Handler
from serverkit.state import ServerState
from serverkit.webhook import WebhookSender

W = TypeVar("W", bound=ServerState[Any, Any])
H = TypeVar("H", bound=WebhookSender[Any])


class UpdateMethods(ABC, Generic[W, H]):
    """The four methods; each API checks their parameters and shapes their answers itself."""

    def __init__(self, world: W, webhook: H) -> None:
        self.world = world
        self.webhook = webhook
        self._latest_poll = 0

    def handlers(self) -> dict[str, Handler]:
        return {
            "getUpdates": self.get_updates,
            "setWebhook": self.set_webhook,
            "deleteWebhook": self.delete_webhook,
            "getWebhookInfo": self.get_webhook_info,
        }

    @abstractmethod
    async def get_updates(self, params: dict[str, Any]) -> Any:
        """Usually: refuse while a webhook is set, `_long_poll`, then hand out what is pending."""

    @abstractmethod
    async def set_webhook(self, params: dict[str, Any]) -> Any: ...

    @abstractmethod
    async def delete_webhook(self, params: dict[str, Any]) -> Any: ...

    async def get_webhook_info(self, params: dict[str, Any]) -> Any:
        return self.webhook.info()

    async def _long_poll(self, seconds: float) -> bool:
        """Wait up to `seconds` for a pending update (or the server closing); False when a newer poll took over.

        While it waits, the poll is counted in `waiting_polls`, so a test can wait until the bot is polling.
        """
        self._latest_poll += 1
        mine, world, queue = self._latest_poll, self.world, self.webhook.queue
        world.changed()  # wakes an older poll so it ends

        def answered() -> bool | None:
            return True if len(queue) or self._latest_poll != mine or world.closing else None

        if seconds and answered() is None:
            world.waiting_polls += 1
            world.changed()
            try:
                await world.pulse.until(answered, seconds)
            finally:
                world.waiting_polls -= 1
        return self._latest_poll == mine

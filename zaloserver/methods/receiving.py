"""How the bot gets updates: getUpdates long polling, or a webhook (never both, as the summary says)."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from zaloserver.errors import NO_UPDATE, ApiError, bad_request
from zaloserver.methods.handler import Handler
from zaloserver.webhook import WebhookSender
from zaloserver.world import World

DEFAULT_POLL_SECONDS = 30
_WEBHOOK_ACTIVE = ApiError(
    409, "Conflict: getUpdates does not work while a webhook is set; deleteWebhook first"
)
_OTHER_POLL = ApiError(409, "Conflict: terminated by another getUpdates request")
_LOOPBACK = frozenset({"127.0.0.1", "localhost", "::1"})


class ReceivingMethods:
    def __init__(self, world: World, webhook: WebhookSender) -> None:
        self.world = world
        self.webhook = webhook
        self._poll = 0

    def handlers(self) -> dict[str, Handler]:
        return {
            "getUpdates": self.get_updates,
            "setWebhook": self.set_webhook,
            "getWebhookInfo": self.get_webhook_info,
            "deleteWebhook": self.delete_webhook,
        }

    async def get_updates(self, params: dict[str, Any]) -> Any:
        """Answers as soon as an update is pending, or after `timeout` seconds; a newer poll ends this one."""
        if self.webhook.url:
            raise _WEBHOOK_ACTIVE
        self._poll += 1
        self.world.changed()  # wakes an older poll so it ends
        mine, queue = self._poll, self.world.updates

        def answered() -> bool | None:
            return True if len(queue) or self._poll != mine or self.world.closing else None

        timeout = params.get("timeout", DEFAULT_POLL_SECONDS)
        if timeout and answered() is None:
            self.world.waiting_polls += 1
            self.world.changed()
            try:
                await self.world.pulse.until(answered, timeout)
            finally:
                self.world.waiting_polls -= 1
        if self._poll != mine:
            raise _OTHER_POLL
        one = self.world.readings.updates == "object"
        taken = queue.take(1 if one else None)
        if taken:
            return taken[0] if one else taken
        if self.world.readings.empty_poll == "408":
            raise NO_UPDATE
        return {} if one else []

    async def set_webhook(self, params: dict[str, Any]) -> Any:
        url = params["url"]
        parts = urlsplit(url)
        if parts.scheme.lower() != "https" and parts.hostname not in _LOOPBACK:
            raise bad_request("url must be an HTTPS URL (plain http is accepted here for loopback only)")
        return self.webhook.set(url, params["secret_token"])

    async def get_webhook_info(self, params: dict[str, Any]) -> Any:
        return self.webhook.info()

    async def delete_webhook(self, params: dict[str, Any]) -> Any:
        return self.webhook.remove()

"""How the bot gets updates: getUpdates long polling, or a webhook (never both, as the summary says)."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from serverkit import receiving
from zaloserver.errors import NO_UPDATE, ApiError, bad_request
from zaloserver.webhook import WebhookSender
from zaloserver.world import World

DEFAULT_POLL_SECONDS = 30
_WEBHOOK_ACTIVE = ApiError(
    409, "Conflict: getUpdates does not work while a webhook is set; deleteWebhook first"
)
_OTHER_POLL = ApiError(409, "Conflict: terminated by another getUpdates request")
_LOOPBACK = frozenset({"127.0.0.1", "localhost", "::1"})


class ReceivingMethods(receiving.UpdateMethods[World, WebhookSender]):
    """Zalo's reading: no offsets, an update leaves the queue once handed out; https only off loopback."""

    async def get_updates(self, params: dict[str, Any]) -> Any:
        """Answers as soon as an update is pending, or after `timeout` seconds; a newer poll ends this one."""
        if self.webhook.url:
            raise _WEBHOOK_ACTIVE
        if not await self._long_poll(params.get("timeout", DEFAULT_POLL_SECONDS)):
            raise _OTHER_POLL
        one = self.world.readings.updates == "object"
        taken = self.world.updates.take(1 if one else None)
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

    async def delete_webhook(self, params: dict[str, Any]) -> Any:
        return self.webhook.remove()

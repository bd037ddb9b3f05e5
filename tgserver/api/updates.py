"""How the bot gets its updates: getUpdates long polling, or a webhook (never both, as in Telegram)."""

from __future__ import annotations

import re
from typing import Any

from serverkit import receiving
from tgserver.errors import ApiError, bad_request
from tgserver.webhook import WebhookSender
from tgserver.world import World

_WEBHOOK_ACTIVE = "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first"
_OTHER_POLL = (
    "Conflict: terminated by other getUpdates request; make sure that only one bot instance is running"
)
_SECRET_TOKEN = re.compile(r"[A-Za-z0-9_-]{1,256}")


class UpdateMethods(receiving.UpdateMethods[World, WebhookSender]):
    """Telegram's reading: offsets confirm updates, allowed_updates filters them, drop_pending_updates."""

    async def get_updates(self, params: dict[str, Any]) -> Any:
        """Returns as soon as an update is pending, or after `timeout` seconds; a newer call ends this one."""
        if self.webhook.url:
            raise ApiError(409, _WEBHOOK_ACTIVE)
        queue = self.world.updates
        queue.choose(params.get("allowed_updates"))
        if "offset" in params:
            queue.confirm(params["offset"])
        if not await self._long_poll(max(0, params.get("timeout", 0))):
            raise ApiError(409, _OTHER_POLL)
        return queue.peek(min(max(params.get("limit", 100), 1), 100))

    async def set_webhook(self, params: dict[str, Any]) -> Any:
        url = params.get("url", "")
        if not url:
            return await self.delete_webhook(params)
        if not url.lower().startswith(("https://", "http://")):
            raise bad_request("bad webhook: An HTTPS URL must be provided for webhook")
        secret = params.get("secret_token")
        if secret is not None and not _SECRET_TOKEN.fullmatch(secret):
            raise bad_request("secret token contains unallowed characters")
        if params.get("drop_pending_updates"):
            self.world.updates.clear()
        self.world.updates.choose(params.get("allowed_updates"))
        self.webhook.set(url, secret, params.get("max_connections", 40))
        return True

    async def delete_webhook(self, params: dict[str, Any]) -> Any:
        if params.get("drop_pending_updates"):
            self.world.updates.clear()
        self.webhook.stop_delivery()
        return True

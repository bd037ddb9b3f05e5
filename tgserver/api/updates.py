"""How the bot gets its updates: getUpdates long polling, or a webhook (never both, as in Telegram)."""

from __future__ import annotations

import re
from typing import Any

from tgserver.api.handler import Handler
from tgserver.errors import ApiError, bad_request
from tgserver.webhook import WebhookSender
from tgserver.world import World

_WEBHOOK_ACTIVE = "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first"
_OTHER_POLL = (
    "Conflict: terminated by other getUpdates request; make sure that only one bot instance is running"
)
_SECRET_TOKEN = re.compile(r"[A-Za-z0-9_-]{1,256}")


class UpdateMethods:
    def __init__(self, world: World, webhook: WebhookSender) -> None:
        self.world = world
        self.webhook = webhook
        self._poll = 0

    def handlers(self) -> dict[str, Handler]:
        return {
            "getUpdates": self.get_updates,
            "setWebhook": self.set_webhook,
            "deleteWebhook": self.delete_webhook,
            "getWebhookInfo": self.get_webhook_info,
        }

    async def get_updates(self, params: dict[str, Any]) -> Any:
        """Returns as soon as an update is pending, or after `timeout` seconds; a newer call ends this one."""
        if self.webhook.url:
            raise ApiError(409, _WEBHOOK_ACTIVE)
        self._poll += 1
        mine = self._poll
        queue = self.world.updates
        queue.choose(params.get("allowed_updates"))
        if "offset" in params:
            queue.confirm(params["offset"])
        timeout = max(0, params.get("timeout", 0))

        def answered() -> bool | None:
            return True if len(queue) or self._poll != mine or self.world.closing else None

        if timeout and answered() is None:
            self.world.waiting_polls += 1
            self.world.changed()
            try:
                await self.world.pulse.until(answered, timeout)
            finally:
                self.world.waiting_polls -= 1
        if self._poll != mine:
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
        self.webhook.remove()
        return True

    async def get_webhook_info(self, params: dict[str, Any]) -> Any:
        return self.webhook.info()

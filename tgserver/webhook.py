"""Webhook delivery as Telegram does it, and what getWebhookInfo reports about it."""

from __future__ import annotations

from typing import Any

from serverkit import webhook
from tgserver.updates import UpdateQueue


class WebhookSender(webhook.WebhookSender[UpdateQueue]):
    """Delivery with Telegram's secret header and error wording; `info` answers getWebhookInfo."""

    secret_header = "X-Telegram-Bot-Api-Secret-Token"
    wrong_answer = "Wrong response from the webhook: {status} {reason}"
    no_connection = "Connection failed: {error}"
    max_connections = 40

    def set(self, url: str, secret_token: str | None, max_connections: int) -> None:
        self.max_connections = max_connections
        self.deliver_to(url, secret_token)

    def info(self) -> dict[str, Any]:
        info: dict[str, Any] = {
            "url": self.url,
            "has_custom_certificate": False,
            "pending_update_count": len(self.queue),
        }
        if self.url:
            info["max_connections"] = self.max_connections
            if self.queue.allowed:
                info["allowed_updates"] = sorted(self.queue.allowed)
        if self.last_error_date is not None:
            info["last_error_date"] = self.last_error_date
            info["last_error_message"] = self.last_error
        return info

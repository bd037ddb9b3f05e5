"""Webhook delivery with the secret header the summary names, the body bare or enveloped (see `Readings`).

The summary does not say what happens when the receiver fails; like Telegram, we retry the same update
after 1, 2, 4 ... 60 s (times time_scale) and keep the order.
"""

from __future__ import annotations

from typing import Any

from serverkit import webhook
from zaloserver.updates import UpdateQueue
from zaloserver.world import World


class WebhookSender(webhook.WebhookSender[UpdateQueue]):
    """Set and removed by the API methods, each answering the webhook's info."""

    secret_header = "X-Bot-Api-Secret-Token"

    def __init__(self, world: World, time_scale: float) -> None:
        super().__init__(world.updates, world.pulse, time_scale)
        self._world = world
        self.updated_at = 0

    def set(self, url: str, secret_token: str) -> dict[str, Any]:
        self.updated_at = self._world.now_ms()
        self.deliver_to(url, secret_token)
        return self.info()

    def remove(self) -> dict[str, Any]:
        self.updated_at = self._world.now_ms()
        self.stop_delivery()
        return self.info()

    def info(self) -> dict[str, Any]:
        return {"url": self.url, "updated_at": self.updated_at}

    def body(self, update: dict[str, Any]) -> Any:
        return {"ok": True, "result": update} if self._world.readings.webhook_body == "envelope" else update

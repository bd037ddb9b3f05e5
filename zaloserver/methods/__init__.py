"""The API methods this server implements (exactly those in `api.json`), grouped by direction."""

from __future__ import annotations

from typing import Any

from serverkit.endpoints import Handler
from zaloserver.methods.receiving import ReceivingMethods
from zaloserver.methods.sending import SendingMethods
from zaloserver.webhook import WebhookSender
from zaloserver.world import World


def method_handlers(world: World, webhook: WebhookSender) -> dict[str, Handler]:
    """Method name (as the summary spells it) -> implementation taking checked parameters."""

    async def get_me(params: dict[str, Any]) -> Any:
        return world.bot.to_api()

    return {
        "getMe": get_me,
        **SendingMethods(world).handlers(),
        **ReceivingMethods(world, webhook).handlers(),
    }

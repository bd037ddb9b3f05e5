"""The Bot API methods this server implements, grouped by what they are about."""

from __future__ import annotations

from serverkit.endpoints import Handler
from tgserver.api.bot import BotMethods
from tgserver.api.messages import MessageMethods
from tgserver.api.updates import UpdateMethods
from tgserver.limits import RateLimiter
from tgserver.webhook import WebhookSender
from tgserver.world import World


def method_handlers(world: World, limiter: RateLimiter | None, webhook: WebhookSender) -> dict[str, Handler]:
    """Implemented method name (as the schema spells it) -> implementation."""
    return {
        **BotMethods(world).handlers(),
        **MessageMethods(world, limiter).handlers(),
        **UpdateMethods(world, webhook).handlers(),
    }

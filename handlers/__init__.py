"""Telegram updates in, service calls, messages out: one module per user area."""

from __future__ import annotations

from typing import Any

from telegram.ext import Application

from handlers import (
    agencies,
    binding,
    buttons,
    chats,
    corrections,
    exports,
    notices,
    plans,
    start,
    status,
    views,
)


def register(app: Application[Any, Any, Any, Any, Any, Any]) -> None:
    """Add every handler of the bot to ``app``."""
    chats.register(app)
    start.register(app)
    binding.register(app)
    agencies.register(app)
    plans.register(app)
    corrections.register(app)
    status.register(app)
    views.register(app)
    exports.register(app)
    notices.register(app)
    buttons.register(app)

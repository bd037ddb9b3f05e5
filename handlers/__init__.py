"""Telegram updates in, service calls, messages out: one module per user area."""

from __future__ import annotations

from telegram.ext import Application

from handlers import start


def register(app: Application) -> None:  # type: ignore[type-arg]
    """Add every handler of the bot to ``app``."""
    start.register(app)

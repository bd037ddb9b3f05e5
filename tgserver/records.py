"""Telegram-only records kept for assertions (calls are `serverkit.records.Call`, messages `messages.Message`)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class CallbackAnswer:
    """One answerCallbackQuery call."""

    callback_query_id: str
    text: str | None
    show_alert: bool
    url: str | None
    cache_time: int

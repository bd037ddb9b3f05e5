"""The port's message parts in Telegram's terms: actions as an inline keyboard, formats as parse modes."""

from __future__ import annotations

from telegram import InlineKeyboardButton, InlineKeyboardMarkup
from telegram.constants import ParseMode

from channels.port import HTML, Actions


def keyboard(actions: Actions) -> InlineKeyboardMarkup | None:
    """An inline keyboard with one button per action (its data is the callback data), or None."""
    if not actions:
        return None
    return InlineKeyboardMarkup(
        [[InlineKeyboardButton(a.label, callback_data=a.data) for a in row] for row in actions]
    )


def parse_mode(format: str) -> ParseMode | None:
    return ParseMode.HTML if format == HTML else None

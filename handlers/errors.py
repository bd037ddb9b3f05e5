"""The application's error handler: a failure is logged with its ids and the person gets one sentence."""

from __future__ import annotations

import logging

from telegram import Update

from handlers.deps import Context
from locales import _

log = logging.getLogger(__name__)


def sorry() -> str:
    return _("Xin lỗi, đã có lỗi khi xử lý yêu cầu này; đề nghị thử lại sau ít phút.")


async def on_error(update: object, context: Context) -> None:
    """Log the failure with the update, chat and user ids (never the token, never message text),
    then tell the person once, the way the update came in."""
    ids: dict[str, int | None] = {}
    if isinstance(update, Update):
        ids = {
            "update": update.update_id,
            "chat": update.effective_chat.id if update.effective_chat else None,
            "user": update.effective_user.id if update.effective_user else None,
        }
    log.error("handler failed: %s", type(context.error).__name__, exc_info=context.error, extra=ids)
    if not isinstance(update, Update):
        return
    try:
        if update.callback_query is not None:
            await update.callback_query.answer(sorry(), show_alert=True)
        elif update.effective_message is not None:
            await update.effective_message.reply_text(sorry())
    except Exception as exc:  # the messenger itself may be what failed
        log.warning("could not tell the user about the failure: %s", type(exc).__name__, extra=ids)

"""When a handler fails: the failure is logged with its ids and the person gets one sentence."""

from __future__ import annotations

import logging

from handlers.deps import Context
from handlers.guard import refuse
from locales import _

log = logging.getLogger(__name__)


def sorry() -> str:
    return _("Xin lỗi, đã có lỗi khi xử lý yêu cầu này; đề nghị thử lại sau ít phút.")


async def on_error(error: BaseException | None, c: Context | None) -> None:
    """Log the failure with the update, chat and user ids (never the token, never message text),
    then tell the person once, the way the message came in (``c`` is None when none did)."""
    ids: dict[str, int | None] = {}
    if c is not None:
        sender = c.msg.sender
        ids = {"update": c.msg.update_id, "chat": c.msg.chat_id, "user": sender.external_id if sender else None}
    log.error("handler failed: %s", type(error).__name__, exc_info=error, extra=ids)
    if c is None or c.msg.message_id is None:
        return
    try:
        await refuse(c, sorry())
    except Exception as exc:  # the messenger itself may be what failed
        log.warning("could not tell the user about the failure: %s", type(exc).__name__, extra=ids)

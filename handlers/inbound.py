"""The entry points a channel adapter calls, one per kind of incoming message.

An adapter decides which kind a message is (a command, a pressed action, a reply to the bot…)
and calls the matching function here with a ``Context``; everything after that is the same for
every messenger.
"""

from __future__ import annotations

from handlers import agencies, binding, communes, corrections, dashboard, exports, oversight, reading, start  # noqa: F401  (their commands and buttons)
from handlers.buttons import dispatch as press
from handlers.chats import membership
from handlers.deps import Context
from handlers.errors import on_error
from handlers.guard import COMMANDS
from handlers.notices import on_draft_message as draft
from handlers.plans import on_document as document
from handlers.status import on_reply as reply
from handlers.typed import on_free_text as free_text

__all__ = ["command", "command_names", "document", "draft", "free_text", "membership", "on_error", "press", "reply"]


def command_names() -> list[str]:
    """Every command the handlers answer, without the slash."""
    return list(COMMANDS)


async def command(c: Context) -> None:
    """``/name args``; commands no handler knows are left alone."""
    handler = COMMANDS.get(c.msg.command or "")
    if handler is not None:
        await handler(c)

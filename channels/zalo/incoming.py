"""A Zalo update (a JSON object) as the port's ``Incoming`` message.

Ids are opaque strings: chats and people become integer handles (``HandleBook``), a message id a
stable 63-bit number (it is only ever recorded, never sent back: Zalo has no replies or edits).
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import replace
from typing import Any, Protocol

from channels.port import PRIVATE, FileRef, Incoming, Sender
from channels.zalo import NAME
from channels.zalo.memory import ChatMemory
from plans.text import fold

GROUP = "group"
NAME_KEYS = ("display_name", "first_name", "name")  # the samples show all three
# commands that may be typed without the slash and diacritics, folded: ``dang ky AB12-CD34``
SLASHLESS = {"dang ky": "dang_ky"}
_NUMBER = re.compile(r"^\s*(\d{1,2})(?:\s*[.):=-])?(?:\s+(.*))?\s*$", re.DOTALL)


class HandleBook(Protocol):
    """Integer handles for Zalo's string ids, the same in every process (``storage.handles``)."""

    async def handle(self, key: str) -> int: ...

    async def key(self, handle: int) -> str | None: ...


def message_number(message_id: str) -> int:
    """A Zalo message id as the integer our records keep."""
    return int.from_bytes(hashlib.blake2b(message_id.encode(), digest_size=8).digest(), "big") >> 1


def _command(text: str) -> tuple[str | None, str]:
    if text.startswith("/"):
        parts = text.split(maxsplit=1)
        return parts[0][1:].split("@", 1)[0].lower(), parts[1].strip() if len(parts) > 1 else ""
    words = text.split()
    for size in (2, 1):
        name = SLASHLESS.get(fold(" ".join(words[:size])))
        if name is not None and len(words) >= size:
            return name, " ".join(words[size:])
    return None, ""


async def incoming(update: dict[str, Any], handles: HandleBook, memory: ChatMemory) -> Incoming | None:
    """What came in, or None for an update that is not a message in a chat."""
    message = update.get("message")
    if not isinstance(message, dict):
        return None
    chat, sender = message.get("chat") or {}, message.get("from") or {}
    if not chat.get("id"):
        return None
    chat_id = await handles.handle(str(chat["id"]))
    name = next((str(sender[k]) for k in NAME_KEYS if sender.get(k)), "")
    who = Sender(await handles.handle(str(sender["id"])), name) if sender.get("id") else None
    text = str(message.get("text") or message.get("caption") or "").strip()
    photo = message.get("photo")
    msg = Incoming(
        channel=NAME,
        chat_id=chat_id,
        chat_kind=PRIVATE if str(chat.get("chat_type", "")).upper() == "PRIVATE" else GROUP,
        sender=who,
        message_id=message_number(str(message.get("message_id", ""))),
        text=text,
        photo=FileRef(str(photo)) if isinstance(photo, str) and photo else None,
    )
    command, args = _command(text)
    if command is not None:
        return replace(msg, command=command, args=args)
    return _answer(msg, memory)


def _answer(msg: Incoming, memory: ChatMemory) -> Incoming:
    """A typed number picking a shown choice, or the answer to the question asked last here."""
    number = _NUMBER.match(msg.text)
    if number is not None and (picked := memory.choose(msg.chat_id, int(number.group(1)))) is not None:
        message_id, action = picked
        return replace(msg, message_id=message_id, action=action.data, text=(number.group(2) or "").strip())
    question = memory.answered(msg.chat_id)
    if question is not None:
        return replace(msg, reply_to=question, reply_to_bot=True)
    return msg

"""Sending an ``Outgoing`` message to a Zalo chat: plain pieces of at most 2,000 characters, the
numbered choices under the last one, a file described in words (Zalo takes photos by public URL
only, and no documents), at a pace Zalo will not find too quick."""

from __future__ import annotations

import asyncio
import contextlib
import time

from channels.port import DeliveryError, ErrorKind, Outgoing
from channels.zalo import NAME
from channels.zalo.api import ZaloApi
from channels.zalo.incoming import HandleBook, message_number
from channels.zalo.memory import ChatMemory
from channels.zalo.text import shown
from locales import _


def file_note(name: str | None) -> str:
    """Where a file goes that Zalo cannot carry."""
    return _(
        "📎 Kèm theo tệp «{name}»: Zalo không nhận gửi tệp này qua bot. Đề nghị nhận tệp qua nhóm Telegram "
        "của đơn vị hoặc liên hệ Thường trực Tổ công tác.",
        name=name or _("tệp đính kèm"),
    )


class Pace:
    """At most ``per_second`` messages a second from this process (Zalo publishes no limit)."""

    def __init__(self, per_second: float) -> None:
        self.gap = 1.0 / per_second if per_second > 0 else 0.0
        self.next_at = 0.0
        self.lock = asyncio.Lock()

    async def wait(self) -> None:
        async with self.lock:
            delay = self.next_at - time.monotonic()
            if delay > 0:
                await asyncio.sleep(delay)
            self.next_at = time.monotonic() + self.gap


class ZaloChannel:
    """The outbox sender's way to Zalo, shared with the replies (one pace, one memory)."""

    name = NAME

    def __init__(self, api: ZaloApi, handles: HandleBook, memory: ChatMemory, pace: Pace) -> None:
        self.api, self.handles, self.memory, self.pace = api, handles, memory, pace

    async def chat_key(self, chat_id: int) -> str:
        key = await self.handles.key(chat_id)
        if key is None:
            raise DeliveryError(ErrorKind.CHAT_GONE, f"no Zalo chat has handle {chat_id}")
        return key

    async def text(self, chat_id: int, text: str) -> int:
        """One plain piece (at most 2,000 characters); the sent message's number."""
        key = await self.chat_key(chat_id)
        await self.pace.wait()
        sent = await self.api.send("sendMessage", {"chat_id": key, "text": text})
        return message_number(str((sent or {}).get("message_id", "")))

    async def send(self, chat_id: int, message: Outgoing) -> int:
        """Every piece in order; the number of the last, which carries the choices."""
        text = message.text
        if message.attachment is not None:
            text = f"{text}\n\n{file_note(message.attachment.name)}" if text else file_note(message.attachment.name)
        sent = 0
        for piece in shown(text, message.format, message.actions):
            sent = await self.text(chat_id, piece)
        self.memory.shown(chat_id, sent, message.actions)
        return sent

    async def typing(self, chat_id: int) -> None:
        """The typing indicator; it is only a courtesy, so a refusal is let go."""
        with contextlib.suppress(DeliveryError):
            await self.api.send("sendChatAction", {"chat_id": await self.chat_key(chat_id), "action": "typing"})

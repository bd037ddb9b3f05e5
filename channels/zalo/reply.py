"""Answering an incoming Zalo message: the port's ``Reply`` without buttons, quotes or edits."""

from __future__ import annotations

import httpx

from channels.port import PLAIN, DeliveryError, ErrorKind, FileRef, Outgoing
from channels.zalo.outgoing import ZaloChannel, file_note


class ZaloReply:
    """Answers in the message's chat. Zalo cannot edit a sent message, so an edit of the message
    whose choice was typed is sent as a new message, and other edits are left out."""

    def __init__(self, channel: ZaloChannel, chat_id: int) -> None:
        self.channel, self.chat_id = channel, chat_id

    async def send(self, message: Outgoing) -> int:
        return await self.channel.send(self.chat_id, message)

    async def ask(self, message: Outgoing, hint: str | None = None) -> int:
        sent = await self.channel.send(self.chat_id, message)
        self.channel.memory.asked(self.chat_id, sent)
        return sent

    async def send_file(self, data: bytes, name: str, caption: str, *, photo: bool = False) -> int:
        text = f"{caption}\n\n{file_note(name)}" if caption else file_note(name)
        return await self.channel.send(self.chat_id, Outgoing(text, format=PLAIN))

    async def edit(self, message: Outgoing, message_id: int | None = None, chat_id: int | None = None) -> None:
        if message_id is None and chat_id in (None, self.chat_id):
            await self.channel.send(self.chat_id, message)

    async def clear_actions(self) -> None:
        return None

    async def answer(self, text: str | None = None, *, alert: bool = False) -> None:
        if text and alert:
            await self.channel.send(self.chat_id, Outgoing(text, format=PLAIN))

    async def download(self, file: FileRef) -> bytes:
        """A photo people sent: Zalo gives its URL."""
        try:
            response = await self.channel.api.client.get(file.file_id)
            response.raise_for_status()
        except httpx.HTTPError as exc:
            raise DeliveryError(ErrorKind.TRANSIENT, f"download: {type(exc).__name__}") from exc
        return response.content

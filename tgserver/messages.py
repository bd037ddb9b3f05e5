"""Messages and files held by the simulated Telegram, for both sides: people's and the bot's.

A `Message` is also what tests inspect of the bot's output: `text` is what people see (after
parse_mode), `source` what the bot sent, `history` the versions before each edit.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass, field
from typing import Any, Literal

from tgserver.people import Chat, User

MediaKind = Literal["document", "photo"]


@dataclass
class StoredFile:
    """A file on "Telegram's servers": uploaded by a person or by the bot, downloadable via getFile."""

    file_id: str
    file_unique_id: str
    content: bytes
    file_path: str
    filename: str | None = None
    mime_type: str | None = None

    def to_file(self) -> dict[str, Any]:
        return {
            "file_id": self.file_id,
            "file_unique_id": self.file_unique_id,
            "file_size": len(self.content),
            "file_path": self.file_path,
        }

    def to_document(self) -> dict[str, Any]:
        document: dict[str, Any] = {
            "file_id": self.file_id,
            "file_unique_id": self.file_unique_id,
            "file_size": len(self.content),
        }
        if self.filename:
            document["file_name"] = self.filename
        if self.mime_type:
            document["mime_type"] = self.mime_type
        return document

    def to_photo(self) -> list[dict[str, Any]]:
        width, height = image_size(self.content)
        return [
            {
                "file_id": self.file_id,
                "file_unique_id": self.file_unique_id,
                "file_size": len(self.content),
                "width": width,
                "height": height,
            }
        ]


@dataclass(frozen=True)
class Version:
    """A message's content before one edit."""

    text: str | None
    entities: list[dict[str, Any]]
    caption: str | None
    reply_markup: dict[str, Any] | None
    edit_date: int | None


@dataclass
class Message:
    chat: Chat
    message_id: int
    sender: User
    date: int
    method: str | None = None
    text: str | None = None
    entities: list[dict[str, Any]] = field(default_factory=list)
    source: str | None = None
    parse_mode: str | None = None
    caption: str | None = None
    file: StoredFile | None = None
    media: MediaKind | None = None
    reply_markup: dict[str, Any] | None = None
    reply_to: Message | None = None
    edit_date: int | None = None
    history: list[Version] = field(default_factory=list)
    deleted: bool = False
    service: dict[str, Any] = field(default_factory=dict)

    @property
    def chat_id(self) -> int:
        return self.chat.id

    @property
    def reply_to_message_id(self) -> int | None:
        return self.reply_to.message_id if self.reply_to else None

    @property
    def document(self) -> bytes | None:
        """Bytes of the document, if this is one."""
        return self.file.content if self.file and self.media == "document" else None

    @property
    def photo(self) -> bytes | None:
        """Bytes of the photo, if this is one."""
        return self.file.content if self.file and self.media == "photo" else None

    @property
    def content(self) -> bytes | None:
        """Bytes of the document or photo, if the message carries one."""
        return self.file.content if self.file else None

    @property
    def filename(self) -> str | None:
        return self.file.filename if self.file else None

    @property
    def shown_text(self) -> str:
        """The text or the caption, whichever the message has; handy in assertions."""
        return self.text if self.text is not None else self.caption or ""

    def remember_version(self) -> None:
        self.history.append(
            Version(self.text, self.entities, self.caption, self.reply_markup, self.edit_date)
        )

    def to_api(self, with_reply: bool = True) -> dict[str, Any]:
        """The Message object; a replied-to message is embedded whole but without its own reply."""
        data: dict[str, Any] = {
            "message_id": self.message_id,
            "from": self.sender.to_api(),
            "chat": self.chat.to_api(),
            "date": self.date,
        }
        if self.edit_date is not None:
            data["edit_date"] = self.edit_date
        if with_reply and self.reply_to is not None:
            data["reply_to_message"] = self.reply_to.to_api(with_reply=False)
        if self.text is not None:
            data["text"] = self.text
            if self.entities:
                data["entities"] = self.entities
        if self.file is not None and self.media == "photo":
            data["photo"] = self.file.to_photo()
        elif self.file is not None:
            data["document"] = self.file.to_document()
        if self.caption is not None:
            data["caption"] = self.caption
            if self.entities:
                data["caption_entities"] = self.entities
        if self.reply_markup is not None and "inline_keyboard" in self.reply_markup:
            data["reply_markup"] = self.reply_markup
        data.update(self.service)
        return data


def image_size(content: bytes) -> tuple[int, int]:
    """Width and height of a PNG or JPEG, read from its header; (0, 0) when unknown."""
    if content.startswith(b"\x89PNG\r\n\x1a\n") and len(content) >= 24:
        width, height = struct.unpack(">II", content[16:24])
        return int(width), int(height)
    i = 2
    while content.startswith(b"\xff\xd8") and i + 9 < len(content):
        if content[i] != 0xFF:
            break
        marker, size = content[i + 1], int.from_bytes(content[i + 2 : i + 4], "big")
        if marker in (0xC0, 0xC1, 0xC2):
            height, width = struct.unpack(">HH", content[i + 5 : i + 9])
            return int(width), int(height)
        i += 2 + size
    return 0, 0

"""Messages in chats: what people wrote (becoming updates) and what the bot sent (kept for tests)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from zaloserver.people import Chat, User
from zaloserver.readings import NameField

_CONTENT = ("text", "photo", "caption", "sticker")


@dataclass
class Message:
    """`kind` is the event name for people's messages, the API method for the bot's."""

    chat: Chat
    message_id: str
    sender_id: str
    date: int
    kind: str
    text: str | None = None
    photo: str | None = None
    caption: str | None = None
    sticker: str | None = None
    sender: User | None = None

    @property
    def chat_id(self) -> str:
        return self.chat.id

    @property
    def shown_text(self) -> str:
        """What a person reads: the text, or a photo's caption."""
        return self.text or self.caption or ""

    def to_update(self, name_field: NameField) -> dict[str, Any]:
        """The update the bot receives for a person's message."""
        if self.sender is None:
            raise ValueError("only people's messages become updates")
        message: dict[str, Any] = {
            "message_id": self.message_id,
            "date": self.date,
            "chat": self.chat.to_api(),
            "from": self.sender.to_api(name_field),
        }
        message.update({name: getattr(self, name) for name in _CONTENT if getattr(self, name) is not None})
        return {"event_name": self.kind, "message": message}

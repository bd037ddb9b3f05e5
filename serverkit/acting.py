"""What the test's people do with chats that is the same on every platform: a person's private chat with
the bot is theirs (same id), and the bot may write there only once they have written (or `started`)."""

from __future__ import annotations

from typing import Any, Generic, Protocol, TypeVar

from serverkit.state import ChatId, HasId, id_of


class Chatting(Protocol):
    """A chat as the shared actions touch it: its id and the bot's standing there ("left", "member", ...)."""

    id: Any
    bot_status: Any


C = TypeVar("C", bound=Chatting)


class ChatBook(Protocol[C, ChatId]):
    """The server state's chats by id."""

    @property
    def chats(self) -> dict[ChatId, C]: ...


class PeopleActions(Generic[C, ChatId]):
    """Mixed into a server; each platform adds how people join, write and leave."""

    world: ChatBook[C, ChatId]

    def private_chat(self, user: HasId, started: bool = False) -> C:
        """The person's chat with the bot; `started=True` as if they had written (pressed Start) long ago."""
        chat = self.world.chats[user.id]
        if started and chat.bot_status == "left":
            chat.bot_status = "member"
        return chat

    def _chat(self, chat: C | ChatId) -> C:
        chat_id: ChatId = id_of(chat)
        if chat_id not in self.world.chats:
            raise ValueError(f"no chat {chat_id}")
        return self.world.chats[chat_id]

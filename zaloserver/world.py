"""Everything the simulated Zalo knows, shared by the HTTP API (the bot's side) and the test's people."""

from __future__ import annotations

import hashlib
import itertools
import time
from typing import Any

from serverkit.state import ServerState
from zaloserver.errors import CHAT_NOT_FOUND, ApiError, forbidden
from zaloserver.messages import Message
from zaloserver.people import BotAccount, Chat, User
from zaloserver.readings import Readings
from zaloserver.updates import UpdateQueue

_WHY_NOT = {
    ("PRIVATE", "left"): "the user has not written to the bot yet",
    ("PRIVATE", "blocked"): "bot was blocked by the user",
    ("GROUP", "left"): "bot is not a member of the group",
    ("GROUP", "removed"): "bot was removed from the group",
}


class World(ServerState[Message, str]):
    def __init__(self, bot: BotAccount, readings: Readings) -> None:
        super().__init__()
        self.bot = bot
        self.readings = readings
        self.updates = UpdateQueue(self.pulse)
        self.users: dict[str, User] = {}
        self.chats: dict[str, Chat] = {}
        self.photos: dict[str, bytes] = {}
        self.root_url = ""
        self._serial = itertools.count(1)

    @staticmethod
    def now_ms() -> int:
        return int(time.time() * 1000)

    def new_id(self, kind: str) -> str:
        """An opaque 20-hex-digit id like the platform's ("e4ea2cd5189df1c3a88c"), unique per server."""
        seed = f"{self.bot.id}/{kind}/{next(self._serial)}".encode()
        return hashlib.blake2b(seed, digest_size=10).hexdigest()

    def writable_chat(self, chat_id: str) -> Chat:
        """The chat if the bot may post there now, else the refusal saying why not."""
        chat = self.chats.get(chat_id)
        if chat is None:
            raise CHAT_NOT_FOUND
        if chat.bot_status != "member":
            raise forbidden(_WHY_NOT[(chat.chat_type, chat.bot_status)])
        return chat

    def gone_error(self, chat_id: Any) -> ApiError:
        """The refusal for a chat that no longer exists for the bot (fault "chat_gone")."""
        chat = self.chats.get(str(chat_id))
        return forbidden(_WHY_NOT[("GROUP", "removed") if chat and chat.is_group else ("PRIVATE", "blocked")])

    def post(self, chat: Chat, sender_id: str, kind: str, **fields: Any) -> Message:
        return Message(chat, self.new_id("message"), sender_id, self.now_ms(), kind, **fields)

    def announce(self, message: Message) -> None:
        """Queue a person's message as an update if the bot is in that chat."""
        if message.chat.bot_status == "member":
            self.updates.append(message.to_update(self.readings.name_field))

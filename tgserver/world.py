"""Everything the simulated Telegram knows, shared by the HTTP API (the bot's side) and the test's people."""

from __future__ import annotations

import itertools
import time
from collections import Counter
from typing import Any

from serverkit.state import ServerState
from tgserver.errors import bad_request, forbidden
from tgserver.messages import Message, StoredFile
from tgserver.people import Chat, User, chat_member
from tgserver.records import CallbackAnswer
from tgserver.updates import UpdateQueue

_FILE_ID_PREFIX = {"documents": "BQACAgIAAxkBAAI", "photos": "AgACAgIAAxkBAAI"}


class World(ServerState[Message, int]):
    def __init__(self, bot: User, privacy_mode: bool) -> None:
        super().__init__()
        self.bot = bot
        self.privacy_mode = privacy_mode
        self.updates = UpdateQueue(self.pulse)
        self.users: dict[int, User] = {}
        self.chats: dict[int, Chat] = {}
        self.messages: dict[tuple[int, int], Message] = {}
        self.files: dict[str, StoredFile] = {}
        self.file_paths: dict[str, StoredFile] = {}
        self.callback_answers: list[CallbackAnswer] = []
        self.open_callback_queries: set[str] = set()
        self.commands: dict[tuple[str, str], list[dict[str, Any]]] = {}
        self._last_message_id: Counter[int] = Counter()
        self._serial = itertools.count(1)

    @staticmethod
    def now() -> int:
        return int(time.time())

    def serial(self) -> int:
        """A fresh number for ids that only need to be unique (files, callback queries, people)."""
        return next(self._serial)

    # chats as the Bot API resolves them

    def find_chat(self, chat_id: int | str) -> Chat | None:
        if isinstance(chat_id, int):
            return self.chats.get(chat_id)
        name = chat_id.removeprefix("@").lower()
        return next(
            (c for c in self.chats.values() if c.user and (c.user.username or "").lower() == name), None
        )

    def chat_or_error(self, chat_id: int | str) -> Chat:
        chat = self.find_chat(chat_id)
        if chat is None:
            raise bad_request("chat not found")
        if chat.migrated_to is not None:
            raise bad_request(
                "group chat was upgraded to a supergroup chat", migrate_to_chat_id=chat.migrated_to
            )
        return chat

    def writable_chat(self, chat_id: int | str) -> Chat:
        """The chat if the bot may post there now, else Telegram's 400/403 for why not."""
        chat = self.chat_or_error(chat_id)
        if chat.bot_status == "kicked":
            raise forbidden(
                f"bot was kicked from the {chat.kind_name}"
                if chat.is_group
                else "bot was blocked by the user"
            )
        if chat.bot_status == "left":
            raise forbidden(
                f"bot is not a member of the {chat.kind_name}"
                if chat.is_group
                else "bot can't initiate conversation with a user"
            )
        return chat

    # messages and files

    def post(self, chat: Chat, sender: User, **fields: Any) -> Message:
        """Store a new message in `chat` with the chat's next message id."""
        self._last_message_id[chat.id] += 1
        message = Message(
            chat=chat, message_id=self._last_message_id[chat.id], sender=sender, date=self.now(), **fields
        )
        self.messages[(chat.id, message.message_id)] = message
        return message

    def message(self, chat_id: int, message_id: int) -> Message | None:
        message = self.messages.get((chat_id, message_id))
        return None if message is None or message.deleted else message

    def store_file(
        self, content: bytes, filename: str | None, mime_type: str | None, folder: str
    ) -> StoredFile:
        n = self.serial()
        extension = (filename or "").rpartition(".")[2] if filename and "." in filename else "jpg"
        stored = StoredFile(
            file_id=f"{_FILE_ID_PREFIX[folder]}{n:08d}",
            file_unique_id=f"AgAD{n:06d}",
            content=content,
            file_path=f"{folder}/file_{n}.{extension}",
            filename=filename,
            mime_type=mime_type,
        )
        self.files[stored.file_id] = stored
        self.file_paths[stored.file_path] = stored
        return stored

    # what the bot receives

    def announce(self, message: Message, kind: str = "message") -> None:
        """Queue a message (or edit) as an update if the bot would receive it."""
        if self.bot_sees(message):
            self.updates.push(kind, message.to_api())

    def bot_sees(self, message: Message) -> bool:
        """Telegram's delivery rules, privacy mode included: in groups a bot that is not an admin
        gets only commands (meant for it), replies to its own messages and service messages."""
        chat = message.chat
        if chat.bot_status not in ("member", "administrator"):
            return False
        if (
            not chat.is_group
            or not self.privacy_mode
            or chat.bot_status == "administrator"
            or message.service
        ):
            return True
        if message.reply_to is not None and message.reply_to.sender.id == self.bot.id:
            return True
        text = message.shown_text
        for entity in message.entities:
            if entity["type"] == "bot_command":
                command = text[entity["offset"] : entity["offset"] + entity["length"]]
                addressee = command.partition("@")[2].lower()
                if addressee in ("", (self.bot.username or "").lower()):
                    return True
        return False

    def member_changed(self, chat: Chat, by: User, user: User, old: str, new: str) -> None:
        """my_chat_member (about the bot) or chat_member (about anyone else) update."""
        payload = {
            "chat": chat.to_api(),
            "from": by.to_api(),
            "date": self.now(),
            "old_chat_member": chat_member(user, old),
            "new_chat_member": chat_member(user, new),
        }
        self.updates.push("my_chat_member" if user.id == self.bot.id else "chat_member", payload)

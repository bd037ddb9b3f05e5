"""What the test's people do: join, leave, write, edit, press buttons, send files, block the bot.

Each action changes the world at once (no awaiting) and queues the updates Telegram would send the bot.
"""

from __future__ import annotations

import mimetypes
from collections.abc import Iterable
from typing import Any

from serverkit import acting
from tgserver.formatting import found_by_telegram
from tgserver.messages import Message
from tgserver.people import Chat, ChatKind, User
from tgserver.world import World

# Telegram's stand-in sender for messages "from the group", such as the first one after a migration.
GROUP_ANONYMOUS_BOT = User(1087968824, "Group", username="GroupAnonymousBot", is_bot=True)
_FIRST_USER_ID = 700_000_000
_FIRST_GROUP_ID = -4_000_000_000
_FIRST_SUPERGROUP_ID = -1_002_000_000_000

ChatRef = Chat | int
MessageRef = Message | int


class PeopleActions(acting.PeopleActions[Chat, int]):
    world: World

    # people and chats

    def add_user(
        self,
        first_name: str,
        last_name: str | None = None,
        username: str | None = None,
        language_code: str = "vi",
    ) -> User:
        """A person; their private chat with the bot exists but the bot may write only after they do."""
        user = User(
            _FIRST_USER_ID + self.world.serial(), first_name, last_name, username, False, language_code
        )
        self.world.users[user.id] = user
        self.world.chats[user.id] = Chat(user.id, "private", user=user)
        return user

    def add_group(self, title: str, members: Iterable[User] = (), kind: ChatKind = "group") -> Chat:
        """A group (negative id) without the bot; the first member is its creator."""
        if kind not in ("group", "supergroup"):
            raise ValueError(f"kind must be 'group' or 'supergroup', not {kind!r}")
        first = _FIRST_SUPERGROUP_ID if kind == "supergroup" else _FIRST_GROUP_ID
        chat = Chat(first - self.world.serial(), kind, title=title)
        for user in members:
            chat.members[user.id] = "member" if chat.members else "creator"
        self.world.chats[chat.id] = chat
        return chat

    def add_member(self, group: ChatRef, user: User, by: User | None = None) -> Message:
        """`user` joins (or is added by `by`): a new_chat_members service message."""
        chat = self._chat(group)
        chat.members[user.id] = "member"
        if chat.bot_status in ("member", "administrator"):
            self.world.member_changed(chat, by or user, user, "left", "member")
        return self._service(
            chat, by or user, new_chat_members=[user.to_api()], new_chat_member=user.to_api()
        )

    def add_bot_to_group(self, group: ChatRef, by: User, admin: bool = False) -> None:
        """my_chat_member update, then the new_chat_members message, as Telegram sends them."""
        chat = self._chat(group)
        old, chat.bot_status = chat.bot_status, "administrator" if admin else "member"
        self.world.member_changed(chat, by, self.world.bot, old, chat.bot_status)
        bot = self.world.bot.to_api()
        self._service(chat, by, new_chat_members=[bot], new_chat_member=bot, new_chat_participant=bot)

    def remove_bot_from_group(self, group: ChatRef, by: User) -> None:
        """The bot is kicked: a my_chat_member update; sending there then fails with 403."""
        chat = self._chat(group)
        old, chat.bot_status = chat.bot_status, "kicked"
        self.world.member_changed(chat, by, self.world.bot, old, "kicked")

    def migrate_to_supergroup(self, group: ChatRef, by: User | None = None) -> Chat:
        """Upgrade a group: migrate_to_chat_id in the old chat, migrate_from_chat_id in the new one."""
        old = self._chat(group)
        new = Chat(_FIRST_SUPERGROUP_ID - self.world.serial(), "supergroup", title=old.title)
        new.members, new.bot_status = dict(old.members), old.bot_status
        self.world.chats[new.id] = new
        by = by or self.world.users[next(iter(old.members))]
        self._service(old, by, migrate_to_chat_id=new.id)
        old.migrated_to = new.id
        self._service(new, GROUP_ANONYMOUS_BOT, sender_chat=new.to_api(), migrate_from_chat_id=old.id)
        return new

    def block_bot(self, user: User) -> None:
        """The user blocks the bot: my_chat_member "kicked"; sends to them then fail with 403."""
        chat = self.world.chats[user.id]
        old, chat.bot_status = chat.bot_status, "kicked"
        self.world.member_changed(chat, user, self.world.bot, old, "kicked")

    def unblock_bot(self, user: User) -> None:
        chat = self.world.chats[user.id]
        old, chat.bot_status = chat.bot_status, "member"
        self.world.member_changed(chat, user, self.world.bot, old, "member")

    # writing

    def send_text(self, chat: ChatRef, user: User, text: str, reply_to: MessageRef | None = None) -> Message:
        """A text message; commands, mentions and links get entities as Telegram computes them."""
        return self._say(chat, user, reply_to, text=text, entities=found_by_telegram(text))

    def edit_text(self, chat: ChatRef, user: User, message_id: MessageRef, text: str) -> Message:
        """The user edits their own message: an edited_message update."""
        message = self._message(self._chat(chat), message_id)
        if message.sender.id != user.id:
            raise ValueError(f"message {message.message_id} was not written by {user.first_name}")
        message.remember_version()
        message.text, message.entities = text, found_by_telegram(text)
        message.edit_date = self.world.now()
        self.world.announce(message, "edited_message")
        return message

    def press_button(self, chat: ChatRef, user: User, message_id: MessageRef, callback_data: str) -> str:
        """Press an inline button of a bot message; returns the callback query id."""
        message = self._message(self._chat(chat), message_id)
        rows = (message.reply_markup or {}).get("inline_keyboard", [])
        offered = [button.get("callback_data") for row in rows for button in row]
        if callback_data not in offered:
            raise ValueError(
                f"message {message.message_id} has no button {callback_data!r}; it offers {offered}"
            )
        query_id = str(4_200_000_000_000_000 + self.world.serial())
        self.world.open_callback_queries.add(query_id)
        query = {
            "id": query_id,
            "from": user.to_api(),
            "message": message.to_api(),
            "chat_instance": str(abs(message.chat_id) * 7919),
            "data": callback_data,
        }
        self.world.updates.push("callback_query", query)
        return query_id

    def send_document(
        self,
        chat: ChatRef,
        user: User,
        filename: str,
        content: bytes,
        mime_type: str | None = None,
        caption: str | None = None,
        reply_to: MessageRef | None = None,
    ) -> Message:
        mime_type = mime_type or mimetypes.guess_type(filename)[0] or "application/octet-stream"
        document = self.world.store_file(content, filename, mime_type, "documents")
        return self._say(chat, user, reply_to, file=document, media="document", **_caption(caption))

    def send_photo(
        self,
        chat: ChatRef,
        user: User,
        content: bytes,
        caption: str | None = None,
        reply_to: MessageRef | None = None,
    ) -> Message:
        photo = self.world.store_file(content, None, None, "photos")
        return self._say(chat, user, reply_to, file=photo, media="photo", **_caption(caption))

    # helpers

    def _message(self, chat: Chat, message: MessageRef) -> Message:
        message_id = message if isinstance(message, int) else message.message_id
        found = self.world.message(chat.id, message_id)
        if found is None:
            raise ValueError(f"no message {message_id} in chat {chat.id}")
        return found

    def _say(self, chat_ref: ChatRef, user: User, reply_to: MessageRef | None, **fields: Any) -> Message:
        chat = self._chat(chat_ref)
        if chat.migrated_to is not None:
            raise ValueError(f"chat {chat.id} was upgraded to supergroup {chat.migrated_to}")
        if chat.is_group and user.id not in chat.members:
            raise ValueError(f"{user.first_name} is not a member of {chat.title!r}; use add_member first")
        if not chat.is_group and chat.id != user.id:
            raise ValueError(f"chat {chat.id} is not {user.first_name}'s private chat")
        if chat.bot_status == "kicked" and not chat.is_group:
            self.unblock_bot(user)
        elif not chat.is_group:
            chat.bot_status = "member"
        replied = self._message(chat, reply_to) if reply_to is not None else None
        message = self.world.post(chat, user, reply_to=replied, **fields)
        self.world.announce(message)
        return message

    def _service(self, chat: Chat, by: User, **service: Any) -> Message:
        message = self.world.post(chat, by, service=service)
        self.world.announce(message)
        return message


def _caption(caption: str | None) -> dict[str, Any]:
    return {} if caption is None else {"caption": caption, "entities": found_by_telegram(caption)}

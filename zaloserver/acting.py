"""What the test's people do: write to the bot, form groups, add or remove the bot, block it.

Each action changes the world at once (no awaiting) and queues the update the platform would send the bot.
The summary documents message events only, so joining and leaving produce no update.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from serverkit import acting
from zaloserver.messages import Message
from zaloserver.people import Chat, User
from zaloserver.world import World

ChatRef = Chat | str


class PeopleActions(acting.PeopleActions[Chat, str]):
    world: World

    # people and chats

    def add_user(self, display_name: str) -> User:
        """A person; their private chat has their id, and the bot may write there only after they do."""
        user = User(self.world.new_id("user"), display_name)
        self.world.users[user.id] = user
        self.world.chats[user.id] = Chat(user.id, "PRIVATE", user=user)
        return user

    def add_group(self, title: str, members: Iterable[User] = ()) -> Chat:
        """A group chat without the bot."""
        chat = Chat(self.world.new_id("group"), "GROUP", title=title, members={u.id for u in members})
        self.world.chats[chat.id] = chat
        return chat

    def add_member(self, group: ChatRef, user: User) -> None:
        self._chat(group).members.add(user.id)

    def add_bot_to_group(self, group: ChatRef) -> None:
        """The bot joins; refused (ValueError) when getMe says `can_join_groups: false`."""
        if not self.world.bot.can_join_groups:
            raise ValueError("this bot account cannot join groups (can_join_groups is false)")
        self._chat(group).bot_status = "member"

    def remove_bot_from_group(self, group: ChatRef) -> None:
        """The group no longer exists for the bot: sends there are refused from now on."""
        self._chat(group).bot_status = "removed"

    def block_bot(self, user: User) -> None:
        """The person blocks the bot: sends to them are refused until they write again."""
        self.world.chats[user.id].bot_status = "blocked"

    # writing

    def send_text(self, chat: ChatRef, user: User, text: str) -> Message:
        return self._say(chat, user, "message.text.received", text=text)

    def send_photo(
        self,
        chat: ChatRef,
        user: User,
        content: bytes | None = None,
        *,
        url: str | None = None,
        caption: str | None = None,
    ) -> Message:
        """A photo by URL; given `content` instead, the server keeps it and serves it at its own URL."""
        if (content is None) == (url is None):
            raise ValueError("give either the photo's content or its url")
        if content is not None:
            if not self.world.root_url:
                raise ValueError("start the server before people send photo content")
            name = f"{self.world.new_id('photo')}.jpg"
            self.world.photos[name] = content
            url = f"{self.world.root_url}/_photos/{name}"
        return self._say(chat, user, "message.image.received", photo=url, caption=caption)

    def send_sticker(self, chat: ChatRef, user: User, sticker: str) -> Message:
        return self._say(chat, user, "message.sticker.received", sticker=sticker)

    def send_unsupported(self, chat: ChatRef, user: User) -> Message:
        """Something the platform does not pass on (a voice note, a file): only the event arrives."""
        return self._say(chat, user, "message.unsupported.received")

    # helpers

    def _say(self, chat_ref: ChatRef, user: User, event_name: str, **fields: Any) -> Message:
        chat = self._chat(chat_ref)
        if chat.is_group and user.id not in chat.members:
            raise ValueError(f"{user.display_name} is not a member of {chat.title!r}; use add_member first")
        if not chat.is_group:
            if chat.id != user.id:
                raise ValueError(f"chat {chat.id} is not {user.display_name}'s private chat")
            chat.bot_status = "member"
        message = self.world.post(chat, user.id, event_name, sender=user, **fields)
        self.world.announce(message)
        return message

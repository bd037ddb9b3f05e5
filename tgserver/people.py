"""Users and chats of the simulated Telegram, serialised exactly as the Bot API shows them."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

ChatKind = Literal["private", "group", "supergroup"]
# The bot's standing in a chat. In a private chat "left" means the user never wrote to the bot
# and "kicked" means the user blocked it.
BotStatus = Literal["member", "administrator", "left", "kicked"]


@dataclass
class User:
    id: int
    first_name: str
    last_name: str | None = None
    username: str | None = None
    is_bot: bool = False
    language_code: str | None = None

    def to_api(self) -> dict[str, Any]:
        data: dict[str, Any] = {"id": self.id, "is_bot": self.is_bot, "first_name": self.first_name}
        for name in ("last_name", "username", "language_code"):
            if getattr(self, name):
                data[name] = getattr(self, name)
        return data


@dataclass
class Chat:
    id: int
    type: ChatKind
    title: str | None = None
    user: User | None = None
    members: dict[int, str] = field(default_factory=dict)
    bot_status: BotStatus = "left"
    migrated_to: int | None = None

    @property
    def is_group(self) -> bool:
        return self.type != "private"

    @property
    def kind_name(self) -> str:
        """How Telegram names this kind of chat in its errors ("group chat", "supergroup chat")."""
        return f"{self.type} chat"

    def to_api(self) -> dict[str, Any]:
        if self.user is not None:
            person = self.user.to_api()
            person.pop("is_bot")
            person.pop("language_code", None)
            return {**person, "type": self.type}
        return {"id": self.id, "title": self.title, "type": self.type}


def chat_member(user: User, status: str) -> dict[str, Any]:
    """A ChatMember object of the subtype that `status` names, with the fields the subtype requires."""
    member: dict[str, Any] = {"user": user.to_api(), "status": status}
    if status == "creator":
        member["is_anonymous"] = False
    elif status == "administrator":
        member.update(
            dict.fromkeys(
                (
                    "can_be_edited",
                    "is_anonymous",
                    "can_restrict_members",
                    "can_promote_members",
                    "can_change_info",
                    "can_post_stories",
                    "can_edit_stories",
                    "can_delete_stories",
                ),
                False,
            )
        )
        member.update(
            dict.fromkeys(
                ("can_manage_chat", "can_delete_messages", "can_manage_video_chats", "can_invite_users"), True
            )
        )
    elif status == "kicked":
        member["until_date"] = 0
    return member

"""The bot's account, people and chats of the simulated Zalo, shown as the Bot API shows them (string ids)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

from zaloserver.readings import NameField

ChatType = Literal["PRIVATE", "GROUP"]
# The bot's standing in a chat. Private: "left" until the person writes first, "blocked" when they block
# the bot. Group: "left" until added, "removed" once taken out.
BotStatus = Literal["member", "left", "blocked", "removed"]


@dataclass(frozen=True)
class BotAccount:
    """What getMe answers."""

    id: str
    account_name: str
    can_join_groups: bool = True
    account_type: str = "BASIC"

    def to_api(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "account_name": self.account_name,
            "account_type": self.account_type,
            "can_join_groups": self.can_join_groups,
        }


@dataclass(frozen=True)
class User:
    id: str
    display_name: str

    def to_api(self, name_field: NameField) -> dict[str, Any]:
        return {"id": self.id, name_field: self.display_name}


@dataclass
class Chat:
    """A private chat has its person's id (as in the published sample); a group has its own id."""

    id: str
    chat_type: ChatType
    title: str | None = None
    user: User | None = None
    members: set[str] = field(default_factory=set)
    bot_status: BotStatus = "left"

    @property
    def is_group(self) -> bool:
        return self.chat_type == "GROUP"

    def to_api(self) -> dict[str, Any]:
        return {"id": self.id, "chat_type": self.chat_type}

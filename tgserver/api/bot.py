"""Methods about the bot itself and the chats it is in: identity, command menus, membership."""

from __future__ import annotations

import json
import re
from typing import Any

from serverkit.endpoints import Handler
from tgserver.errors import bad_request, forbidden
from tgserver.people import chat_member
from tgserver.world import World

_COMMAND = re.compile(r"[a-z0-9_]{1,32}")
_MAX_COMMANDS = 100
_MAX_DESCRIPTION = 256


class BotMethods:
    def __init__(self, world: World) -> None:
        self.world = world

    def handlers(self) -> dict[str, Handler]:
        return {
            "getMe": self.get_me,
            "setMyCommands": self.set_my_commands,
            "getMyCommands": self.get_my_commands,
            "deleteMyCommands": self.delete_my_commands,
            "getChat": self.get_chat,
            "getChatMember": self.get_chat_member,
            "leaveChat": self.leave_chat,
            "close": self.acknowledge,
            "logOut": self.acknowledge,
        }

    async def get_me(self, params: dict[str, Any]) -> Any:
        return {
            **self.world.bot.to_api(),
            "can_join_groups": True,
            "can_read_all_group_messages": not self.world.privacy_mode,
            "supports_inline_queries": False,
            "can_connect_to_business": False,
            "has_main_web_app": False,
        }

    async def set_my_commands(self, params: dict[str, Any]) -> Any:
        commands = params["commands"]
        if len(commands) > _MAX_COMMANDS:
            raise bad_request("BOT_COMMANDS_TOO_MUCH")
        for command in commands:
            if not _COMMAND.fullmatch(command["command"]):
                raise bad_request("BOT_COMMAND_INVALID")
            if not 1 <= len(command["description"]) <= _MAX_DESCRIPTION:
                raise bad_request("command description must be non-empty")
        menu = [{"command": c["command"], "description": c["description"]} for c in commands]
        self.world.commands[_menu_key(params)] = menu
        return True

    async def get_my_commands(self, params: dict[str, Any]) -> Any:
        return self.world.commands.get(_menu_key(params), [])

    async def delete_my_commands(self, params: dict[str, Any]) -> Any:
        self.world.commands.pop(_menu_key(params), None)
        return True

    async def get_chat(self, params: dict[str, Any]) -> Any:
        chat = self.world.chat_or_error(params["chat_id"])
        return {
            **chat.to_api(),
            "accent_color_id": 0,
            "max_reaction_count": 11,
            "accepted_gift_types": dict.fromkeys(
                (
                    "unlimited_gifts",
                    "limited_gifts",
                    "unique_gifts",
                    "premium_subscription",
                    "gifts_from_channels",
                ),
                False,
            ),
        }

    async def get_chat_member(self, params: dict[str, Any]) -> Any:
        chat = self.world.chat_or_error(params["chat_id"])
        user_id = params["user_id"]
        if user_id == self.world.bot.id:
            return chat_member(self.world.bot, chat.bot_status)
        user = self.world.users.get(user_id)
        if user is None:
            raise bad_request("user not found")
        if not chat.is_group:
            return chat_member(user, "member" if user_id == chat.id else "left")
        return chat_member(user, chat.members.get(user_id, "left"))

    async def leave_chat(self, params: dict[str, Any]) -> Any:
        chat = self.world.chat_or_error(params["chat_id"])
        if not chat.is_group:
            raise bad_request("chat member status can't be changed in private chats")
        if chat.bot_status not in ("member", "administrator"):
            raise forbidden(f"bot is not a member of the {chat.kind_name}")
        old, chat.bot_status = chat.bot_status, "left"
        self.world.member_changed(chat, self.world.bot, self.world.bot, old, "left")
        return True

    async def acknowledge(self, params: dict[str, Any]) -> Any:
        return True


def _menu_key(params: dict[str, Any]) -> tuple[str, str]:
    """Command menus are kept per scope and language, and read back for exactly that pair."""
    scope = params.get("scope") or {"type": "default"}
    return json.dumps(scope, sort_keys=True), params.get("language_code", "")

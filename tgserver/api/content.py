"""Checks on what a bot puts in a message (text, caption, buttons, reply target), with Telegram's limits."""

from __future__ import annotations

from typing import Any

from tgserver.errors import bad_request
from tgserver.formatting import Entity, formatted
from tgserver.messages import Message
from tgserver.people import Chat
from tgserver.text_units import utf16_len
from tgserver.world import World

MAX_TEXT = 4096
MAX_CAPTION = 1024
MAX_CALLBACK_DATA = 64
_BUTTON_LOOKS = frozenset({"text", "icon_custom_emoji_id", "style"})
_USER_LINK = "tg://user?id="


def message_text(world: World, params: dict[str, Any]) -> tuple[str, list[Entity]]:
    """Visible text and entities of `text`; 1-4096 UTF-16 code units after entity parsing."""
    text, entities = formatted(params["text"], params.get("parse_mode"), params.get("entities"))
    if not text:
        raise bad_request("message text is empty")
    if utf16_len(text) > MAX_TEXT:
        raise bad_request("message is too long")
    return text, _with_mentions(world, entities)


def caption(world: World, params: dict[str, Any]) -> tuple[str | None, list[Entity]]:
    if "caption" not in params:
        return None, []
    text, entities = formatted(params["caption"], params.get("parse_mode"), params.get("caption_entities"))
    if utf16_len(text) > MAX_CAPTION:
        raise bad_request("message caption is too long")
    return text or None, _with_mentions(world, entities)


def reply_markup(params: dict[str, Any]) -> dict[str, Any] | None:
    """The markup as sent, after the checks Telegram makes on inline buttons."""
    markup: dict[str, Any] | None = params.get("reply_markup")
    for row in (markup or {}).get("inline_keyboard", []):
        for button in row:
            if not set(k for k, v in button.items() if v is not None) - _BUTTON_LOOKS:
                raise bad_request(
                    "can't parse inline keyboard button: Text buttons are unallowed in the inline keyboard"
                )
            data = button.get("callback_data")
            if data is not None and not 1 <= len(data.encode("utf-8")) <= MAX_CALLBACK_DATA:
                raise bad_request("BUTTON_DATA_INVALID")
    return markup


def reply_target(world: World, chat: Chat, params: dict[str, Any]) -> Message | None:
    """The message replied to, from reply_parameters or the legacy reply_to_message_id."""
    reply = params.get("reply_parameters") or {}
    message_id = reply.get("message_id", params.get("reply_to_message_id"))
    if message_id is None:
        return None
    if not str(message_id).lstrip("-").isdigit():
        raise bad_request('field "reply_to_message_id" must be of type Integer')
    target_chat = world.find_chat(reply["chat_id"]) if "chat_id" in reply else chat
    target = world.message(target_chat.id, int(message_id)) if target_chat else None
    allow_missing = reply.get("allow_sending_without_reply", params.get("allow_sending_without_reply"))
    if target is None and str(allow_missing).lower() not in ("true", "1"):
        raise bad_request("message to be replied not found")
    return target


def _with_mentions(world: World, entities: list[Entity]) -> list[Entity]:
    """Links to tg://user?id=N become text_mention entities carrying the user, as Telegram returns them."""
    out = []
    for entity in entities:
        url = entity.get("url", "")
        user_id = url.removeprefix(_USER_LINK)
        if entity["type"] == "text_link" and url.startswith(_USER_LINK) and user_id.isdigit():
            user = world.users.get(int(user_id))
            if user is None:
                continue
            entity = {"type": "text_mention", "offset": entity["offset"], "length": entity["length"]}
            entity["user"] = user.to_api()
        out.append(entity)
    return out

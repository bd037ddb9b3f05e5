"""What the bot says: text, a photo by URL, a sticker, a typing indicator; each into a chat it may write to."""

from __future__ import annotations

from typing import Any

from serverkit.endpoints import Handler
from zaloserver.world import World


class SendingMethods:
    def __init__(self, world: World) -> None:
        self.world = world

    def handlers(self) -> dict[str, Handler]:
        return {
            "sendMessage": self.send_message,
            "sendPhoto": self.send_photo,
            "sendSticker": self.send_sticker,
            "sendChatAction": self.send_chat_action,
        }

    async def send_message(self, params: dict[str, Any]) -> Any:
        return self._deliver("sendMessage", params, text=params["text"])

    async def send_photo(self, params: dict[str, Any]) -> Any:
        return self._deliver("sendPhoto", params, photo=params["photo"], caption=params.get("caption"))

    async def send_sticker(self, params: dict[str, Any]) -> Any:
        return self._deliver("sendSticker", params, sticker=params["sticker"])

    async def send_chat_action(self, params: dict[str, Any]) -> Any:
        self.world.writable_chat(params["chat_id"])
        return True

    def _deliver(self, method: str, params: dict[str, Any], **content: Any) -> dict[str, Any]:
        chat = self.world.writable_chat(params["chat_id"])
        message = self.world.post(chat, self.world.bot.id, method, **content)
        self.world.record_sent(message)
        return {"message_id": message.message_id, "date": message.date}

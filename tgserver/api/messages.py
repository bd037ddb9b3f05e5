"""Methods that send, change or remove messages, and answer button presses."""

from __future__ import annotations

import mimetypes
from typing import Any

from serverkit.endpoints import Handler
from tgserver.api import content
from tgserver.errors import bad_request, too_many_requests
from tgserver.limits import RateLimiter
from tgserver.messages import MediaKind, Message, StoredFile
from tgserver.people import Chat
from tgserver.records import CallbackAnswer
from tgserver.schema import Upload
from tgserver.world import World

_CHAT_ACTIONS = frozenset(
    {
        "typing",
        "upload_photo",
        "record_video",
        "upload_video",
        "record_voice",
        "upload_voice",
        "upload_document",
        "choose_sticker",
        "find_location",
        "record_video_note",
        "upload_video_note",
    }
)
_NOT_MODIFIED = (
    "message is not modified: specified new message content and reply markup are exactly the same "
    "as a current content and reply markup of the message"
)
_MAX_DOWNLOADABLE = 20 * 1024 * 1024


class MessageMethods:
    def __init__(self, world: World, limiter: RateLimiter | None) -> None:
        self.world = world
        self.limiter = limiter

    def handlers(self) -> dict[str, Handler]:
        return {
            "sendMessage": self.send_message,
            "sendDocument": self.send_document,
            "sendPhoto": self.send_photo,
            "editMessageText": self.edit_message_text,
            "editMessageReplyMarkup": self.edit_message_reply_markup,
            "deleteMessage": self.delete_message,
            "answerCallbackQuery": self.answer_callback_query,
            "sendChatAction": self.send_chat_action,
            "getFile": self.get_file,
        }

    async def send_message(self, params: dict[str, Any]) -> Any:
        chat = self.world.writable_chat(params["chat_id"])
        text, entities = content.message_text(self.world, params)
        return self._deliver(
            chat,
            params,
            method="sendMessage",
            text=text,
            entities=entities,
            source=params["text"],
            parse_mode=params.get("parse_mode"),
        )

    async def send_document(self, params: dict[str, Any]) -> Any:
        chat = self.world.writable_chat(params["chat_id"])
        document = self._file(params["document"], "documents")
        return self._deliver_media(chat, params, "sendDocument", document, "document")

    async def send_photo(self, params: dict[str, Any]) -> Any:
        chat = self.world.writable_chat(params["chat_id"])
        photo = self._file(params["photo"], "photos")
        return self._deliver_media(chat, params, "sendPhoto", photo, "photo")

    def _deliver_media(
        self, chat: Chat, params: dict[str, Any], method: str, stored: StoredFile, media: MediaKind
    ) -> Any:
        caption, entities = content.caption(self.world, params)
        return self._deliver(
            chat,
            params,
            method=method,
            caption=caption,
            entities=entities,
            source=params.get("caption"),
            parse_mode=params.get("parse_mode"),
            file=stored,
            media=media,
        )

    def _deliver(self, chat: Chat, params: dict[str, Any], **fields: Any) -> Any:
        """Post a bot message after the reply, keyboard and flood checks; refused sends change nothing."""
        markup = content.reply_markup(params)
        reply_to = content.reply_target(self.world, chat, params)
        if self.limiter is not None:
            retry_after = self.limiter.retry_after(chat.id)
            if retry_after is not None:
                raise too_many_requests(retry_after)
            self.limiter.record(chat.id)
        message = self.world.post(chat, self.world.bot, reply_markup=markup, reply_to=reply_to, **fields)
        self.world.record_sent(message)
        return message.to_api()

    def _file(self, value: Upload | str, folder: str) -> StoredFile:
        if isinstance(value, Upload):
            guessed = value.mime_type or mimetypes.guess_type(value.filename)[0]
            mime_type = None if folder == "photos" else guessed
            return self.world.store_file(value.content, value.filename or None, mime_type, folder)
        stored = self.world.files.get(value)
        if stored is None:
            raise bad_request("wrong file identifier/HTTP URL specified")
        return stored

    async def edit_message_text(self, params: dict[str, Any]) -> Any:
        message = self._editable(params)
        if message.text is None:
            raise bad_request("there is no text in the message to edit")
        text, entities = content.message_text(self.world, params)
        markup = content.reply_markup(params)
        if (text, entities, markup) == (message.text, message.entities, message.reply_markup):
            raise bad_request(_NOT_MODIFIED)
        message.remember_version()
        message.text, message.entities, message.reply_markup = text, entities, markup
        message.source, message.parse_mode = params["text"], params.get("parse_mode")
        return self._edited(message)

    async def edit_message_reply_markup(self, params: dict[str, Any]) -> Any:
        message = self._editable(params)
        markup = content.reply_markup(params)
        if markup == message.reply_markup:
            raise bad_request(_NOT_MODIFIED)
        message.remember_version()
        message.reply_markup = markup
        return self._edited(message)

    def _editable(self, params: dict[str, Any]) -> Message:
        if "inline_message_id" in params:
            raise bad_request("inline messages are not supported by the local tgserver")
        if "chat_id" not in params:
            raise bad_request("chat_id is empty")
        if "message_id" not in params:
            raise bad_request("message identifier is not specified")
        chat = self.world.writable_chat(params["chat_id"])
        message = self.world.message(chat.id, params["message_id"])
        if message is None:
            raise bad_request("message to edit not found")
        if message.sender.id != self.world.bot.id:
            raise bad_request("message can't be edited")
        return message

    def _edited(self, message: Message) -> Any:
        message.edit_date = self.world.now()
        self.world.changed()
        return message.to_api()

    async def delete_message(self, params: dict[str, Any]) -> Any:
        chat = self.world.chat_or_error(params["chat_id"])
        message = self.world.message(chat.id, params["message_id"])
        if message is None:
            raise bad_request("message to delete not found")
        own = message.sender.id == self.world.bot.id
        if not (own or not chat.is_group or chat.bot_status == "administrator"):
            raise bad_request("message can't be deleted")
        message.deleted = True
        self.world.changed()
        return True

    async def answer_callback_query(self, params: dict[str, Any]) -> Any:
        query_id = params["callback_query_id"]
        if query_id not in self.world.open_callback_queries:
            raise bad_request("query is too old and response timeout expired or query ID is invalid")
        self.world.open_callback_queries.discard(query_id)
        answer = CallbackAnswer(
            callback_query_id=query_id,
            text=params.get("text"),
            show_alert=params.get("show_alert", False),
            url=params.get("url"),
            cache_time=params.get("cache_time", 0),
        )
        self.world.callback_answers.append(answer)
        self.world.changed()
        return True

    async def send_chat_action(self, params: dict[str, Any]) -> Any:
        self.world.writable_chat(params["chat_id"])
        if params["action"] not in _CHAT_ACTIONS:
            raise bad_request("wrong parameter action in request")
        return True

    async def get_file(self, params: dict[str, Any]) -> Any:
        stored = self.world.files.get(params["file_id"])
        if stored is None:
            raise bad_request("invalid file_id")
        if len(stored.content) > _MAX_DOWNLOADABLE:
            raise bad_request("file is too big")
        return stored.to_file()

"""A local, faithful stand-in for the Telegram Bot API server, for end-to-end tests with people in them.

The real python-telegram-bot stack talks HTTP to it; the test plays the people::

    server = TelegramServer(token="123:ABC", bot_username="dondoc_bot", time_scale=1.0, limits=True)
    await server.start(host="127.0.0.1", port=0)   # base_url / base_file_url are set now
    bot = telegram.Bot("123:ABC", base_url=server.base_url, base_file_url=server.base_file_url)
    ...
    await server.stop()                                # also: `async with TelegramServer() as server:`

Constructor: `TelegramServer(token="123:ABC", bot_username="dondoc_bot", *, bot_name="Đôn Đốc",
time_scale=1.0, limits=True | False | RateLimits(...), privacy_mode=True, clock=None)`. `clock` is a
monotonic-seconds callable for the flood limits (default: the event loop's time). Attributes:
`base_url`, `base_file_url` (set by start), `bot` (the bot's User; its id is the token's number),
`time_scale`, `implemented_methods`, `app` (the aiohttp Application, to add routes before start).

People and chats (all synchronous; each queues the updates Telegram would send):
    add_user(first_name, last_name=None, username=None, language_code="vi") -> User
    private_chat(user, started=False) -> Chat      id == user.id. The bot may write only after the user
                                                   wrote there (or started=True); before, 403 "bot can't
                                                   initiate conversation with a user".
    add_group(title, members=(), kind="group"|"supergroup") -> Chat   negative id; members[0] is creator
    add_member(group, user, by=None) -> Message    new_chat_members service message
    add_bot_to_group(group, by, admin=False)       my_chat_member (left -> member) + new_chat_members message
    remove_bot_from_group(group, by)               my_chat_member -> kicked; sends then get 403
                                                   "Forbidden: bot was kicked from the group chat"
    migrate_to_supergroup(group, by=None) -> Chat  migrate_to_chat_id / migrate_from_chat_id messages; sends
                                                   to the old id get 400 "Bad Request: group chat was upgraded
                                                   to a supergroup chat" with parameters.migrate_to_chat_id
    block_bot(user), unblock_bot(user)             my_chat_member kicked/member; blocked -> 403 "Forbidden: bot
                                                   was blocked by the user"
    send_text(chat, user, text, reply_to=None) -> Message     entities (bot_command, mention, url, ...) as
                                                              Telegram computes them; reply_to: id or Message
    edit_text(chat, user, message_id, text) -> Message        edited_message update
    press_button(chat, user, message_id, callback_data) -> str   callback_query update; returns its id
    send_document(chat, user, filename, content, mime_type=None, caption=None, reply_to=None) -> Message
    send_photo(chat, user, content, caption=None, reply_to=None) -> Message

Privacy mode (default on, as for new bots): in groups where the bot is not an admin it receives only
commands (`/cmd`, `/cmd@dondoc_bot`), replies to its own messages, and service messages.

What the bot did:
    sent -> list[Message]             delivered bot messages, in order. Message has chat_id, message_id,
                                      method, text (as people see it, after parse_mode), source (as sent),
                                      parse_mode, entities, caption, reply_markup (dict), reply_to_message_id,
                                      document / photo (bytes or None), content (either), filename, file
                                      (StoredFile), history (Version before each edit), edit_date, deleted,
                                      shown_text (text or caption)
    messages_in(chat_id) -> list[Message] / last_message(chat_id) -> Message | None   (deleted left out)
    count_sent(chat_id=None) -> int   delivered sends only, overall or per chat
    (every `chat`/`chat_id` argument takes a Chat or an id; `reply_to`/`message_id` a Message or an id)
    calls -> list[Call]               every API request: method, params, status, response (status None
                                      when the connection was dropped by a fault)
    callback_answers -> list[CallbackAnswer]
    await wait_for(predicate=any, timeout=10.0, *, after=0) -> Message   first match in sent[after:], now
                                      or when sent/edited; TimeoutError carries dump()
    await wait_for_call(method, timeout=10.0, *, predicate=any) -> Call
    await wait_for_callback_answer(callback_query_id, timeout=10.0) -> CallbackAnswer
    await wait_until_polling(timeout=10.0)   returns once a getUpdates long poll waits here (bot is ready)
    dump() -> str                     what was sent and which calls failed
Waiting is event-driven (the server wakes waiters on each change); nothing sleeps on the wall clock.

Faults: `inject(method=None, kind="429", *, chat_id=None, times=1, retry_after=3, delay=None) -> Fault`
with kind "429" | "500" | "502" | "timeout" | "lost_response" | "blocked" | "chat_not_found" | "kicked"
(see faults.Fault); `times=None` until `clear_faults()`. "timeout" holds the request `delay` s (default
10, longer than PTB's 5 s read timeout) and drops the connection without delivering; "lost_response"
delivers, then drops the connection without an answer (at-least-once tests).

Flood limits (limits=True): 30 messages/s overall, 20 per minute into one group or supergroup, 1 per
second into one private chat with bursts of 5 (RateLimits). A send over the limit is not delivered and
gets 429 "Too Many Requests: retry after N" with parameters.retry_after. Windows are multiplied by
time_scale; retry_after is in real seconds (already scaled), rounded up to at least 1, so a client that
waits retry_after seconds is always let through. `scaled(seconds)` converts Telegram seconds to real ones.
Only sendMessage, sendDocument and sendPhoto count.

HTTP: `POST|GET {base_url}<token>/<method>` with parameters in the query string or a JSON,
form-urlencoded or multipart body; files at `{base_file_url}<token>/<file_path>`. Method names are
case-insensitive. Wrong token -> 401 "Unauthorized"; a method not in Bot API 10.1 -> 404 "Not Found";
a method in the schema but not implemented here -> 400 naming the implemented ones, which are:
getMe, getUpdates, setWebhook, deleteWebhook, getWebhookInfo, sendMessage, sendDocument, sendPhoto,
editMessageText, editMessageReplyMarkup, deleteMessage, answerCallbackQuery, sendChatAction,
setMyCommands, getMyCommands, deleteMyCommands, getChat, getChatMember, leaveChat, getFile, close, logOut.
Every request is validated against the schema (required fields, types, nested objects, unions); unknown
parameters are ignored. Text and captions support parse_mode HTML, MarkdownV2 and Markdown with
Telegram's error messages; lengths are counted in UTF-16 code units after parsing.

Webhooks: setWebhook accepts http:// as well as https:// URLs (local receivers have no TLS); updates are
POSTed one at a time with X-Telegram-Bot-Api-Secret-Token when a secret_token was given, and a failed
delivery is retried after 1, 2, 4 ... 60 s (times time_scale); getUpdates answers 409 meanwhile.

Not simulated: inline mode and inline_message_id, business connections, forum topics, channels,
paid media; replies made in the webhook response body; callback query expiry; photo thumbnails (one
size is returned, measured from PNG/JPEG headers); fetching files from HTTP URLs; edits do not count
against flood limits.

Run standalone: `python -m tgserver --port 9000 --token 123:ABC` (see tgserver.__main__).
"""

from serverkit.records import Call
from tgserver.faults import Fault, FaultKind
from tgserver.limits import RateLimits
from tgserver.messages import Message, StoredFile, Version
from tgserver.people import Chat, User
from tgserver.records import CallbackAnswer
from tgserver.server import TelegramServer

__all__ = [
    "Call",
    "CallbackAnswer",
    "Chat",
    "Fault",
    "FaultKind",
    "Message",
    "RateLimits",
    "StoredFile",
    "TelegramServer",
    "User",
    "Version",
]

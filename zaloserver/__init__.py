"""A local stand-in for the Zalo Bot Platform's HTTP API, for end-to-end tests and the demo.

It follows the summary kept next to it (`API.md`; the parameter table is `api.json`). The bot talks
HTTP to it; the test plays the people::

    server = ZaloServer()                        # token "<bot_id>:<secret>", default DEFAULT_TOKEN
    await server.start()                         # base_url = "http://127.0.0.1:PORT/bot"
    # ZALO_API_BASE_URL=server.base_url, ZALO_BOT_TOKEN=server.token
    lan = server.add_user("Nguyễn Thị Lan")
    server.send_text(server.private_chat(lan), lan, "dang ky AB12")
    reply = await server.wait_for(lambda m: m.chat_id == lan.id)
    await server.stop()                          # also: `async with ZaloServer() as server:`

Constructor: `ZaloServer(token=DEFAULT_TOKEN, *, account_name="bot.dondoc", can_join_groups=True,
time_scale=1.0, readings=Readings())`. `time_scale` multiplies webhook retry delays. `readings` picks
how the server answers where the summary allows two readings (see `Readings`): one update per poll
or a list, 408 or an empty result for an empty poll, the sender's name key, the HTTP status of errors,
a bare or enveloped webhook body.

People and chats (synchronous; each message queues the update the bot would get):
    add_user(display_name) -> User                 opaque string id; their private chat has the same id
    private_chat(user, started=False) -> Chat      the bot may write there once the user wrote (or started)
    add_group(title, members=()) -> Chat           a GROUP chat without the bot
    add_member(group, user); add_bot_to_group(group)   (ValueError when can_join_groups is False)
    remove_bot_from_group(group); block_bot(user)  sends there are refused from then on
    send_text(chat, user, text) -> Message         event message.text.received
    send_photo(chat, user, content=None, *, url=None, caption=None) -> Message
                                                   message.image.received; content is served by the server
    send_sticker(chat, user, sticker), send_unsupported(chat, user) -> Message
(a `chat` argument takes a Chat or its id)

What the bot did:
    sent -> list[Message]        delivered bot messages in order: chat_id, message_id, kind (the method),
                                 text, photo, caption, sticker, date (ms), shown_text
    messages_in(chat), last_message(chat), count_sent(chat=None), pending_updates
    calls -> list[Call]          every request: method, params, status, response
    await wait_for(predicate, timeout=10.0, *, after=0) -> Message; TimeoutError carries dump()
    await wait_for_call(method, timeout=10.0, *, predicate) -> Call
    await wait_until_polling(timeout=10.0)
Waiting is event-driven (every change wakes the waiters); nothing sleeps on the wall clock.

Faults: `inject(method=None, kind="500", *, chat_id=None, times=1, delay=None) -> Fault`, kind one of
"429", "500", "502", "timeout", "lost_response", "chat_gone" (see `Fault`); `times=None` keeps it until
`clear_faults()`.

HTTP: `POST {base_url}<TOKEN>/<method>` with a JSON body (an empty body is no parameters); method
names are case-sensitive. Answers are `{"ok": true, "result": ...}` or `{"ok": false, "error_code",
"description"}`:
    401 Unauthorized                      wrong token
    404 Not Found                         a method not in the summary
    405 Method Not Allowed                not POST
    400 Bad Request: ...                  body not a JSON object, a missing required parameter, a wrong
                                          type (ids are strings), a length out of range (text 1-2000,
                                          caption <= 2000, secret_token 8-256), an unknown action,
                                          setWebhook to a non-HTTPS URL (http is let through for loopback)
    400 Bad Request: chat not found       a chat id the platform never had
    403 Forbidden: ...                    a chat that no longer exists for the bot (blocked, removed),
                                          or a private chat the user never wrote in
    408 Request Timeout                   getUpdates with nothing new (Readings.empty_poll="408")
    409 Conflict: ...                     getUpdates while a webhook is set, or ended by a newer poll
    429 Too Many Requests, 500 Internal Server Error   injected only
Only 408 is in the summary; the other codes follow HTTP and all descriptions are ours.

Updates have no ids and getUpdates no offset (the summary has none): an update leaves the queue when a
poll answers with it or the webhook receiver answers 2XX, so a poll whose answer is lost loses it.
Webhook updates are POSTed one at a time with `X-Bot-Api-Secret-Token`; a failed delivery is retried
after 1, 2, 4 ... 60 s (times time_scale).

Run standalone: `python -m zaloserver --port 9100` (see zaloserver.__main__).
"""

from serverkit.records import Call
from zaloserver.faults import Fault, FaultKind
from zaloserver.messages import Message
from zaloserver.people import BotAccount, Chat, User
from zaloserver.readings import Readings
from zaloserver.server import DEFAULT_TOKEN, ZaloServer

__all__ = [
    "DEFAULT_TOKEN",
    "BotAccount",
    "Call",
    "Chat",
    "Fault",
    "FaultKind",
    "Message",
    "Readings",
    "User",
    "ZaloServer",
]

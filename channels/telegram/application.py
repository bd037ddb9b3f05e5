"""The python-telegram-bot application: each update, by kind, handed to ``handlers.inbound`` as a
channel-neutral ``Context`` (the ``Incoming`` message, a ``TelegramReply``, the dependencies)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Coroutine
from typing import Any

from telegram import Message, Update
from telegram.ext import (
    AIORateLimiter,
    Application,
    ApplicationBuilder,
    ApplicationHandlerStop,
    CallbackContext,
    CallbackQueryHandler,
    ChatMemberHandler,
    CommandHandler,
    ContextTypes,
    Defaults,
    ExtBot,
    MessageHandler,
    filters,
)

from channels.telegram.incoming import incoming
from channels.telegram.reply import TelegramReply
from handlers import inbound
from handlers.deps import Context, Deps

# The updates dondoc reads, the same for polling, webhook and the test sandbox.
ALLOWED_UPDATES = ["message", "edited_message", "callback_query", "my_chat_member"]

AnyApp = Application[Any, Any, Any, Any, Any, Any]
Entry = Callable[[Context], Awaitable[object]]
DRAFT_GROUP = -1  # an open notice draft sees private messages before plan import and replies


class AppData(dict[str, Any]):
    """The application's ``bot_data``: the handlers' dependencies, set once by the bootstrap."""

    deps: Deps


class TelegramContext(CallbackContext[ExtBot[None], dict[Any, Any], dict[Any, Any], AppData]):
    """The callback context python-telegram-bot hands to every callback here."""


def application(token: str, base_url: str, base_file_url: str) -> AnyApp:
    """An application talking to the Bot API at ``base_url``, every handler registered; the
    caller sets the dependencies with ``provide`` before it starts."""
    app = (
        ApplicationBuilder()
        .token(token)
        .base_url(base_url)
        .base_file_url(base_file_url)
        .rate_limiter(AIORateLimiter(max_retries=3))
        .defaults(Defaults(do_quote=True))
        .context_types(ContextTypes(context=TelegramContext, bot_data=AppData))
        .build()
    )
    _register(app)
    return app


def provide(app: AnyApp, deps: Deps) -> None:
    app.bot_data.deps = deps


def _context(update: object, telegram: TelegramContext) -> Context | None:
    if not isinstance(update, Update):
        return None
    msg = incoming(update, telegram.bot.id)
    if msg is None:
        return None
    message = update.effective_message
    reply = TelegramReply(
        telegram.bot, msg.chat_id, message if isinstance(message, Message) else None, update.callback_query
    )
    return Context(msg, reply, telegram.bot_data.deps)


def _call(entry: Entry, *, stop_when_taken: bool = False) -> Callable[[Update, TelegramContext], Coroutine[Any, Any, None]]:
    async def run(update: Update, telegram: TelegramContext) -> None:
        c = _context(update, telegram)
        if c is None:
            return
        if await entry(c) and stop_when_taken:
            raise ApplicationHandlerStop

    return run


async def _on_error(update: object, telegram: TelegramContext) -> None:
    await inbound.on_error(telegram.error, _context(update, telegram))


def _register(app: AnyApp) -> None:
    drafting = filters.ChatType.PRIVATE & filters.UpdateType.MESSAGE & ((filters.TEXT & ~filters.COMMAND) | filters.Document.ALL)
    app.add_handler(MessageHandler(drafting, _call(inbound.draft, stop_when_taken=True)), group=DRAFT_GROUP)
    app.add_handler(ChatMemberHandler(_call(inbound.membership), ChatMemberHandler.MY_CHAT_MEMBER))
    app.add_handler(MessageHandler(filters.StatusUpdate.MIGRATE, _call(inbound.membership)))
    app.add_handler(CommandHandler(inbound.command_names(), _call(inbound.command)))
    app.add_handler(MessageHandler(filters.Document.ALL & filters.ChatType.PRIVATE & ~filters.REPLY, _call(inbound.document)))
    replies = filters.REPLY & (filters.TEXT | filters.Document.ALL | filters.PHOTO) & ~filters.COMMAND
    app.add_handler(MessageHandler(replies & filters.UpdateType.MESSAGES, _call(inbound.reply)))
    app.add_handler(CallbackQueryHandler(_call(inbound.press)))
    app.add_error_handler(_on_error)

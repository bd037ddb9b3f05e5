"""The channel port: what people send and what the bot says, in no messenger's terms.

Outbound, ``render/`` builds ``Outgoing`` messages, the outbox stores them as ``to_payload()``
dicts, and one adapter per messenger (``channels.telegram`` first) turns them into API calls and
its errors into ``DeliveryError`` kinds. Inbound, the adapter turns each update into an
``Incoming`` message and hands handlers a ``Reply`` to answer it with. So handlers, services, the
sender and render know no messenger, and a second messenger is one more adapter.

A messenger without buttons keeps the same handlers: its adapter shows actions as a numbered list
under the text and reads a typed number back as ``Incoming.action`` (the action's data), and a
question sent with ``Reply.ask`` is simply a message the next answer refers to.
"""

from __future__ import annotations

import html
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, Protocol

HTML = "html"  # text with <b>, <i>, <u>, <code>, <pre> and <a href>; entities escaped
PLAIN = "plain"


def escape(text: str) -> str:
    """``text`` shown as written inside an HTML-format message."""
    return html.escape(text, quote=False)


@dataclass(frozen=True)
class Action:
    """A choice offered under a message (a status answer, a page, an acknowledgement).

    ``typed`` is how the choice is made by typing where there are no buttons (``đã nhận``); a
    typed choice is read from the words people write, not from a number."""

    label: str
    data: str
    typed: str = ""


Actions = tuple[tuple[Action, ...], ...]


@dataclass(frozen=True)
class FileRef:
    """A file the messenger already holds (a notice's attachment), by its id there."""

    file_id: str
    name: str | None = None
    size: int | None = None


@dataclass(frozen=True)
class Outgoing:
    """One message: text (the caption when there is an attachment), actions, a reply link."""

    text: str
    format: str = HTML
    actions: Actions = ()
    attachment: FileRef | None = None
    reply_to: int | None = None
    silent: bool = False
    link: dict[str, Any] = field(default_factory=dict)  # what replies to it are about (outbox only)

    def to_payload(self) -> dict[str, Any]:
        """The outbox's JSON form."""
        payload: dict[str, Any] = {"text": self.text, "format": self.format}
        if self.actions:
            payload["actions"] = [[_action_payload(a) for a in row] for row in self.actions]
        if self.attachment is not None:
            payload["attachment"] = {"file_id": self.attachment.file_id, "name": self.attachment.name}
        if self.reply_to is not None:
            payload["reply_to"] = self.reply_to
        if self.silent:
            payload["silent"] = True
        if self.link:
            payload["link"] = dict(self.link)
        return payload

    @classmethod
    def from_payload(cls, payload: dict[str, Any]) -> Outgoing:
        attachment = payload.get("attachment")
        return cls(
            text=payload.get("text") or "",
            format=payload.get("format", PLAIN),
            actions=actions(payload.get("actions") or []),
            attachment=FileRef(attachment["file_id"], attachment.get("name")) if attachment else None,
            reply_to=payload.get("reply_to"),
            silent=bool(payload.get("silent")),
            link=dict(payload.get("link") or {}),
        )


def _action_payload(action: Action) -> dict[str, str]:
    found = {"label": action.label, "data": action.data}
    if action.typed:
        found["typed"] = action.typed
    return found


def actions(rows: list[list[dict[str, str]]]) -> Actions:
    """Rows of ``{"label", "data"[, "typed"]}`` as actions."""
    return tuple(tuple(Action(a["label"], a["data"], a.get("typed", "")) for a in row) for row in rows)


class ErrorKind(StrEnum):
    """Why a messenger did not take a message, as the sender must act on it."""

    RETRY_AFTER = "retry_after"  # flood control: wait, it is not a failure
    MIGRATED = "migrated"  # the chat has a new id: move the binding, send again
    BLOCKED = "blocked"  # the bot was removed or blocked: stop using the chat
    CHAT_GONE = "chat_gone"  # the chat or user no longer exists: stop using the chat
    REJECTED = "rejected"  # this message cannot be sent (bad markup, file gone): give up on it
    TRANSIENT = "transient"  # network or server trouble: try again later


@dataclass
class DeliveryError(Exception):
    kind: ErrorKind
    detail: str = ""
    retry_after: float = 0.0
    new_chat_id: int | None = None

    def __str__(self) -> str:
        return self.detail or self.kind.value

    @property
    def chat_lost(self) -> bool:
        return self.kind in (ErrorKind.BLOCKED, ErrorKind.CHAT_GONE)


PRIVATE = "private"  # a chat kind: one person and the bot


class Event(StrEnum):
    """What happened to the bot's place in a chat, rather than a message in it."""

    BOT_ADDED = "bot_added"
    BOT_REMOVED = "bot_removed"  # left, kicked or blocked
    CHAT_MOVED = "chat_moved"  # the chat goes on under a new id (``Incoming.moved_to``)


@dataclass(frozen=True)
class Sender:
    external_id: int
    name: str
    username: str | None = None
    is_bot: bool = False


@dataclass(frozen=True)
class Incoming:
    """One thing that came in: a message, a command, a pressed action or a membership event."""

    channel: str
    chat_id: int
    chat_kind: str  # PRIVATE, or the messenger's word for a group
    chat_title: str | None = None
    sender: Sender | None = None
    message_id: int | None = None
    text: str = ""  # the text, or a file's caption
    command: str | None = None  # without the slash
    args: str = ""  # everything after the command word, trimmed
    reply_to: int | None = None  # the message this one answers
    reply_to_bot: bool = False  # ... and it is one of the bot's
    action: str | None = None  # the data of a pressed action
    file: FileRef | None = None
    photo: FileRef | None = None
    edited: bool = False
    event: Event | None = None
    moved_to: int | None = None
    update_id: int | None = None  # the messenger's id of the update, for logs

    @property
    def private(self) -> bool:
        return self.chat_kind == PRIVATE


class Reply(Protocol):
    """How a handler answers what came in: in its chat, quoting it (or the message whose action
    was pressed). Methods that send return the messenger's id of the new message; refusals are
    ``DeliveryError``."""

    async def send(self, message: Outgoing) -> int: ...

    async def ask(self, message: Outgoing, hint: str | None = None) -> int:
        """A question whose answer is a reply to it (``hint`` shown where the answer is typed)."""
        ...

    async def send_file(self, data: bytes, name: str, caption: str, *, photo: bool = False) -> int: ...

    async def edit(self, message: Outgoing, message_id: int | None = None, chat_id: int | None = None) -> None:
        """Replace a message's text and actions (by default the one whose action was pressed)."""
        ...

    async def clear_actions(self) -> None:
        """Take the actions off the message whose action was pressed."""
        ...

    async def answer(self, text: str | None = None, *, alert: bool = False) -> None:
        """Acknowledge a pressed action, with a short note (or an alert to dismiss)."""
        ...

    async def download(self, file: FileRef) -> bytes: ...


class Channel(Protocol):
    """One messenger, as the outbox sender sees it."""

    name: str

    async def send(self, chat_id: int, message: Outgoing) -> int:
        """Send and return the messenger's message id; raise ``DeliveryError`` when refused."""
        ...

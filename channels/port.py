"""The channel port: what the bot says, in no messenger's terms, and how a messenger can refuse it.

``render/`` builds ``Outgoing`` messages, the outbox stores them as ``to_payload()`` dicts, and
one adapter per messenger (``channels.telegram`` first) turns them into API calls and its
errors into ``DeliveryError`` kinds, so the sender, services and render know no messenger.
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
    """A choice offered under a message (a status answer, a page, an acknowledgement)."""

    label: str
    data: str


Actions = tuple[tuple[Action, ...], ...]


@dataclass(frozen=True)
class FileRef:
    """A file the messenger already holds (a notice's attachment), by its id there."""

    file_id: str
    name: str | None = None


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
            payload["actions"] = [[{"label": a.label, "data": a.data} for a in row] for row in self.actions]
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


def actions(rows: list[list[dict[str, str]]]) -> Actions:
    """Rows of ``{"label", "data"}`` as actions."""
    return tuple(tuple(Action(a["label"], a["data"]) for a in row) for row in rows)


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


class Channel(Protocol):
    """One messenger, as the outbox sender sees it."""

    name: str

    async def send(self, chat_id: int, message: Outgoing) -> int:
        """Send and return the messenger's message id; raise ``DeliveryError`` when refused."""
        ...

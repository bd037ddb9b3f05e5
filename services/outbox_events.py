"""What a use case asks to be told later, as facts: the outbox keeps the event, and ``render/``
turns it into words when the sender takes it, so services write no text (see
``render/outbox_events.py``). Facts are captured when the event happens: what users read is the
state of things then, not when the message leaves."""

from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import date
from types import UnionType
from typing import Any, ClassVar, Union, get_args, get_origin, get_type_hints


@dataclass(frozen=True)
class LeadState:
    """A lead agency's status as it stands (``TaskLead`` fields)."""

    status: str
    percent: int | None = None
    done_on: date | None = None
    reason: str | None = None
    requested: date | None = None


@dataclass(frozen=True)
class ExtensionRequested:
    """To the secretariat: an agency asks for a later deadline, to approve or reject."""

    KIND: ClassVar[str] = "extension_requested"
    change_id: int  # the status change holding the request, which the answer names
    agency: str
    code: str
    content: str
    due: date | None
    requested: date
    reason: str | None


@dataclass(frozen=True)
class ExtensionDecided:
    """To the agency: the secretariat's answer; ``due`` is the deadline from now on."""

    KIND: ClassVar[str] = "extension_decided"
    code: str
    approved: bool
    due: date | None


@dataclass(frozen=True)
class CoLeadUpdated:
    """To the other lead agencies of a task: one of them changed its status."""

    KIND: ClassVar[str] = "co_lead_updated"
    agency: str
    code: str
    state: LeadState


@dataclass(frozen=True)
class ChatLost:
    """To the secretariat: the bot can no longer write in a bound chat."""

    KIND: ClassVar[str] = "chat_lost"
    agency: str | None  # the agency the chat is bound to
    leaders: bool  # ... or the leaders' group
    title: str  # otherwise the chat's title (or id)


@dataclass(frozen=True)
class ChatBound:
    """To the secretariat: a chat was bound with a code."""

    KIND: ClassVar[str] = "chat_bound"
    chat_title: str | None  # None for a private chat
    person: str
    agency: str | None  # None: a chat of the working group itself, by ``role``
    role: str | None = None  # the role a chat without agency was given (leaders unless said)


@dataclass(frozen=True)
class SecretariatJoined:
    """To the secretariat of the group above: a group below has its secretariat now."""

    KIND: ClassVar[str] = "secretariat_joined"
    group: str
    person: str
    chat_title: str | None  # None for a private chat


OutboxEvent = ExtensionRequested | ExtensionDecided | CoLeadUpdated | ChatLost | ChatBound | SecretariatJoined
EVENTS: dict[str, type[OutboxEvent]] = {
    cls.KIND: cls
    for cls in (ExtensionRequested, ExtensionDecided, CoLeadUpdated, ChatLost, ChatBound, SecretariatJoined)
}
KEY = "event"  # an outbox payload holding an event has its kind here


def to_payload(event: OutboxEvent) -> dict[str, Any]:
    """The outbox's JSON form of an event."""
    return {KEY: event.KIND, **_plain(event)}


def from_payload(payload: dict[str, Any]) -> OutboxEvent | None:
    """The event an outbox payload holds; None for a payload that is a message already.
    ``ValueError`` for an event this version does not know."""
    kind = payload.get(KEY)
    if kind is None:
        return None
    if kind not in EVENTS:
        raise ValueError(f"unknown outbox event {kind!r}")
    return _load(EVENTS[kind], payload)


def _plain(obj: Any) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for f in fields(obj):
        value = getattr(obj, f.name)
        if isinstance(value, date):
            value = value.isoformat()
        elif hasattr(value, "__dataclass_fields__"):
            value = _plain(value)
        out[f.name] = value
    return out


def _load(cls: type, data: dict[str, Any]) -> Any:
    hints = get_type_hints(cls)
    values: dict[str, Any] = {}
    for f in fields(cls):
        value, hint = data.get(f.name), hints[f.name]
        if get_origin(hint) in (Union, UnionType):
            hint = next((a for a in get_args(hint) if a is not type(None)), hint)
        if value is not None and hint is date:
            value = date.fromisoformat(value)
        elif value is not None and isinstance(hint, type) and hasattr(hint, "__dataclass_fields__"):
            value = _load(hint, value)
        values[f.name] = value
    return cls(**values)

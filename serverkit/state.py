"""The part of a stand-in's state that every API has: the change pulse, the bot's calls and deliveries."""

from __future__ import annotations

from collections import Counter
from typing import Any, Generic, Protocol, TypeVar

from serverkit.records import Call
from serverkit.waiting import Pulse

ChatId = TypeVar("ChatId", int, str)


class Delivered(Protocol):
    """A message the bot sent, as far as the shared bookkeeping needs it."""

    @property
    def chat_id(self) -> Any: ...


class HasId(Protocol):
    """A chat or person, which a test may give instead of its id."""

    @property
    def id(self) -> Any: ...


def id_of(chat: HasId | ChatId) -> ChatId:
    """The id of a chat (or person) given as itself or as its id."""
    return chat if isinstance(chat, int | str) else chat.id


M = TypeVar("M", bound=Delivered)


class ServerState(Generic[M, ChatId]):
    """Everything that wakes waiters: each change fires `pulse`, so tests and long polls look again."""

    def __init__(self) -> None:
        self.pulse = Pulse()
        self.closing = False
        self.waiting_polls = 0
        self.sent: list[M] = []
        self.delivered: Counter[ChatId] = Counter()
        self.calls: list[Call] = []

    def changed(self) -> None:
        self.pulse.fire()

    def record_sent(self, message: M) -> None:
        self.sent.append(message)
        self.delivered[message.chat_id] += 1
        self.changed()

    def record_call(self, call: Call) -> None:
        self.calls.append(call)
        self.changed()

"""What tests look at: the bot's messages and calls, and awaiting either (or the bot's first long poll)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Generic, Protocol, TypeVar

from serverkit.records import Call
from serverkit.state import ChatId, HasId, ServerState, id_of

_SHOWN_IN_DUMP = 15


class Shown(Protocol):
    """A bot message as the shared observations read it."""

    @property
    def chat_id(self) -> Any: ...

    @property
    def shown_text(self) -> str: ...


M = TypeVar("M", bound=Shown)


class BotObservations(Generic[M, ChatId]):
    """Mixed into a server; each API says how a message reads in `dump` and which calls count as refused."""

    world: ServerState[M, ChatId]

    @property
    def sent(self) -> list[M]:
        """Every message the bot delivered, in order (refused sends are not here)."""
        return self.world.sent

    @property
    def calls(self) -> list[Call]:
        return self.world.calls

    def messages_in(self, chat: HasId | ChatId) -> list[M]:
        """The bot's messages still visible in a chat (a Chat or its id)."""
        wanted = id_of(chat)
        return [m for m in self.world.sent if m.chat_id == wanted and self._visible(m)]

    def last_message(self, chat: HasId | ChatId) -> M | None:
        messages = self.messages_in(chat)
        return messages[-1] if messages else None

    def count_sent(self, chat: HasId | ChatId | None = None) -> int:
        """Messages the bot delivered (refused sends do not count), overall or into one chat."""
        return len(self.world.sent) if chat is None else self.world.delivered[id_of(chat)]

    async def wait_for(
        self, predicate: Callable[[M], bool] = lambda m: True, timeout: float = 10.0, *, after: int = 0
    ) -> M:
        """The first bot message in `sent[after:]` matching `predicate`, now or once it is sent (or changed).

        Raises TimeoutError listing what the bot sent and its refused calls.
        """
        found = await self.world.pulse.until(
            lambda: next((m for m in self.world.sent[after:] if predicate(m)), None), timeout
        )
        if found is None:
            raise TimeoutError(f"no bot message matched within {timeout} s\n{self.dump()}")
        return found

    async def wait_for_call(
        self, method: str, timeout: float = 10.0, *, predicate: Callable[[Call], bool] = lambda c: True
    ) -> Call:
        """The first recorded call of `method` (any outcome) matching `predicate`."""
        found = await self.world.pulse.until(
            lambda: next((c for c in self.world.calls if c.method == method and predicate(c)), None), timeout
        )
        if found is None:
            raise TimeoutError(f"the bot did not call {method} within {timeout} s\n{self.dump()}")
        return found

    async def wait_until_polling(self, timeout: float = 10.0) -> None:
        """Return once a getUpdates long poll waits here, i.e. the bot is ready for updates."""
        if await self.world.pulse.until(lambda: True if self.world.waiting_polls else None, timeout) is None:
            raise TimeoutError(f"no getUpdates long poll arrived within {timeout} s\n{self.dump()}")

    def dump(self) -> str:
        """A readable account of the bot's recent messages and refused calls, for failure messages."""
        lines = [f"bot messages ({len(self.world.sent)}):"]
        lines += [f"  {self._describe(m)}" for m in self.world.sent[-_SHOWN_IN_DUMP:]]
        failed = [c for c in self.world.calls if self._refused(c)]
        lines.append(f"refused or dropped calls ({len(failed)}):")
        for c in failed[-_SHOWN_IN_DUMP:]:
            reason = c.response.get("description") if c.response else "no answer"
            lines.append(f"  {c.method} -> {c.status}: {reason}")
        lines.append(f"all calls: {', '.join(c.method for c in self.world.calls[-30:])}")
        return "\n".join(lines)

    def _visible(self, message: M) -> bool:
        """Whether a chat still shows the message (an API with deletion says no for deleted ones)."""
        return True

    def _describe(self, message: M) -> str:
        return f"chat {message.chat_id}: {message.shown_text[:120]!r}"

    def _refused(self, call: Call) -> bool:
        """Whether `dump` lists the call; an API whose normal answers include errors leaves those out."""
        return not call.ok

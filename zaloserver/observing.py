"""What tests look at: the bot's messages and calls, and waiting for either with a deadline."""

from __future__ import annotations

from collections.abc import Callable

from zaloserver.messages import Message
from zaloserver.people import Chat
from zaloserver.records import Call
from zaloserver.world import World

_SHOWN_IN_DUMP = 15


class BotObservations:
    world: World

    @property
    def sent(self) -> list[Message]:
        """Every message the bot delivered, in order (refused sends are not here)."""
        return self.world.sent

    @property
    def calls(self) -> list[Call]:
        return self.world.calls

    @property
    def pending_updates(self) -> int:
        """Updates not yet handed to the bot."""
        return len(self.world.updates)

    def messages_in(self, chat: Chat | str) -> list[Message]:
        wanted = _id_of(chat)
        return [m for m in self.world.sent if m.chat_id == wanted]

    def last_message(self, chat: Chat | str) -> Message | None:
        messages = self.messages_in(chat)
        return messages[-1] if messages else None

    def count_sent(self, chat: Chat | str | None = None) -> int:
        return len(self.world.sent) if chat is None else self.world.delivered[_id_of(chat)]

    async def wait_for(
        self, predicate: Callable[[Message], bool] = lambda m: True, timeout: float = 10.0, *, after: int = 0
    ) -> Message:
        """The first bot message in `sent[after:]` matching `predicate`, now or once sent.

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
        """The bot's recent messages and refused calls, for failure messages."""
        lines = [f"bot messages ({len(self.world.sent)}):"]
        lines += [
            f"  chat {m.chat_id} {m.kind}: {m.shown_text[:120]!r}" for m in self.world.sent[-_SHOWN_IN_DUMP:]
        ]
        failed = [c for c in self.world.calls if not c.ok and (c.response or {}).get("error_code") != 408]
        lines.append(f"refused or dropped calls ({len(failed)}):")
        for c in failed[-_SHOWN_IN_DUMP:]:
            reason = c.response.get("description") if c.response else "no answer"
            lines.append(f"  {c.method} -> {c.status}: {reason}")
        return "\n".join(lines)


def _id_of(chat: Chat | str) -> str:
    return chat if isinstance(chat, str) else chat.id

"""What tests look at: the bot's messages, its calls, its answers to buttons, and awaiting any of them."""

from __future__ import annotations

from collections.abc import Callable

from tgserver.messages import Message
from tgserver.people import Chat
from tgserver.records import Call, CallbackAnswer
from tgserver.world import World

_SHOWN_IN_DUMP = 15


class BotObservations:
    world: World

    @property
    def sent(self) -> list[Message]:
        """Every message the bot delivered, in order; edits update them in place, deletion marks them."""
        return self.world.sent

    @property
    def calls(self) -> list[Call]:
        return self.world.calls

    @property
    def callback_answers(self) -> list[CallbackAnswer]:
        return self.world.callback_answers

    def messages_in(self, chat_id: Chat | int) -> list[Message]:
        """The bot's messages still visible in a chat (a Chat or its id)."""
        wanted = _id_of(chat_id)
        return [m for m in self.world.sent if m.chat_id == wanted and not m.deleted]

    def last_message(self, chat_id: Chat | int) -> Message | None:
        messages = self.messages_in(chat_id)
        return messages[-1] if messages else None

    def count_sent(self, chat_id: Chat | int | None = None) -> int:
        """Messages the bot delivered (refused sends do not count), overall or into one chat."""
        if chat_id is None:
            return sum(self.world.delivered.values())
        return self.world.delivered[_id_of(chat_id)]

    async def wait_for(
        self,
        predicate: Callable[[Message], bool] = lambda m: True,
        timeout: float = 10.0,
        *,
        after: int = 0,
    ) -> Message:
        """The first bot message in `sent[after:]` matching `predicate`, now or once it is sent or edited.

        Raises TimeoutError listing what the bot sent and its failed calls.
        """
        found = await self.world.pulse.until(
            lambda: next((m for m in self.world.sent[after:] if predicate(m)), None), timeout
        )
        if found is None:
            raise TimeoutError(f"no bot message matched within {timeout} s\n{self.dump()}")
        return found

    async def wait_for_call(
        self,
        method: str,
        timeout: float = 10.0,
        *,
        predicate: Callable[[Call], bool] = lambda c: True,
    ) -> Call:
        """The first recorded call of `method` (any status) matching `predicate`."""
        found = await self.world.pulse.until(
            lambda: next((c for c in self.world.calls if c.method == method and predicate(c)), None), timeout
        )
        if found is None:
            raise TimeoutError(f"the bot did not call {method} within {timeout} s\n{self.dump()}")
        return found

    async def wait_for_callback_answer(
        self,
        callback_query_id: str,
        timeout: float = 10.0,
    ) -> CallbackAnswer:
        found = await self.world.pulse.until(
            lambda: next(
                (a for a in self.world.callback_answers if a.callback_query_id == callback_query_id), None
            ),
            timeout,
        )
        if found is None:
            raise TimeoutError(
                f"callback query {callback_query_id} was not answered within {timeout} s\n{self.dump()}"
            )
        return found

    async def wait_until_polling(self, timeout: float = 10.0) -> None:
        """Return once a getUpdates long poll is waiting here, i.e. the bot is ready for updates."""
        if await self.world.pulse.until(lambda: True if self.world.waiting_polls else None, timeout) is None:
            raise TimeoutError(f"no getUpdates long poll arrived within {timeout} s\n{self.dump()}")

    def dump(self) -> str:
        """A readable account of the bot's recent messages and refused calls, for failure messages."""
        lines = [f"bot messages ({len(self.world.sent)}):"]
        for m in self.world.sent[-_SHOWN_IN_DUMP:]:
            flags = " [deleted]" if m.deleted else " [edited]" if m.history else ""
            lines.append(f"  chat {m.chat_id} #{m.message_id} {m.method}{flags}: {m.shown_text[:120]!r}")
        failed = [c for c in self.world.calls if not c.ok]
        lines.append(f"refused or dropped calls ({len(failed)}):")
        for c in failed[-_SHOWN_IN_DUMP:]:
            reason = c.response.get("description") if c.response else "no answer"
            lines.append(f"  {c.method} -> {c.status}: {reason}")
        lines.append(f"all calls: {', '.join(c.method for c in self.world.calls[-30:])}")
        return "\n".join(lines)


def _id_of(chat: Chat | int) -> int:
    return chat if isinstance(chat, int) else chat.id

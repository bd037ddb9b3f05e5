"""What tests look at of the Telegram bot: the shared observations, plus its answers to buttons."""

from __future__ import annotations

from serverkit import observing
from tgserver.messages import Message
from tgserver.records import CallbackAnswer
from tgserver.world import World


class BotObservations(observing.BotObservations[Message, int]):
    world: World

    @property
    def callback_answers(self) -> list[CallbackAnswer]:
        return self.world.callback_answers

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

    def _visible(self, message: Message) -> bool:
        """A deleted message is gone from the chat (it stays in `sent`, marked)."""
        return not message.deleted

    def _describe(self, message: Message) -> str:
        flags = " [deleted]" if message.deleted else " [edited]" if message.history else ""
        return (
            f"chat {message.chat_id} #{message.message_id} {message.method}{flags}: "
            f"{message.shown_text[:120]!r}"
        )

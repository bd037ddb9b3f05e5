"""What tests look at of the Zalo bot: the shared observations, with Zalo's messages and its pending updates."""

from __future__ import annotations

from serverkit import observing
from serverkit.records import Call
from zaloserver.messages import Message
from zaloserver.world import World


class BotObservations(observing.BotObservations[Message, str]):
    world: World

    @property
    def pending_updates(self) -> int:
        """Updates not yet handed to the bot."""
        return len(self.world.updates)

    def _describe(self, message: Message) -> str:
        return f"chat {message.chat_id} {message.kind}: {message.shown_text[:120]!r}"

    def _refused(self, call: Call) -> bool:
        """An empty poll's 408 is the platform's normal answer, not a refusal."""
        return not call.ok and (call.response or {}).get("error_code") != 408

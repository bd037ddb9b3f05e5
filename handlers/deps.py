"""What every handler receives: the incoming message, the way to answer it, and the dependencies
the composition root (``bot.bootstrap``) built once."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from channels.port import HTML, PLAIN, Incoming, Outgoing, Reply
from services.clock import Clock
from services.reminder_schedule import Planner
from services.unit import UnitOfWork


def _nothing() -> None:
    return None


@dataclass(frozen=True)
class Deps:
    db: UnitOfWork
    clock: Clock
    admin_ids: frozenset[int]
    timezone: str
    planner: Planner  # the engine's reminder planner, for /lich_nhac
    web_base_url: str | None = None  # the dashboard's public address (WEB_BASE_URL), for /bang_dieu_khien
    wake: Callable[[], None] = field(default=_nothing)

    def wake_sender(self) -> None:
        """Something was queued: let the sender look now rather than at its next idle wake-up."""
        self.wake()


@dataclass(frozen=True)
class Context:
    """One incoming message being handled, whichever messenger it came from."""

    msg: Incoming
    reply: Reply
    deps: Deps

    async def say(self, text: str, *, html: bool = False) -> int:
        """Answer with one plain (or HTML) text."""
        return await self.reply.send(Outgoing(text, format=HTML if html else PLAIN))

"""What every handler needs, handed over by the composition root (``bot.bootstrap``) through a
typed callback context instead of ``bot_data`` look-ups."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from telegram.ext import CallbackContext, ContextTypes, ExtBot

from services.clock import Clock
from services.unit import UnitOfWork


def _nothing() -> None:
    return None


@dataclass(frozen=True)
class Deps:
    db: UnitOfWork
    clock: Clock
    admin_ids: frozenset[int]
    timezone: str
    wake: Callable[[], None] = field(default=_nothing)

    def wake_sender(self) -> None:
        """Something was queued: let the sender look now rather than at its next idle wake-up."""
        self.wake()


class AppData(dict[str, Any]):
    """The application's ``bot_data``: the handlers' dependencies, set once by the bootstrap."""

    deps: Deps


class Context(CallbackContext[ExtBot[None], dict[Any, Any], dict[Any, Any], AppData]):
    """The callback context every handler receives."""

    @property
    def deps(self) -> Deps:
        return self.bot_data.deps


CONTEXT_TYPES = ContextTypes(context=Context, bot_data=AppData)

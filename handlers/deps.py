"""What every handler needs from the composition root, kept in ``bot_data``."""

from __future__ import annotations

from dataclasses import dataclass

from telegram.ext import ContextTypes

from bot.settings import Settings
from scheduler.runtime import Runtime
from services.clock import Clock
from storage.db import Database

KEY = "dondoc"


@dataclass
class Deps:
    settings: Settings
    db: Database
    clock: Clock
    runtime: Runtime | None = None

    def wake_sender(self) -> None:
        """Something was queued: let the sender look now rather than at its next idle wake-up."""
        if self.runtime is not None:
            self.runtime.wake()


def deps(context: ContextTypes.DEFAULT_TYPE) -> Deps:
    value = context.application.bot_data[KEY]
    assert isinstance(value, Deps)
    return value

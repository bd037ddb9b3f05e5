"""What every handler needs from the composition root, kept in ``bot_data``."""

from __future__ import annotations

from dataclasses import dataclass

from telegram.ext import ContextTypes

from bot.settings import Settings
from services.clock import Clock
from storage.db import Database

KEY = "dondoc"


@dataclass
class Deps:
    settings: Settings
    db: Database
    clock: Clock


def deps(context: ContextTypes.DEFAULT_TYPE) -> Deps:
    value = context.application.bot_data[KEY]
    assert isinstance(value, Deps)
    return value

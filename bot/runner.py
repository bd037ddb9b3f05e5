"""Running the bot for real: migrate, then poll until stopped."""

from __future__ import annotations

import asyncio

from bot.app import build_application
from bot.settings import Settings
from services.clock import SystemClock
from storage.db import Database


def run_polling(settings: Settings) -> int:
    db = Database(settings.database_url)
    asyncio.run(db.migrate())
    app = build_application(settings, db, SystemClock())
    app.run_polling(allowed_updates=["message", "edited_message", "callback_query", "my_chat_member"])
    asyncio.run(db.close())
    return 0

"""Composition root: settings, the application factory and the ``dondoc`` command line."""

import os

from bot.unused_imports import refuse

# Durations from python-telegram-bot as timedelta (its next major version's behaviour), now.
os.environ.setdefault("PTB_TIMEDELTA", "1")

refuse()

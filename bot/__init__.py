"""Composition root: settings, the application factory and the ``dondoc`` command line."""

import os
import sys

# Durations from python-telegram-bot as timedelta (its next major version's behaviour), now.
os.environ.setdefault("PTB_TIMEDELTA", "1")

# httpx (under python-telegram-bot) loads its command-line tool when click, rich and pygments are
# installed (they come with the development tools); the bot never uses it: 8 MB it does not load.
sys.modules.setdefault("httpx._main", None)  # type: ignore[arg-type]

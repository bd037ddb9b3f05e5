"""``dondoc worker``: engine ticks and the outbox sender, without polling for updates.

Telegram lets one process poll getUpdates per bot token (a second one gets 409 Conflict), so a
province on PostgreSQL runs one ``dondoc run`` (updates, commands, and its own ticks and sender)
and as many ``dondoc worker`` processes as it needs to send faster or to keep sending while the
main process restarts. The outbox is claimed with ``FOR UPDATE SKIP LOCKED`` and a state re-check,
so each message goes out from one process; ticks in several processes are harmless, their
idempotency keys make the second one a no-op.

Stopping: SIGTERM or SIGINT finishes the message in hand and hands the rest of the claimed batch
back at once (another process sends it without waiting for the lease); a second signal ends the
process at once. A process killed outright leaves its batch leased: another process sends it when
the lease (``--lease``) runs out, at most one of them a second time (the one in flight).

Telegram's limit of about 30 messages a second is per bot, not per process: give each process its
share with ``--per-second`` (e.g. 15 and 15 for two senders).
"""

from __future__ import annotations

import asyncio
import logging
import os
import signal
import socket
import uuid
from dataclasses import dataclass
from datetime import timedelta

from telegram.error import InvalidToken, TelegramError

from bot.bootstrap import Core, channels_for, runtime_for, telegram_bot
from bot.settings import Settings
from scheduler.limits import LimitSettings
from scheduler.runtime import RuntimeSettings
from scheduler.sender import SenderSettings

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class WorkerOptions:
    """How this process sends: its share of the rate, batch, lease and tick interval."""

    per_second: int = 30
    batch: int = 50
    lease_seconds: float = 120.0
    tick_seconds: float = 60.0

    def runtime_settings(self) -> RuntimeSettings:
        return RuntimeSettings(
            tick_seconds=self.tick_seconds,
            limits=LimitSettings(per_second=self.per_second),
            sender=SenderSettings(batch=self.batch, lease=timedelta(seconds=self.lease_seconds)),
        )


def worker_name() -> str:
    """What ``outbox.claimed_by`` says: which host and process holds a row (unique per start)."""
    return f"{socket.gethostname()[:40]}:{os.getpid()}:{uuid.uuid4().hex[:6]}"


async def serve(settings: Settings, options: WorkerOptions, stop: asyncio.Event | None = None) -> int:
    """Tick and send until ``stop`` is set (by SIGTERM/SIGINT); returns the exit status."""
    stop = stop or asyncio.Event()
    loop = asyncio.get_running_loop()
    watched = (signal.SIGTERM, signal.SIGINT)

    def on_signal(received: signal.Signals) -> None:
        log.info("%s: finishing the message in hand, handing the rest back", received.name)
        stop.set()
        for sig in watched:
            loop.remove_signal_handler(sig)  # a second signal ends the process at once

    for sig in watched:
        loop.add_signal_handler(sig, on_signal, sig)
    core = Core.build(settings)
    db = core.db
    try:
        if db.dialect != "postgresql":
            log.warning("worker on %s: several sending processes are meant for PostgreSQL", db.dialect)
        await db.migrate()
        bot = telegram_bot(settings)
        try:
            await bot.initialize()
        except InvalidToken:
            log.error("Telegram refused the bot token (TELEGRAM_BOT_TOKEN)")
            return 2
        except TelegramError as exc:
            log.error("Telegram is not reachable at start: %s", exc)
            return 1
        try:
            runtime = runtime_for(core, channels_for(core, bot), options.runtime_settings())
            runtime.sender.worker = worker_name()
            await runtime.start()
            log.info(
                "worker %s sending (%d/s, batch %d, lease %.0fs, tick every %.0fs)",
                runtime.sender.worker, options.per_second, options.batch, options.lease_seconds, options.tick_seconds,
            )
            await stop.wait()
            await runtime.stop()
            log.info("worker %s stopped", runtime.sender.worker)
        finally:
            await bot.shutdown()
    finally:
        await core.close()
        for sig in watched:
            loop.remove_signal_handler(sig)
    return 0


def run_worker(settings: Settings, options: WorkerOptions) -> int:
    return asyncio.run(serve(settings, options))

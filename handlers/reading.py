"""Reading a sent file off the event loop, with one progress message edited in place and a stop button.

OCR of a scan takes seconds a page: the work runs in a thread (the bot keeps answering others),
the reader's page callback edits one message (``Đang nhận dạng chữ: trang 3/12…``), and the
button sets the event the reader checks between pages. The last few results are kept by the
file's hash so that confirming a preview does not recognize the scan a second time.
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import threading
from collections import OrderedDict
from typing import Any

import engines
from channels.port import PLAIN, Action, DeliveryError, Outgoing
from handlers.buttons import Press, button
from handlers.deps import Context
from locales import _
from plans.agencies import Registry
from services import imports
from services.access import Actor

_STOPS: dict[int, threading.Event] = {}
_DONE: OrderedDict[str, imports.ParsedPlan] = OrderedDict()
_KEEP = 8


def _progress(c: Context, status: int, loop: asyncio.AbstractEventLoop) -> Any:
    stop = ((Action(_("⏹ Dừng"), f"ocr:{status}:stop"),),)

    async def edit(done: int, total: int) -> None:
        text = _("Đang nhận dạng chữ: trang {done}/{total}…", done=min(done + 1, total), total=total)
        with contextlib.suppress(DeliveryError):  # a failed edit only loses a progress line
            await c.reply.edit(Outgoing(text, format=PLAIN, actions=stop if done < total else ()), status)

    def report(done: int, total: int) -> None:
        asyncio.run_coroutine_threadsafe(edit(done, total), loop)

    return report


async def parse_with_progress(c: Context, status: int, data: bytes, name: str, registry: Registry) -> imports.ParsedPlan:
    """Read ``data``, editing the progress into message ``status`` of this chat."""
    key = hashlib.sha256(data).hexdigest()
    if key in _DONE:
        return _DONE[key]
    stop = _STOPS[status] = threading.Event()
    options = engines.options(progress=_progress(c, status, asyncio.get_running_loop()), cancelled=stop.is_set)
    try:
        parsed = await asyncio.to_thread(imports.parse, data, name, registry, options)
    finally:
        _STOPS.pop(status, None)
    if parsed.ocr is not None:
        _DONE[key] = parsed
        while len(_DONE) > _KEEP:
            _DONE.popitem(last=False)
    return parsed


@button("ocr", "import_plan")
async def on_stop(c: Context, actor: Actor, press: Press) -> None:
    stop = _STOPS.get(press.id)
    if stop is not None:
        stop.set()
    await c.reply.answer(_("Đang dừng…"))

"""Running a stand-in by hand (`python -m tgserver`, `python -m zaloserver`), so a person can point the bot at
it and type as a user through `/_test/send`, reading the bot's answers at `/_test/sent`."""

from __future__ import annotations

import argparse
import asyncio
import contextlib
from collections.abc import Callable, Coroutine, Iterable
from typing import Any, Protocol

from aiohttp import web

from serverkit.server import LocalServer

_TEST_ROUTES_HELP = "POST /_test/send {'text': ..., 'chat_id'?: ...}; GET /_test/sent. Ctrl-C stops."


class Posted(Protocol):
    """A message as the /_test routes show it."""

    @property
    def chat_id(self) -> Any: ...

    @property
    def message_id(self) -> Any: ...

    @property
    def shown_text(self) -> str: ...


def parser(prog: str, doc: str, *, port: int, token: str) -> argparse.ArgumentParser:
    """The options every stand-in takes; the caller adds its own."""
    parser = argparse.ArgumentParser(prog=prog, description=doc.splitlines()[0])
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=port)
    parser.add_argument("--token", default=token)
    parser.add_argument("--time-scale", type=float, default=1.0)
    return parser


def add_test_routes(
    app: web.Application, send: Callable[[dict[str, Any]], Posted], sent: Callable[[], Iterable[Posted]]
) -> None:
    """POST /_test/send: `send` writes the JSON body's text as a person; GET /_test/sent: the bot's messages."""

    async def send_route(request: web.Request) -> web.Response:
        message = send(await request.json())
        return web.json_response({"chat_id": message.chat_id, "message_id": message.message_id})

    async def sent_route(request: web.Request) -> web.Response:
        return web.json_response(
            [{"chat_id": m.chat_id, "message_id": m.message_id, "text": m.shown_text} for m in sent()]
        )

    app.add_routes([web.post("/_test/send", send_route), web.get("/_test/sent", sent_route)])


async def serve_forever(server: LocalServer, args: argparse.Namespace, banner: Callable[[], str]) -> None:
    """Start on the parsed --host and --port, print `banner()` (it may use the bound URLs) and how to use
    the /_test routes, serve until cancelled, then stop."""
    await server.start(args.host, args.port)
    print(f"{banner()}\n{_TEST_ROUTES_HELP}", flush=True)
    try:
        await asyncio.Event().wait()
    finally:
        await server.stop()


def run(serve: Coroutine[Any, Any, None]) -> None:
    """Run `serve` until Ctrl-C, without a traceback for it."""
    with contextlib.suppress(KeyboardInterrupt):
        asyncio.run(serve)

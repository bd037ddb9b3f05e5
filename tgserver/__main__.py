"""Run the stand-in by hand, so a person can point `dondoc run` at it and type as a user.

    python -m tgserver --port 9000 --token 123:ABC
    curl -d '{"text": "/start"}' -H 'Content-Type: application/json' localhost:9000/_test/send
    curl localhost:9000/_test/sent

/_test/send writes as the user "Tester" in their private chat, or in a group when "chat_id" is given
(Tester is a member of the demo group printed at start).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
from typing import Any

from aiohttp import web

from tgserver.people import Chat, User
from tgserver.server import TelegramServer


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m tgserver", description=__doc__.splitlines()[0])
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=9000)
    parser.add_argument("--token", default="123:ABC")
    parser.add_argument("--bot-username", default="dondoc_bot")
    parser.add_argument("--time-scale", type=float, default=1.0)
    parser.add_argument("--no-limits", action="store_true", help="do not enforce flood limits")
    return parser


def add_demo(server: TelegramServer) -> tuple[User, Chat]:
    """The user Tester, a demo group, and the /_test routes (call before `start`)."""
    tester = server.add_user("Tester", username="tester")
    group = server.add_group("Demo group", members=[tester])

    async def send(request: web.Request) -> web.Response:
        body: dict[str, Any] = await request.json()
        chat = int(body.get("chat_id", tester.id))
        if chat == group.id and group.bot_status == "left":
            server.add_bot_to_group(group, by=tester)
        message = server.send_text(chat, tester, str(body["text"]))
        return web.json_response({"chat_id": message.chat_id, "message_id": message.message_id})

    async def sent(request: web.Request) -> web.Response:
        return web.json_response(
            [{"chat_id": m.chat_id, "message_id": m.message_id, "text": m.shown_text} for m in server.sent]
        )

    server.app.add_routes([web.post("/_test/send", send), web.get("/_test/sent", sent)])
    return tester, group


async def _serve(args: argparse.Namespace) -> None:
    server = TelegramServer(
        args.token, args.bot_username, time_scale=args.time_scale, limits=not args.no_limits
    )
    tester, group = add_demo(server)
    await server.start(args.host, args.port)
    print(
        f"base_url      {server.base_url}\n"
        f"base_file_url {server.base_file_url}\n"
        f"user Tester   {tester.id} (private chat {tester.id}); demo group {group.id}\n"
        "POST /_test/send {'text': ..., 'chat_id'?: ...}; GET /_test/sent. Ctrl-C stops.",
        flush=True,
    )
    try:
        await asyncio.Event().wait()
    finally:
        await server.stop()


def main() -> None:
    with contextlib.suppress(KeyboardInterrupt):
        asyncio.run(_serve(_parser().parse_args()))


if __name__ == "__main__":
    main()

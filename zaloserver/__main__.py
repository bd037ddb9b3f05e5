"""Run the stand-in by hand, so a person can point `dondoc run` at it and type as a user.

    python -m zaloserver --port 9100
    curl -d '{"text": "dang ky AB12"}' -H 'Content-Type: application/json' localhost:9100/_test/send
    curl localhost:9100/_test/sent

/_test/send writes as the user "Tester" in their private chat, or in the demo group when "chat_id" is
the group's id (printed at start; the bot is already a member).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
from typing import Any

from aiohttp import web

from zaloserver.people import Chat, User
from zaloserver.server import DEFAULT_TOKEN, ZaloServer


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m zaloserver", description=__doc__.splitlines()[0])
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=9100)
    parser.add_argument("--token", default=DEFAULT_TOKEN)
    parser.add_argument("--time-scale", type=float, default=1.0)
    return parser


def add_demo(server: ZaloServer) -> tuple[User, Chat]:
    """The user Tester, a demo group with the bot in it, and the /_test routes (call before `start`)."""
    tester = server.add_user("Tester")
    group = server.add_group("Nhóm thử", members=[tester])
    server.add_bot_to_group(group)

    async def send(request: web.Request) -> web.Response:
        body: dict[str, Any] = await request.json()
        message = server.send_text(str(body.get("chat_id", tester.id)), tester, str(body["text"]))
        return web.json_response({"chat_id": message.chat_id, "message_id": message.message_id})

    async def sent(request: web.Request) -> web.Response:
        return web.json_response(
            [{"chat_id": m.chat_id, "message_id": m.message_id, "text": m.shown_text} for m in server.sent]
        )

    server.app.add_routes([web.post("/_test/send", send), web.get("/_test/sent", sent)])
    return tester, group


async def _serve(args: argparse.Namespace) -> None:
    server = ZaloServer(args.token, time_scale=args.time_scale)
    tester, group = add_demo(server)
    await server.start(args.host, args.port)
    print(
        f"ZALO_API_BASE_URL={server.base_url}\n"
        f"ZALO_BOT_TOKEN={server.token}\n"
        f"user Tester {tester.id} (private chat {tester.id}); demo group {group.id}\n"
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

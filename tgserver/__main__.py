"""Run the stand-in by hand, so a person can point `dondoc run` at it and type as a user.

    python -m tgserver --port 9000 --token 123:ABC
    curl -d '{"text": "/start"}' -H 'Content-Type: application/json' localhost:9000/_test/send
    curl localhost:9000/_test/sent

/_test/send writes as the user "Tester" in their private chat, or in a group when "chat_id" is given
(Tester is a member of the demo group printed at start).
"""

from __future__ import annotations

import argparse
from typing import Any

from serverkit import standalone
from tgserver.messages import Message
from tgserver.people import Chat, User
from tgserver.server import TelegramServer


def add_demo(server: TelegramServer) -> tuple[User, Chat]:
    """The user Tester, a demo group, and the /_test routes (call before `start`)."""
    tester = server.add_user("Tester", username="tester")
    group = server.add_group("Demo group", members=[tester])

    def send(body: dict[str, Any]) -> Message:
        chat = int(body.get("chat_id", tester.id))
        if chat == group.id and group.bot_status == "left":
            server.add_bot_to_group(group, by=tester)
        return server.send_text(chat, tester, str(body["text"]))

    standalone.add_test_routes(server.app, send, lambda: server.sent)
    return tester, group


async def _serve(args: argparse.Namespace) -> None:
    server = TelegramServer(
        args.token, args.bot_username, time_scale=args.time_scale, limits=not args.no_limits
    )
    tester, group = add_demo(server)
    await standalone.serve_forever(
        server,
        args,
        lambda: (
            f"base_url      {server.base_url}\n"
            f"base_file_url {server.base_file_url}\n"
            f"user Tester   {tester.id} (private chat {tester.id}); demo group {group.id}"
        ),
    )


def main() -> None:
    parser = standalone.parser("python -m tgserver", __doc__, port=9000, token="123:ABC")
    parser.add_argument("--bot-username", default="dondoc_bot")
    parser.add_argument("--no-limits", action="store_true", help="do not enforce flood limits")
    standalone.run(_serve(parser.parse_args()))


if __name__ == "__main__":
    main()

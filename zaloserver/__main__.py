"""Run the stand-in by hand, so a person can point `dondoc run` at it and type as a user.

    python -m zaloserver --port 9100
    curl -d '{"text": "dang ky AB12"}' -H 'Content-Type: application/json' localhost:9100/_test/send
    curl localhost:9100/_test/sent

/_test/send writes as the user "Tester" in their private chat, or in the demo group when "chat_id" is
the group's id (printed at start; the bot is already a member).
"""

from __future__ import annotations

import argparse
from typing import Any

from serverkit import standalone
from zaloserver.messages import Message
from zaloserver.people import Chat, User
from zaloserver.server import DEFAULT_TOKEN, ZaloServer


def add_demo(server: ZaloServer) -> tuple[User, Chat]:
    """The user Tester, a demo group with the bot in it, and the /_test routes (call before `start`)."""
    tester = server.add_user("Tester")
    group = server.add_group("Nhóm thử", members=[tester])
    server.add_bot_to_group(group)

    def send(body: dict[str, Any]) -> Message:
        return server.send_text(str(body.get("chat_id", tester.id)), tester, str(body["text"]))

    standalone.add_test_routes(server.app, send, lambda: server.sent)
    return tester, group


async def _serve(args: argparse.Namespace) -> None:
    server = ZaloServer(args.token, time_scale=args.time_scale)
    tester, group = add_demo(server)
    await standalone.serve_forever(
        server,
        args,
        lambda: (
            f"ZALO_API_BASE_URL={server.base_url}\n"
            f"ZALO_BOT_TOKEN={server.token}\n"
            f"user Tester {tester.id} (private chat {tester.id}); demo group {group.id}"
        ),
    )


def main() -> None:
    parser = standalone.parser("python -m zaloserver", __doc__, port=9100, token=DEFAULT_TOKEN)
    standalone.run(_serve(parser.parse_args()))


if __name__ == "__main__":
    main()

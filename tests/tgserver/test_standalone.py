"""The standalone mode's /_test endpoints let a person write to a bot by hand."""

from __future__ import annotations

import httpx

from tests.tgserver.helpers import api_client, call
from tgserver import TelegramServer
from tgserver.__main__ import add_demo


async def test_demo_user_writes_through_test_endpoint() -> None:
    server = TelegramServer()
    tester, group = add_demo(server)
    await server.start()
    try:
        root = server.base_url.removesuffix("/bot")
        async with httpx.AsyncClient(base_url=root) as client, api_client(server) as api:
            sent = await client.post("/_test/send", json={"text": "/start"})
            assert sent.json()["chat_id"] == tester.id
            await client.post("/_test/send", json={"text": "/baocao", "chat_id": group.id})
            _, updates = await call(api, "getUpdates")
            texts = [u["message"].get("text") for u in updates["result"] if "message" in u]
            assert texts == ["/start", None, "/baocao"]
            await call(api, "sendMessage", chat_id=tester.id, text="Xin chào")
            assert (await client.get("/_test/sent")).json() == [
                {"chat_id": tester.id, "message_id": 2, "text": "Xin chào"}
            ]
    finally:
        await server.stop()

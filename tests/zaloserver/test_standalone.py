"""`python -m zaloserver` serves on its own, prints what to configure, and lets a person write by hand."""

from __future__ import annotations

import asyncio
import contextlib
import sys

import httpx

from tests.zaloserver.helpers import api_client, call
from zaloserver import ZaloServer
from zaloserver.__main__ import add_demo


async def test_demo_user_writes_through_test_endpoints() -> None:
    server = ZaloServer()
    tester, group = add_demo(server)
    async with server:
        root = server.base_url.removesuffix("/bot")
        async with httpx.AsyncClient(base_url=root) as people, api_client(server) as bot:
            sent = await people.post("/_test/send", json={"text": "/start"})
            assert sent.json()["chat_id"] == tester.id
            await people.post("/_test/send", json={"text": "dang ky AB12", "chat_id": group.id})
            texts = [(await call(bot, "getUpdates", timeout=0))[1]["result"]["message"]["text"] for _ in "12"]
            assert texts == ["/start", "dang ky AB12"]
            _, answer = await call(bot, "sendMessage", chat_id=tester.id, text="Xin chào")
            assert (await people.get("/_test/sent")).json() == [
                {"chat_id": tester.id, "message_id": answer["result"]["message_id"], "text": "Xin chào"}
            ]


async def test_module_prints_base_url_and_token() -> None:
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "zaloserver", "--port", "0", stdout=asyncio.subprocess.PIPE
    )
    try:
        assert process.stdout is not None
        lines = [(await asyncio.wait_for(process.stdout.readline(), 10)).decode().strip() for _ in "12"]
        settings = dict(line.split("=", 1) for line in lines)
        assert settings["ZALO_API_BASE_URL"].endswith("/bot")
        async with httpx.AsyncClient() as client:
            url = f"{settings['ZALO_API_BASE_URL']}{settings['ZALO_BOT_TOKEN']}/getMe"
            assert (await client.post(url, json={})).json()["ok"] is True
    finally:
        process.terminate()
        with contextlib.suppress(ProcessLookupError):
            await asyncio.wait_for(process.wait(), 10)

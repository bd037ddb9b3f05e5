"""Zalo by webhook: in ``dondoc run --webhook`` mode the local Zalo server POSTs updates to ``/zalo``
on the bot's receiver with ``X-Bot-Api-Secret-Token``; a call without the secret is refused."""

from __future__ import annotations

from collections.abc import AsyncIterator

import aiohttp
import pytest

from bot.runner import zalo_receiver
from bot.webhook import WebhookServer
from bot.zalo_webhook import SECRET_HEADER
from services.clock import ManualClock
from storage.db import Database
from tests.e2e_zalo.flows import say, zalo
from tests.ops.conftest import SECRET, WebhookSandbox

ZALO_SECRET = "zalo-webhook-secret-42"


class ZaloWebhookSandbox(WebhookSandbox):
    """The webhook sandbox with the local Zalo server pushing to ``/zalo`` too."""

    async def start(self) -> None:
        await self.tg.start()
        await zalo(self).start()
        built = self.build(webhook_secret=SECRET, zalo_webhook_secret=ZALO_SECRET)
        self.server = WebhookServer(built, secret=SECRET, port=0, zalo=zalo_receiver(built))
        await self.server.start()

    async def stop(self) -> None:
        await super().stop()
        await zalo(self).stop()


@pytest.fixture
async def hooked(db: Database, clock: ManualClock) -> AsyncIterator[ZaloWebhookSandbox]:
    box = ZaloWebhookSandbox(db, clock, zalo=True)
    try:
        await box.start()
        yield box
    finally:
        await box.stop()


async def test_zalo_updates_arrive_by_webhook_with_the_secret(hooked: ZaloWebhookSandbox) -> None:
    server = zalo(hooked)
    call = await server.wait_for_call("setWebhook")
    assert call.params["url"].endswith("/zalo") and call.params["secret_token"] == ZALO_SECRET
    lan = server.add_user("Nguyễn Thị Lan")
    answer = await say(hooked, server.private_chat(lan), lan, "dang ky ABCD-EFGH")
    assert "Mã đăng ký không đúng" in answer.shown_text
    assert not any(c.method == "getUpdates" for c in server.calls), "no polling in webhook mode"


async def test_a_zalo_call_without_the_secret_is_refused(hooked: ZaloWebhookSandbox) -> None:
    assert hooked.server is not None and hooked.server.port is not None
    url = f"http://127.0.0.1:{hooked.server.port}/zalo"
    update = {"event_name": "message.text.received", "message": {
        "message_id": "m1", "date": 1, "chat": {"id": "u1", "chat_type": "PRIVATE"},
        "from": {"id": "u1", "display_name": "Kẻ lạ"}, "text": "/start"}}
    async with aiohttp.ClientSession() as http:
        for headers in ({}, {SECRET_HEADER: "wrong-secret-value"}):
            async with http.post(url, json=update, headers=headers) as response:
                assert response.status == 403
        async with http.post(url, data="not json", headers={SECRET_HEADER: ZALO_SECRET}) as response:
            assert response.status == 400
    assert not zalo(hooked).sent, "nothing refused was handled"

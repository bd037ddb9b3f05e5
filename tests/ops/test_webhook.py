"""Webhook mode: the local Telegram server pushes updates to our aiohttp receiver, as Telegram would."""

from __future__ import annotations

from typing import Any

import aiohttp
import pytest
from telegram import Update
from telegram.ext import ContextTypes, TypeHandler

from bot.webhook import ALLOWED_UPDATES, SECRET_HEADER, WebhookError, WebhookServer, webhook_path
from tests.ops.conftest import SECRET, WebhookSandbox


async def test_set_webhook_is_called_with_the_secret_and_the_receivers_url(hooked: WebhookSandbox) -> None:
    call = await hooked.tg.wait_for_call("setWebhook")
    assert hooked.server is not None
    assert call.params["url"] == hooked.server.url
    assert call.params["url"].endswith("/telegram")
    assert call.params["secret_token"] == SECRET
    assert sorted(call.params["allowed_updates"]) == sorted(ALLOWED_UPDATES)
    assert call.status == 200
    assert not any(c.method.lower() == "getupdates" for c in hooked.tg.calls), "no polling in webhook mode"


async def test_a_users_start_arrives_by_webhook_and_is_answered(hooked: WebhookSandbox) -> None:
    lan = hooked.tg.add_user("Lan", "Nguyễn")
    answer = await hooked.ask(hooked.tg.private_chat(lan), lan, "/start")
    assert "Xin chào" in answer.shown_text


def forged_update(update_id: int, user_id: int) -> dict[str, Any]:
    return {
        "update_id": update_id,
        "message": {
            "message_id": 1,
            "date": 1713150000,
            "chat": {"id": user_id, "type": "private", "first_name": "Kẻ", "last_name": "Giả mạo"},
            "from": {"id": user_id, "is_bot": False, "first_name": "Kẻ", "last_name": "Giả mạo"},
            "text": "/start",
            "entities": [{"type": "bot_command", "offset": 0, "length": 6}],
        },
    }


@pytest.mark.parametrize("headers", [{SECRET_HEADER: "wrong-secret"}, {}, {SECRET_HEADER: SECRET + "x"}])
async def test_a_call_without_the_right_secret_is_refused_and_not_processed(
    hooked: WebhookSandbox, headers: dict[str, str]
) -> None:
    seen: list[int] = []

    async def record(update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
        assert isinstance(update, Update)
        seen.append(update.update_id)

    assert hooked.app is not None and hooked.server is not None and hooked.server.url is not None
    hooked.app.add_handler(TypeHandler(Update, record), group=-100)
    intruder = 990001
    async with aiohttp.ClientSession() as http, http.post(
        hooked.server.url, json=forged_update(424242, intruder), headers=headers
    ) as response:
        assert response.status == 403
        assert await response.read() == b""
    # updates are handled one at a time, in order: once a later, genuine one is answered,
    # the forged one would have been handled already had it been let in
    lan = hooked.tg.add_user("Lan", "Nguyễn")
    await hooked.ask(hooked.tg.private_chat(lan), lan, "/start")
    assert seen and 424242 not in seen
    assert not [m for m in hooked.tg.sent if m.chat_id == intruder]


async def test_the_right_secret_with_a_bad_body_is_a_bad_request(hooked: WebhookSandbox) -> None:
    assert hooked.server is not None and hooked.server.url is not None
    async with aiohttp.ClientSession() as http:
        async with http.post(hooked.server.url, data=b"not json", headers={SECRET_HEADER: SECRET}) as response:
            assert response.status == 400
        async with http.get(hooked.server.url, headers={SECRET_HEADER: SECRET}) as response:
            assert response.status == 405


def test_the_path_comes_from_the_public_url() -> None:
    assert webhook_path("https://bot.example.gov.vn/telegram") == "/telegram"
    assert webhook_path("https://bot.example.gov.vn") == "/"
    for bad in ("bot.example.gov.vn/telegram", "ftp://x/y", "https://bot.example.gov.vn/healthz"):
        with pytest.raises(WebhookError):
            webhook_path(bad)


async def test_the_webhook_is_not_started_without_a_secret(hooked: WebhookSandbox) -> None:
    assert hooked.built is not None
    with pytest.raises(WebhookError, match="WEBHOOK_SECRET"):
        WebhookServer(hooked.built, secret="", port=0)

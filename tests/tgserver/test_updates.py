"""getUpdates long polling, confirmation by offset, allowed_updates, and webhook delivery."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Any

import httpx
import pytest
from aiohttp import web

from tests.tgserver.helpers import api_client, call
from tgserver import TelegramServer


async def updates(http: httpx.AsyncClient, **params: Any) -> list[dict[str, Any]]:
    response = await http.post("getUpdates", json=params)
    assert response.status_code == 200, response.text
    result: list[dict[str, Any]] = response.json()["result"]
    return result


async def test_long_poll_returns_as_soon_as_a_user_writes(
    server: TelegramServer, http: httpx.AsyncClient
) -> None:
    lan = server.add_user("Lan")
    poll = asyncio.create_task(updates(http, timeout=30))
    await server.wait_until_polling()
    assert not poll.done()
    server.send_text(server.private_chat(lan), lan, "/start")
    (update,) = await asyncio.wait_for(poll, 5)
    message = update["message"]
    assert message["text"] == "/start"
    assert message["entities"] == [{"type": "bot_command", "offset": 0, "length": 6}]
    assert message["from"]["first_name"] == "Lan"
    assert message["chat"] == {"id": lan.id, "first_name": "Lan", "type": "private"}


async def test_offset_confirms_earlier_updates(server: TelegramServer, http: httpx.AsyncClient) -> None:
    lan = server.add_user("Lan")
    dm = server.private_chat(lan)
    for text in ("một", "hai", "ba"):
        server.send_text(dm, lan, text)
    first, second, third = await updates(http)
    assert [u["message"]["text"] for u in await updates(http, limit=2)] == ["một", "hai"]
    assert await updates(http, offset=second["update_id"]) == [second, third]
    assert await updates(http) == [second, third]
    assert await updates(http, offset=third["update_id"] + 1) == []
    server.send_text(dm, lan, "bốn")
    server.send_text(dm, lan, "năm")
    assert [u["message"]["text"] for u in await updates(http, offset=-1)] == ["năm"]
    assert first["update_id"] < second["update_id"] < third["update_id"]


async def test_allowed_updates_filters_updates_that_happen_later(
    server: TelegramServer, http: httpx.AsyncClient
) -> None:
    lan = server.add_user("Lan")
    dm = server.private_chat(lan)
    assert await updates(http, allowed_updates=["callback_query"]) == []
    server.send_text(dm, lan, "bị bỏ qua")
    assert await updates(http) == []
    assert await updates(http, allowed_updates=[]) == []
    server.send_text(dm, lan, "được nhận")
    assert [u["message"]["text"] for u in await updates(http)] == ["được nhận"]


async def test_a_second_poll_terminates_the_first(server: TelegramServer, http: httpx.AsyncClient) -> None:
    first = asyncio.create_task(http.post("getUpdates", json={"timeout": 30}))
    await server.wait_until_polling()
    assert await updates(http) == []
    response = await asyncio.wait_for(first, 5)
    assert response.status_code == 409
    assert response.json()["description"].startswith("Conflict: terminated by other getUpdates request")


@pytest.fixture
async def receiver() -> AsyncIterator[
    tuple[str, asyncio.Queue[tuple[dict[str, Any], str | None]], list[int]]
]:
    """A webhook endpoint: its URL, the updates it accepted with their secret header, statuses to answer first."""
    received: asyncio.Queue[tuple[dict[str, Any], str | None]] = asyncio.Queue()
    failures: list[int] = []

    async def hook(request: web.Request) -> web.Response:
        if failures:
            return web.Response(status=failures.pop(0))
        await received.put((await request.json(), request.headers.get("X-Telegram-Bot-Api-Secret-Token")))
        return web.Response()

    app = web.Application()
    app.router.add_post("/hook", hook)
    runner = web.AppRunner(app)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    yield f"http://127.0.0.1:{runner.addresses[0][1]}/hook", received, failures
    await runner.cleanup()


async def test_webhook_delivery_with_secret_and_retries(
    receiver: tuple[str, asyncio.Queue[tuple[dict[str, Any], str | None]], list[int]],
    make_server: Callable[..., Awaitable[TelegramServer]],
) -> None:
    url, received, failures = receiver
    server = await make_server(time_scale=0.01)
    lan = server.add_user("Lan")
    failures.extend([500, 502])
    async with api_client(server) as client:
        assert await call(client, "setWebhook", url=url, secret_token="bi-mat_1") == (
            200,
            {"ok": True, "result": True},
        )
        assert await call(client, "getUpdates") == (
            409,
            {
                "ok": False,
                "error_code": 409,
                "description": "Conflict: can't use getUpdates method while webhook is active; "
                "use deleteWebhook to delete the webhook first",
            },
        )
        server.send_text(server.private_chat(lan), lan, "qua webhook")
        update, secret = await asyncio.wait_for(received.get(), 5)
        assert (update["message"]["text"], secret) == ("qua webhook", "bi-mat_1")
        _, info = await call(client, "getWebhookInfo")
        assert info["result"]["url"] == url
        assert info["result"]["last_error_message"] == "Wrong response from the webhook: 502 Bad Gateway"
        assert await call(client, "deleteWebhook") == (200, {"ok": True, "result": True})
        server.send_text(server.private_chat(lan), lan, "qua polling")
        _, polled = await call(client, "getUpdates")
    assert [u["message"]["text"] for u in polled["result"]] == ["qua polling"]


async def test_people_edit_and_join(server: TelegramServer, http: httpx.AsyncClient) -> None:
    lan, minh = server.add_user("Lan"), server.add_user("Minh")
    group = server.add_group("Tổ công tác", members=[lan])
    server.add_bot_to_group(group, by=lan, admin=True)
    joined = await updates(http)
    await updates(http, offset=joined[-1]["update_id"] + 1)
    written = server.send_text(group, lan, "Hạn thứ Sáu")
    server.edit_text(group, lan, written, "Hạn thứ Hai")
    server.add_member(group, minh, by=lan)
    received = await updates(http)
    assert [next(k for k in u if k != "update_id") for u in received] == [
        "message",
        "edited_message",
        "message",
    ]
    edited = received[1]["edited_message"]
    assert (edited["message_id"], edited["text"], "edit_date" in edited) == (
        written.message_id,
        "Hạn thứ Hai",
        True,
    )
    assert received[2]["message"]["new_chat_members"][0]["first_name"] == "Minh"


async def test_bot_deletes_and_signals_activity(server: TelegramServer, http: httpx.AsyncClient) -> None:
    lan = server.add_user("Lan")
    dm = server.private_chat(lan, started=True)
    _, first = await call(http, "sendMessage", chat_id=dm.id, text="tạm")
    await call(http, "sendMessage", chat_id=dm.id, text="giữ")
    message_id = first["result"]["message_id"]
    assert await call(http, "deleteMessage", chat_id=dm.id, message_id=message_id) == (
        200,
        {"ok": True, "result": True},
    )
    status, body = await call(http, "deleteMessage", chat_id=dm.id, message_id=message_id)
    assert (status, body["description"]) == (400, "Bad Request: message to delete not found")
    assert [m.text for m in server.messages_in(dm)] == ["giữ"]
    assert [m.deleted for m in server.sent] == [True, False]
    assert (await call(http, "sendChatAction", chat_id=dm.id, action="typing"))[0] == 200
    status, body = await call(http, "sendChatAction", chat_id=dm.id, action="dancing")
    assert (status, body["description"]) == (400, "Bad Request: wrong parameter action in request")


async def test_wait_for_looks_after_a_mark_and_explains_timeouts(
    server: TelegramServer, http: httpx.AsyncClient
) -> None:
    dm = server.private_chat(server.add_user("Lan"), started=True)
    await call(http, "sendMessage", chat_id=dm.id, text="cũ")
    mark = len(server.sent)
    waiting = asyncio.create_task(server.wait_for(lambda m: m.chat_id == dm.id, after=mark))
    await call(http, "sendMessage", chat_id=dm.id, text="mới")
    assert (await waiting).text == "mới"
    await call(http, "sendMessage", chat_id=424242, text="lạc")
    with pytest.raises(TimeoutError) as timed_out:
        await server.wait_for(lambda m: m.text == "không có", timeout=0.05)
    assert "sendMessage -> 400: Bad Request: chat not found" in str(timed_out.value)

"""How the bot hears people: getUpdates long polling (under every reading of the summary) and the webhook."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest
from aiohttp import web

from tests.zaloserver.conftest import MakeServer
from tests.zaloserver.helpers import api_client, call, error
from zaloserver import Readings, ZaloServer


async def test_long_poll_returns_as_soon_as_a_user_writes(
    server: ZaloServer, http: httpx.AsyncClient
) -> None:
    lan = server.add_user("Nguyễn Thị Lan")
    poll = asyncio.create_task(call(http, "getUpdates", timeout="30"))
    await server.wait_until_polling()
    assert not poll.done()
    written = server.send_text(lan.id, lan, "dang ky AB12")
    status, body = await asyncio.wait_for(poll, 5)
    assert (status, body["ok"]) == (200, True)
    assert body["result"] == {
        "event_name": "message.text.received",
        "message": {
            "message_id": written.message_id,
            "date": written.date,
            "chat": {"id": lan.id, "chat_type": "PRIVATE"},
            "from": {"id": lan.id, "display_name": "Nguyễn Thị Lan"},
            "text": "dang ky AB12",
        },
    }
    assert server.pending_updates == 0


async def test_one_update_per_poll_then_408(server: ZaloServer, http: httpx.AsyncClient) -> None:
    lan = server.add_user("Lan")
    group = server.add_group("Tổ công tác", members=[lan])
    server.send_text(group, lan, "trước khi có bot")  # the bot is not there: no update
    server.add_bot_to_group(group)
    server.send_text(group, lan, "2 đạt 60%")
    server.send_sticker(lan.id, lan, "0e078a2fb66a5f34067b")
    server.send_unsupported(lan.id, lan)
    first = (await call(http, "getUpdates", timeout=0))[1]["result"]
    assert first["message"]["chat"] == {"id": group.id, "chat_type": "GROUP"}
    assert first["message"]["from"]["id"] == lan.id and first["message"]["text"] == "2 đạt 60%"
    second = (await call(http, "getUpdates", timeout=0))[1]["result"]
    assert (second["event_name"], second["message"]["sticker"]) == (
        "message.sticker.received",
        "0e078a2fb66a5f34067b",
    )
    third = (await call(http, "getUpdates", timeout=0))[1]["result"]
    assert third["event_name"] == "message.unsupported.received" and "text" not in third["message"]
    assert await error(http, "getUpdates", timeout="0") == (408, "Request Timeout")


async def test_list_reading_empty_result_and_other_name_field(make_server: MakeServer) -> None:
    server = await make_server(readings=Readings(updates="list", empty_poll="empty", name_field="first_name"))
    lan = server.add_user("Lan")
    server.send_text(lan.id, lan, "một")
    server.send_text(lan.id, lan, "hai")
    async with api_client(server) as http:
        _, body = await call(http, "getUpdates", timeout=1)
        assert [u["message"]["text"] for u in body["result"]] == ["một", "hai"]
        assert body["result"][0]["message"]["from"] == {"id": lan.id, "first_name": "Lan"}
        assert await call(http, "getUpdates", timeout=0) == (200, {"ok": True, "result": []})
    server = await make_server(readings=Readings(empty_poll="empty"))
    async with api_client(server) as http:
        assert await call(http, "getUpdates", timeout=0) == (200, {"ok": True, "result": {}})


async def test_a_photo_arrives_by_a_url_the_bot_can_fetch(
    server: ZaloServer, http: httpx.AsyncClient
) -> None:
    lan = server.add_user("Lan")
    server.send_photo(lan.id, lan, b"\xff\xd8\xff scanned plan", caption="Kế hoạch 12/KH-UBND")
    server.send_photo(lan.id, lan, url="https://photo.zalo.me/x.jpg")
    update = (await call(http, "getUpdates", timeout=0))[1]["result"]
    message = update["message"]
    assert (update["event_name"], message["caption"]) == ("message.image.received", "Kế hoạch 12/KH-UBND")
    fetched = await http.get(message["photo"])
    assert fetched.content == b"\xff\xd8\xff scanned plan"
    second = (await call(http, "getUpdates", timeout=0))[1]["result"]["message"]
    assert (second["photo"], "caption" in second) == ("https://photo.zalo.me/x.jpg", False)
    assert (await http.get(message["photo"] + "x")).status_code == 404


async def test_a_second_poll_ends_the_first(server: ZaloServer, http: httpx.AsyncClient) -> None:
    first = asyncio.create_task(call(http, "getUpdates", timeout=30))
    await server.wait_until_polling()
    assert await error(http, "getUpdates", timeout=0) == (408, "Request Timeout")
    assert await asyncio.wait_for(first, 5) == (
        409,
        {"ok": False, "error_code": 409, "description": "Conflict: terminated by another getUpdates request"},
    )


Received = asyncio.Queue[tuple[Any, str | None]]


@pytest.fixture
async def receiver() -> AsyncIterator[tuple[str, Received, list[int]]]:
    """A webhook endpoint: its URL, what it accepted with the secret header, statuses to answer first."""
    received: Received = asyncio.Queue()
    failures: list[int] = []

    async def hook(request: web.Request) -> web.Response:
        if failures:
            return web.Response(status=failures.pop(0))
        await received.put((await request.json(), request.headers.get("X-Bot-Api-Secret-Token")))
        return web.Response()

    app = web.Application()
    app.router.add_post("/zalo", hook)
    runner = web.AppRunner(app)
    await runner.setup()
    await web.TCPSite(runner, "127.0.0.1", 0).start()
    yield f"http://127.0.0.1:{runner.addresses[0][1]}/zalo", received, failures
    await runner.cleanup()


async def test_webhook_delivery_with_the_secret_header_and_retries(
    receiver: tuple[str, Received, list[int]], make_server: MakeServer
) -> None:
    url, received, failures = receiver
    server = await make_server(time_scale=0.01)
    lan = server.add_user("Lan")
    failures.extend([500, 502])
    async with api_client(server) as http:
        assert (await call(http, "setWebhook", url=url, secret_token="bi-mat-0606"))[0] == 200
        assert await error(http, "getUpdates", timeout=0) == (
            409,
            "Conflict: getUpdates does not work while a webhook is set; deleteWebhook first",
        )
        server.send_text(lan.id, lan, "qua webhook")
        server.send_text(lan.id, lan, "thứ hai")
        update, secret = await asyncio.wait_for(received.get(), 5)
        assert (update["message"]["text"], secret) == ("qua webhook", "bi-mat-0606")
        assert (await asyncio.wait_for(received.get(), 5))[0]["message"]["text"] == "thứ hai"
        assert server.webhook.last_error == "502 Bad Gateway"
        await call(http, "deleteWebhook")
        server.send_text(lan.id, lan, "qua polling")
        _, polled = await call(http, "getUpdates", timeout=0)
    assert polled["result"]["message"]["text"] == "qua polling"
    assert received.empty()


async def test_webhook_body_in_an_envelope(
    receiver: tuple[str, Received, list[int]], make_server: MakeServer
) -> None:
    url, received, _ = receiver
    server = await make_server(readings=Readings(webhook_body="envelope"))
    lan = server.add_user("Lan")
    async with api_client(server) as http:
        await call(http, "setWebhook", url=url, secret_token="bi-mat-0606")
    server.send_text(lan.id, lan, "xin chào")
    body, _ = await asyncio.wait_for(received.get(), 5)
    assert body["ok"] is True and body["result"]["message"]["text"] == "xin chào"


async def test_wait_for_looks_after_a_mark_and_explains_timeouts(
    server: ZaloServer, http: httpx.AsyncClient
) -> None:
    lan = server.add_user("Lan")
    server.send_text(lan.id, lan, "/toi")
    await call(http, "sendMessage", chat_id=lan.id, text="cũ")
    mark = len(server.sent)
    waiting = asyncio.create_task(server.wait_for(lambda m: m.chat_id == lan.id, after=mark))
    await call(http, "sendMessage", chat_id=lan.id, text="mới")
    assert (await waiting).text == "mới"
    assert (await server.wait_for_call("sendMessage")).params["text"] == "cũ"
    await call(http, "sendMessage", chat_id="lac", text="lạc")
    with pytest.raises(TimeoutError) as timed_out:
        await server.wait_for(lambda m: m.text == "không có", timeout=0.05)
    assert "sendMessage -> 400: Bad Request: chat not found" in str(timed_out.value)
    with pytest.raises(TimeoutError):
        await server.wait_for_call("sendPhoto", timeout=0.05)
    with pytest.raises(TimeoutError):
        await server.wait_until_polling(timeout=0.05)

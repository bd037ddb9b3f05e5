"""What the bot sends is checked against the summary: a wrong call gets the refusal, and nothing is sent."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from tests.zaloserver.conftest import MakeServer
from tests.zaloserver.helpers import api_client, call, error
from zaloserver import Chat, Readings, ZaloServer


async def test_text_of_2000_characters_passes_and_2001_is_refused(
    server: ZaloServer, http: httpx.AsyncClient, dm: Chat
) -> None:
    assert (await call(http, "sendMessage", chat_id=dm.id, text="ạ" * 2000))[0] == 200
    assert await error(http, "sendMessage", chat_id=dm.id, text="ạ" * 2001) == (
        400,
        "Bad Request: text must be 1 to 2000 characters long, not 2001",
    )
    assert (await error(http, "sendMessage", chat_id=dm.id, text=""))[0] == 400
    assert (await call(http, "sendPhoto", chat_id=dm.id, photo="https://x.vn/a.png", caption="c" * 2000))[
        0
    ] == 200
    assert (await error(http, "sendPhoto", chat_id=dm.id, photo="https://x.vn/a.png", caption="c" * 2001))[
        0
    ] == 400
    assert [len(m.shown_text) for m in server.sent] == [2000, 2000]


@pytest.mark.parametrize(
    ("method", "params", "description"),
    [
        ("sendMessage", {"text": "x"}, "missing required parameter chat_id"),
        ("sendMessage", {"chat_id": "DM"}, "missing required parameter text"),
        ("sendMessage", {"chat_id": "DM", "text": None}, "missing required parameter text"),
        ("sendPhoto", {"chat_id": "DM"}, "missing required parameter photo"),
        ("sendSticker", {"chat_id": "DM"}, "missing required parameter sticker"),
        ("sendChatAction", {"chat_id": "DM"}, "missing required parameter action"),
        ("setWebhook", {"secret_token": "12345678"}, "missing required parameter url"),
        ("setWebhook", {"url": "https://a.vn/h"}, "missing required parameter secret_token"),
        ("sendMessage", {"chat_id": 123, "text": "x"}, "chat_id must be a string"),
        ("sendMessage", {"chat_id": "DM", "text": ["x"]}, "text must be a string"),
        ("sendPhoto", {"chat_id": "DM", "photo": "anh.png"}, "photo must be an http(s) URL"),
        (
            "sendChatAction",
            {"chat_id": "DM", "action": "dancing"},
            "action must be one of typing, upload_photo",
        ),
        ("getUpdates", {"timeout": "ba mươi"}, "timeout must be a whole number of seconds"),
        ("getUpdates", {"timeout": -1}, "timeout must be a whole number of seconds"),
        (
            "setWebhook",
            {"url": "https://a.vn/h", "secret_token": "1234567"},
            "secret_token must be 8 to 256 characters long, not 7",
        ),
        (
            "setWebhook",
            {"url": "https://a.vn/h", "secret_token": "s" * 257},
            "secret_token must be 8 to 256 characters long, not 257",
        ),
        (
            "setWebhook",
            {"url": "http://dondoc.vn/h", "secret_token": "12345678"},
            "url must be an HTTPS URL (plain http is accepted here for loopback only)",
        ),
    ],
)
async def test_missing_and_malformed_parameters(
    server: ZaloServer,
    http: httpx.AsyncClient,
    dm: Chat,
    method: str,
    params: dict[str, Any],
    description: str,
) -> None:
    params = {name: dm.id if value == "DM" else value for name, value in params.items()}
    assert await error(http, method, **params) == (400, f"Bad Request: {description}")
    assert server.sent == [] and server.calls[-1].status == 400


async def test_unknown_chats_and_chats_the_bot_may_not_write_to(
    server: ZaloServer, http: httpx.AsyncClient
) -> None:
    lan = server.add_user("Lan")
    group = server.add_group("Phòng Tư pháp", members=[lan])
    refusals = [
        await error(http, "sendMessage", chat_id="e4ea2cd5189df1c3a88c", text="x"),
        await error(http, "sendChatAction", chat_id="e4ea2cd5189df1c3a88c", action="typing"),
        await error(http, "sendMessage", chat_id=lan.id, text="x"),
        await error(http, "sendMessage", chat_id=group.id, text="x"),
    ]
    assert refusals == [
        (400, "Bad Request: chat not found"),
        (400, "Bad Request: chat not found"),
        (403, "Forbidden: the user has not written to the bot yet"),
        (403, "Forbidden: bot is not a member of the group"),
    ]
    server.send_text(lan.id, lan, "Xin chào")
    assert (await call(http, "sendMessage", chat_id=lan.id, text="Chào chị"))[0] == 200
    assert [m.text for m in server.sent] == ["Chào chị"]


async def test_wrong_token_unknown_method_and_wrong_verb(server: ZaloServer, http: httpx.AsyncClient) -> None:
    async with api_client(server, token="1459232241454765289:wrong") as stranger:
        assert await error(stranger, "getMe") == (401, "Unauthorized")
    assert await error(http, "getChat") == (404, "Not Found")
    assert await error(http, "getme") == (404, "Not Found")
    response = await http.get("getMe")
    assert (response.status_code, response.json()["error_code"]) == (405, 405)


@pytest.mark.parametrize(
    ("content", "headers", "description"),
    [
        ("{not json", {"Content-Type": "application/json"}, "Bad Request: can't parse the JSON body"),
        ('["chat_id"]', {"Content-Type": "application/json"}, "Bad Request: the JSON body must be an object"),
        (
            "chat_id=1&text=x",
            {"Content-Type": "application/x-www-form-urlencoded"},
            "Bad Request: the body must be JSON (Content-Type: application/json)",
        ),
    ],
)
async def test_the_body_must_be_a_json_object(
    http: httpx.AsyncClient, content: str, headers: dict[str, str], description: str
) -> None:
    response = await http.post("sendMessage", content=content, headers=headers)
    assert (response.status_code, response.json()["description"]) == (400, description)


async def test_errors_can_come_with_http_200(make_server: MakeServer) -> None:
    server = await make_server(readings=Readings(error_status="200"))
    async with api_client(server) as http:
        assert await call(http, "sendMessage", chat_id="nobody", text="x") == (
            200,
            {"ok": False, "error_code": 400, "description": "Bad Request: chat not found"},
        )

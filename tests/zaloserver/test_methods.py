"""Every method of the summary answers in its envelope with the documented result shape."""

from __future__ import annotations

import re
import time

import httpx
import pytest

from tests.zaloserver.conftest import MakeServer
from tests.zaloserver.helpers import api_client, call
from zaloserver import Chat, ZaloServer

OPAQUE_ID = re.compile(r"[0-9a-f]{20}")


async def test_get_me_describes_the_bot_account(server: ZaloServer, http: httpx.AsyncClient) -> None:
    assert await call(http, "getMe") == (
        200,
        {
            "ok": True,
            "result": {
                "id": server.token.partition(":")[0],
                "account_name": "bot.dondoc",
                "account_type": "BASIC",
                "can_join_groups": True,
            },
        },
    )
    empty_body = await http.post("getMe")
    assert empty_body.json()["ok"] is True


async def test_send_message_returns_a_string_id_and_a_date_in_milliseconds(
    server: ZaloServer, http: httpx.AsyncClient, dm: Chat
) -> None:
    status, body = await call(http, "sendMessage", chat_id=dm.id, text="Xin chào")
    result = body["result"]
    assert status == 200 and set(result) == {"message_id", "date"}
    assert OPAQUE_ID.fullmatch(result["message_id"])
    assert abs(result["date"] - time.time() * 1000) < 60_000
    (message,) = server.sent
    assert (message.chat_id, message.kind, message.text, message.message_id) == (
        dm.id,
        "sendMessage",
        "Xin chào",
        result["message_id"],
    )


async def test_photo_sticker_and_chat_action(server: ZaloServer, http: httpx.AsyncClient, dm: Chat) -> None:
    photo = "https://example.org/bieu-do.png"
    status, body = await call(http, "sendPhoto", chat_id=dm.id, photo=photo, caption="Tiến độ tháng 6")
    assert status == 200 and OPAQUE_ID.fullmatch(body["result"]["message_id"])
    assert (await call(http, "sendPhoto", chat_id=dm.id, photo=photo))[0] == 200
    assert (await call(http, "sendSticker", chat_id=dm.id, sticker="0e078a2fb66a5f34067b"))[0] == 200
    assert await call(http, "sendChatAction", chat_id=dm.id, action="typing") == (
        200,
        {"ok": True, "result": True},
    )
    assert [(m.kind, m.photo, m.caption, m.sticker) for m in server.messages_in(dm)] == [
        ("sendPhoto", photo, "Tiến độ tháng 6", None),
        ("sendPhoto", photo, None, None),
        ("sendSticker", None, None, "0e078a2fb66a5f34067b"),
    ]
    assert server.last_message(dm) is server.sent[-1] and server.count_sent(dm) == 3


async def test_the_bot_writes_in_a_group_it_was_added_to(server: ZaloServer, http: httpx.AsyncClient) -> None:
    lan, minh = server.add_user("Lan"), server.add_user("Minh")
    group = server.add_group("Sở Y tế - Đề án 06", members=[lan])
    server.add_member(group, minh)
    assert group.chat_type == "GROUP" and group.id not in (lan.id, minh.id)
    server.add_bot_to_group(group)
    assert (await call(http, "sendMessage", chat_id=group.id, text="Nhắc hạn"))[0] == 200
    assert [m.text for m in server.messages_in(group.id)] == ["Nhắc hạn"]
    assert server.count_sent() == 1


async def test_webhook_methods_report_the_url_and_when_it_changed(
    server: ZaloServer, http: httpx.AsyncClient
) -> None:
    url = "https://dondoc.example.gov.vn/zalo"
    _, empty = await call(http, "getWebhookInfo")
    assert empty["result"]["url"] == ""
    _, set_ = await call(http, "setWebhook", url=url, secret_token="bi-mat-123")
    assert set_["result"]["url"] == url and set_["result"]["updated_at"] > 1_600_000_000_000
    _, info = await call(http, "getWebhookInfo")
    assert info == set_
    _, deleted = await call(http, "deleteWebhook")
    assert deleted["result"]["url"] == "" and deleted["result"]["updated_at"] >= set_["result"]["updated_at"]


async def test_an_account_that_cannot_join_groups(make_server: MakeServer) -> None:
    server = await make_server(can_join_groups=False)
    async with api_client(server) as http:
        assert (await call(http, "getMe"))[1]["result"]["can_join_groups"] is False
    with pytest.raises(ValueError, match="cannot join groups"):
        server.add_bot_to_group(server.add_group("Tổ công tác"))

"""Injected faults: each kind fails as a real outage would, only as often and where it was asked to."""

from __future__ import annotations

import asyncio

import httpx
import pytest

from tests.zaloserver.helpers import call, error
from zaloserver import Chat, ZaloServer


@pytest.mark.parametrize(
    ("kind", "answer"), [("429", (429, "Too Many Requests")), ("500", (500, "Internal Server Error"))]
)
async def test_error_answers_deliver_nothing(
    server: ZaloServer, http: httpx.AsyncClient, dm: Chat, kind: str, answer: tuple[int, str]
) -> None:
    server.inject("sendMessage", kind)  # type: ignore[arg-type]
    assert await error(http, "sendMessage", chat_id=dm.id, text="lần 1") == answer
    assert (await call(http, "sendMessage", chat_id=dm.id, text="lần 2"))[0] == 200
    assert [m.text for m in server.sent] == ["lần 2"]


async def test_502_is_a_proxy_page(server: ZaloServer, http: httpx.AsyncClient) -> None:
    server.inject(kind="502")
    response = await http.post("getMe", json={})
    assert response.status_code == 502 and response.headers["content-type"].startswith("text/html")
    assert "<title>502 Bad Gateway</title>" in response.text
    assert (server.calls[-1].status, server.calls[-1].response) == (502, None)


async def test_timeout_holds_the_request_and_delivers_nothing(
    server: ZaloServer, http: httpx.AsyncClient, dm: Chat
) -> None:
    server.inject("sendMessage", "timeout", delay=1.0)
    with pytest.raises(httpx.ReadTimeout):
        await http.post("sendMessage", json={"chat_id": dm.id, "text": "không tới"}, timeout=0.2)
    assert server.sent == [] and server.calls[-1].status is None
    assert (await call(http, "sendMessage", chat_id=dm.id, text="tới"))[0] == 200
    assert [m.text for m in server.sent] == ["tới"]


async def test_timeout_left_to_run_out_drops_the_connection(
    server: ZaloServer, http: httpx.AsyncClient, dm: Chat
) -> None:
    server.inject("sendMessage", "timeout", delay=0.05)
    with pytest.raises(httpx.RemoteProtocolError):
        await call(http, "sendMessage", chat_id=dm.id, text="x")
    assert server.sent == []


async def test_lost_response_delivers_but_the_bot_never_hears(
    server: ZaloServer, http: httpx.AsyncClient, dm: Chat
) -> None:
    server.inject("sendMessage", "lost_response")
    with pytest.raises(httpx.RemoteProtocolError):
        await call(http, "sendMessage", chat_id=dm.id, text="nhắc hạn")
    await call(http, "sendMessage", chat_id=dm.id, text="nhắc hạn")
    assert [m.text for m in server.sent] == ["nhắc hạn", "nhắc hạn"]
    lost = server.calls[0]
    assert lost.status is None and lost.response is not None and lost.response["ok"] is True
    assert not lost.ok


async def test_a_lost_poll_answer_loses_the_update(server: ZaloServer, http: httpx.AsyncClient) -> None:
    """No offsets in the summary: what a poll handed out is gone, even if the answer never arrived."""
    lan = server.add_user("Lan")
    server.send_text(lan.id, lan, "đã hoàn thành")
    server.inject("getUpdates", "lost_response")
    with pytest.raises(httpx.RemoteProtocolError):
        await call(http, "getUpdates", timeout=0)
    assert server.pending_updates == 0
    assert (await error(http, "getUpdates", timeout=0))[0] == 408


async def test_chat_gone_fault_and_chats_that_no_longer_exist(
    server: ZaloServer, http: httpx.AsyncClient
) -> None:
    lan = server.add_user("Lan")
    dm = server.private_chat(lan, started=True)
    group = server.add_group("UBND xã Tân Lập", members=[lan])
    server.add_bot_to_group(group)
    server.inject("sendMessage", "chat_gone", chat_id=group)
    server.inject("sendMessage", "chat_gone", chat_id=dm.id)
    assert await error(http, "sendMessage", chat_id=group.id, text="x") == (
        403,
        "Forbidden: bot was removed from the group",
    )
    assert await error(http, "sendMessage", chat_id=dm.id, text="x") == (
        403,
        "Forbidden: bot was blocked by the user",
    )
    assert server.sent == []
    server.remove_bot_from_group(group)
    server.block_bot(lan)
    for _ in range(2):
        assert (await error(http, "sendMessage", chat_id=group.id, text="x"))[
            1
        ] == "Forbidden: bot was removed from the group"
        assert (await error(http, "sendChatAction", chat_id=dm.id, action="typing"))[
            1
        ] == "Forbidden: bot was blocked by the user"
    server.send_text(dm, lan, "mở chặn")
    assert (await call(http, "sendMessage", chat_id=dm.id, text="đã nhận"))[0] == 200


async def test_faults_respect_times_chat_and_method(
    server: ZaloServer, http: httpx.AsyncClient, dm: Chat
) -> None:
    other = server.private_chat(server.add_user("Minh"), started=True)
    fault = server.inject("sendMessage", "500", chat_id=dm, times=2)
    assert (await call(http, "sendMessage", chat_id=other.id, text="x"))[0] == 200
    assert (await call(http, "getMe"))[0] == 200
    statuses = [(await call(http, "sendMessage", chat_id=dm.id, text="x"))[0] for _ in range(3)]
    assert (statuses, fault.hits) == ([500, 500, 200], 2)
    server.inject(kind="429", times=None)
    assert [(await call(http, "getMe"))[0] for _ in range(3)] == [429, 429, 429]
    server.clear_faults()
    assert (await call(http, "getMe"))[0] == 200
    with pytest.raises(ValueError, match="unknown fault kind"):
        server.inject(kind="slow")  # type: ignore[arg-type]


async def test_stop_ends_held_requests_and_polls_at_once(
    server: ZaloServer, http: httpx.AsyncClient, dm: Chat
) -> None:
    server.inject("sendMessage", "timeout")  # held 10 s unless the server stops
    held = asyncio.create_task(http.post("sendMessage", json={"chat_id": dm.id, "text": "x"}))
    poll = asyncio.create_task(http.post("getUpdates", json={"timeout": 30}))
    await server.wait_until_polling()
    await server.wait_for_call("sendMessage")
    await asyncio.wait_for(server.stop(), 5)
    results = await asyncio.wait_for(asyncio.gather(held, poll, return_exceptions=True), 5)
    assert isinstance(results[0], httpx.HTTPError)

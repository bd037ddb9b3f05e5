"""Injected faults: each kind fails the way production does, only as often and where it was asked to."""

from __future__ import annotations

from collections.abc import AsyncIterator

import httpx
import pytest
import telegram
from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter, TimedOut
from telegram.request import HTTPXRequest

from tests.tgserver.helpers import TOKEN, call
from tgserver import Chat, TelegramServer


@pytest.fixture
def dm(server: TelegramServer) -> Chat:
    return server.private_chat(server.add_user("Lan"), started=True)


@pytest.fixture
async def impatient_bot(server: TelegramServer) -> AsyncIterator[telegram.Bot]:
    """A PTB bot with a short read timeout, so held requests time out quickly."""
    request = HTTPXRequest(read_timeout=0.2)
    async with telegram.Bot(TOKEN, base_url=server.base_url, request=request) as client:
        yield client


@pytest.mark.filterwarnings("ignore:.*retry_after.*:DeprecationWarning")
async def test_429_is_not_delivered(server: TelegramServer, bot: telegram.Bot, dm: Chat) -> None:
    server.inject("sendMessage", "429", retry_after=7)
    with pytest.raises(RetryAfter):
        await bot.send_message(dm.id, "lần 1")
    assert server.calls[-1].response == {
        "ok": False,
        "error_code": 429,
        "description": "Too Many Requests: retry after 7",
        "parameters": {"retry_after": 7},
    }
    await bot.send_message(dm.id, "lần 2")
    assert [m.text for m in server.sent] == ["lần 2"]


@pytest.mark.parametrize(("kind", "status"), [("500", 500), ("502", 502)])
async def test_server_errors(
    server: TelegramServer, bot: telegram.Bot, dm: Chat, kind: str, status: int
) -> None:
    server.inject("sendMessage", kind)  # type: ignore[arg-type]
    with pytest.raises(NetworkError) as failure:
        await bot.send_message(dm.id, "x")
    assert ("Internal Server Error" if status == 500 else "Bad Gateway") in str(failure.value)
    assert (server.calls[-1].status, server.count_sent()) == (status, 0)


async def test_502_is_nginx_html(server: TelegramServer, http: httpx.AsyncClient, dm: Chat) -> None:
    server.inject(kind="502")
    response = await http.post("getMe")
    assert response.status_code == 502
    assert response.headers["content-type"].startswith("text/html")
    assert "<title>502 Bad Gateway</title>" in response.text


async def test_timeout_holds_the_request_and_delivers_nothing(
    server: TelegramServer, impatient_bot: telegram.Bot, dm: Chat
) -> None:
    server.inject("sendMessage", "timeout", delay=1.0)
    with pytest.raises(TimedOut):
        await impatient_bot.send_message(dm.id, "không tới")
    assert server.sent == []
    await impatient_bot.send_message(dm.id, "tới")
    assert [m.text for m in server.sent] == ["tới"]


async def test_lost_response_delivers_but_the_client_never_hears(
    server: TelegramServer, bot: telegram.Bot, dm: Chat
) -> None:
    server.inject("sendMessage", "lost_response")
    with pytest.raises(NetworkError):
        await bot.send_message(dm.id, "nhắc hạn")
    await bot.send_message(dm.id, "nhắc hạn")
    assert [m.text for m in server.sent] == ["nhắc hạn", "nhắc hạn"]
    lost = next(c for c in server.calls if c.method == "sendMessage")
    assert lost.status is None and lost.response is not None and lost.response["ok"] is True


@pytest.mark.parametrize(
    ("kind", "error", "description"),
    [
        ("blocked", Forbidden, "Forbidden: bot was blocked by the user"),
        ("kicked", Forbidden, "Forbidden: bot was kicked from the group chat"),
        ("chat_not_found", BadRequest, "Bad Request: chat not found"),
    ],
)
async def test_chat_faults(
    server: TelegramServer,
    bot: telegram.Bot,
    dm: Chat,
    kind: str,
    error: type[telegram.error.TelegramError],
    description: str,
) -> None:
    server.inject("sendMessage", kind)  # type: ignore[arg-type]
    with pytest.raises(error):
        await bot.send_message(dm.id, "x")
    response = server.calls[-1].response
    assert response is not None and response["description"] == description


async def test_faults_respect_times_chat_and_method(
    server: TelegramServer, http: httpx.AsyncClient, dm: Chat
) -> None:
    other = server.private_chat(server.add_user("Minh"), started=True)
    fault = server.inject("sendMessage", "500", chat_id=dm, times=2)
    assert (await call(http, "sendMessage", chat_id=other.id, text="x"))[0] == 200
    assert (await call(http, "getMe"))[0] == 200
    statuses = [(await call(http, "sendMessage", chat_id=dm.id, text="x"))[0] for _ in range(3)]
    assert (statuses, fault.hits) == ([500, 500, 200], 2)
    server.inject(kind="500", times=None)
    assert [(await call(http, "getMe"))[0] for _ in range(3)] == [500, 500, 500]
    server.clear_faults()
    assert (await call(http, "getMe"))[0] == 200
    with pytest.raises(ValueError, match="unknown fault kind"):
        server.inject(kind="slow")  # type: ignore[arg-type]

"""Flood limits: refused sends get 429 with retry_after and are not delivered; windows follow time_scale."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

import pytest
import telegram
from telegram.error import RetryAfter

from tests.tgserver.helpers import TOKEN, ManualClock, api_client, call
from tgserver import RateLimits, TelegramServer

MakeServer = Callable[..., Awaitable[TelegramServer]]


def too_many(retry_after: int) -> tuple[int, dict[str, object]]:
    return 429, {
        "ok": False,
        "error_code": 429,
        "description": f"Too Many Requests: retry after {retry_after}",
        "parameters": {"retry_after": retry_after},
    }


async def test_21st_message_to_a_group_within_a_scaled_minute_is_refused(make_server: MakeServer) -> None:
    server = await make_server(time_scale=0.01)
    lan = server.add_user("Lan")
    group = server.add_group("Tổ công tác", members=[lan], kind="supergroup")
    server.add_bot_to_group(group, by=lan)
    async with api_client(server) as client:
        for n in range(20):
            status, _ = await call(client, "sendMessage", chat_id=group.id, text=f"tin {n}")
            assert status == 200
        assert await call(client, "sendMessage", chat_id=group.id, text="tin 21") == too_many(1)
    assert server.count_sent(group) == 20
    assert server.count_sent() == 20


async def test_group_window_slides_on_the_servers_clock(make_server: MakeServer) -> None:
    clock = ManualClock()
    server = await make_server(time_scale=0.5, clock=clock)
    lan = server.add_user("Lan")
    group = server.add_group("Tổ công tác", members=[lan])
    server.add_bot_to_group(group, by=lan)
    async with api_client(server) as client:
        for _ in range(20):
            await call(client, "sendMessage", chat_id=group.id, text="x")
            clock.advance(0.5)
        assert await call(client, "sendMessage", chat_id=group.id, text="x") == too_many(20)
        clock.advance(20.0)
        assert (await call(client, "sendMessage", chat_id=group.id, text="x"))[0] == 200
        assert (await call(client, "sendMessage", chat_id=group.id, text="x"))[0] == 429


# PTB itself reads RetryAfter.retry_after while building the exception, which warns about its future type.
@pytest.mark.filterwarnings("ignore:.*retry_after.*:DeprecationWarning")
async def test_overall_limit_of_30_per_second(make_server: MakeServer) -> None:
    clock = ManualClock()
    server = await make_server(clock=clock)
    people = [server.add_user(f"Người {n}") for n in range(31)]
    chats = [server.private_chat(person, started=True) for person in people]
    async with telegram.Bot(TOKEN, base_url=server.base_url) as bot:
        for chat in chats[:30]:
            await bot.send_message(chat.id, "Nhắc hạn")
        with pytest.raises(RetryAfter):
            await bot.send_message(chats[30].id, "Nhắc hạn")
        assert (server.calls[-1].status, server.calls[-1].response) == too_many(1)
        clock.advance(1.0)
        await bot.send_message(chats[30].id, "Nhắc hạn")
    assert server.count_sent() == 31
    assert server.count_sent(chats[30]) == 1


async def test_private_chats_allow_a_short_burst(make_server: MakeServer) -> None:
    clock = ManualClock()
    server = await make_server(clock=clock, limits=RateLimits(private_burst=3))
    dm = server.private_chat(server.add_user("Lan"), started=True)
    async with api_client(server) as client:
        statuses = [(await call(client, "sendMessage", chat_id=dm.id, text="x"))[0] for _ in range(4)]
        assert statuses == [200, 200, 200, 429]
        clock.advance(1.0)
        assert (await call(client, "sendMessage", chat_id=dm.id, text="x"))[0] == 200
    assert server.count_sent(dm) == 4


async def test_limits_can_be_switched_off(make_server: MakeServer) -> None:
    server = await make_server(limits=False)
    dm = server.private_chat(server.add_user("Lan"), started=True)
    async with api_client(server) as client:
        for _ in range(40):
            assert (await call(client, "sendMessage", chat_id=dm.id, text="x"))[0] == 200
    assert server.scaled(60) == 60

"""Who the bot may talk to: groups it joins, leaves, is kicked from or that migrate; users who block it."""

from __future__ import annotations

from typing import Any

import httpx
import pytest
import telegram
from telegram import Update
from telegram.error import ChatMigrated, Forbidden

from tests.tgserver.helpers import call
from tgserver import TelegramServer


async def polled(http: httpx.AsyncClient) -> list[Update]:
    """Pending updates, parsed by PTB as the bot would see them, then confirmed."""
    _, body = await call(http, "getUpdates")
    updates = [Update.de_json(u, None) for u in body["result"]]
    if updates:
        await call(http, "getUpdates", offset=updates[-1].update_id + 1)
    return updates


async def test_bot_added_to_a_group_gets_my_chat_member_and_the_join_message(
    server: TelegramServer, http: httpx.AsyncClient
) -> None:
    lan = server.add_user("Lan")
    group = server.add_group("Sở Y tế - Đề án 06", members=[lan])
    server.add_bot_to_group(group, by=lan)
    change, joined = await polled(http)
    assert change.my_chat_member is not None
    assert (change.my_chat_member.old_chat_member.status, change.my_chat_member.new_chat_member.status) == (
        "left",
        "member",
    )
    assert joined.message is not None and [u.username for u in joined.message.new_chat_members] == [
        "dondoc_bot"
    ]
    assert joined.message.chat.type == "group" and group.id < 0


async def test_kicked_bot_gets_403(
    server: TelegramServer, http: httpx.AsyncClient, bot: telegram.Bot
) -> None:
    lan = server.add_user("Lan")
    group = server.add_group("Tổ công tác", members=[lan], kind="supergroup")
    server.add_bot_to_group(group, by=lan)
    await bot.send_message(group.id, "Chào cả nhà")
    server.remove_bot_from_group(group, by=lan)
    updates = await polled(http)
    assert updates[-1].my_chat_member is not None
    assert updates[-1].my_chat_member.new_chat_member.status == "kicked"
    with pytest.raises(Forbidden, match="Forbidden: bot was kicked from the supergroup chat"):
        await bot.send_message(group.id, "Còn ai không?")
    never_joined = server.add_group("Nhóm khác", members=[lan])
    assert await call(http, "sendMessage", chat_id=never_joined.id, text="x") == (
        403,
        {"ok": False, "error_code": 403, "description": "Forbidden: bot is not a member of the group chat"},
    )


async def test_migration_to_a_supergroup(
    server: TelegramServer, http: httpx.AsyncClient, bot: telegram.Bot
) -> None:
    lan = server.add_user("Lan")
    group = server.add_group("Sở Y tế - Đề án 06", members=[lan])
    server.add_bot_to_group(group, by=lan)
    await polled(http)
    supergroup = server.migrate_to_supergroup(group)
    to_new, from_old = await polled(http)
    assert to_new.message is not None and to_new.message.migrate_to_chat_id == supergroup.id
    assert from_old.message is not None and from_old.message.migrate_from_chat_id == group.id
    assert from_old.message.chat.type == "supergroup"
    status, body = await call(http, "sendMessage", chat_id=group.id, text="x")
    assert (status, body) == (
        400,
        {
            "ok": False,
            "error_code": 400,
            "description": "Bad Request: group chat was upgraded to a supergroup chat",
            "parameters": {"migrate_to_chat_id": supergroup.id},
        },
    )
    with pytest.raises(ChatMigrated) as migrated:
        await bot.send_message(group.id, "x")
    assert migrated.value.new_chat_id == supergroup.id
    await bot.send_message(supergroup.id, "Chào siêu nhóm")
    assert server.count_sent(supergroup) == 1


async def test_blocked_and_unstarted_private_chats(
    server: TelegramServer, http: httpx.AsyncClient, bot: telegram.Bot
) -> None:
    lan = server.add_user("Lan")
    dm = server.private_chat(lan)
    with pytest.raises(Forbidden, match="Forbidden: bot can't initiate conversation with a user"):
        await bot.send_message(dm.id, "x")
    server.send_text(dm, lan, "/start")
    await bot.send_message(dm.id, "Chào chị Lan")
    server.block_bot(lan)
    updates = await polled(http)
    assert updates[-1].my_chat_member is not None
    assert updates[-1].my_chat_member.new_chat_member.status == "kicked"
    with pytest.raises(Forbidden, match="Forbidden: bot was blocked by the user"):
        await bot.send_message(dm.id, "x")
    server.send_text(dm, lan, "/start")
    await bot.send_message(dm.id, "Chào lại")
    assert [m.text for m in server.messages_in(dm)] == ["Chào chị Lan", "Chào lại"]


async def test_privacy_mode_decides_what_the_bot_receives(
    server: TelegramServer, http: httpx.AsyncClient
) -> None:
    lan = server.add_user("Lan")
    group = server.add_group("Tổ công tác", members=[lan])
    server.add_bot_to_group(group, by=lan)
    await polled(http)
    server.send_text(group, lan, "chuyện riêng")
    server.send_text(group, lan, "/start@other_bot")
    server.send_text(group, lan, "/toi")
    received = await polled(http)
    assert [u.message.text for u in received if u.message] == ["/toi"]
    admin_group = server.add_group("Ban chỉ đạo", members=[lan])
    server.add_bot_to_group(admin_group, by=lan, admin=True)
    server.send_text(admin_group, lan, "chuyện riêng")
    assert [u.message.text for u in await polled(http) if u.message and u.message.text] == ["chuyện riêng"]


async def test_chat_queries_and_leaving(
    server: TelegramServer, http: httpx.AsyncClient, bot: telegram.Bot
) -> None:
    lan = server.add_user("Lan", username="lan_nguyen")
    minh = server.add_user("Minh")
    group = server.add_group("Tổ công tác", members=[lan, minh])
    server.add_bot_to_group(group, by=lan)
    chat = await bot.get_chat(group.id)
    assert (chat.title, chat.type) == ("Tổ công tác", "group")
    statuses = [
        (await bot.get_chat_member(group.id, user_id)).status for user_id in (lan.id, minh.id, bot.id)
    ]
    assert statuses == ["creator", "member", "member"]
    assert (await bot.get_chat("@lan_nguyen")).id == lan.id
    assert await bot.leave_chat(group.id)
    member: dict[str, Any] = (await call(http, "getChatMember", chat_id=group.id, user_id=bot.id))[1]
    assert member["result"]["status"] == "left"
    assert (await call(http, "sendChatAction", chat_id=group.id, action="typing"))[0] == 403

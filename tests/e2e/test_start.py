"""/start and /help through the real Telegram protocol, in a private chat and in a group."""

from __future__ import annotations

from bot.sandbox import Sandbox
from services.clock import ManualClock
from storage.db import Database


async def test_start_in_a_private_chat_introduces_the_bot_in_vietnamese(sandbox: Sandbox) -> None:
    lan = sandbox.tg.add_user("Lan", "Nguyễn")
    dm = sandbox.tg.private_chat(lan)
    answer = await sandbox.ask(dm, lan, "/start")
    assert "Xin chào" in answer.shown_text
    assert "đôn đốc nhiệm vụ Đề án 06" in answer.shown_text
    assert "/help" in answer.shown_text and "/toi" in answer.shown_text
    assert "/ma_don_vi" not in answer.shown_text, "a stranger is not offered the secretariat's commands"


async def test_start_in_an_unbound_group_explains_how_to_register(sandbox: Sandbox) -> None:
    lan = sandbox.tg.add_user("Lan", "Nguyễn")
    group = sandbox.tg.add_group("Sở Y tế - Đề án 06", members=[lan])
    after = sandbox.mark()
    sandbox.tg.add_bot_to_group(group, by=lan)
    greeting = await sandbox.next_in(group, after)
    assert "/dang_ky" in greeting.shown_text, "the bot explains how to register as soon as it is added"
    answer = await sandbox.ask(group, lan, "/start@dondoc_bot")
    assert "/dang_ky" in answer.shown_text
    assert "chưa được gắn với đơn vị" in answer.shown_text


async def test_help_lists_the_secretariat_commands_to_an_admin(sandbox: Sandbox) -> None:
    answer = await sandbox.ask(sandbox.dm(sandbox.admin), sandbox.admin, "/help")
    for command in ("/ma_don_vi", "/tre_han", "/dang_ky", "/toi"):
        assert command in answer.shown_text


async def test_commands_are_registered_with_set_my_commands(sandbox: Sandbox) -> None:
    call = await sandbox.tg.wait_for_call("setMyCommands")
    names = {c["command"] for c in call.params["commands"]}
    assert {"start", "help", "toi", "dang_ky"} <= names


async def test_a_failed_set_my_commands_does_not_stop_the_bot(db: Database, clock: ManualClock) -> None:
    box = Sandbox(db, clock)
    box.tg.inject("setMyCommands", "500", times=None)
    async with box:
        lan = box.tg.add_user("Lan", "Nguyễn")
        answer = await box.ask(box.dm(lan), lan, "/start")
        assert "Xin chào" in answer.shown_text
    assert [c.status for c in box.tg.calls if c.method == "setMyCommands"] == [500]

"""``/bang_dieu_khien`` through the local Telegram server: a personal link for leaders and the
secretariat, in a private chat only, and a clear sentence for everyone else; a link lets in once,
even when two browsers open it at the same moment."""

from __future__ import annotations

import asyncio
import re

from bot.sandbox import Sandbox
from services.clock import ManualClock
from services.web_access import Link, Refusal, Visitor, issue_link, redeem
from storage.db import Database
from tests.e2e.flows import bind_group
from tests.web.conftest import LEADER_ID, fill
from tgserver.people import User

BASE = "https://bot.example.gov.vn"
LINK = re.compile(re.escape(BASE) + r"/dang-nhap/(\S+)")


async def leader(box: Sandbox) -> User:
    person = box.tg.add_user("Chủ tịch", "UBND")
    await box.ask(box.dm(person), person, "/start")
    answer = await box.ask(box.dm(box.admin), box.admin, f"/vai_tro {person.id} lanh_dao", contains="vai trò")
    assert "Đã cấp" in answer.shown_text
    return person


async def test_a_leader_gets_a_personal_link_in_a_private_chat_only(db: Database, clock: ManualClock) -> None:
    async with Sandbox(db, clock, settings_overrides={"web_base_url": BASE}) as box:
        person = await leader(box)
        answer = await box.ask(box.dm(person), person, "/bang_dieu_khien")
        found = LINK.search(answer.shown_text)
        assert found, answer.shown_text
        assert "một lần" in answer.shown_text and "8 giờ" in answer.shown_text
        assert await redeem(db, clock, found.group(1)) == Visitor(person.id, box.dm(person).id)
        assert await redeem(db, clock, found.group(1)) is Refusal.USED

        bound = await bind_group(box, "Sở Y tế")
        box.tg.add_member(bound.group, person, by=bound.focal)
        answer = await box.ask(bound.group, person, "/bang_dieu_khien")
        assert "tin nhắn riêng" in answer.shown_text and not LINK.search(answer.shown_text)


async def test_someone_without_a_role_is_told_who_the_dashboard_is_for(db: Database, clock: ManualClock) -> None:
    async with Sandbox(db, clock, settings_overrides={"web_base_url": BASE}) as box:
        stranger = box.tg.add_user("Người", "lạ")
        answer = await box.ask(box.dm(stranger), stranger, "/bang_dieu_khien")
        assert "chỉ dành cho lãnh đạo và Thường trực" in answer.shown_text
        assert not LINK.search(answer.shown_text)


async def test_without_web_base_url_the_bot_says_the_dashboard_is_not_enabled(db: Database, clock: ManualClock) -> None:
    async with Sandbox(db, clock) as box:
        answer = await box.ask(box.dm(box.admin), box.admin, "/bang_dieu_khien")
        assert "chưa được bật" in answer.shown_text and "WEB_BASE_URL" in answer.shown_text
        assert "/dang-nhap/" not in answer.shown_text


async def test_two_browsers_opening_one_link_at_once_let_one_in(db: Database, clock: ManualClock) -> None:
    await fill(db, clock)
    for _attempt in range(5):
        issued = await issue_link(db, clock, LEADER_ID, ())
        assert isinstance(issued, Link)
        outcomes = await asyncio.gather(*(redeem(db, clock, issued.token) for _ in range(4)))
        assert outcomes.count(Visitor(LEADER_ID, 0)) == 1
        assert outcomes.count(Refusal.USED) == 3

"""The dashboard as people reach it: the bot (``dondoc run --web-port``, in the sandbox) answers
``/bang_dieu_khien`` with a link through the local Telegram server, a real headless Chromium opens
it. Every page is written to tests/artifacts/web/ for a person to look at."""

from __future__ import annotations

import io
import re
from collections.abc import AsyncIterator
from datetime import timedelta

import httpx
import openpyxl
import pytest
from selenium import webdriver

from bot.sandbox import Sandbox
from services.clock import ManualClock
from storage.db import Database
from tests.web.conftest import COMMUNES, Site, fill, fill_communes
from tgserver.people import User
from web.app import SESSION_COOKIE

LINK = re.compile(r"https?://\S+/dang-nhap/\S+")
HEADING = re.compile(r"^\d+\. (.+?) — \d+ nhiệm vụ", re.MULTILINE)
BULLET = re.compile(r"^• (\S+): ", re.MULTILINE)


@pytest.fixture
async def box(db: Database, clock: ManualClock) -> AsyncIterator[Sandbox]:
    async with Sandbox(db, clock, web=True) as running:
        yield running


@pytest.fixture
def site(box: Sandbox, browser: webdriver.Chrome) -> Site:
    browser.delete_all_cookies()
    return Site(box.web_url, browser)


async def person(box: Sandbox, name: str) -> User:
    user = box.tg.add_user(name, "UBND")
    await box.ask(box.dm(user), user, "/start")
    return user


async def province_leader(box: Sandbox) -> User:
    user = await person(box, "Chủ tịch")
    answer = await box.ask(box.dm(box.admin), box.admin, f"/vai_tro {user.id} lanh_dao", contains="vai trò")
    assert "Đã cấp" in answer.shown_text
    return user


async def link_for(box: Sandbox, user: User) -> str:
    answer = await box.ask(box.dm(user), user, "/bang_dieu_khien")
    found = LINK.search(answer.shown_text)
    assert found, answer.shown_text
    return found.group(0)


def listed_by_tre_han(text: str) -> list[tuple[str, str]]:
    """(agency, task code) in the order the bot's /tre_han message lists them."""
    pairs: list[tuple[str, str]] = []
    agency = ""
    for line in text.splitlines():
        if heading := HEADING.match(line):
            agency = heading.group(1)
        elif bullet := BULLET.match(line):
            pairs.append((agency, bullet.group(1)))
    return pairs


def shown_overdue(site: Site) -> list[tuple[str, str]]:
    rows = site.browser.find_elements("css selector", "#qua-han tbody tr[data-code]")
    return [(str(r.get_attribute("data-agency")), str(r.get_attribute("data-code"))) for r in rows]


async def sheet(site: Site, path: str) -> list[object]:
    """The cells of an .xlsx the page offers, downloaded with the browser's session."""
    cookie = site.browser.get_cookie(SESSION_COOKIE)
    assert cookie is not None
    async with httpx.AsyncClient(base_url=site.base, cookies={SESSION_COOKIE: cookie["value"]}) as client:
        response = await client.get(path)
    assert response.status_code == 200 and response.headers["content-type"].endswith("spreadsheetml.sheet")
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    return [c for row in book.active.iter_rows(values_only=True) for c in row if c is not None]


async def test_the_bots_link_opens_an_overview_listing_what_tre_han_lists(
    box: Sandbox, site: Site, db: Database, clock: ManualClock
) -> None:
    await fill(db, clock)
    await fill_communes(db, clock)
    leader = await province_leader(box)
    assert (await site.open(await link_for(box, leader))).endswith("/")
    assert "Tổng quan thực hiện nhiệm vụ" in site.text()
    tre_han = await box.ask(box.dm(leader), leader, "/tre_han")
    expected = listed_by_tre_han(tre_han.shown_text)
    assert len(expected) == 6 and ("UBND xã Sơn Kim", "K1") in expected
    assert shown_overdue(site) == expected
    assert site.browser.find_element("id", "so-qua-han").text == "6"
    assert len(site.browser.find_elements("css selector", "svg rect")) >= 12, "the charts are drawn"
    await site.screenshot("bot-overview")
    cells = await sheet(site, "/tre-han.xlsx")
    assert "UBND xã Sơn Kim" in cells and "Lắp đặt điểm hỗ trợ dịch vụ công tại UBND xã" in cells

    await site.follow("lượt nhiệm vụ")
    await site.choose("loc-tinh-trang", "Quá hạn")
    assert "tinh_trang=overdue" in site.browser.current_url
    assert site.browser.find_element("id", "so-nhiem-vu").text == "6"
    await site.choose("loc-to", f"— {COMMUNES[1]}")
    rows = site.browser.find_elements("css selector", "#nhiem-vu tbody tr[data-code]")
    assert [r.get_attribute("data-code") for r in rows] == ["K1"]
    await site.screenshot("bot-tasks-filtered")
    assert "K1" in await sheet(site, site.browser.current_url.replace("/nhiem-vu?", "/nhiem-vu.xlsx?"))

    await site.open("/bao-cao")
    assert site.browser.find_elements("css selector", "#ma-tran tbody tr")
    cells = await sheet(site, "/bao-cao.xlsx")
    assert "Sở Tư pháp" in cells and "UBND xã Sơn Ninh" in cells
    await site.screenshot("bot-reports")


async def test_a_commune_leaders_link_shows_only_the_commune(
    box: Sandbox, site: Site, db: Database, clock: ManualClock
) -> None:
    await fill(db, clock)
    leader = await person(box, "Chủ tịch xã")
    await fill_communes(db, clock, leader.id)
    await site.open(await link_for(box, leader))
    assert COMMUNES[0] in site.browser.find_element("tag name", "header").text
    assert shown_overdue(site) == [("UBND xã Sơn Ninh", "X1")]
    assert "Sở Tư pháp" not in site.text() and COMMUNES[1] not in site.text()
    assert not site.browser.find_elements("id", "loc-to"), "no other group to choose"
    await site.screenshot("bot-commune-overview")
    await site.open("/nhiem-vu")
    codes = [str(r.get_attribute("data-code")) for r in site.browser.find_elements("css selector", "#nhiem-vu tbody tr[data-code]")]
    assert sorted(codes) == ["X1", "X2"]
    await site.open("/nhiem-vu?to=1")
    assert "Sở Tư pháp" not in site.text(), "the province is not the commune's to see"
    await site.open("/don-vi/1")
    assert "Không tìm thấy đơn vị này" in site.text()


async def test_a_session_ends_after_8_hours_a_used_or_expired_link_is_refused_and_no_session_means_the_explanation(
    box: Sandbox, site: Site, db: Database, clock: ManualClock
) -> None:
    await fill(db, clock)
    leader = await province_leader(box)
    link = await link_for(box, leader)
    assert (await site.open(link)).endswith("/")
    clock.advance(timedelta(hours=7, minutes=59))
    assert (await site.open("/bao-cao")).endswith("/bao-cao"), "the session lasts 8 hours"
    clock.advance(timedelta(minutes=2))
    assert (await site.open("/bao-cao")).endswith("/can-dang-nhap"), "and not longer"
    site.browser.delete_all_cookies()
    await site.open(link)
    assert "đã được sử dụng" in site.text()
    await site.screenshot("bot-link-used")

    late = await link_for(box, leader)
    clock.advance(timedelta(minutes=16))
    await site.open(late)
    assert "đã hết hạn" in site.text()
    await site.screenshot("bot-link-expired")
    for path in ("/", "/nhiem-vu", "/bao-cao", "/nhiem-vu.xlsx", "/bao-cao.xlsx"):
        assert (await site.open(path)).endswith("/can-dang-nhap"), path
    assert "Cần đăng nhập" in site.text() and "15 phút" in site.text()
    await site.screenshot("bot-explanation")

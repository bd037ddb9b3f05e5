"""The leaders' dashboard in a real headless Chromium: sign-in by link, the overview against
/tre_han, the agency, task and report pages, refusals, and a screenshot of each page."""

from __future__ import annotations

import io
from datetime import timedelta

import httpx
import openpyxl

from services import leader_views
from services.access import Actor
from services.clock import ManualClock
from services.web_access import Link, issue_link
from storage.db import Database
from tests.web.conftest import LEADER_ID, Site, fill
from web.app import SESSION_COOKIE


async def tre_han(db: Database, clock: ManualClock, actor: Actor) -> list[tuple[str, str]]:
    """(agency, task code) in the order /tre_han lists them, every page."""
    listed: list[tuple[str, str]] = []
    page, pages = 0, 1
    while page < pages:
        view = await leader_views.overdue(db, clock, actor, page)
        assert isinstance(view, leader_views.OverdueView)
        listed += [(debt.name, row.code) for debt in view.page.debts for row in debt.tasks]
        page, pages = page + 1, view.page.pages
    return listed


async def link(db: Database, clock: ManualClock, site: Site) -> str:
    issued = await issue_link(db, clock, LEADER_ID, site.config.admin_ids)
    assert isinstance(issued, Link)
    return site.config.link(issued.token)


async def test_a_leaders_link_opens_the_overview_listing_what_tre_han_lists(
    site: Site, db: Database, clock: ManualClock
) -> None:
    leader = await fill(db, clock)
    assert (await site.open(await link(db, clock, site))).endswith("/")
    text = site.text()
    assert "Tổng quan thực hiện nhiệm vụ" in text
    rows = site.browser.find_elements("css selector", "#qua-han tbody tr[data-code]")
    shown = [(str(r.get_attribute("data-agency")), str(r.get_attribute("data-code"))) for r in rows]
    expected = await tre_han(db, clock, leader)
    assert shown == expected and len(expected) == 4
    assert site.browser.find_element("id", "so-qua-han").text == "4"
    assert len(site.browser.find_elements("css selector", "svg rect")) >= 12, "the charts are drawn"
    await site.screenshot("overview")

    cookie = site.browser.get_cookie(SESSION_COOKIE)
    assert cookie is not None and cookie["httpOnly"] and cookie["sameSite"] == "Lax"
    async with httpx.AsyncClient(base_url=site.base, cookies={SESSION_COOKIE: cookie["value"]}) as client:
        sheet = await client.get("/tre-han.xlsx")
    assert sheet.status_code == 200
    cells = [c for row in openpyxl.load_workbook(io.BytesIO(sheet.content)).active.iter_rows(values_only=True) for c in row]
    assert "Sở Tư pháp" in cells and "Cập nhật dữ liệu đất đai" in cells

    await site.follow("1. Sở Tư pháp")
    text = site.text()
    assert "Sở Tư pháp — Đề án 06" in text, "the chat bound to the agency"
    assert "Việc chưa đến hạn" in text and "Quá hạn" in text
    await site.screenshot("agency")

    await site.follow("5")
    text = site.text()
    assert "Nhiệm vụ 5" in text and "Sở Thông tin và Truyền thông" in text
    assert "đã hoàn thành" in text, "the history shows the change"
    await site.screenshot("task")

    await site.open("/bao-cao")
    assert "Báo cáo định kỳ của các đơn vị" in site.text()
    assert site.browser.find_elements("css selector", "#ma-tran tbody tr")
    await site.screenshot("reports")


async def test_a_used_link_and_an_expired_link_are_refused(site: Site, db: Database, clock: ManualClock) -> None:
    await fill(db, clock)
    used = await link(db, clock, site)
    assert (await site.open(used)).endswith("/")
    site.browser.delete_all_cookies()
    await site.open(used)
    assert "đã được sử dụng" in site.text()
    await site.screenshot("link-used")

    late = await link(db, clock, site)
    clock.advance(timedelta(minutes=16))
    await site.open(late)
    assert "đã hết hạn" in site.text()
    assert (await site.open("/")).endswith("/can-dang-nhap"), "no session was opened"


async def test_a_page_without_a_session_redirects_to_the_explanation(site: Site, db: Database, clock: ManualClock) -> None:
    await fill(db, clock)
    for path in ("/", "/don-vi/1", "/nhiem-vu/1", "/bao-cao", "/tre-han.xlsx"):
        assert (await site.open(path)).endswith("/can-dang-nhap"), path
    assert "Cần đăng nhập" in site.text() and "15 phút" in site.text()
    await site.screenshot("explanation")

"""The dashboard served by uvicorn on 127.0.0.1 in the test's own event loop, a real database filled
through the services, and Debian's headless Chromium driven by selenium."""

from __future__ import annotations

import asyncio
import shutil
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest
from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.support.expected_conditions import staleness_of
from selenium.webdriver.support.select import Select
from selenium.webdriver.support.wait import WebDriverWait

from bot.sandbox import free_port
from services.access import Actor, RoleName
from services.binding import issue_for, register_chat
from services.clock import ManualClock
from services.group_tree import Root, create, find_group
from services.groups import ensure_default_group
from services.people import Identity, actor_of, ensure_person
from services.roles import grant
from services.status import Change, Origin, apply_change
from storage.db import Database
from tests.seed import seed_task
from web.config import WebConfig
from web.server import Dashboard

DRIVER = "/usr/bin/chromedriver"
ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts" / "web"
PHONE = (390, 844)
LEADER_ID, STRANGER_ID, COMMUNE_LEADER_ID = 5001, 5002, 5003
ROOT = Root("Tổ Công tác Đề án 06", "Asia/Ho_Chi_Minh")
COMMUNES = ("xã Sơn Ninh", "xã Sơn Kim")


@pytest.fixture(scope="session")
def browser() -> Iterator[webdriver.Chrome]:
    if not Path(DRIVER).exists() or shutil.which("chromium") is None:
        pytest.skip("apt-get install chromium chromium-driver")
    options = webdriver.ChromeOptions()
    for flag in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--lang=vi"):
        options.add_argument(flag)
    options.add_argument(f"--window-size={PHONE[0]},{PHONE[1]}")
    driver = webdriver.Chrome(service=Service(DRIVER), options=options)
    try:
        yield driver
    finally:
        driver.quit()


@dataclass
class Site:
    base: str
    browser: webdriver.Chrome

    async def open(self, path: str) -> str:
        """Open ``path`` (or a full address), return the address the browser ended on; the browser waits
        in a thread, as the server answers on this event loop."""
        url = path if path.startswith("http") else self.base + path
        await asyncio.to_thread(self.browser.get, url)
        return str(self.browser.current_url)

    async def follow(self, link_text: str) -> str:
        """Click a link and wait for the next page (off the event loop, which serves the page): a
        click returns before the browser has left the page it was on."""
        page = self.browser.find_element("tag name", "html")
        await asyncio.to_thread(self.browser.find_element("link text", link_text).click)
        await asyncio.to_thread(WebDriverWait(self.browser, 10).until, staleness_of(page))
        return str(self.browser.current_url)

    async def choose(self, select_id: str, label: str) -> str:
        """Pick ``label`` in a filter's list and send the filter form; wait for the filtered page."""
        page = self.browser.find_element("tag name", "html")
        Select(self.browser.find_element("id", select_id)).select_by_visible_text(label)
        await asyncio.to_thread(self.browser.find_element("css selector", "form.filters button").click)
        await asyncio.to_thread(WebDriverWait(self.browser, 10).until, staleness_of(page))
        return str(self.browser.current_url)

    def text(self) -> str:
        return str(self.browser.find_element("tag name", "body").text)

    async def screenshot(self, name: str) -> Path:
        """The whole page at a phone's width, for a person to look at."""
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        height = int(self.browser.execute_script("return document.documentElement.scrollHeight"))
        self.browser.set_window_size(PHONE[0], max(PHONE[1], height))
        path = ARTIFACTS / f"{name}.png"
        await asyncio.to_thread(self.browser.get_screenshot_as_file, str(path))
        self.browser.set_window_size(*PHONE)
        return path


@pytest.fixture
async def site(db: Database, clock: ManualClock, browser: webdriver.Chrome) -> AsyncIterator[Site]:
    """The dashboard alone (as ``dondoc web``) on a free port."""
    port = free_port()
    config = WebConfig("k" * 32 + "-test-secret", f"http://127.0.0.1:{port}", ())
    running = Dashboard(db, clock, config, "127.0.0.1", port)
    await running.start()
    browser.delete_all_cookies()
    try:
        yield Site(config.base_url, browser)
    finally:
        await running.stop()


async def admin_actor(db: Database, clock: ManualClock) -> Actor:
    async with db.transaction() as session:
        group = await ensure_default_group(session, clock, "Tổ Công tác Đề án 06", "Asia/Ho_Chi_Minh")
    return Actor(external_id=1, person_id=None, working_group_id=group.id, roles=frozenset({RoleName.ADMIN}))


async def fill(db: Database, clock: ManualClock) -> Actor:
    """A plan with overdue, on-time and finished tasks, a bound agency, a leader and a stranger;
    returns the leader as the bot sees them in a private chat."""
    rows = [
        ("1", "Rà soát văn bản quy phạm pháp luật liên quan đến dữ liệu dân cư", date(2024, 3, 1), ["Sở Tư pháp"]),
        ("2", "Số hóa hồ sơ hộ tịch", date(2024, 3, 31), ["Sở Tài nguyên và Môi trường"]),
        ("3", "Cập nhật dữ liệu đất đai", date(2024, 4, 10), ["Sở Tài nguyên và Môi trường"]),
        ("4", "Việc chưa đến hạn", date(2024, 5, 10), ["Sở Tư pháp"]),
        ("5", "Cấp chữ ký số cho cán bộ, công chức", date(2024, 2, 15), ["Sở Thông tin và Truyền thông", "Sở Tư pháp"]),
        ("6", "Thực hiện thường xuyên việc làm sạch dữ liệu", None, ["Công an tỉnh"]),
        ("7", "Triển khai thanh toán không dùng tiền mặt tại cơ sở y tế", date(2024, 3, 20), ["Sở Y tế"]),
    ]
    leads = {}
    for code, content, due, agencies in rows:
        leads[code] = await seed_task(db, clock, code, content, due, agencies)
    admin = await admin_actor(db, clock)
    async with db.transaction() as session:
        for lead_id, done in ((leads["7"][0], date(2024, 3, 18)), (leads["5"][0], date(2024, 3, 5))):
            await apply_change(session, clock, admin, lead_id, Change("done", date=done, raw_text="đã hoàn thành"),
                               Origin("secretariat"))
        leader = await ensure_person(session, clock, Identity(LEADER_ID, "Chủ tịch UBND", None, LEADER_ID, "private"))
        await grant(session, clock, leader.id, admin.working_group_id or 0, RoleName.LEADER, None, None)
        await ensure_person(session, clock, Identity(STRANGER_ID, "Người lạ", None, STRANGER_ID, "private"))
    issued = await issue_for(db, clock, admin, "Sở Tư pháp", leaders=False)
    assert issued.code is not None
    await register_chat(db, clock, Identity(6001, "Đầu mối", None, -100200, "group", "Sở Tư pháp — Đề án 06"), issued.code)
    return await actor_of(db, clock, Identity(LEADER_ID, "Chủ tịch UBND", None, LEADER_ID, "private"), ())


async def fill_communes(db: Database, clock: ManualClock, leader_id: int = COMMUNE_LEADER_ID) -> Actor:
    """Two communes under the province, each with its own plan and an overdue task of its UBND, and
    a leader of the first commune; returns that leader as the bot sees them in a private chat."""
    rows = {
        COMMUNES[0]: [("X1", "Tuyên truyền dịch vụ công trực tuyến tại thôn", date(2024, 4, 5)),
                      ("X2", "Làm sạch dữ liệu hộ tịch của xã", date(2024, 6, 30))],
        COMMUNES[1]: [("K1", "Lắp đặt điểm hỗ trợ dịch vụ công tại UBND xã", date(2024, 3, 25))],
    }
    for commune, tasks in rows.items():
        await create(db, clock, ROOT, commune)
        for code, content, due in tasks:
            await seed_task(db, clock, code, content, due, [f"UBND {commune}"], plan_number="12/KH-UBND",
                            group_name=commune, section="Nhiệm vụ của xã")
    async with db.transaction() as session:
        first = await find_group(session, COMMUNES[0])
        assert first is not None
        who = Identity(leader_id, "Chủ tịch UBND xã", None, leader_id, "private")
        person = await ensure_person(session, clock, who)
        await grant(session, clock, person.id, first.id, RoleName.LEADER, None, None)
    return await actor_of(db, clock, who, ())

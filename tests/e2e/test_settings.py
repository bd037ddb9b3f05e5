"""The secretariat tunes the reminder rules; a plan's own reporting regime is followed."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from bot.sandbox import Sandbox
from plans.documents import read_document
from services import imports
from services.clock import ManualClock
from services.groups import ensure_default_group
from services.reminders import settings_of
from tests.e2e.flows import bind_group
from tests.e2e.test_reminders import HANOI, at, walk

FIXTURES = Path(__file__).parent.parent / "fixtures"


async def test_the_monthly_report_day_can_be_moved_to_the_15th(sandbox: Sandbox, clock: ManualClock) -> None:
    clock.set(at(date(2024, 4, 8), 7, 0))
    bound = await bind_group(sandbox, "Phòng Nội vụ")
    dm = sandbox.dm(sandbox.admin)
    shown = await sandbox.ask(dm, sandbox.admin, "/cai_dat", contains="Thiết lập")
    assert "monthly = 17" in shown.shown_text and "window = 07:30-17:00" in shown.shown_text
    changed = await sandbox.ask(dm, sandbox.admin, "/cai_dat monthly 15", contains="Đã lưu")
    assert "monthly = 15" in changed.shown_text and "(cadence: manual)" in changed.shown_text
    bad = await sandbox.ask(dm, sandbox.admin, "/cai_dat monthly ngày rằm")
    assert "không hợp lệ cho «monthly»" in bad.shown_text
    sent = await walk(sandbox, clock, at(date(2024, 4, 16), 12), timedelta(hours=3))
    monthly = [t.astimezone(HANOI).date() for t, m in sent if m.chat_id == bound.group.id and "tháng 04/2024" in m.shown_text]
    # 15/04/2024 is a Monday: two working days before it is Thursday 11/04
    assert monthly == [date(2024, 4, 11), date(2024, 4, 15)]


async def test_a_refused_setting_change_for_others(sandbox: Sandbox) -> None:
    lan = sandbox.tg.add_user("Lan", "Nguyễn")
    answer = await sandbox.ask(sandbox.dm(lan), lan, "/cai_dat monthly 15")
    assert "không có quyền" in answer.shown_text


async def test_a_plan_stating_its_regime_sets_the_cadence(sandbox: Sandbox, clock: ManualClock) -> None:
    name = "ke-hoach-tinh-2023-dang-muc.txt"
    parsed = read_document((FIXTURES / name).read_bytes(), name)
    async with sandbox.db.transaction() as session:
        group = await ensure_default_group(session, clock, "Tổ Công tác", "Asia/Ho_Chi_Minh")
        await imports.save(session, clock, group, parsed, name)
        assert settings_of(group).cadence.monthly_day == 15, "this plan wants the monthly report before the 15th"
        group.settings = {**group.settings, "reminders": {**group.settings["reminders"], "cadence_source": "manual",
                                                          "cadence": {"monthly_day": 20}}}
        await imports.save(session, clock, group, parsed, name)
        assert settings_of(group).cadence.monthly_day == 20, "a cadence set by hand is kept"

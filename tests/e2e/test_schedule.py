"""Previewing the reminders: /lich_nhac in the bot, `dondoc reminders` on the command line,
and the optional heads-up to supporting agencies."""

from __future__ import annotations

import asyncio
import json
import os
import sys
from datetime import date

from sqlalchemy import select

from bot.sandbox import Sandbox
from services.clock import ManualClock
from storage.db import Database
from storage.models import Agency, TaskLead, TaskSupport, WorkingGroup
from tests.e2e.flows import bind_group
from tests.e2e.test_reminders import at
from tests.seed import seed_task


async def test_lich_nhac_lists_the_next_reminders_of_an_agency(sandbox: Sandbox, clock: ManualClock) -> None:
    clock.set(at(date(2024, 3, 18), 7, 0))
    await bind_group(sandbox, "Sở Y tế")
    await seed_task(sandbox.db, clock, "2.3.1", "Sử dụng thẻ CCCD gắn chip", date(2024, 3, 29), ["Sở Y tế"])
    await seed_task(sandbox.db, clock, "9", "Việc của đơn vị khác", date(2024, 3, 29), ["Sở Tư pháp"])
    answer = await sandbox.ask(sandbox.dm(sandbox.admin), sandbox.admin, "/lich_nhac Sở Y tế", contains="Lịch nhắc")
    text = answer.shown_text
    assert "20/03 08:00 — Sở Y tế: nhắc trước hạn, nhiệm vụ 2.3.1" in text
    assert "29/03 08:00 — Sở Y tế: nhắc đúng hạn, nhiệm vụ 2.3.1" in text
    assert "Sở Tư pháp" not in text
    everyone = await sandbox.ask(sandbox.dm(sandbox.admin), sandbox.admin, "/lich_nhac", contains="Lịch nhắc")
    assert "Sở Tư pháp: nhắc trước hạn, nhiệm vụ 9 (chưa gắn nhóm, sẽ không gửi được)" in everyone.shown_text


async def test_dondoc_reminders_prints_one_json_object_per_reminder(db: Database, clock: ManualClock) -> None:
    clock.set(at(date(2024, 3, 18), 7, 0))
    await seed_task(db, clock, "1.3", "Bố trí kinh phí", date(2024, 3, 29), ["Sở Tài chính"])
    env = {**os.environ, "DATABASE_URL": db.url, "TELEGRAM_BOT_TOKEN": ""}
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot", "reminders", "--from", "2024-03-25", "--to", "2024-04-02", "--json",
        env=env, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
    )
    out, err = await asyncio.wait_for(process.communicate(), 120)
    assert process.returncode == 0, err.decode()
    rows = [json.loads(line) for line in out.decode().splitlines()]
    deadline = [r for r in rows if r["task"] == "1.3"]
    assert [(r["send_at"], r["kind"]) for r in deadline] == [
        ("2024-03-26T08:00:00+07:00", "deadline_before"),
        ("2024-03-28T08:00:00+07:00", "deadline_before"),
        ("2024-03-29T08:00:00+07:00", "deadline_due"),
        ("2024-04-01T08:00:00+07:00", "overdue"),
    ]
    assert all(r["agency"] == "Sở Tài chính" and r["chat_bound"] is False for r in deadline)
    weekly = [r for r in rows if r["period"] == "2024-W13"]
    assert {r["kind"] for r in weekly} >= {"report_before", "report_due"}


async def test_supporting_agencies_get_a_heads_up_when_switched_on(sandbox: Sandbox, clock: ManualClock) -> None:
    clock.set(at(date(2024, 3, 18), 7, 0))
    await bind_group(sandbox, "Sở Y tế")
    helper = await bind_group(sandbox, "Sở Tài chính")
    async with sandbox.db.transaction() as session:
        group = await session.get(WorkingGroup, 1)
        assert group is not None
        group.settings = {"reminders": {"support_heads_up": True}}
    (lead,) = await seed_task(sandbox.db, clock, "2.3.1", "Thanh toán viện phí không dùng tiền mặt", date(2024, 3, 29), ["Sở Y tế"])
    async with sandbox.db.transaction() as session:
        row = await session.get(TaskLead, lead)
        assert row is not None
        agency_id = (await session.execute(select(Agency.id).where(Agency.name == "Sở Tài chính"))).scalar_one()
        session.add(TaskSupport(task_id=row.task_id, agency_id=agency_id))
    clock.set(at(date(2024, 3, 20), 8, 0))
    after = sandbox.mark()
    await sandbox.deliver()
    note = await sandbox.next_in(helper.group, after, contains="Thông tin phối hợp")
    assert "Đơn vị chủ trì: Sở Y tế" in note.shown_text and "Thứ Sáu, 29/03/2024" in note.shown_text
    clock.set(at(date(2024, 3, 26), 8, 0))
    again = sandbox.mark()
    await sandbox.deliver()
    assert not [m for m in sandbox.tg.sent[again:] if m.chat_id == helper.group.id and "phối hợp" in m.shown_text]

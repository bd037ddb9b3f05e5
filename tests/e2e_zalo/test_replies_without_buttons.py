"""Answers on Zalo, where nothing links a reply to its reminder: by the task code in the words, by
the chat's only open reminder, or after the bot asks which task; chat that is no answer is left alone."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select

from bot.sandbox import Sandbox
from services.clock import ManualClock
from storage.models import Task, TaskLead
from tests.e2e.test_reminders import at
from tests.e2e_zalo.flows import bind_zalo_group, say, zalo
from tests.seed import seed_task


async def _status(box: Sandbox, code: str) -> tuple[str, int | None]:
    async with box.db.transaction() as session:
        lead = (await session.scalars(select(TaskLead).join(Task).where(Task.code == code))).one()
        return lead.status, lead.percent


async def test_two_open_reminders_the_bot_asks_which_then_the_code_decides(box: Sandbox, clock: ManualClock) -> None:
    clock.set(at(date(2024, 3, 11), 7, 0))
    agency = await bind_zalo_group(box, "Sở Tư pháp", typed="/dang_ky")
    await seed_task(box.db, clock, "1.2", "Rà soát văn bản quy phạm pháp luật", date(2024, 3, 20), ["Sở Tư pháp"])
    await seed_task(box.db, clock, "3", "Số hóa sổ hộ tịch", date(2024, 3, 20), ["Sở Tư pháp"])
    server = zalo(box)
    clock.set(at(date(2024, 3, 11), 9, 0))  # seven working days before 20/03
    await box.deliver()
    assert sum("Nhắc việc" in m.shown_text for m in server.messages_in(agency.group)) == 2

    before = len(server.sent)
    server.send_text(agency.group, agency.focal, "Hôm nay họp giao ban lúc 14 giờ nhé")
    asked = await say(box, agency.group, agency.focal, "1")
    assert server.sent[before] is asked, "the chatter got no answer"
    assert "1.2, 3" in asked.shown_text and "mã nhiệm vụ" in asked.shown_text
    assert await _status(box, "1.2") == ("not_started", None)

    done = await say(box, agency.group, agency.focal, "Nhiệm vụ 1.2 đã hoàn thành")
    assert "1.2" in done.shown_text
    assert (await _status(box, "1.2"))[0] == "done"
    progress = await say(box, agency.group, agency.focal, "2 đạt 40%")  # now only task 3 is open here
    assert "3" in progress.shown_text and "40%" in progress.shown_text
    assert await _status(box, "3") == ("in_progress", 40)


async def test_an_extension_without_a_date_is_asked_for_one_and_the_next_message_answers(box: Sandbox, clock: ManualClock) -> None:
    clock.set(at(date(2024, 3, 11), 7, 0))
    agency = await bind_zalo_group(box, "Sở Nội vụ")
    await seed_task(box.db, clock, "5", "Rà soát thủ tục hành chính", date(2024, 3, 20), ["Sở Nội vụ"])
    clock.set(at(date(2024, 3, 11), 9, 0))
    await box.deliver()
    assert any("Nhắc việc" in m.shown_text for m in zalo(box).messages_in(agency.group))
    question = await say(box, agency.group, agency.focal, "4")
    assert "thời hạn đề nghị gia hạn" in question.shown_text
    answer = await say(box, agency.group, agency.focal, "đến 30/4/2024")
    assert "30/04/2024" in answer.shown_text or "30/4/2024" in answer.shown_text
    assert (await _status(box, "5"))[0] == "extension"

"""An agency on Zalo: binds its group with a code, gets its reminders on the right working day
with a numbered choice, answers without buttons; leaders on Telegram see what it said."""

from __future__ import annotations

from datetime import date, timedelta

from bot.sandbox import Sandbox
from services.clock import ManualClock
from tests.e2e.test_reminders import HANOI, at
from tests.e2e.test_views import leaders_group
from tests.e2e_zalo.flows import STATUS_LINE, bind_zalo_group, say, zalo
from tests.seed import seed_task
from zaloserver import Message


async def walk_zalo(box: Sandbox, clock: ManualClock, until: date, chat_id: str) -> list[tuple[date, Message]]:
    """Hour by hour up to 18:00 of ``until``: the bot's messages in a Zalo chat with the local day sent."""
    server = zalo(box)
    got: list[tuple[date, Message]] = []
    while clock.now() < at(until, 18):
        clock.advance(timedelta(hours=1))
        before = len(server.sent)
        await box.deliver()
        day = clock.now().astimezone(HANOI).date()
        got.extend((day, m) for m in server.sent[before:] if m.chat_id == chat_id)
    return got


async def test_a_zalo_group_binds_is_reminded_answers_2_dat_60_and_leaders_see_it(box: Sandbox, clock: ManualClock) -> None:
    clock.set(at(date(2024, 3, 11), 7, 0))
    agency = await bind_zalo_group(box, "Sở Y tế")
    leaders, chief = await leaders_group(box)
    await seed_task(box.db, clock, "2.3.1", "Chỉ đạo các cơ sở khám, chữa bệnh sử dụng thẻ CCCD gắn chip", date(2024, 3, 29), ["Sở Y tế"])
    sent = await walk_zalo(box, clock, date(2024, 3, 20), agency.group.id)
    reminders = [(day, m) for day, m in sent if "Nhắc việc" in m.shown_text]
    # 29/03/2024 is a Friday: seven working days before is Wednesday 20/03
    assert [day for day, _m in reminders] == [date(2024, 3, 20)]
    text = reminders[0][1].shown_text
    assert "Nhiệm vụ 2.3.1" in text and "<b>" not in text, "plain text on Zalo"
    assert text.rstrip().endswith(STATUS_LINE)

    answer = await say(box, agency.group, agency.focal, "2 đạt 60%")
    assert "60%" in answer.shown_text and "2.3.1" in answer.shown_text

    clock.set(at(date(2024, 4, 1), 9, 0))
    late = await box.ask(leaders, chief, "/tre_han")
    assert "Sở Y tế" in late.shown_text and "2.3.1" in late.shown_text and "60%" in late.shown_text

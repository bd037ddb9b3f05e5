"""The reminder engine through the real protocol: the right day, never at night, exactly once."""

from __future__ import annotations

import asyncio
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import select

from bot.sandbox import Sandbox
from services.clock import ManualClock
from services.people import chat_by_external_id
from storage.models import Outbox
from storage.outbox import OutboxItem, enqueue
from tests.e2e.flows import bind_group
from tests.seed import seed_task
from tgserver.messages import Message

HANOI = ZoneInfo("Asia/Ho_Chi_Minh")


def at(day: date, hour: int = 8, minute: int = 0) -> datetime:
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=HANOI).astimezone(UTC)


async def walk(box: Sandbox, clock: ManualClock, until: datetime, step: timedelta) -> list[tuple[datetime, Message]]:
    """Move the clock forward by ``step`` until ``until``, ticking the engine and sending each time;
    returns every message the bot sent with the (simulated) moment it went out."""
    sent: list[tuple[datetime, Message]] = []
    while clock.now() < until:
        clock.advance(step)
        before = box.mark()
        await box.deliver()
        sent.extend((clock.now(), m) for m in box.tg.sent[before:])
    return sent


def reminders(sent: list[tuple[datetime, Message]], chat_id: int) -> list[tuple[datetime, Message]]:
    return [(t, m) for t, m in sent if m.chat_id == chat_id and ("Nhắc việc" in m.shown_text or "Quá hạn" in m.shown_text)]


async def test_deadline_reminders_go_out_7_3_1_working_days_before_then_on_the_day(sandbox: Sandbox, clock: ManualClock) -> None:
    clock.set(at(date(2024, 3, 11), 7, 0))
    bound = await bind_group(sandbox, "Sở Y tế")
    await seed_task(sandbox.db, clock, "2.3.1", "Chỉ đạo các cơ sở khám, chữa bệnh sử dụng thẻ CCCD gắn chip", date(2024, 3, 29), ["Sở Y tế"])
    sent = reminders(await walk(sandbox, clock, at(date(2024, 3, 29), 18), timedelta(hours=1)), bound.group.id)
    days = [t.astimezone(HANOI).date() for t, _m in sent]
    # 29/03/2024 is a Friday: 7, 3 and 1 working days before are 20/03, 26/03 and 28/03
    assert days == [date(2024, 3, 20), date(2024, 3, 26), date(2024, 3, 28), date(2024, 3, 29)]
    assert "còn 3 ngày làm việc" in sent[1][1].shown_text
    assert "2.3.1" in sent[0][1].shown_text and "Thứ Sáu, 29/03/2024" in sent[0][1].shown_text
    labels = [text for text, _data in sandbox.buttons(sent[0][1])]
    assert labels == ["✅ Đã hoàn thành", "⏳ Đang thực hiện", "⚠️ Có vướng mắc", "📅 Xin gia hạn"]


async def test_a_monthly_report_due_on_sunday_is_reminded_on_the_friday_before(sandbox: Sandbox, clock: ManualClock) -> None:
    clock.set(at(date(2024, 3, 12), 7, 0))
    bound = await bind_group(sandbox, "Phòng Tư pháp")
    sent = await walk(sandbox, clock, at(date(2024, 3, 18), 12), timedelta(hours=2))
    monthly = [(t, m) for t, m in sent if m.chat_id == bound.group.id and "tháng 03/2024" in m.shown_text]
    # 17/03/2024 is a Sunday: two working days before it is Thursday 14/03, its last working day Friday 15/03
    assert [t.astimezone(HANOI).date() for t, _m in monthly] == [date(2024, 3, 14), date(2024, 3, 15)]
    assert "ngày làm việc cuối cùng" in monthly[1][1].shown_text


async def test_nothing_is_sent_during_tet_nor_at_night(sandbox: Sandbox, clock: ManualClock) -> None:
    clock.set(at(date(2025, 1, 20), 7, 0))
    bound = await bind_group(sandbox, "Sở Nội vụ")
    # due on the first day of Tết 2025 (29/01): the holiday runs 25/01 to 02/02
    await seed_task(sandbox.db, clock, "5", "Rà soát thủ tục hành chính", date(2025, 1, 29), ["Sở Nội vụ"])
    sent = await walk(sandbox, clock, at(date(2025, 2, 12), 12), timedelta(minutes=90))
    assert sent, "reminders did go out"
    for moment, message in sent:
        local = moment.astimezone(HANOI)
        assert date(2025, 1, 25) > local.date() or local.date() > date(2025, 2, 2), message.shown_text
        assert local.weekday() < 5
        assert (7, 30) <= (local.hour, local.minute) < (17, 0), local
    due_day = [t for t, m in reminders(sent, bound.group.id) if "ngày làm việc cuối cùng" in m.shown_text]
    assert [t.astimezone(HANOI).date() for t in due_day] == [date(2025, 1, 24)], "the due-day reminder moves before Tết"


async def test_a_bot_down_for_two_days_catches_up_once(sandbox: Sandbox, clock: ManualClock) -> None:
    clock.set(at(date(2024, 3, 18), 7, 0))
    bound = await bind_group(sandbox, "Sở Tài chính")
    await seed_task(sandbox.db, clock, "1.3", "Bố trí kinh phí thực hiện Đề án 06", date(2024, 3, 29), ["Sở Tài chính"])
    await seed_task(sandbox.db, clock, "1.4", "Hướng dẫn sử dụng kinh phí", date(2024, 3, 22), ["Sở Tài chính"])
    # down from Monday 18/03 07:00 to Wednesday 20/03 09:00: 1.4's 3- and 1-day reminders (19, 21/03)
    # and 1.3's 7-day reminder (20/03 08:00) fall in or near the gap
    clock.set(at(date(2024, 3, 20), 9, 0))
    first = sandbox.mark()
    await sandbox.deliver()
    caught_up = [m for m in sandbox.tg.sent[first:] if m.chat_id == bound.group.id and "Nhắc việc" in m.shown_text]
    codes = sorted(m.shown_text.split("Nhiệm vụ ")[1].split(":")[0] for m in caught_up)
    assert codes == ["1.3", "1.4"], "one reminder per task, the latest that was due"
    again = sandbox.mark()
    await sandbox.deliver()
    assert sandbox.tg.sent[again:] == [], "a second tick sends nothing more"


async def test_429_and_5xx_storms_delay_but_lose_nothing(sandbox: Sandbox, clock: ManualClock) -> None:
    clock.set(at(date(2024, 3, 25), 7, 0))
    bound = await bind_group(sandbox, "Sở Xây dựng")
    for n in range(6):
        await seed_task(sandbox.db, clock, f"3.{n}", f"Nhiệm vụ số {n}", date(2024, 3, 26), ["Sở Xây dựng"])
    sandbox.tg.inject("sendMessage", "429", times=3, retry_after=1)
    sandbox.tg.inject("sendMessage", "500", times=2)
    sandbox.tg.inject("sendMessage", "502", times=2)
    clock.set(at(date(2024, 3, 25), 8, 0))
    await sandbox.deliver()
    clock.advance(timedelta(minutes=6))  # a row that kept failing went back to the outbox for 5 minutes
    await sandbox.runtime.sender.drain()
    texts = [m.shown_text for m in sandbox.tg.messages_in(bound.group.id) if "Nhắc việc" in m.shown_text]
    assert sorted(t.split("Nhiệm vụ ")[1].split(":")[0] for t in texts) == [f"3.{n}" for n in range(6)]
    assert [c.status for c in sandbox.tg.calls if c.method == "sendMessage" and c.status != 200].count(429) == 3


async def test_a_row_that_cannot_be_put_into_words_fails_alone(sandbox: Sandbox, clock: ManualClock) -> None:
    """An event this version does not know (written by a newer one, say) fails for good and holds
    back nothing queued after it."""
    clock.set(at(date(2024, 3, 25), 8, 0))
    bound = await bind_group(sandbox, "Sở Tài chính")
    rows = [("odd", {"event": "from_a_newer_version", "code": "1.1"}), ("plain", {"text": "Tin sau tin lạ"})]
    async with sandbox.db.transaction() as session:
        chat = await chat_by_external_id(session, bound.group.id)
        assert chat is not None
        items = [OutboxItem(key=k, chat_id=chat.id, kind="test", payload=p, not_before=clock.now()) for k, p in rows]
        await enqueue(session, items, clock.now())
    await sandbox.runtime.sender.drain()
    assert [m.shown_text for m in sandbox.tg.messages_in(bound.group.id)][-1] == "Tin sau tin lạ"
    async with sandbox.db.transaction() as session:
        odd = await session.scalar(select(Outbox).where(Outbox.idempotency_key == "odd"))
    assert odd is not None and odd.state == "failed" and "from_a_newer_version" in (odd.last_error or "")


async def test_a_crash_between_sending_and_recording_repeats_at_most_one(sandbox: Sandbox, clock: ManualClock) -> None:
    clock.set(at(date(2024, 3, 25), 7, 0))
    bound = await bind_group(sandbox, "Sở Công Thương")
    for n in range(4):
        await seed_task(sandbox.db, clock, f"4.{n}", f"Nhiệm vụ số {n}", date(2024, 3, 26), ["Sở Công Thương"])
    clock.set(at(date(2024, 3, 25), 8, 0))
    await sandbox.runtime.tick()
    # the response to the second send is lost: Telegram delivered it, the bot never learned so
    sandbox.tg.inject("sendMessage", "lost_response", times=1, delay=0.05)
    sender = sandbox.runtime.sender
    task = asyncio.create_task(sender.drain())
    await sandbox.tg.wait_for_call("sendMessage", predicate=lambda c: c.status is None)
    task.cancel()  # the process dies here
    await asyncio.gather(task, return_exceptions=True)
    clock.advance(timedelta(minutes=3))  # past the claim's lease, a restarted sender takes over
    await sender.drain()
    texts = [m.shown_text for m in sandbox.tg.messages_in(bound.group.id) if "Nhắc việc" in m.shown_text]
    codes = [t.split("Nhiệm vụ ")[1].split(":")[0] for t in texts]
    assert sorted(set(codes)) == [f"4.{n}" for n in range(4)], "nothing lost"
    assert len(codes) - len(set(codes)) <= 1, "at most one repeated"

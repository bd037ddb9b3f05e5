"""Notices from the secretariat, end to end: compose, preview, send, acknowledge, remind, follow up."""

from __future__ import annotations

import asyncio
import contextlib
import json
from datetime import date, timedelta

from sqlalchemy import func, select

from bot.sandbox import Sandbox
from plans.calendar import SendingWindow, WorkingCalendar
from plans.working_hours import add_working_time, working_time_between
from services.clock import ManualClock
from storage.models import Agency, Notice, NoticeDelivery, Outbox, Plan, Task, TaskLead
from tests.conftest import FIXTURES
from tests.e2e.flows import BoundAgency, add_agency, bind_group, issue_code
from tests.e2e.test_reminders import at
from tgserver.messages import Message
from tgserver.people import Chat

TEXT = "Đề nghị các đơn vị cử cán bộ tham dự tập huấn sử dụng ứng dụng VNeID lúc 08:00 ngày 25/4/2024 tại Công an tỉnh."
NOTICE_FILE = "thong-bao-ket-luan-quy1-2024.txt"


# -- helpers ------------------------------------------------------------------------------------


async def compose(box: Sandbox, text: str = TEXT) -> Message:
    """/thong_bao, then the text as a reply to the bot's question; returns the recipients question."""
    dm = box.dm(box.admin)
    question = await box.ask(dm, box.admin, "/thong_bao", contains="Soạn thông báo")
    assert question.reply_markup and question.reply_markup.get("force_reply")
    return await box.ask(dm, box.admin, text, reply_to=question, contains="Chọn nơi nhận")


async def choose(box: Sandbox, recipients: Message, label: str) -> Message:
    """Press a recipients button; returns the preview."""
    dm = box.dm(box.admin)
    after = box.mark()
    await box.press(dm, box.admin, recipients, box.button_data(recipients, label))
    return await box.next_in(dm, after, contains="Xem trước thông báo")


async def confirm(box: Sandbox, preview: Message) -> Message:
    dm = box.dm(box.admin)
    after = box.mark()
    toast = await box.press(dm, box.admin, preview, box.button_data(preview, "Gửi thông báo"))
    assert "Đã gửi" in toast
    return await box.next_in(dm, after, contains="Đã gửi thông báo #")


def notices_in(box: Sandbox, chat: Chat) -> list[Message]:
    return box.find(lambda m: m.chat_id == chat.id and "📢 Thông báo" in (m.shown_text or ""))


async def received(box: Sandbox, bound: BoundAgency, after: int = 0) -> Message:
    return await box.next_in(bound.group, after, contains=f"Kính gửi {bound.name}")


async def edited(box: Sandbox, chat: Chat, message_id: int, contains: str) -> Message:
    return await box.tg.wait_for(
        lambda m: m.chat_id == chat.id and m.message_id == message_id and contains in m.shown_text
    )


async def send_to_all(box: Sandbox, text: str = TEXT) -> None:
    preview = await choose(box, await compose(box, text), "Tất cả đơn vị")
    await confirm(box, preview)


# -- working hours (pure) -------------------------------------------------------------------------


def test_working_hours_count_only_the_window_on_working_days() -> None:
    calendar, window, tz = WorkingCalendar(), SendingWindow(), "Asia/Ho_Chi_Minh"
    friday_3pm = at(date(2024, 4, 19), 15, 0)
    assert add_working_time(calendar, window, tz, friday_3pm, timedelta(hours=4)) == at(date(2024, 4, 22), 9, 30)
    assert working_time_between(calendar, window, tz, friday_3pm, at(date(2024, 4, 22), 9, 30)) == timedelta(hours=4)
    # Thursday 18/04/2024 is Giỗ Tổ Hùng Vương: Wednesday 16:00 + 4 h is Friday 10:30
    assert add_working_time(calendar, window, tz, at(date(2024, 4, 17), 16, 0), timedelta(hours=4)) == at(
        date(2024, 4, 19), 10, 30
    )
    # sent at night: counting starts when the office opens
    assert add_working_time(calendar, window, tz, at(date(2024, 4, 15), 21, 0), timedelta(hours=4)) == at(
        date(2024, 4, 16), 11, 30
    )
    assert working_time_between(calendar, window, tz, at(date(2024, 4, 20), 8, 0), at(date(2024, 4, 21), 16, 0)) == timedelta(0)


# -- composing and sending ------------------------------------------------------------------------


async def test_compose_preview_and_send_to_a_group_of_agencies(sandbox: Sandbox, clock: ManualClock) -> None:
    departments = [await bind_group(sandbox, name) for name in ("Sở Y tế", "Sở Tư pháp", "Sở Nội vụ")]
    commune = await bind_group(sandbox, "UBND xã Tịnh Khê")
    await add_agency(sandbox, "Sở Tài chính")  # no chat bound
    recipients = await compose(sandbox)
    labels = [text for text, _data in sandbox.buttons(recipients)]
    assert any("Tất cả đơn vị (5)" in t for t in labels), labels
    assert any("Các sở, ban, ngành (4)" in t for t in labels), labels
    assert any("UBND các xã, phường (1)" in t for t in labels), labels
    start = sandbox.mark()
    preview = await choose(sandbox, recipients, "Các sở, ban, ngành")
    shown = preview.shown_text
    assert TEXT in shown
    assert "3 nhóm chat của 3 đơn vị" in shown
    assert "Sở Nội vụ, Sở Tư pháp, Sở Y tế" in shown
    assert "chưa gắn nhóm, sẽ không nhận được: Sở Tài chính" in shown
    assert not [m for m in sandbox.tg.sent[start:] if m.chat_id < 0], "nothing reaches a group before confirmation"
    async with sandbox.db.transaction() as session:
        assert await session.scalar(select(func.count()).select_from(Notice)) == 0

    done = await confirm(sandbox, preview)
    assert "tới 3 nhóm chat của 3 đơn vị" in done.shown_text
    for bound in departments:
        message = await received(sandbox, bound, start)
        assert TEXT in message.shown_text
        assert sandbox.buttons(message) and sandbox.buttons(message)[0][0] == "✅ Đã nhận"
    assert notices_in(sandbox, commune.group) == []

    async with sandbox.db.transaction() as session:
        notice = (await session.scalars(select(Notice))).one()
        deliveries = list(await session.scalars(select(NoticeDelivery).where(NoticeDelivery.notice_id == notice.id)))
        rows = list(await session.scalars(select(Outbox).where(Outbox.kind == "notice")))
    assert notice.text == TEXT and notice.state in ("open", "settled")
    assert len(deliveries) == 3
    by_delivery = {row.notice_delivery_id: row for row in rows}
    for delivery in deliveries:
        row = by_delivery[delivery.id]
        assert row.idempotency_key == f"notice:{notice.id}:{delivery.chat_id}"
        assert row.payload["actions"] == [[{"label": "✅ Đã nhận", "data": f"ack:{delivery.id}", "typed": "đã nhận"}]]


async def test_hand_picked_recipients_and_cancel_sends_nothing(sandbox: Sandbox, clock: ManualClock) -> None:
    first = await bind_group(sandbox, "Sở Y tế")
    second = await bind_group(sandbox, "Sở Tư pháp")
    dm = sandbox.dm(sandbox.admin)
    recipients = await compose(sandbox)
    await sandbox.press(dm, sandbox.admin, recipients, sandbox.button_data(recipients, "Chọn từng đơn vị"))
    picking = await edited(sandbox, dm, recipients.message_id, "Chọn đơn vị nhận thông báo")
    await sandbox.press(dm, sandbox.admin, picking, sandbox.button_data(picking, "Sở Tư pháp"))
    picking = await edited(sandbox, dm, recipients.message_id, "đã chọn 1")
    assert "✅ Sở Tư pháp" in [text for text, _data in sandbox.buttons(picking)]
    after = sandbox.mark()
    await sandbox.press(dm, sandbox.admin, picking, sandbox.button_data(picking, "Xong (1)"))
    preview = await sandbox.next_in(dm, after, contains="Xem trước thông báo")
    assert "1 nhóm chat của 1 đơn vị" in preview.shown_text and "Sở Tư pháp" in preview.shown_text
    after = sandbox.mark()
    await sandbox.press(dm, sandbox.admin, preview, sandbox.button_data(preview, "Hủy"))
    await sandbox.next_in(dm, after, contains="Đã hủy thông báo")
    await sandbox.runtime.sender.drain()
    assert notices_in(sandbox, first.group) == [] and notices_in(sandbox, second.group) == []
    assert not sandbox.buttons(await edited(sandbox, dm, preview.message_id, "Xem trước")), "no button left to send it"
    late = await sandbox.ask(dm, sandbox.admin, "Nội dung khác", reply_to=recipients)
    assert "hết hiệu lực" in late.shown_text
    too_long = await sandbox.ask(dm, sandbox.admin, "/thong_bao " + "Nội dung rất dài. " * 250)
    assert "dài quá 3.500 ký tự" in too_long.shown_text
    async with sandbox.db.transaction() as session:
        assert await session.scalar(select(func.count()).select_from(Notice)) == 0


async def test_notices_are_composed_by_the_secretariat_in_private(sandbox: Sandbox, clock: ManualClock) -> None:
    bound = await bind_group(sandbox, "Sở Y tế")
    refused = await sandbox.ask(bound.group, bound.focal, "/thong_bao")
    assert "không có quyền" in refused.shown_text
    sandbox.tg.add_member(bound.group, sandbox.admin)
    in_group = await sandbox.ask(bound.group, sandbox.admin, "/thong_bao")
    assert "tin nhắn riêng" in in_group.shown_text


# -- acknowledging --------------------------------------------------------------------------------


async def test_acknowledged_by_the_agency_and_counted_in_the_status(sandbox: Sandbox, clock: ManualClock) -> None:
    agencies = [await bind_group(sandbox, name) for name in ("Sở Y tế", "Sở Tư pháp", "Sở Nội vụ")]
    start = sandbox.mark()
    await send_to_all(sandbox)
    messages = [await received(sandbox, bound, start) for bound in agencies]
    health, message = agencies[0], messages[0]
    toast = await sandbox.press(health.group, health.focal, message, sandbox.button_data(message, "Đã nhận"))
    assert "Đã ghi nhận" in toast
    marked = await edited(sandbox, health.group, message.message_id, "✅ Đã nhận: Cán bộ đầu mối, 08:00 15/04/2024")
    assert not sandbox.buttons(marked), "the button is replaced by who acknowledged, when"
    assert TEXT in marked.shown_text

    status = await sandbox.ask(sandbox.dm(sandbox.admin), sandbox.admin, "/thong_bao_trang_thai", contains="Tình hình nhận")
    assert "3 nhóm chat: đã gửi 3, lỗi 0, đã xác nhận 1, chờ xác nhận 2" in status.shown_text
    assert "Chưa xác nhận: Sở Nội vụ, Sở Tư pháp" in status.shown_text
    async with sandbox.db.transaction() as session:
        delivery = (await session.scalars(select(NoticeDelivery).where(NoticeDelivery.state == "acknowledged"))).one()
        agency = await session.get(Agency, delivery.agency_id)
    assert agency is not None and agency.name == "Sở Y tế"
    assert delivery.acknowledged_by is not None and delivery.acknowledged_at == clock.now()


async def test_an_ack_from_a_chat_now_bound_to_another_agency_changes_nothing(sandbox: Sandbox, clock: ManualClock) -> None:
    bound = await bind_group(sandbox, "Sở Y tế")
    start = sandbox.mark()
    await send_to_all(sandbox)
    message = await received(sandbox, bound, start)
    # the group is re-registered to another agency: its people no longer act for Sở Y tế
    await add_agency(sandbox, "Sở Tài chính")
    code = await issue_code(sandbox, "Sở Tài chính")
    await sandbox.ask(bound.group, bound.focal, f"/dang_ky {code}", contains="Đã đăng ký")
    answer = await sandbox.press(bound.group, bound.focal, message, sandbox.button_data(message, "Đã nhận"))
    assert "không có quyền" in answer
    async with sandbox.db.transaction() as session:
        delivery = (await session.scalars(select(NoticeDelivery))).one()
    assert delivery.acknowledged_at is None and delivery.state != "acknowledged"
    current = next(m for m in sandbox.tg.messages_in(bound.group.id) if m.message_id == message.message_id)
    assert sandbox.buttons(current), "the button is still there"


# -- reminders and failures -----------------------------------------------------------------------


async def test_one_reminder_after_four_working_hours_without_acknowledgement(sandbox: Sandbox, clock: ManualClock) -> None:
    clock.set(at(date(2024, 4, 19), 15, 0))  # Friday afternoon
    acked, silent = await bind_group(sandbox, "Sở Y tế"), await bind_group(sandbox, "Sở Tư pháp")
    start = sandbox.mark()
    await send_to_all(sandbox)
    first = await received(sandbox, acked, start)
    original = await received(sandbox, silent, start)
    await sandbox.press(acked.group, acked.focal, first, sandbox.button_data(first, "Đã nhận"))
    await edited(sandbox, acked.group, first.message_id, "Đã nhận:")

    def reminders(chat: Chat) -> list[Message]:
        return sandbox.find(lambda m: m.chat_id == chat.id and "Nhắc xác nhận thông báo" in m.shown_text)

    for moment in (at(date(2024, 4, 19), 16, 59), at(date(2024, 4, 20), 10, 0), at(date(2024, 4, 22), 9, 29)):
        clock.set(moment)
        await sandbox.deliver()
    assert reminders(silent.group) == [], "2 h on Friday + 1 h 59 on Monday is not yet 4 working hours"
    clock.set(at(date(2024, 4, 22), 9, 30))
    after = sandbox.mark()
    await sandbox.deliver()
    reminder = await sandbox.next_in(silent.group, after, contains="Nhắc xác nhận thông báo")
    assert "Kính gửi Sở Tư pháp" in reminder.shown_text and "15:00 19/04/2024" in reminder.shown_text
    for moment in (at(date(2024, 4, 22), 15, 0), at(date(2024, 4, 23), 9, 0)):
        clock.set(moment)
        await sandbox.deliver()
    assert len(reminders(silent.group)) == 1, "once per notice and chat"
    assert reminders(acked.group) == [], "no reminder to an agency that acknowledged"
    await sandbox.press(silent.group, silent.focal, reminder, sandbox.button_data(reminder, "Đã nhận"))
    await edited(sandbox, silent.group, reminder.message_id, "Đã nhận: Cán bộ đầu mối, 09:00 23/04/2024")
    await edited(sandbox, silent.group, original.message_id, "Đã nhận: Cán bộ đầu mối, 09:00 23/04/2024")


async def test_a_chat_that_cannot_be_reached_is_reported_once_to_the_sender(sandbox: Sandbox, clock: ManualClock) -> None:
    reached = await bind_group(sandbox, "Sở Y tế")
    lost = await bind_group(sandbox, "Sở Tư pháp")
    sandbox.tg.inject("sendMessage", kind="kicked", chat_id=lost.group.id, times=None)
    start = sandbox.mark()
    await send_to_all(sandbox)
    await received(sandbox, reached, start)
    await sandbox.tg.wait_for_call(
        "sendMessage", predicate=lambda c: str(c.params.get("chat_id")) == str(lost.group.id) and c.status == 403
    )
    await sandbox.runtime.sender.drain()
    dm = sandbox.dm(sandbox.admin)
    after = sandbox.mark()
    await sandbox.deliver()
    report = await sandbox.next_in(dm, after, contains="không gửi được tới 1 nhóm chat")
    assert "Sở Tư pháp: bot đã bị xóa khỏi nhóm" in report.shown_text
    status = await sandbox.ask(dm, sandbox.admin, "/thong_bao_trang_thai", contains="Tình hình nhận")
    assert "2 nhóm chat: đã gửi 1, lỗi 1, đã xác nhận 0, chờ xác nhận 1" in status.shown_text
    assert "Không gửi được: Sở Tư pháp (bot đã bị xóa khỏi nhóm)" in status.shown_text
    clock.advance(timedelta(minutes=5))
    await sandbox.deliver()
    await sandbox.ask(dm, sandbox.admin, "/thong_bao_trang_thai 1", contains="Tình hình nhận")
    assert len(sandbox.find(lambda m: m.chat_id == dm.id and "không gửi được tới" in m.shown_text)) == 1


# -- a notice that assigns tasks ------------------------------------------------------------------


async def test_the_conclusions_notice_file_creates_its_tasks(sandbox: Sandbox, clock: ManualClock) -> None:
    justice = await bind_group(sandbox, "Sở Tư pháp")
    environment = await bind_group(sandbox, "Sở Tài nguyên và Môi trường")
    dm = sandbox.dm(sandbox.admin)
    question = await sandbox.ask(dm, sandbox.admin, "/thong_bao", contains="Soạn thông báo")
    after = sandbox.mark()
    content = (FIXTURES / NOTICE_FILE).read_bytes()
    sandbox.tg.send_document(dm, sandbox.admin, filename=NOTICE_FILE, content=content)
    told = await sandbox.next_in(dm, after, contains="Đã đính kèm tệp")
    # the six labelled dates, and "để sớm triển khai thực hiện trong năm 2024" (Sở TT&TT), read as
    # due at the end of 2024 by DOMAIN.md's conventions
    assert "40 nhiệm vụ" in told.shown_text and "7 nhiệm vụ có thời hạn" in told.shown_text
    again = await sandbox.next_in(dm, after, contains="gửi nội dung thông báo")
    assert not sandbox.find(lambda m: m.chat_id == dm.id and "Xem trước kế hoạch" in m.shown_text), "not read as a plan import"
    assert question.message_id != again.message_id
    recipients = await sandbox.ask(
        dm, sandbox.admin, "Thường trực Tổ Công tác gửi Thông báo kết luận Hội nghị giao ban Quý I/2024.",
        reply_to=again, contains="Chọn nơi nhận",
    )
    preview = await choose(sandbox, recipients, "Tất cả đơn vị")
    assert "Thông báo có 40 nhiệm vụ được giao" in preview.shown_text
    assert "hạn 18/04/2024" in preview.shown_text and NOTICE_FILE in preview.shown_text
    async with sandbox.db.transaction() as session:
        assert await session.scalar(select(func.count()).select_from(Task)) == 0, "nothing saved before confirmation"
    start = sandbox.mark()
    done = await confirm(sandbox, preview)
    assert "Đã lưu 40 nhiệm vụ" in done.shown_text

    # each department's own tasks, and the one "Hai là" gives to the departments (các sở, ban ngành)
    for bound, tasks in ((justice, 2), (environment, 4)):
        message = await received(sandbox, bound, start)
        assert f"Đơn vị được giao {tasks} nhiệm vụ" in message.shown_text
        assert NOTICE_FILE in message.shown_text
        attached = await sandbox.next_in(bound.group, start, contains="Tệp kèm theo thông báo")
        assert attached.filename == NOTICE_FILE and attached.content == content, "the agency gets the file itself"

    expected = json.loads((FIXTURES / "expected" / "thong-bao-ket-luan-quy1-2024.json").read_text())["tasks"]
    async with sandbox.db.transaction() as session:
        notice = (await session.scalars(select(Notice))).one()
        assert notice.plan_id is not None
        plan = await session.get(Plan, notice.plan_id)
        rows = (
            await session.execute(
                select(Task, Agency.name)
                .join(TaskLead, TaskLead.task_id == Task.id)
                .join(Agency, Agency.id == TaskLead.agency_id)
                .where(Task.plan_id == notice.plan_id)
            )
        ).all()
    assert plan is not None and plan.issued == date(2024, 4, 4)
    for item in expected:
        matches = [
            (task, lead) for task, lead in rows
            if item["content_contains"] in task.content and lead in item["lead"]
        ]
        assert matches, f"missing task {item['content_contains']!r}"
        task, _lead = matches[0]
        assert task.due == date.fromisoformat(item["deadline"]["due"]), item
    card = await sandbox.ask(dm, sandbox.admin, "/nhiem_vu 2.3", contains="Nhiệm vụ")
    assert "Sở Tư pháp: chưa thực hiện (hạn 31/12/2024)" in card.shown_text


# -- a restart in the middle of a fan-out ---------------------------------------------------------


async def test_a_sender_killed_mid_fan_out_resumes_without_sending_twice(sandbox: Sandbox, clock: ManualClock) -> None:
    agencies = [await bind_group(sandbox, name) for name in ("Sở Công Thương", "Sở Nội vụ", "Sở Tư pháp", "Sở Y tế")]
    stuck = agencies[2]
    # the process dies while its request for the third chat is on the wire (not delivered)
    sandbox.tg.inject("sendMessage", kind="timeout", chat_id=stuck.group.id, times=1, delay=60)
    start = sandbox.mark()
    await send_to_all(sandbox)
    await sandbox.tg.wait_for_call(
        "sendMessage", predicate=lambda c: str(c.params.get("chat_id")) == str(stuck.group.id) and c.status is None
    )
    runtime = sandbox.runtime
    worker = runtime._task
    assert worker is not None
    worker.cancel()
    with contextlib.suppress(asyncio.CancelledError):
        await worker
    counts = [len(notices_in(sandbox, a.group)) for a in agencies]
    assert counts == [1, 1, 0, 0], counts

    sandbox.tg.clear_faults()
    await runtime.start()  # the restarted process
    await runtime.sender.drain()
    counts = [len(notices_in(sandbox, a.group)) for a in agencies]
    assert counts == [1, 1, 0, 0], "what the dead process had claimed waits for its lease to run out"
    clock.advance(timedelta(minutes=3))
    await sandbox.deliver()
    await received(sandbox, stuck, start)
    await received(sandbox, agencies[3], start)
    clock.advance(timedelta(minutes=3))
    await sandbox.deliver()
    assert [len(notices_in(sandbox, a.group)) for a in agencies] == [1, 1, 1, 1], "each chat exactly once"
    async with sandbox.db.transaction() as session:
        rows = list(await session.scalars(select(Outbox).where(Outbox.kind == "notice")))
    assert sorted(r.state for r in rows) == ["sent"] * 4
    assert sorted(r.attempts for r in rows) == [1, 1, 2, 2]



async def test_a_text_reply_to_a_notice_points_to_the_button(sandbox: Sandbox, clock: ManualClock) -> None:
    bound = await bind_group(sandbox, "Sở Y tế")
    start = sandbox.mark()
    await send_to_all(sandbox)
    notice = await received(sandbox, bound, start)
    await sandbox.runtime.sender.drain()  # the bot has recorded what it sent before anyone answers
    answer = await sandbox.ask(bound.group, bound.focal, "đã nhận ạ", reply_to=notice)
    assert "chọn nút «Đã nhận»" in answer.shown_text

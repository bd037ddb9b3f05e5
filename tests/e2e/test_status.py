"""Agencies report progress: replies, buttons, /cap_nhat, files and edits, with full history."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select

from bot.sandbox import Sandbox
from services.clock import ManualClock
from storage.models import Attachment
from tests.docbuild import tiny_png
from tests.e2e.flows import BoundAgency, add_agency, bind_group, issue_code
from tests.e2e.test_reminders import at
from tests.seed import seed_task
from tgserver.messages import Message


async def reminded(box: Sandbox, clock: ManualClock, code: str = "2.1", agency: str = "Sở Y tế") -> tuple[BoundAgency, Message]:
    """An agency bound to its group, a task due Friday 29/03/2024, and its 3-day reminder."""
    clock.set(at(date(2024, 3, 25), 7, 0))
    bound = await bind_group(box, agency)
    await seed_task(box.db, clock, code, "Triển khai thanh toán viện phí không dùng tiền mặt", date(2024, 3, 29), [agency])
    clock.set(at(date(2024, 3, 26), 8, 0))
    after = box.mark()
    await box.deliver()
    reminder = await box.next_in(bound.group, after, contains="Nhắc việc")
    return bound, reminder


async def card(box: Sandbox, bound: BoundAgency, code: str = "2.1") -> str:
    return (await box.ask(bound.group, bound.focal, f"/nhiem_vu {code}", contains="Nhiệm vụ")).shown_text


async def test_a_reply_in_free_vietnamese_becomes_the_status(sandbox: Sandbox, clock: ManualClock) -> None:
    bound, reminder = await reminded(sandbox, clock)
    answer = await sandbox.ask(bound.group, bound.focal, "dang trien khai, dat 70%", reply_to=reminder)
    assert "đang thực hiện, 70%" in answer.shown_text
    assert "Sở Y tế: đang thực hiện, 70%" in await card(sandbox, bound)


async def test_done_by_button_stops_the_reminders(sandbox: Sandbox, clock: ManualClock) -> None:
    bound, reminder = await reminded(sandbox, clock)
    after = sandbox.mark()
    toast = await sandbox.press(bound.group, bound.focal, reminder, sandbox.button_data(reminder, "Đã hoàn thành"))
    assert "Đã ghi nhận" in toast
    confirmation = await sandbox.next_in(bound.group, after, contains="đã hoàn thành")
    assert "2.1" in confirmation.shown_text
    after = sandbox.mark()
    for day in (27, 28, 29):
        clock.set(at(date(2024, 3, day), 8, 0))
        await sandbox.deliver()
    clock.set(at(date(2024, 4, 1), 8, 0))
    await sandbox.deliver()
    assert not [m for m in sandbox.tg.sent[after:] if "Nhắc việc" in m.shown_text or "Quá hạn" in m.shown_text]


async def test_buttons_ask_a_follow_up_question_when_needed(sandbox: Sandbox, clock: ManualClock) -> None:
    bound, reminder = await reminded(sandbox, clock)
    after = sandbox.mark()
    await sandbox.press(bound.group, bound.focal, reminder, sandbox.button_data(reminder, "Đang thực hiện"))
    question = await sandbox.next_in(bound.group, after, contains="tỷ lệ hoàn thành")
    answer = await sandbox.ask(bound.group, bound.focal, "khoảng 40%", reply_to=question)
    assert "đang thực hiện, 40%" in answer.shown_text
    after = sandbox.mark()
    await sandbox.press(bound.group, bound.focal, reminder, sandbox.button_data(reminder, "vướng mắc"))
    question = await sandbox.next_in(bound.group, after, contains="khó khăn, vướng mắc")
    answer = await sandbox.ask(bound.group, bound.focal, "chưa có kinh phí", reply_to=question)
    assert "có vướng mắc: chưa có kinh phí" in answer.shown_text


async def test_an_extension_approved_moves_the_deadline_and_the_reminders(sandbox: Sandbox, clock: ManualClock) -> None:
    bound, reminder = await reminded(sandbox, clock)
    admin_dm = sandbox.dm(sandbox.admin)
    after = sandbox.mark()
    answer = await sandbox.ask(bound.group, bound.focal, "xin gia hạn đến 30/4 vì chờ hướng dẫn của Bộ", reply_to=reminder)
    assert "chuyển Thường trực" in answer.shown_text
    request = await sandbox.next_in(admin_dm, after, contains="Đề nghị gia hạn")
    assert "30/04/2024" in request.shown_text and "chờ hướng dẫn của Bộ" in request.shown_text
    after = sandbox.mark()
    await sandbox.press(admin_dm, sandbox.admin, request, sandbox.button_data(request, "Đồng ý"))
    await sandbox.runtime.sender.drain()
    told = await sandbox.next_in(bound.group, after, contains="đồng ý gia hạn")
    assert "30/04/2024" in told.shown_text
    assert "hạn 30/04/2024" in await card(sandbox, bound)
    clock.set(at(date(2024, 4, 1), 8, 0))
    after = sandbox.mark()
    await sandbox.deliver()
    assert not [m for m in sandbox.tg.sent[after:] if "Quá hạn" in m.shown_text], "no overdue reminder for the old date"


async def test_an_extension_rejected_keeps_the_deadline(sandbox: Sandbox, clock: ManualClock) -> None:
    bound, reminder = await reminded(sandbox, clock)
    admin_dm = sandbox.dm(sandbox.admin)
    after = sandbox.mark()
    await sandbox.ask(bound.group, bound.focal, "đề nghị lùi thời hạn đến 15/5/2024", reply_to=reminder)
    request = await sandbox.next_in(admin_dm, after, contains="Đề nghị gia hạn")
    after = sandbox.mark()
    await sandbox.press(admin_dm, sandbox.admin, request, sandbox.button_data(request, "Không đồng ý"))
    await sandbox.runtime.sender.drain()
    told = await sandbox.next_in(bound.group, after, contains="không đồng ý gia hạn")
    assert "29/03/2024" in told.shown_text
    clock.set(at(date(2024, 4, 1), 8, 0))
    after = sandbox.mark()
    await sandbox.deliver()
    assert [m for m in sandbox.tg.sent[after:] if "Quá hạn" in m.shown_text and m.chat_id == bound.group.id]


async def test_update_command_and_an_edited_reply_are_recorded(sandbox: Sandbox, clock: ManualClock) -> None:
    bound, reminder = await reminded(sandbox, clock)
    answer = await sandbox.ask(bound.group, bound.focal, "/cap_nhat 2.1 đạt 50%")
    assert "đang thực hiện, 50%" in answer.shown_text
    after = sandbox.mark()
    reply = sandbox.tg.send_text(bound.group, bound.focal, "đạt 60%", reply_to=reminder)
    await sandbox.next_in(bound.group, after, contains="60%")
    after = sandbox.mark()
    sandbox.tg.edit_text(bound.group, bound.focal, reply.message_id, "đã hoàn thành")
    corrected = await sandbox.next_in(bound.group, after, contains="đã hoàn thành")
    assert "2.1" in corrected.shown_text
    history = await card(sandbox, bound)
    assert "Sở Y tế: đã hoàn thành" in history
    assert "đạt 50%" in history and "đạt 60%" in history and "đã hoàn thành" in history


async def test_an_unclear_reply_is_asked_about_with_buttons(sandbox: Sandbox, clock: ManualClock) -> None:
    bound, reminder = await reminded(sandbox, clock)
    answer = await sandbox.ask(bound.group, bound.focal, "ok", reply_to=reminder)
    assert "chưa hiểu" in answer.shown_text
    assert next(text for text, _data in sandbox.buttons(answer)) == "✅ Đã hoàn thành"


async def test_a_file_replying_to_a_report_reminder_is_the_periodic_report(sandbox: Sandbox, clock: ManualClock) -> None:
    clock.set(at(date(2024, 3, 12), 7, 0))
    bound = await bind_group(sandbox, "Phòng Tư pháp")
    clock.set(at(date(2024, 3, 14), 8, 0))
    after = sandbox.mark()
    await sandbox.deliver()
    reminder = await sandbox.next_in(bound.group, after, contains="tháng 03/2024")
    after = sandbox.mark()
    sandbox.tg.send_document(bound.group, bound.focal, filename="bao-cao-thang-3.docx", content=b"PK\x03\x04 report", reply_to=reminder.message_id)
    received = await sandbox.next_in(bound.group, after, contains="Đã nhận báo cáo")
    assert "2024-03" in received.shown_text
    status = await sandbox.ask(sandbox.dm(sandbox.admin), sandbox.admin, "/bao_cao thang", contains="Báo cáo")
    assert "đã nộp 1" in status.shown_text and "Phòng Tư pháp" in status.shown_text
    clock.set(at(date(2024, 3, 15), 8, 0))
    after = sandbox.mark()
    await sandbox.deliver()
    assert not [m for m in sandbox.tg.sent[after:] if m.chat_id == bound.group.id and "tháng 03/2024" in m.shown_text]


async def test_a_stranger_cannot_change_an_agencys_status(sandbox: Sandbox, clock: ManualClock) -> None:
    bound, _reminder = await reminded(sandbox, clock)
    stranger = sandbox.tg.add_user("Người", "Ngoài")
    refused = await sandbox.ask(sandbox.dm(stranger), stranger, "/cap_nhat 2.1 đã hoàn thành")
    assert "không có quyền" in refused.shown_text
    assert "Sở Y tế: chưa thực hiện" in await card(sandbox, bound)


async def test_an_old_button_in_a_chat_now_bound_elsewhere_changes_nothing(sandbox: Sandbox, clock: ManualClock) -> None:
    bound, reminder = await reminded(sandbox, clock)
    await add_agency(sandbox, "Sở Tài chính")
    code = await issue_code(sandbox, "Sở Tài chính")
    rebound = await sandbox.ask(bound.group, bound.focal, f"/dang_ky {code}", contains="Đã đăng ký")
    assert "Sở Tài chính" in rebound.shown_text
    answer = await sandbox.press(bound.group, bound.focal, reminder, sandbox.button_data(reminder, "Đã hoàn thành"))
    assert "không có quyền" in answer
    status = await sandbox.ask(sandbox.dm(sandbox.admin), sandbox.admin, "/nhiem_vu 2.1", contains="Nhiệm vụ")
    assert "Sở Y tế: chưa thực hiện" in status.shown_text


async def test_a_photo_replying_to_a_reminder_is_kept_as_evidence(sandbox: Sandbox, clock: ManualClock) -> None:
    bound, reminder = await reminded(sandbox, clock)
    after = sandbox.mark()
    sandbox.tg.send_photo(bound.group, bound.focal, content=tiny_png(), caption="đã hoàn thành, gửi ảnh biên bản", reply_to=reminder.message_id)
    done = await sandbox.next_in(bound.group, after, contains="đã hoàn thành")
    assert "2.1" in done.shown_text
    async with sandbox.db.transaction() as session:
        files = list(await session.scalars(select(Attachment)))
    assert len(files) == 1 and files[0].task_lead_id is not None and files[0].file_id
    assert files[0].chat_external_id == bound.group.id


async def test_co_leads_see_each_others_updates(sandbox: Sandbox, clock: ManualClock) -> None:
    clock.set(at(date(2024, 3, 25), 7, 0))
    health = await bind_group(sandbox, "Sở Y tế")
    finance = await bind_group(sandbox, "Sở Tài chính")
    await seed_task(sandbox.db, clock, "3.2", "Chi trả viện phí qua tài khoản", date(2024, 3, 29), ["Sở Y tế", "Sở Tài chính"])
    after = sandbox.mark()
    answer = await sandbox.ask(health.group, health.focal, "/cap_nhat 3.2 đạt 80%")
    assert "Sở Y tế, nhiệm vụ 3.2 — đang thực hiện, 80%" in answer.shown_text
    await sandbox.runtime.sender.drain()
    told = await sandbox.next_in(finance.group, after, contains="cùng chủ trì")
    assert "Sở Y tế cập nhật nhiệm vụ 3.2" in told.shown_text and "80%" in told.shown_text
    card_text = await card(sandbox, finance, "3.2")
    assert "Sở Y tế: đang thực hiện, 80%" in card_text and "Sở Tài chính: chưa thực hiện" in card_text
    assert "Tình trạng chung: đang trong hạn" in card_text
    await sandbox.ask(finance.group, finance.focal, "/cap_nhat 3.2 đã hoàn thành")
    await sandbox.ask(health.group, health.focal, "/cap_nhat 3.2 xong")
    assert "Tình trạng chung: hoàn thành đúng hạn" in await card(sandbox, finance, "3.2"), "done when every lead is done"

"""What leaders and the secretariat ask for: /tre_han with pages and Excel, progress, reports, digest."""

from __future__ import annotations

from datetime import date, timedelta
from io import BytesIO

import docx
import openpyxl

from bot.sandbox import Sandbox
from services.clock import ManualClock
from tests.e2e.flows import bind_group, issue_code
from tests.e2e.test_reminders import at
from tests.seed import seed_task
from tgserver.people import Chat, User


async def leaders_group(box: Sandbox) -> tuple[Chat, User]:
    code = await issue_code(box, "lanh_dao")
    chief = box.tg.add_user("Chủ tịch", "UBND")
    group = box.tg.add_group("Lãnh đạo Tổ công tác", members=[chief])
    box.tg.add_bot_to_group(group, by=chief)
    await box.ask(group, chief, f"/dang_ky {code}", contains="Đã đăng ký")
    return group, chief


async def test_tre_han_groups_overdue_tasks_by_agency_most_owed_first(sandbox: Sandbox, clock: ManualClock) -> None:
    clock.set(at(date(2024, 4, 15), 8, 0))
    await seed_task(sandbox.db, clock, "1", "Rà soát văn bản", date(2024, 3, 1), ["Sở Tư pháp"])
    await seed_task(sandbox.db, clock, "2", "Số hóa hồ sơ hộ tịch", date(2024, 3, 31), ["Sở Tài nguyên và Môi trường"])
    await seed_task(sandbox.db, clock, "3", "Cập nhật dữ liệu đất đai", date(2024, 4, 10), ["Sở Tài nguyên và Môi trường"])
    await seed_task(sandbox.db, clock, "4", "Việc chưa đến hạn", date(2024, 5, 10), ["Sở Tư pháp"])
    await seed_task(sandbox.db, clock, "5", "Việc có hạn hôm nay", date(2024, 4, 15), ["Sở Tư pháp"])
    group, chief = await leaders_group(sandbox)
    answer = await sandbox.ask(group, chief, "/tre_han")
    text = answer.shown_text
    assert "3 nhiệm vụ, 2 đơn vị" in text
    assert text.index("Sở Tài nguyên và Môi trường") < text.index("Sở Tư pháp"), "the agency owing most comes first"
    assert "trễ nhiều nhất 45 ngày" in text
    assert "hạn 01/03/2024, trễ 45 ngày" in text
    assert "Việc chưa đến hạn" not in text and "Việc có hạn hôm nay" not in text, "due today is still on time"
    only = await sandbox.ask(group, chief, "/tre_han Sở Tư pháp")
    assert "1 nhiệm vụ, 1 đơn vị" in only.shown_text


async def test_long_lists_are_paged_and_exported_to_excel(sandbox: Sandbox, clock: ManualClock) -> None:
    clock.set(at(date(2024, 4, 15), 8, 0))
    long_text = "Triển khai kết nối, chia sẻ dữ liệu dân cư phục vụ giải quyết thủ tục hành chính " * 2
    for n in range(60):
        await seed_task(sandbox.db, clock, f"9.{n}", f"{long_text} ({n})", date(2024, 3, 1) + timedelta(days=n % 30), [f"UBND xã số {n % 7}"])
    group, chief = await leaders_group(sandbox)
    first = await sandbox.ask(group, chief, "/tre_han")
    assert len(first.text or "") <= 4096
    assert "Trang 1/" in first.shown_text
    pages = int(first.shown_text.rsplit("Trang 1/", 1)[1].split()[0])
    assert pages >= 2
    answer = await sandbox.press(group, chief, first, sandbox.button_data(first, "Trang sau"))
    assert answer == ""
    edited = await sandbox.tg.wait_for(lambda m: m.message_id == first.message_id and "Trang 2/" in m.shown_text)
    assert "Trang 2/" in edited.shown_text
    after = sandbox.mark()
    await sandbox.press(group, chief, edited, sandbox.button_data(edited, "Xuất Excel"))
    sent = await sandbox.tg.wait_for(lambda m: m.chat_id == group.id and m.filename is not None, after=after)
    assert sent.filename is not None and sent.filename.endswith(".xlsx")
    assert sent.content is not None
    book = openpyxl.load_workbook(BytesIO(sent.content))
    cells = [str(c.value) for row in book.active.iter_rows() for c in row if c.value is not None]
    assert sum("9." in c for c in cells) >= 60, "every overdue task is in the file"


async def test_due_soon_progress_and_report_status(sandbox: Sandbox, clock: ManualClock) -> None:
    clock.set(at(date(2024, 4, 15), 8, 0))
    await seed_task(sandbox.db, clock, "1", "Việc sắp đến hạn", date(2024, 4, 18), ["Sở Y tế"])
    await seed_task(sandbox.db, clock, "2", "Việc còn xa", date(2024, 6, 18), ["Sở Y tế"])
    await seed_task(sandbox.db, clock, "3", "Việc đã quá hạn", date(2024, 4, 1), ["Sở Y tế"], section="II. Tiện ích")
    await bind_group(sandbox, "Sở Y tế", create=False)
    group, chief = await leaders_group(sandbox)
    soon = await sandbox.ask(group, chief, "/sap_den_han")
    assert "1 nhiệm vụ" in soon.shown_text and "Việc sắp đến hạn" in soon.shown_text
    wide = await sandbox.ask(group, chief, "/sap_den_han 90")
    assert "2 nhiệm vụ" in wide.shown_text
    bad = await sandbox.ask(group, chief, "/sap_den_han mai")
    assert "số nguyên" in bad.shown_text
    after = sandbox.mark()
    progress = await sandbox.ask(group, chief, "/tien_do")
    assert "0/3" in progress.shown_text and "1 quá hạn" in progress.shown_text
    assert "II. Tiện ích" in progress.shown_text
    chart = await sandbox.tg.wait_for(lambda m: m.chat_id == group.id and m.photo is not None, after=after)
    assert chart.content is not None and chart.content.startswith(b"\x89PNG")
    reports = await sandbox.ask(group, chief, "/bao_cao thang")
    assert "tháng 04/2024" in reports.shown_text and "chưa nộp 1" in reports.shown_text and "Sở Y tế" in reports.shown_text


async def test_the_leaders_get_a_weekly_digest_on_monday_morning(sandbox: Sandbox, clock: ManualClock) -> None:
    clock.set(at(date(2024, 4, 12), 8, 0))
    await seed_task(sandbox.db, clock, "1", "Việc mới quá hạn", date(2024, 4, 10), ["Sở Y tế"])
    await seed_task(sandbox.db, clock, "2", "Việc đến hạn tuần tới", date(2024, 4, 18), ["Sở Y tế"])
    group, _chief = await leaders_group(sandbox)
    clock.set(at(date(2024, 4, 15), 7, 45))
    before = sandbox.mark()
    await sandbox.deliver()
    assert not [m for m in sandbox.tg.sent[before:] if m.chat_id == group.id], "not before 08:00"
    clock.set(at(date(2024, 4, 15), 8, 5))
    await sandbox.deliver()
    digest = await sandbox.next_in(group, before, contains="Bản tin tuần")
    assert "Quá hạn: 1 nhiệm vụ" in digest.shown_text and "Đến hạn tuần tới: 1" in digest.shown_text
    again = sandbox.mark()
    clock.set(at(date(2024, 4, 15), 10, 0))
    await sandbox.deliver()
    assert not [m for m in sandbox.tg.sent[again:] if m.chat_id == group.id], "once a week"


async def test_the_secretariat_exports_the_compiled_report(sandbox: Sandbox, clock: ManualClock) -> None:
    clock.set(at(date(2024, 6, 20), 8, 0))
    await seed_task(sandbox.db, clock, "2.1", "Triển khai thanh toán không dùng tiền mặt", date(2024, 6, 1), ["Sở Lao động - Thương binh và Xã hội"])
    await bind_group(sandbox, "Sở Lao động - Thương binh và Xã hội", create=False)
    dm = sandbox.dm(sandbox.admin)
    after = sandbox.mark()
    sandbox.tg.send_text(dm, sandbox.admin, "/xuat_bao_cao 2024-06")
    word = await sandbox.tg.wait_for(lambda m: m.chat_id == dm.id and (m.filename or "").endswith(".docx"), after=after)
    excel = await sandbox.tg.wait_for(lambda m: m.chat_id == dm.id and (m.filename or "").endswith(".xlsx"), after=after)
    assert word.content is not None and excel.content is not None
    document = docx.Document(BytesIO(word.content))
    texts = [p.text for p in document.paragraphs] + [c.text for t in document.tables for r in t.rows for c in r.cells]
    assert any("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in t for t in texts)
    assert any("tháng 06/2024" in t for t in texts)
    assert any("Sở Lao động - Thương binh và Xã hội" in t for t in texts)
    assert any(t.strip() == "2.1" for t in texts)
    book = openpyxl.load_workbook(BytesIO(excel.content))
    assert "Quá hạn" in book.sheetnames
    bad = await sandbox.ask(dm, sandbox.admin, "/xuat_bao_cao thang-sau")
    assert "không đúng" in bad.shown_text

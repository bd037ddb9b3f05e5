"""The secretariat sends a plan to the bot: preview, confirm or cancel, and clear refusals."""

from __future__ import annotations

import json
from pathlib import Path

from sqlalchemy import func, select

from bot.sandbox import Sandbox
from storage.models import Agency, Task, TaskLead
from tests.docbuild import build_docx, build_image_only_docx, fake_cfb
from tgserver.messages import Message

FIXTURES = Path(__file__).parent.parent / "fixtures"
TABLE_PLAN = "ke-hoach-thi-xa-2024-bang.md"


async def upload(box: Sandbox, name: str, content: bytes) -> Message:
    """Send a file to the bot in the admin's private chat; return the bot's last answer to it."""
    dm = box.dm(box.admin)
    after = box.mark()
    box.tg.send_document(dm, box.admin, filename=name, content=content)
    first = await box.tg.wait_for(lambda m: m.chat_id == dm.id and "Đang đọc" not in m.shown_text, after=after, timeout=60)
    return first


async def task_count(box: Sandbox) -> int:
    async with box.db.transaction() as session:
        return int(await session.scalar(select(func.count()).select_from(Task).where(Task.removed_at.is_(None))) or 0)


async def test_a_word_plan_is_previewed_then_saved_on_confirmation(sandbox: Sandbox) -> None:
    docx_bytes = build_docx((FIXTURES / TABLE_PLAN).read_text(encoding="utf-8"))
    preview = await upload(sandbox, "ke-hoach-56.docx", docx_bytes)
    assert "Xem trước kế hoạch" in preview.shown_text
    # the 39 appendix rows, and the 6 duties section III "Tổ chức thực hiện" gives by name
    # (III.1, III.2, the three duties of Công an thị xã under 4., III.4)
    assert "45 nhiệm vụ" in preview.shown_text
    assert "I. Về pháp lý (02 nhiệm vụ): 2" in preview.shown_text
    assert "III. TỔ CHỨC THỰC HIỆN: 6" in preview.shown_text
    assert "Chưa có gì được lưu" in preview.shown_text
    assert await task_count(sandbox) == 0, "nothing is saved before confirmation"
    after = sandbox.mark()
    await sandbox.press(sandbox.dm(sandbox.admin), sandbox.admin, preview, sandbox.button_data(preview, "Lưu kế hoạch"))
    saved = await sandbox.next_in(sandbox.dm(sandbox.admin), after, contains="Đã lưu kế hoạch", timeout=60)
    assert "45 nhiệm vụ mới" in saved.shown_text
    assert await task_count(sandbox) == 45
    expected = json.loads((FIXTURES / "expected" / "ke-hoach-thi-xa-2024-bang.json").read_text(encoding="utf-8"))
    async with sandbox.db.transaction() as session:
        leads = (await session.execute(
            select(Task.code, Agency.name).join(TaskLead, TaskLead.task_id == Task.id).join(Agency, Agency.id == TaskLead.agency_id)
        )).all()
    first = expected["tasks"][0]
    assert (first["code"], first["lead"][0]) in {(c, n) for c, n in leads}
    again = await upload(sandbox, "ke-hoach-56-ban-sua.docx", docx_bytes)
    after = sandbox.mark()
    await sandbox.press(sandbox.dm(sandbox.admin), sandbox.admin, again, sandbox.button_data(again, "Lưu kế hoạch"))
    resaved = await sandbox.next_in(sandbox.dm(sandbox.admin), after, contains="Đã lưu kế hoạch", timeout=60)
    assert "0 nhiệm vụ mới, 45 nhiệm vụ cập nhật" in resaved.shown_text, "the same plan again updates in place"
    assert await task_count(sandbox) == 45


async def test_cancel_saves_nothing(sandbox: Sandbox) -> None:
    preview = await upload(sandbox, TABLE_PLAN, (FIXTURES / TABLE_PLAN).read_bytes())
    after = sandbox.mark()
    await sandbox.press(sandbox.dm(sandbox.admin), sandbox.admin, preview, sandbox.button_data(preview, "Hủy"))
    cancelled = await sandbox.next_in(sandbox.dm(sandbox.admin), after, contains="Đã hủy")
    assert "Không có gì được lưu" in cancelled.shown_text
    assert await task_count(sandbox) == 0


async def test_bad_files_get_one_clear_sentence_and_write_nothing(sandbox: Sandbox) -> None:
    cases = {
        "trong.docx": (b"", "không có nội dung"),
        "hong.docx": (b"PK\x03\x04 not really a zip", "bị hỏng"),
        "mat-khau.docx": (fake_cfb("EncryptionInfo", "EncryptedPackage"), "mật khẩu"),
        "anh-chup.docx": (build_image_only_docx(), "ảnh"),
        "ke-hoach.pdf": (b"%PDF-1.7 ...", "PDF"),
        "ghi-chu.txt": ("Xin chào các đồng chí, cuộc họp lúc 8 giờ.".encode(), "nhiệm vụ"),
    }
    for name, (content, words) in cases.items():
        answer = await upload(sandbox, name, content)
        assert words in answer.shown_text, (name, answer.shown_text)
        assert "Traceback" not in answer.shown_text and "Error" not in answer.shown_text
    assert await task_count(sandbox) == 0


async def test_someone_else_sending_a_file_is_refused_politely(sandbox: Sandbox) -> None:
    lan = sandbox.tg.add_user("Lan", "Nguyễn")
    dm = sandbox.dm(lan)
    after = sandbox.mark()
    sandbox.tg.send_document(dm, lan, filename=TABLE_PLAN, content=(FIXTURES / TABLE_PLAN).read_bytes())
    answer = await sandbox.next_in(dm, after)
    assert "không có quyền" in answer.shown_text
    assert await task_count(sandbox) == 0


async def test_a_file_over_20_mb_is_refused_before_download(sandbox: Sandbox) -> None:
    answer = await upload(sandbox, "ke-hoach-lon.docx", b"PK" + b"\0" * (20 * 1024 * 1024))
    assert "lớn hơn 20 MB" in answer.shown_text
    assert not [c for c in sandbox.tg.calls if c.method == "getFile"], "the bot did not download it"

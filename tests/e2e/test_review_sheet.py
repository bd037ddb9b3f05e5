"""The correction loop through the local Telegram server, as the secretariat lives it.

A plan is sent; the review sheet is downloaded, corrected with openpyxl as in Excel and sent
back; the new preview names the changes; nothing is saved before «Lưu kế hoạch»; /nhiem_vu then
shows the corrected lead and date. In chat, /sua and /sua_ten correct the pending preview, and
/sua corrects a saved task keeping its history. Bad input gets one sentence and writes nothing.
"""

from __future__ import annotations

import io
from collections import Counter
from datetime import datetime
from pathlib import Path

from openpyxl import load_workbook

from bot.sandbox import Sandbox
from plans.documents.review_sheet import COLUMNS
from tests.e2e.test_import import FIXTURES, TABLE_PLAN, task_count
from tgserver.messages import Message

PLAN = (FIXTURES / TABLE_PLAN).read_bytes()
CODE, LEAD, DUE = (list(COLUMNS).index(key) + 1 for key in ("code", "lead", "due"))
NEW_LEAD = "Sở Y tế"


async def send_file(box: Sandbox, name: str, content: bytes) -> tuple[str, Message]:
    """Send a file as the secretariat: the bot's whole answer, and its last message (the one
    with the preview's buttons, or the one-sentence refusal)."""
    dm = box.dm(box.admin)
    after = box.mark()
    box.tg.send_document(dm, box.admin, filename=name, content=content)
    first = await box.tg.wait_for(lambda m: m.chat_id == dm.id and "Đang đọc" not in m.shown_text, after=after, timeout=60)
    last = first
    if "Xem trước kế hoạch" in first.shown_text:
        last = await box.tg.wait_for(lambda m: m.chat_id == dm.id and bool(box.buttons(m)), after=after, timeout=60)
    return "\n".join(m.shown_text for m in box.tg.sent[after:] if m.chat_id == dm.id), last


async def download_sheet(box: Sandbox, preview: Message) -> bytes:
    dm = box.dm(box.admin)
    after = box.mark()
    assert await box.press(dm, box.admin, preview, box.button_data(preview, "Bảng rà soát")) == ""
    sent = await box.tg.wait_for(lambda m: m.chat_id == dm.id and m.filename is not None, after=after, timeout=30)
    assert sent.filename is not None and sent.filename.endswith(".xlsx")
    assert "Chưa có gì được lưu" in sent.shown_text
    assert sent.content is not None
    return sent.content


def unique_rows(sheet: bytes) -> list[tuple[int, str, str]]:
    """(row, code, lead) of the tasks whose code is not repeated, as the person sees them."""
    rows = list(load_workbook(io.BytesIO(sheet))["Nhiệm vụ"].iter_rows(min_row=2, values_only=True))
    counts = Counter(str(r[CODE - 1]) for r in rows)
    return [(n, str(r[CODE - 1]), str(r[LEAD - 1] or "")) for n, r in enumerate(rows, start=2) if counts[str(r[CODE - 1])] == 1]


def edited(sheet: bytes, cells: dict[tuple[int, int], object]) -> bytes:
    book = load_workbook(io.BytesIO(sheet))
    for (row, col), value in cells.items():
        book["Nhiệm vụ"].cell(row=row, column=col, value=value)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


async def save(box: Sandbox, preview: Message) -> str:
    dm = box.dm(box.admin)
    after = box.mark()
    await box.press(dm, box.admin, preview, box.button_data(preview, "Lưu kế hoạch"))
    return (await box.next_in(dm, after, contains="Đã lưu kế hoạch", timeout=60)).shown_text


async def card(box: Sandbox, code: str) -> str:
    return (await box.ask(box.dm(box.admin), box.admin, f"/nhiem_vu {code}")).shown_text


async def test_the_review_sheet_goes_out_comes_back_corrected_and_is_saved_on_confirmation(sandbox: Sandbox) -> None:
    _text, preview = await send_file(sandbox, TABLE_PLAN, PLAN)
    assert {"Lưu kế hoạch", "Hủy", "Bảng rà soát"} <= {text.split(" ", 1)[1] for text, _data in sandbox.buttons(preview)}
    sheet = await download_sheet(sandbox, preview)
    (row_a, code_a, old_lead), (row_b, code_b, _lead) = [r for r in unique_rows(sheet) if NEW_LEAD not in r[2]][:2]
    corrected = edited(sheet, {(row_a, LEAD): NEW_LEAD, (row_b, DUE): datetime(2024, 9, 30)})

    text, again = await send_file(sandbox, "bang-ra-soat.xlsx", corrected)
    assert "Xem trước kế hoạch" in text
    assert "Thay đổi so với bản trước: 2 nhiệm vụ sửa, 0 thêm, 0 bỏ." in text
    assert f"• {code_a} — chủ trì: {old_lead.replace('; ', ', ')} → {NEW_LEAD}" in text
    assert f"• {code_b} — thời hạn: " in text and "→ 30/09/2024" in text
    assert await task_count(sandbox) == 0, "nothing is saved before confirmation"

    assert "Đã lưu kế hoạch" in await save(sandbox, again)
    first = await card(sandbox, code_a)
    assert f"• {NEW_LEAD}:" in first
    assert "hạn 30/09/2024" in await card(sandbox, code_b)


async def test_in_chat_fixes_before_saving_then_a_saved_task_corrected_with_its_history(sandbox: Sandbox) -> None:
    dm, admin = sandbox.dm(sandbox.admin), sandbox.admin
    _text, preview = await send_file(sandbox, TABLE_PLAN, PLAN)
    _row, code, _lead = unique_rows(await download_sheet(sandbox, preview))[0]

    async def say(text: str) -> str:
        return (await sandbox.ask(dm, admin, text)).shown_text

    fixed = await say(f"/sua {code} chủ trì Hợp tác xã Bình Minh")
    assert "Đã sửa trong bản xem trước (chưa lưu)" in fixed and "→ Hợp tác xã Bình Minh" in fixed
    renamed = await say(f"/sua_ten Hợp tác xã Bình Minh => {NEW_LEAD}")
    assert f"«Hợp tác xã Bình Minh» được đọc là «{NEW_LEAD}»" in renamed
    dated = await say(f"/sua {code} han 30/9/2024")
    assert f"• {code} — thời hạn: " in dated and "→ 30/09/2024" in dated

    refusals = {
        "/sua 99.99 han 30/9/2024": "Không tìm thấy nhiệm vụ có mã 99.99; chưa có gì thay đổi.",
        f"/sua {code} han lúc nào rảnh": "Không đọc được thời hạn «lúc nào rảnh» nên chưa sửa gì",
        f"/sua {code} hạn": "Cú pháp: /sua <mã> chu_tri",
        "/sua_ten Tên không có => Sở Y tế": "Bản xem trước không có tên «Tên không có»; chưa có gì thay đổi.",
    }
    for said, answer in refusals.items():
        assert answer in await say(said), said
    assert await task_count(sandbox) == 0, "fixes stay in the preview until it is saved"

    assert "Đã lưu kế hoạch" in await save(sandbox, preview)
    shown = await card(sandbox, code)
    assert f"• {NEW_LEAD}:" in shown and "hạn 30/09/2024" in shown

    later = await say(f"/sua {code} han 31/10/2024")
    assert "Đã sửa nhiệm vụ đã lưu; lịch sử nhiệm vụ vẫn được giữ" in later and "30/09/2024 → 31/10/2024" in later
    assert "Không đọc được thời hạn" in await say(f"/sua {code} han khi nào xong")
    shown = await card(sandbox, code)
    assert "hạn 31/10/2024" in shown
    assert f"/sua {code} han 31/10/2024" in shown, "the correction is in the task's history"
    assert "Không có bản xem trước nào đang chờ lưu" in await say("/sua_ten A => B")


async def test_a_damaged_sheet_gets_one_sentence_and_writes_nothing(sandbox: Sandbox, tmp_path: Path) -> None:
    _text, preview = await send_file(sandbox, TABLE_PLAN, PLAN)
    sheet = await download_sheet(sandbox, preview)
    row, _code, _lead = unique_rows(sheet)[0]
    cases = {
        "bang-hong-tieu-de.xlsx": (edited(sheet, {(1, LEAD): "Đơn vị"}), "thiếu cột «Cơ quan chủ trì»"),
        "bang-sai-ngay.xlsx": (edited(sheet, {(row, DUE): "31/13/2024"}), "«31/13/2024», không phải một ngày"),
    }
    for name, (content, words) in cases.items():
        text, answer = await send_file(sandbox, name, content)
        assert words in answer.shown_text, (name, answer.shown_text)
        assert "Xem trước" not in text and not sandbox.buttons(answer)
    assert await task_count(sandbox) == 0
    assert "Đã lưu kế hoạch" in await save(sandbox, preview), "the last good preview is still there to save"

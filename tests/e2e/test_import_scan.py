"""A photo of one page of a plan, sent as a file: its tasks in the preview, OCR said, progress shown."""

from __future__ import annotations

from bot.sandbox import Sandbox
from tests import pdfbuild
from tests.plans.conftest import TABLE_PLAN, fixture_text
from tests.readers.conftest import needs_ocr


@needs_ocr
async def test_a_jpeg_photo_of_a_page_is_previewed_with_its_tasks(sandbox: Sandbox) -> None:
    page = pdfbuild.page_images(pdfbuild.build_pdf(fixture_text(TABLE_PLAN)), 200, slice(6, 7))[0]
    photo = pdfbuild.jpeg(pdfbuild.scanned(page, 0.9, seed=5))
    dm = sandbox.dm(sandbox.admin)
    after = sandbox.mark()
    sandbox.tg.send_document(dm, sandbox.admin, filename="IMG_20240305.jpg", content=photo)
    preview = await sandbox.tg.wait_for(
        lambda m: m.chat_id == dm.id and "Xem trước kế hoạch" in m.shown_text, after=after, timeout=90
    )
    assert "4 nhiệm vụ" in preview.shown_text, preview.shown_text
    assert "nhận dạng từ ảnh (OCR)" in preview.shown_text and "độ tin cậy" in preview.shown_text
    assert "Bộ phận Tiếp nhận" in preview.shown_text or "Văn phòng HĐND" in preview.shown_text
    assert any(c.method == "editMessageText" and "Đang nhận dạng chữ" in str(c.params) for c in sandbox.tg.calls)

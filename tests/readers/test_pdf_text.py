"""PDF with a text layer: the same tasks as the source text, italics, tables across pages, no running heads."""

from __future__ import annotations

import pytest

from plans.documents import Paragraph, Table, read_blocks, read_document
from plans.documents.pdf_reader import usable
from tests.plans.conftest import fixture_text
from tests.readers.conftest import SOURCES, read, same_task


@pytest.mark.parametrize("key", list(SOURCES))
def test_a_text_pdf_gives_the_same_tasks_as_the_source_text(text_pdfs: dict[str, bytes], key: str) -> None:
    source = read_document(fixture_text(SOURCES[key]).encode(), SOURCES[key])
    parsed = read(text_pdfs[key], "ke-hoach.pdf")
    assert len(parsed.tasks) == len(source.tasks)
    for want, got in zip(source.tasks, parsed.tasks, strict=True):
        assert same_task(want, got), (want.code, want.content[:80], got.content[:80])
        assert got.deadline_text == want.deadline_text and got.deadline == want.deadline, want.code
    assert parsed.plan.title == source.plan.title
    assert parsed.ocr is None, "a text layer is not OCR"


def test_italics_tables_and_running_heads(text_pdfs: dict[str, bytes]) -> None:
    labelled = read_blocks(text_pdfs["labelled"], "ke-hoach.pdf").blocks
    assert any("*chú trọng các lĩnh vực tư pháp" in b.text for b in labelled if isinstance(b, Paragraph))
    table = read_blocks(text_pdfs["table"], "ke-hoach.pdf").blocks
    tables = [b for b in table if isinstance(b, Table)]
    assert len(tables) == 1, "the appendix over eleven pages is one table: repeated headers dropped, rows joined"
    rows = tables[0].rows
    assert [c.plain for c in rows[0].cells][:2] == ["TT", "Nội dung, nhiệm vụ cụ thể"]
    assert sum(1 for r in rows if r.cells[0].plain == "TT") == 1
    section = rows[1].cells
    assert section[0].plain == "I" and all(c.merged_left for c in section[2:]), "a section row is one merged cell"
    texts = [b.plain for b in table if isinstance(b, Paragraph)]
    assert not any("bản ký số" in t for t in texts), "the running header is dropped"
    assert not any(t.isdigit() for t in texts), "page numbers are dropped"


def test_a_garbage_text_layer_is_not_used() -> None:
    assert usable("Triển khai thực hiện Đề án 06 trên địa bàn tỉnh Quảng Nam năm 2023")
    assert not usable("Thùc hiÖn QuyÕt ®Þnh sè 06/Q§-TTg ngµy 06/01/2022 cña Thñ t−íng ChÝnh phñ")  # TCVN3
    assert not usable("(cid:12)(cid:15)(cid:33) (cid:40)")
    assert not usable("   12  ")

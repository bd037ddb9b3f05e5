"""The compiled report as a Word file: what a reader of the document sees, opened with python-docx."""

from __future__ import annotations

import dataclasses
import io
import os
import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest
from docx import Document
from docx.document import Document as DocumentObject
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Cm, Pt
from docx.table import Table
from docx.text.paragraph import Paragraph

from render.docx import CONTENT_LIMIT, admin_date, compiled_docx
from render.report_model import count_standings
from tests.render import (
    CONG_AN,
    EXCERPT_TEXT,
    LDTBXH,
    LONG_CONTENT,
    SECTION_1,
    SECTION_2,
    TU_PHAP,
    VHTTDL,
    sample_report,
    sample_tasks,
)

PARTS = [
    "I. TỔNG HỢP",
    "II. KẾT QUẢ THEO NHÓM NHIỆM VỤ",
    "III. NHIỆM VỤ QUÁ HẠN",
    "IV. ĐƠN VỊ CHƯA GỬI BÁO CÁO",
    "V. TRÍCH NỘI DUNG BÁO CÁO CỦA CÁC ĐƠN VỊ",
]


def open_docx(data: bytes) -> DocumentObject:
    return Document(io.BytesIO(data))


def body_paragraphs(doc: DocumentObject) -> list[Paragraph]:
    """The paragraphs outside tables, in reading order."""
    return [p for p in doc.iter_inner_content() if isinstance(p, Paragraph)]


def texts(doc: DocumentObject) -> list[str]:
    return [p.text for p in body_paragraphs(doc)]


def tables(doc: DocumentObject) -> list[Table]:
    return [t for t in doc.iter_inner_content() if isinstance(t, Table)]


def grid(table: Table) -> list[list[str]]:
    return [[cell.text for cell in row.cells] for row in table.rows]


def table_after(doc: DocumentObject, heading: str) -> Table:
    """The first table that follows the paragraph whose text is ``heading``."""
    seen = False
    for block in doc.iter_inner_content():
        if isinstance(block, Paragraph) and block.text == heading:
            seen = True
        elif seen and isinstance(block, Table):
            return block
    raise AssertionError(f"no table after {heading!r}")


def paragraph(doc: DocumentObject, text: str) -> Paragraph:
    for p in body_paragraphs(doc):
        if p.text == text:
            return p
    raise AssertionError(f"no paragraph {text!r} in {texts(doc)}")


@pytest.fixture(scope="module")
def doc() -> DocumentObject:
    return open_docx(compiled_docx(sample_report()))


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (date(2024, 7, 5), "Đức Phổ, ngày 05 tháng 7 năm 2024"),
        (date(2024, 2, 15), "Đức Phổ, ngày 15 tháng 02 năm 2024"),
        (date(2025, 1, 9), "Đức Phổ, ngày 09 tháng 01 năm 2025"),
        (date(2024, 10, 1), "Đức Phổ, ngày 01 tháng 10 năm 2024"),
        (date(2024, 12, 25), "Đức Phổ, ngày 25 tháng 12 năm 2024"),
    ],
)
def test_place_and_date_follow_decree_30_zero_rule(day: date, expected: str) -> None:
    """Days below 10 and the months 1 and 2 take a leading zero; the other months do not."""
    assert admin_date("Đức Phổ", day) == expected


def test_heading_is_the_two_column_administrative_heading(doc: DocumentObject) -> None:
    heading = tables(doc)[0]
    assert len(heading.rows) == 1 and len(heading.columns) == 2
    left, right = heading.rows[0].cells
    left_lines = [p.text for p in left.paragraphs if p.text]
    right_lines = [p.text for p in right.paragraphs if p.text]
    assert left_lines[:2] == ["UBND THỊ XÃ ĐỨC PHỔ", "TỔ CÔNG TÁC ĐỀ ÁN 06"]
    assert left_lines[2].startswith("Số:") and left_lines[2].endswith("/BC-TCT")
    assert right_lines == [
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Đức Phổ, ngày 05 tháng 7 năm 2024",
    ]
    by_text = {p.text: p for p in (*left.paragraphs, *right.paragraphs)}
    assert all(r.bold for r in by_text["TỔ CÔNG TÁC ĐỀ ÁN 06"].runs)
    assert not any(r.bold for r in by_text["UBND THỊ XÃ ĐỨC PHỔ"].runs)
    assert all(r.bold for r in by_text["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"].runs)
    assert all(r.bold for r in by_text["Độc lập - Tự do - Hạnh phúc"].runs)
    assert all(r.italic for r in by_text["Đức Phổ, ngày 05 tháng 7 năm 2024"].runs)
    # Borderless: no table style (the built-in "Normal Table" draws no lines).
    assert heading._tbl.tblPr.find(qn("w:tblStyle")) is None
    # The short lines under the issuer and under the motto.
    rules = [
        p
        for p in (*left.paragraphs, *right.paragraphs)
        if p._p.find(f"{qn('w:pPr')}/{qn('w:pBdr')}") is not None
    ]
    assert len(rules) == 2


def test_title_is_bold_and_centred(doc: DocumentObject) -> None:
    for text in ("BÁO CÁO", "Kết quả thực hiện nhiệm vụ Đề án 06 tháng 06/2024"):
        title = paragraph(doc, text)
        assert title.alignment == WD_ALIGN_PARAGRAPH.CENTER
        assert all(r.bold for r in title.runs)
    lines = texts(doc)
    assert lines.index("BÁO CÁO") + 1 == lines.index("Kết quả thực hiện nhiệm vụ Đề án 06 tháng 06/2024")


def test_parts_come_in_order_and_in_bold(doc: DocumentObject) -> None:
    lines = texts(doc)
    positions = [lines.index(part) for part in PARTS]
    assert positions == sorted(positions)
    for part in PARTS:
        assert all(r.bold for r in paragraph(doc, part).runs)


def test_summary_gives_the_figures_first(doc: DocumentObject) -> None:
    lines = texts(doc)
    sentence = lines[lines.index("I. TỔNG HỢP") + 1]
    assert sentence.startswith("Tổng số nhiệm vụ: 5; đã hoàn thành: 2 (40%)")
    assert "đang quá hạn chưa hoàn thành: 1 (20%)" in sentence
    assert grid(table_after(doc, "I. TỔNG HỢP")) == [
        ["Tình trạng", "Số nhiệm vụ", "Tỷ lệ"],
        ["Hoàn thành đúng hạn", "1", "20%"],
        ["Hoàn thành quá hạn", "1", "20%"],
        ["Đang trong hạn", "1", "20%"],
        ["Quá hạn", "1", "20%"],
        ["Không có thời hạn", "1", "20%"],
        ["Tổng số", "5", "100%"],
    ]


def test_one_table_per_group_with_every_task(doc: DocumentObject) -> None:
    first, second = sample_tasks()
    for number, (section, tasks) in enumerate([(SECTION_1, first), (SECTION_2, second)], start=1):
        table = grid(table_after(doc, f"{number}. {section}"))
        assert table[0] == ["TT/Mã", "Nội dung nhiệm vụ", "Đơn vị chủ trì", "Thời hạn", "Tình trạng"]
        assert [row[0] for row in table[1:]] == [t.code for t in tasks]
        assert [row[2] for row in table[1:]] == [t.lead for t in tasks]
    rows = {row[0]: row for row in grid(table_after(doc, f"1. {SECTION_1}"))}
    assert rows["1.1"][3] == "17/06/2024"
    assert rows["1.1"][4] == "Đang thực hiện, 70%\nQuá hạn 18 ngày"
    rows = {row[0]: row for row in grid(table_after(doc, f"2. {SECTION_2}"))}
    assert rows["2.1"][2] == VHTTDL and rows["2.1"][4].endswith("Hoàn thành quá hạn 3 ngày")
    assert rows["2.2"][3] == "—"  # an ongoing task has no date to show
    every_cell = "\n".join(cell for t in tables(doc) for row in grid(t) for cell in row)
    for lead in (LDTBXH, CONG_AN, TU_PHAP, VHTTDL):
        assert lead in every_cell


def test_long_content_is_shortened_at_a_word(doc: DocumentObject) -> None:
    cell = grid(table_after(doc, f"1. {SECTION_1}"))[1][1]
    assert cell.endswith("…") and len(cell) <= CONTENT_LIMIT
    assert LONG_CONTENT.startswith(cell[:-1])
    assert LONG_CONTENT[len(cell) - 1] in " ,;"  # cut between words, not inside one


def test_overdue_table_shows_days_late(doc: DocumentObject) -> None:
    table = grid(table_after(doc, "III. NHIỆM VỤ QUÁ HẠN"))
    assert table[0] == ["Mã", "Nội dung", "Đơn vị", "Hạn", "Số ngày quá hạn"]
    assert len(table) == 2
    code, _content, lead, due, late = table[1]
    assert (code, lead, due, late) == ("1.1", LDTBXH, "17/06/2024", "18")


def test_missing_agencies_are_listed(doc: DocumentObject) -> None:
    lines = texts(doc)
    start = lines.index("IV. ĐƠN VỊ CHƯA GỬI BÁO CÁO")
    assert lines[start + 1 : start + 4] == [
        "Có 2 đơn vị chưa gửi báo cáo tháng 06/2024:",
        "1. UBND phường Phổ Ninh",
        "2. UBND xã Phổ Châu",
    ]


def test_excerpts_name_the_agency_in_bold_with_the_date(doc: DocumentObject) -> None:
    lines = texts(doc)
    start = lines.index("V. TRÍCH NỘI DUNG BÁO CÁO CỦA CÁC ĐƠN VỊ")
    who = body_paragraphs(doc)[start + 1]
    assert who.text == f"1. {LDTBXH} (ngày 02/07/2024):"
    assert [r.text for r in who.runs if r.bold] == [LDTBXH]
    assert lines[start + 2 : start + 4] == EXCERPT_TEXT.splitlines()


def test_signature_block_and_recipients(doc: DocumentObject) -> None:
    recipients, signer = tables(doc)[-1].rows[0].cells
    assert recipients.paragraphs[0].text == "Nơi nhận:"
    assert "- Lưu: VT." in [p.text for p in recipients.paragraphs]
    assert [p.text for p in signer.paragraphs if p.text] == ["TM. TỔ CÔNG TÁC", "(Ký, ghi rõ họ tên)"]
    assert all(r.bold for r in signer.paragraphs[0].runs)


def test_font_is_times_new_roman_13_with_the_east_asian_slot(doc: DocumentObject) -> None:
    normal = doc.styles["Normal"]
    assert normal.font.name == "Times New Roman"
    assert normal.font.size == Pt(13)
    fonts = normal.element.rPr.find(qn("w:rFonts"))
    for slot in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        assert fonts.get(qn(slot)) == "Times New Roman"
    # No run names another font.
    names = {r.font.name for p in body_paragraphs(doc) for r in p.runs}
    assert names <= {None, "Times New Roman"}


def test_page_is_a4_with_vietnamese_margins(doc: DocumentObject) -> None:
    section = doc.sections[0]

    def cm(length: int | None) -> float:
        assert length is not None
        return round(length / Cm(1), 2)  # Word stores twips: 21 cm comes back as 20.9995 cm

    assert (cm(section.page_width), cm(section.page_height)) == (21.0, 29.7)
    assert cm(section.top_margin) == 2.0 and cm(section.bottom_margin) == 2.0
    assert cm(section.left_margin) == 3.0
    assert 1.5 <= cm(section.right_margin) <= 2.0


def test_a_quiet_period_says_so_in_words() -> None:
    first, second = sample_tasks()
    done = [dataclasses.replace(t, standing="done_on_time", days_late=0) for t in first + second]
    report = dataclasses.replace(
        sample_report(),
        summary=count_standings(done),
        sections=[(SECTION_1, done)],
        overdue=[],
        missing_reports=[],
        excerpts=[],
    )
    lines = texts(open_docx(compiled_docx(report)))
    assert lines[lines.index("III. NHIỆM VỤ QUÁ HẠN") + 1] == "Không có nhiệm vụ quá hạn."
    assert lines[lines.index("IV. ĐƠN VỊ CHƯA GỬI BÁO CÁO") + 1] == "Tất cả đơn vị đã gửi báo cáo."


def test_text_typed_in_a_chat_with_control_characters_still_makes_a_file() -> None:
    report = sample_report()
    # \x0b is Word's manual line break pasted into a chat; \x00, \x08 and a lone surrogate are garbage.
    bad = dataclasses.replace(report.excerpts[0], text="Đã xong\x0bphần 1\x00.\x08\ud800")
    lines = texts(open_docx(compiled_docx(dataclasses.replace(report, excerpts=[bad]))))
    start = lines.index("V. TRÍCH NỘI DUNG BÁO CÁO CỦA CÁC ĐƠN VỊ")
    assert lines[start + 2 : start + 4] == ["Đã xong", "phần 1."]


def test_file_round_trips_through_disk(tmp_path: Path) -> None:
    path = tmp_path / "bao-cao-2024-06.docx"
    path.write_bytes(compiled_docx(sample_report()))
    reopened = Document(str(path))
    again = tmp_path / "again.docx"
    reopened.save(str(again))
    assert "BÁO CÁO" in texts(Document(str(again)))


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed")
def test_libreoffice_converts_it_to_pdf(tmp_path: Path) -> None:
    soffice = shutil.which("soffice")
    assert soffice is not None
    path = tmp_path / "bao-cao.docx"
    path.write_bytes(compiled_docx(sample_report()))
    subprocess.run(
        [soffice, "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(path)],
        check=True,
        capture_output=True,
        timeout=180,
        env={**os.environ, "HOME": str(tmp_path)},  # a fresh profile, not the user's
    )
    pdf = (tmp_path / "bao-cao.pdf").read_bytes()
    assert pdf.startswith(b"%PDF") and len(pdf) > 5_000

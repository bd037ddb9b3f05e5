"""The spreadsheets, opened with openpyxl as Excel would show them."""

from __future__ import annotations

import dataclasses
import io
from datetime import date, datetime
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook
from openpyxl.worksheet.worksheet import Worksheet

from render.report_model import ReportTask
from render.xlsx import compiled_xlsx, overdue_xlsx
from tests.render import (
    CONG_AN,
    EXCERPT_TEXT,
    LDTBXH,
    LONG_CONTENT,
    SECTION_1,
    SECTION_2,
    TU_PHAP,
    VHTTDL,
    VIETNAM,
    sample_report,
    sample_tasks,
    task,
)

SHEETS = ["Tổng hợp", "Nhiệm vụ", "Quá hạn", "Chưa báo cáo", "Trích báo cáo"]
TASK_HEADER = [
    "Nhóm nhiệm vụ",
    "Mã",
    "Nội dung",
    "Đơn vị chủ trì",
    "Thời hạn",
    "Tình trạng",
    "Tỷ lệ (%)",
    "Số ngày quá hạn",
    "Phân loại",
]


def open_xlsx(data: bytes) -> Workbook:
    return load_workbook(io.BytesIO(data))


def values(sheet: Worksheet) -> list[list[object]]:
    return [list(row) for row in sheet.iter_rows(values_only=True)]


@pytest.fixture(scope="module")
def book() -> Workbook:
    return open_xlsx(compiled_xlsx(sample_report()))


def test_sheets_are_named_in_vietnamese(book: Workbook) -> None:
    assert book.sheetnames == SHEETS
    assert all(len(name) <= 31 for name in book.sheetnames)


def test_summary_sheet_heading_and_figures(book: Workbook) -> None:
    rows = values(book["Tổng hợp"])
    firsts = [row[0] for row in rows]
    assert firsts[:2] == ["UBND THỊ XÃ ĐỨC PHỔ", "TỔ CÔNG TÁC ĐỀ ÁN 06"]
    assert book["Tổng hợp"]["A2"].font.bold
    assert "BÁO CÁO KẾT QUẢ THỰC HIỆN NHIỆM VỤ ĐỀ ÁN 06" in firsts
    assert "Kỳ báo cáo: tháng 06/2024" in firsts
    top = firsts.index("Tình trạng")
    assert rows[top][:3] == ["Tình trạng", "Số nhiệm vụ", "Tỷ lệ"]
    figures = {row[0]: row[1] for row in rows[top + 1 : top + 7]}
    assert figures == {
        "Hoàn thành đúng hạn": 1,
        "Hoàn thành quá hạn": 1,
        "Đang trong hạn": 1,
        "Quá hạn": 1,
        "Không có thời hạn": 1,
        "Tổng số": 5,
    }
    share = book["Tổng hợp"].cell(row=top + 2, column=3)
    assert share.value == pytest.approx(0.2) and share.number_format == "0.0%"
    groups = {row[0]: row[1] for row in rows if row[0] in (SECTION_1, SECTION_2)}
    assert groups == {SECTION_1: 3, SECTION_2: 2}


def test_tasks_sheet_has_every_task_with_real_dates(book: Workbook) -> None:
    sheet = book["Nhiệm vụ"]
    rows = values(sheet)
    assert rows[0] == TASK_HEADER
    first, second = sample_tasks()
    assert len(rows) - 1 == len(first) + len(second)
    assert [row[1] for row in rows[1:]] == ["1.1", "1.2", "1.3", "2.1", "2.2"]
    assert [row[0] for row in rows[1:]] == [SECTION_1] * 3 + [SECTION_2] * 2
    assert {row[3] for row in rows[1:]} == {LDTBXH, CONG_AN, TU_PHAP, VHTTDL}
    due = sheet["E2"]
    assert due.is_date and due.value == datetime(2024, 6, 17)
    assert due.number_format == "dd/mm/yyyy"
    assert sheet["E6"].value == "—"  # the ongoing task has no date
    overdue = rows[1]
    assert overdue[2] == LONG_CONTENT  # the spreadsheet keeps the whole content
    assert overdue[5:] == ["đang thực hiện, 70%", 70, 18, "Quá hạn"]
    assert rows[4][7] == 3 and rows[4][8] == "Hoàn thành quá hạn"
    assert rows[2][7] is None  # not late: left empty rather than 0


def test_task_tables_have_a_frozen_filtered_bold_header(book: Workbook) -> None:
    for name in SHEETS[1:]:
        sheet = book[name]
        assert sheet.freeze_panes == "A2", name
        assert sheet.auto_filter.ref is not None and sheet.auto_filter.ref.startswith("A1:"), name
        header = sheet[1]
        assert all(cell.font.bold for cell in header if cell.value), name
        assert all(cell.fill.fgColor.rgb.endswith("DDEBF7") for cell in header if cell.value), name
    assert book["Nhiệm vụ"].auto_filter.ref == "A1:I6"
    sheet = book["Nhiệm vụ"]
    assert sheet["C2"].alignment.wrap_text
    assert sheet.column_dimensions["C"].width > sheet.column_dimensions["B"].width


def test_overdue_missing_and_excerpt_sheets(book: Workbook) -> None:
    overdue = values(book["Quá hạn"])
    assert overdue[0][:5] == ["Mã", "Nội dung", "Đơn vị chủ trì", "Thời hạn", "Số ngày quá hạn"]
    assert len(overdue) == 2
    assert overdue[1][0] == "1.1" and overdue[1][2] == LDTBXH and overdue[1][4] == 18
    assert book["Quá hạn"]["D2"].is_date

    missing = values(book["Chưa báo cáo"])
    assert missing[1:] == [[1, "UBND phường Phổ Ninh"], [2, "UBND xã Phổ Châu"]]

    excerpts = values(book["Trích báo cáo"])
    assert excerpts[1] == [LDTBXH, datetime(2024, 7, 2, 16, 45), EXCERPT_TEXT]
    assert book["Trích báo cáo"]["B2"].number_format == "dd/mm/yyyy hh:mm"


def test_text_starting_with_equals_stays_text_not_a_formula() -> None:
    first, second = sample_tasks()
    tricky = dataclasses.replace(first[0], content='=HYPERLINK("http://example.invalid","Bấm vào đây")')
    report = dataclasses.replace(sample_report(), sections=[(SECTION_1, [tricky]), (SECTION_2, second)])
    sheet = open_xlsx(compiled_xlsx(report))["Nhiệm vụ"]
    assert sheet["C2"].data_type == "s"
    assert sheet["C2"].value == tricky.content


def test_empty_lists_say_so() -> None:
    report = dataclasses.replace(sample_report(), overdue=[], missing_reports=[], excerpts=[])
    book = open_xlsx(compiled_xlsx(report))
    assert values(book["Quá hạn"])[1][0] == "Không có nhiệm vụ quá hạn."
    assert values(book["Chưa báo cáo"])[1][1] == "Tất cả đơn vị đã gửi báo cáo."


def test_workbook_round_trips_through_disk(tmp_path: Path) -> None:
    path = tmp_path / "bao-cao-2024-06.xlsx"
    path.write_bytes(compiled_xlsx(sample_report()))
    book = load_workbook(path)
    again = tmp_path / "again.xlsx"
    book.save(again)
    assert load_workbook(again)["Nhiệm vụ"]["D2"].value == LDTBXH


# --- the overdue list ------------------------------------------------------------------------


def overdue_rows() -> list[ReportTask]:
    def late(code: str, lead: str, due: date, days: int) -> ReportTask:
        return task(
            code, f"Nội dung nhiệm vụ {code}", SECTION_1, lead, "in_progress", "overdue", due, late=days
        )

    return [
        late("3", TU_PHAP, date(2024, 6, 30), 12),
        late("1.1", LDTBXH, date(2024, 3, 31), 45),
        late("9", TU_PHAP, date(2024, 5, 31), 40),
        late("2.4", CONG_AN, date(2024, 7, 1), 2),
    ]


def test_overdue_list_groups_tasks_by_agency_latest_first() -> None:
    generated = datetime(2024, 7, 15, 8, 0, tzinfo=VIETNAM)
    book = open_xlsx(overdue_xlsx(overdue_rows(), "Nhiệm vụ trễ hạn", generated))
    assert book.sheetnames == ["Trễ hạn"]
    sheet = book["Trễ hạn"]
    rows = values(sheet)
    assert rows[0][0] == "Nhiệm vụ trễ hạn" and sheet["A1"].font.bold
    assert rows[1][0] == "Cập nhật 08:00, Thứ Hai 15/07/2024: 4 nhiệm vụ, 3 đơn vị."
    assert rows[3] == ["Đơn vị chủ trì", "Mã", "Nội dung nhiệm vụ", "Thời hạn", "Số ngày quá hạn"]
    table = rows[4:]
    assert [(r[0], r[1], r[4]) for r in table] == [
        (LDTBXH, "1.1", 45),
        (TU_PHAP, "9", 40),
        (TU_PHAP, "3", 12),
        (CONG_AN, "2.4", 2),
    ]
    assert sheet["D5"].is_date and sheet["D5"].value == datetime(2024, 3, 31)
    assert sheet["D5"].number_format == "dd/mm/yyyy"
    assert sheet["A6"].font.bold and not sheet["A7"].font.bold  # the first row of a group stands out
    assert sheet.freeze_panes == "A5"
    assert sheet.auto_filter.ref == "A4:E8"


def test_overdue_list_when_nothing_is_late() -> None:
    book = open_xlsx(overdue_xlsx([], "Nhiệm vụ trễ hạn", datetime(2024, 7, 15, 8, 0, tzinfo=VIETNAM)))
    rows = values(book["Trễ hạn"])
    assert rows[1][0] == "Cập nhật 08:00, Thứ Hai 15/07/2024: 0 nhiệm vụ, 0 đơn vị."
    assert rows[4][0] == "Không có nhiệm vụ quá hạn."


def test_text_typed_in_a_chat_with_control_characters_still_makes_a_workbook() -> None:
    report = sample_report()
    bad = dataclasses.replace(report.excerpts[0], text="Đã xong\x0bphần 1\x00.\x08\ud800")
    book = open_xlsx(compiled_xlsx(dataclasses.replace(report, excerpts=[bad])))
    assert book["Trích báo cáo"]["C2"].value == "Đã xong\nphần 1."

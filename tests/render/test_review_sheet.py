"""The review sheet: written from a plan, corrected with openpyxl as a person would in Excel, read back."""

from __future__ import annotations

import io
from datetime import date, datetime

import pytest
from openpyxl import Workbook, load_workbook
from openpyxl.worksheet.worksheet import Worksheet

from plans.agencies import default_registry
from plans.deadlines import read_deadline
from plans.documents import DocumentError, parse_document
from plans.documents.model import ParsedPlan, ParsedTask, PlanInfo
from plans.documents.review_sheet import COLUMNS, LAYOUT
from plans.review import compare, view_of
from render.review_sheet import DOUBT_FILL, review_sheet_xlsx

REGISTRY = default_registry()
KNOWN = ["Phòng Tư pháp", "Sở Y tế", "Công an tỉnh"]
LEAD, DUE = list(COLUMNS).index("lead") + 1, list(COLUMNS).index("due") + 1


def _task(code: str, lead: str, deadline: str, support: str = "", notes: dict[str, str] | None = None) -> ParsedTask:
    return ParsedTask(
        code=code, section="I. Về pháp lý", content=f"Nội dung nhiệm vụ {code}",
        lead=REGISTRY.split(lead) if lead else [], support=REGISTRY.split(support) if support else [],
        deadline_text=deadline, deadline=read_deadline(deadline, year=2024), notes=notes or {},
    )


def sample() -> ParsedPlan:
    tasks = [
        _task("1", "Phòng Tư pháp", "Quý I/2024", "Sở Y tế; Công an tỉnh", notes={"Kết quả": "Báo cáo"}),
        _task("2", "Công an tỉnh", "Trước 30/6/2024"),
        _task("3", "", "Khi nào xong thì báo"),
        _task("4", "Ban Chỉ đạo ABC xyz", "Thực hiện thường xuyên"),
    ]
    info = PlanInfo(number="56/KH-UBND", title="Triển khai Đề án 06 năm 2024", issued=date(2024, 2, 20), year=2024,
                    issuer="UBND tỉnh Thanh Hóa", kind="Kế hoạch")
    return ParsedPlan(plan=info, tasks=tasks, unknown_agencies=[], warnings=[])


def _sheet(data: bytes) -> tuple[Workbook, Worksheet]:
    book = load_workbook(io.BytesIO(data))
    sheet = book["Nhiệm vụ"]
    return book, sheet


def _edited(data: bytes, edit: dict[str, object], header: dict[int, str] | None = None) -> bytes:
    book = load_workbook(io.BytesIO(data))
    sheet = book["Nhiệm vụ"]
    for ref, value in edit.items():
        sheet[ref] = value
    for col, title in (header or {}).items():
        sheet.cell(row=1, column=col, value=title)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_the_sheet_reads_back_as_the_same_plan() -> None:
    plan = sample()
    back = parse_document(review_sheet_xlsx(plan, KNOWN), "bang-ra-soat.xlsx", REGISTRY)
    assert back.layout == LAYOUT
    assert back.plan == plan.plan, "number, title, issuer and date come back, so the same plan is updated"
    assert not compare([view_of(t) for t in plan.tasks], [view_of(t) for t in back.tasks])
    assert [t.deadline for t in back.tasks] == [t.deadline for t in plan.tasks]
    assert back.tasks[0].notes == {"Kết quả": "Báo cáo"}
    assert back.unknown_agencies == ["Ban Chỉ đạo ABC xyz"]


def test_a_lead_and_a_date_changed_in_excel_are_read_exactly_as_written() -> None:
    data = review_sheet_xlsx(sample(), KNOWN)
    edited = _edited(data, {"D2": "Sở Y tế", "G3": datetime(2024, 9, 30), "G4": "15/08/2024"})
    back = parse_document(edited, "bang-ra-soat.xlsx", REGISTRY)
    first, second, third = back.tasks[:3]
    assert [r.name for r in first.lead] == ["Sở Y tế"]
    assert second.deadline_text == "Trước 30/6/2024", "the text stays as written"
    assert second.deadline.due == date(2024, 9, 30), "a date typed in the due column wins over the text"
    assert third.deadline.kind == "due" and third.deadline.due == date(2024, 8, 15), "a date typed as text counts"
    changes = compare([view_of(t) for t in sample().tasks], [view_of(t) for t in back.tasks])
    assert [(c.code, c.lead_changed, c.deadline_changed) for c in changes.changed] == [
        ("1", True, False), ("2", False, True), ("3", False, True),
    ]


def test_the_sheet_has_a_frozen_header_a_drop_down_of_agencies_and_shaded_doubts() -> None:
    book, sheet = _sheet(review_sheet_xlsx(sample(), KNOWN))
    assert [c.value for c in sheet[1]] == list(COLUMNS.values())
    assert sheet.freeze_panes == "A2"
    names = book["Danh mục"]
    assert names.sheet_state == "hidden" and [c.value for c in names["A"]] == KNOWN
    (check,) = sheet.data_validations.dataValidation
    assert check.type == "list" and "Danh mục" in check.formula1 and "D2" in str(check.sqref)
    assert not check.showErrorMessage, "several leads may still be typed"
    assert sheet.cell(row=2, column=LEAD).fill != DOUBT_FILL, "a known lead is not shaded"
    assert sheet.cell(row=4, column=LEAD).fill == DOUBT_FILL, "no lead"
    assert sheet.cell(row=4, column=DUE).fill == DOUBT_FILL, "an unreadable deadline"
    assert sheet.cell(row=5, column=LEAD).fill == DOUBT_FILL, "an unknown agency name"
    assert "không đọc được thời hạn" in str(sheet.cell(row=4, column=list(COLUMNS).index("warnings") + 1).value)
    assert sheet.cell(row=2, column=DUE).value == datetime(2024, 3, 31)
    assert book["Thông tin"]["B4"].value == "56/KH-UBND"


@pytest.mark.parametrize(
    ("edit", "header", "words"),
    [
        ({}, {LEAD: "Đơn vị"}, "thiếu cột «Cơ quan chủ trì»"),
        ({"G3": "31/13/2024"}, {}, "«31/13/2024», không phải một ngày"),
        ({"G3": "sớm nhất có thể"}, {}, "không phải một ngày"),
    ],
)
def test_a_damaged_sheet_is_refused_with_one_sentence(edit: dict[str, object], header: dict[int, str], words: str) -> None:
    edited = _edited(review_sheet_xlsx(sample(), KNOWN), edit, header)
    with pytest.raises(DocumentError) as caught:
        parse_document(edited, "bang-ra-soat.xlsx", REGISTRY)
    assert words in caught.value.message
    assert caught.value.message.count(". ") <= 1 and "Traceback" not in caught.value.message

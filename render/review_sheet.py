"""The review sheet: every task of a previewed plan in Excel, for the secretariat to correct.

Column titles and the "Thông tin" labels are the format :mod:`plans.documents.review_sheet`
reads back, so they are never translated. Doubtful cells are shaded, the lead column offers
the known agencies in a drop-down (a hidden sheet holds the list; any other text is still
accepted, since a task may have several leads).
"""

from __future__ import annotations

from datetime import date

from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from locales import _
from plans.documents.model import ParsedPlan, ParsedTask
from plans.documents.review_sheet import COLUMNS, INFO, INFO_SHEET, LIST_SHEET, MARKER, TASKS_SHEET
from plans.review import TaskDoubts, task_doubts
from render.plans import doubt_labels, kind_label
from render.xlsx import TOP, WRAP, _day, _first_sheet, _header, _new_sheet, _put, _save, _table, _widths

DOUBT_FILL = PatternFill("solid", start_color="FCE4D6", end_color="FCE4D6")
EXTRA_ROWS = 200  # rows below the tasks that keep the drop-down, for tasks added by hand
WIDTHS = {"code": 8, "section": 24, "content": 60, "lead": 30, "support": 30, "deadline_text": 28, "due": 14,
          "kind": 14, "warnings": 34, "notes": 30}
SEPARATOR = "; "


def review_sheet_xlsx(parsed: ParsedPlan, known: list[str]) -> bytes:
    """The plan's tasks, its heading and the known agencies, as the bytes of an .xlsx file."""
    book = Workbook()
    tasks = _first_sheet(book, TASKS_SHEET)
    _tasks(tasks, parsed.tasks)
    _info(_new_sheet(book, INFO_SHEET), parsed)
    names = _new_sheet(book, LIST_SHEET)
    for row, name in enumerate(known, start=1):
        _put(names.cell(row=row, column=1), name)
    names.sheet_state = "hidden"
    if known:
        _drop_down(tasks, len(parsed.tasks), len(known))
    book.active = 0
    return _save(book)


def _column(key: str) -> int:
    return list(COLUMNS).index(key) + 1


def _tasks(sheet: Worksheet, tasks: list[ParsedTask]) -> None:
    _header(sheet, 1, list(COLUMNS.values()))
    for row, task in enumerate(tasks, start=2):
        doubts = task_doubts(task)
        values = {
            "code": task.code,
            "section": task.section,
            "content": task.content,
            "lead": SEPARATOR.join(r.name for r in task.lead),
            "support": SEPARATOR.join(r.name for r in task.support),
            "deadline_text": task.deadline_text,
            "kind": kind_label(task.deadline.kind),
            "warnings": "\n".join(doubt_labels(doubts)),
            "notes": "\n".join(f"{k}: {v}" for k, v in task.notes.items()),
        }
        for key, value in values.items():
            _put(sheet.cell(row=row, column=_column(key)), value, TOP if key == "code" else WRAP)
        _day(sheet.cell(row=row, column=_column("due")), task.deadline.due)
        for key in _doubtful(task, doubts):
            sheet.cell(row=row, column=_column(key)).fill = DOUBT_FILL
    _table(sheet, 1, len(tasks) + 1, list(WIDTHS.values()))


def _doubtful(task: ParsedTask, doubts: TaskDoubts) -> list[str]:
    """The columns to shade for this task."""
    unknown = set(doubts.unknown)
    keys: list[str] = []
    if doubts.no_lead or doubts.assumed_lead or any(r.written in unknown for r in task.lead):
        keys.append("lead")
    if any(r.written in unknown for r in task.support):
        keys.append("support")
    if doubts.unread_deadline or doubts.no_deadline:
        keys.extend(("deadline_text", "due"))
    if doubts:
        keys.append("warnings")
    return keys


def _info(sheet: Worksheet, parsed: ParsedPlan) -> None:
    info = parsed.plan
    _put(sheet.cell(row=1, column=1), MARKER)
    sheet.cell(row=1, column=1).font = Font(bold=True, size=13)
    _put(
        sheet.cell(row=2, column=1),
        _(
            "Sửa trực tiếp trong trang «{sheet}» (cơ quan chủ trì, phối hợp, thời hạn, hạn hoàn thành) rồi gửi lại "
            "tệp này cho bot. Mỗi đơn vị một dòng hoặc cách nhau bằng dấu chấm phẩy (;). Ngày ở cột hạn hoàn thành "
            "được ưu tiên hơn thời hạn ghi bằng chữ. Không đổi tên các cột và các dòng dưới đây.",
            sheet=TASKS_SHEET,
        ),
        WRAP,
    )
    sheet.merge_cells(start_row=2, start_column=1, end_row=2, end_column=2)
    sheet.row_dimensions[2].height = 75
    values: dict[str, object] = {
        "number": info.number, "kind": info.kind, "title": info.title, "title_full": info.title_full,
        "issuer": info.issuer, "issued": info.issued, "issued_month": info.issued_month, "year": info.year,
    }
    for row, (key, label) in enumerate(INFO.items(), start=4):
        _put(sheet.cell(row=row, column=1), label, TOP)
        sheet.cell(row=row, column=1).font = Font(bold=True)
        value = values[key]
        if isinstance(value, date):
            _day(sheet.cell(row=row, column=2), value)
        else:
            _put(sheet.cell(row=row, column=2), value if value is not None else "", WRAP)
    _widths(sheet, [30, 90])


def _drop_down(sheet: Worksheet, tasks: int, known: int) -> None:
    """The known agencies offered in the lead column; typing something else stays allowed."""
    source = f"{quote_sheetname(LIST_SHEET)}!$A$1:$A${known}"
    check = DataValidation(type="list", formula1=source, allow_blank=True, showErrorMessage=False)
    check.promptTitle = COLUMNS["lead"]
    check.prompt = _("Chọn trong danh sách hoặc gõ tên; nhiều đơn vị cách nhau bằng dấu chấm phẩy (;).")
    letter = get_column_letter(_column("lead"))
    check.add(f"{letter}2:{letter}{tasks + 1 + EXTRA_ROWS}")
    sheet.add_data_validation(check)

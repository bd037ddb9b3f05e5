"""Spreadsheets for the secretariat: the compiled report, and the list of overdue tasks.

Every table has a bold, shaded header that stays in view, an autofilter, dates as real Excel
dates shown dd/mm/yyyy, and text wrapped where it is long. Text typed by agencies is always
written as text, never as a formula.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from datetime import date, datetime
from typing import Any

from openpyxl import Workbook
from openpyxl.cell.cell import Cell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from locales import _, moment, short_day
from render.report_model import (
    STANDINGS,
    CompiledReport,
    ReportTask,
    count_standings,
    parent_body_of,
    printable,
    standing_label,
    status_text,
    summary_total,
)

DATE_FORMAT = "dd/mm/yyyy"
MOMENT_FORMAT = "dd/mm/yyyy hh:mm"
PERCENT_FORMAT = "0.0%"
CELL_LIMIT = 32_767  # characters Excel keeps in one cell
SHEET_NAME_LIMIT = 31

HEADER_FONT = Font(bold=True)
HEADER_FILL = PatternFill("solid", start_color="DDEBF7", end_color="DDEBF7")
TITLE_FONT = Font(bold=True, size=14)
MUTED_FONT = Font(color="808080")
THIN = Side(style="thin", color="A6A6A6")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
WRAP = Alignment(wrap_text=True, vertical="top")
TOP = Alignment(vertical="top")
CENTER_TOP = Alignment(horizontal="center", vertical="top")
HEADER_ALIGN = Alignment(horizontal="center", vertical="center", wrap_text=True)


def compiled_xlsx(report: CompiledReport) -> bytes:
    """The compiled report as the bytes of an .xlsx workbook (five sheets)."""
    book = Workbook()
    _summary_sheet(_first_sheet(book, _("Tổng hợp")), report)
    _tasks_sheet(_new_sheet(book, _("Nhiệm vụ")), report)
    _overdue_sheet(_new_sheet(book, _("Quá hạn")), report.overdue)
    _missing_sheet(_new_sheet(book, _("Chưa báo cáo")), report)
    _excerpts_sheet(_new_sheet(book, _("Trích báo cáo")), report)
    book.properties.title = printable(
        _("Báo cáo kết quả thực hiện nhiệm vụ Đề án 06 {period}", period=report.period_label)
    )
    book.properties.creator = printable(report.issuer)
    return _save(book)


def overdue_xlsx(rows: list[ReportTask], title: str, generated: datetime) -> bytes:
    """The overdue tasks grouped by lead agency, the agency with the latest task first."""
    book = Workbook()
    sheet = _first_sheet(book, _("Trễ hạn"))
    groups: dict[str, list[ReportTask]] = {}
    for task in rows:
        groups.setdefault(task.lead, []).append(task)
    order = sorted(groups.items(), key=lambda item: (-max(t.days_late for t in item[1]), -len(item[1])))
    headers = [_("Đơn vị chủ trì"), _("Mã"), _("Nội dung nhiệm vụ"), _("Thời hạn"), _("Số ngày quá hạn")]
    _title_row(sheet, 1, title, len(headers))
    _put(
        sheet.cell(row=2, column=1),
        _(
            "Cập nhật {moment}: {tasks} nhiệm vụ, {agencies} đơn vị.",
            moment=moment(generated),
            tasks=len(rows),
            agencies=len(groups),
        ),
    )
    sheet.merge_cells(start_row=2, start_column=1, end_row=2, end_column=len(headers))
    sheet.cell(row=2, column=1).font = Font(italic=True)
    header = 4
    _header(sheet, header, headers)
    line = header
    for agency, tasks in order:
        for index, task in enumerate(sorted(tasks, key=lambda t: -t.days_late)):
            line += 1
            # The agency on every row, so that filtering and sorting keep it; shown in bold on the
            # first row of its group and in grey on the others, so the groups stand out.
            _put(sheet.cell(row=line, column=1), agency, WRAP)
            sheet.cell(row=line, column=1).font = HEADER_FONT if index == 0 else MUTED_FONT
            _put(sheet.cell(row=line, column=2), task.code, TOP)
            _put(sheet.cell(row=line, column=3), task.content, WRAP)
            _day(sheet.cell(row=line, column=4), task.due)
            _put(sheet.cell(row=line, column=5), task.days_late, CENTER_TOP)
    if not rows:
        line += 1
        _put(sheet.cell(row=line, column=1), _("Không có nhiệm vụ quá hạn."))
        sheet.cell(row=line, column=1).font = Font(italic=True)
    _table(sheet, header, line, [30, 9, 70, 12, 11], landscape=False)
    return _save(book)


# --- the sheets of the compiled report --------------------------------------------------------


def _summary_sheet(sheet: Worksheet, report: CompiledReport) -> None:
    width = 2 + len(STANDINGS)
    _put(sheet.cell(row=1, column=1), parent_body_of(report).upper())
    _put(sheet.cell(row=2, column=1), report.issuer.upper())
    sheet.cell(row=2, column=1).font = HEADER_FONT
    _title_row(sheet, 4, _("BÁO CÁO KẾT QUẢ THỰC HIỆN NHIỆM VỤ ĐỀ ÁN 06"), width)
    _put(sheet.cell(row=5, column=1), _("Kỳ báo cáo: {period}", period=report.period_label))
    _put(
        sheet.cell(row=6, column=1),
        _("Ngày báo cáo: {day}", day=short_day(report.issued_on)),
    )
    for row in (5, 6):
        sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=width)
        sheet.cell(row=row, column=1).alignment = Alignment(horizontal="center")

    # Figures first: standing → count and share, then the total.
    top = 8
    _header(sheet, top, [_("Tình trạng"), _("Số nhiệm vụ"), _("Tỷ lệ")])
    total = summary_total(report.summary)
    line = top
    for standing in STANDINGS:
        line += 1
        count = report.summary.get(standing, 0)
        _put(sheet.cell(row=line, column=1), standing_label(standing), TOP)
        _put(sheet.cell(row=line, column=2), count, CENTER_TOP)
        _ratio(sheet.cell(row=line, column=3), count, total)
    line += 1
    _put(sheet.cell(row=line, column=1), _("Tổng số"), TOP)
    _put(sheet.cell(row=line, column=2), total, CENTER_TOP)
    _ratio(sheet.cell(row=line, column=3), total, total)
    for col in range(1, 4):
        sheet.cell(row=line, column=col).font = HEADER_FONT
    _borders(sheet, top, line, 3)

    # The same figures for each group of tasks.
    top = line + 2
    headers = [_("Nhóm nhiệm vụ"), _("Tổng số")] + [standing_label(s) for s in STANDINGS]
    _header(sheet, top, headers)
    line = top
    for name, tasks in report.sections:
        line += 1
        counts = count_standings(tasks)
        _put(sheet.cell(row=line, column=1), name.strip() or _("Nhiệm vụ khác"), WRAP)
        _put(sheet.cell(row=line, column=2), len(tasks), CENTER_TOP)
        for col, standing in enumerate(STANDINGS, start=3):
            _put(sheet.cell(row=line, column=col), counts[standing], CENTER_TOP)
    _borders(sheet, top, line, len(headers))
    _widths(sheet, [46, 12] + [14] * len(STANDINGS))
    _print_setup(sheet, landscape=True)


def _tasks_sheet(sheet: Worksheet, report: CompiledReport) -> None:
    headers = [
        _("Nhóm nhiệm vụ"),
        _("Mã"),
        _("Nội dung"),
        _("Đơn vị chủ trì"),
        _("Thời hạn"),
        _("Tình trạng"),
        _("Tỷ lệ (%)"),
        _("Số ngày quá hạn"),
        _("Phân loại"),
    ]
    _header(sheet, 1, headers)
    line = 1
    for name, tasks in report.sections:
        group = name.strip() or _("Nhiệm vụ khác")
        for task in tasks:
            line += 1
            _put(sheet.cell(row=line, column=1), group, WRAP)
            _put(sheet.cell(row=line, column=2), task.code, TOP)
            _put(sheet.cell(row=line, column=3), task.content, WRAP)
            _put(sheet.cell(row=line, column=4), task.lead, WRAP)
            _day(sheet.cell(row=line, column=5), task.due)
            _put(sheet.cell(row=line, column=6), status_text(task), WRAP)
            _put(sheet.cell(row=line, column=7), task.percent, CENTER_TOP)
            _put(sheet.cell(row=line, column=8), task.days_late or None, CENTER_TOP)
            _put(sheet.cell(row=line, column=9), standing_label(task.standing), WRAP)
    _table(sheet, 1, line, [28, 9, 60, 28, 12, 24, 9, 10, 18])


def _overdue_sheet(sheet: Worksheet, overdue: list[ReportTask]) -> None:
    headers = [
        _("Mã"),
        _("Nội dung"),
        _("Đơn vị chủ trì"),
        _("Thời hạn"),
        _("Số ngày quá hạn"),
        _("Tình trạng"),
    ]
    _header(sheet, 1, headers)
    line = 1
    for task in sorted(overdue, key=lambda t: -t.days_late):
        line += 1
        _put(sheet.cell(row=line, column=1), task.code, TOP)
        _put(sheet.cell(row=line, column=2), task.content, WRAP)
        _put(sheet.cell(row=line, column=3), task.lead, WRAP)
        _day(sheet.cell(row=line, column=4), task.due)
        _put(sheet.cell(row=line, column=5), task.days_late, CENTER_TOP)
        _put(sheet.cell(row=line, column=6), status_text(task), WRAP)
    if not overdue:
        line += 1
        _note(sheet.cell(row=line, column=1), _("Không có nhiệm vụ quá hạn."))
    _table(sheet, 1, line, [9, 60, 28, 12, 11, 24])


def _missing_sheet(sheet: Worksheet, report: CompiledReport) -> None:
    _header(sheet, 1, [_("TT"), _("Đơn vị chưa gửi báo cáo {period}", period=report.period_label)])
    line = 1
    for number, agency in enumerate(report.missing_reports, start=1):
        line += 1
        _put(sheet.cell(row=line, column=1), number, CENTER_TOP)
        _put(sheet.cell(row=line, column=2), agency, WRAP)
    if not report.missing_reports:
        line += 1
        _note(sheet.cell(row=line, column=2), _("Tất cả đơn vị đã gửi báo cáo."))
    _table(sheet, 1, line, [6, 60], landscape=False)


def _excerpts_sheet(sheet: Worksheet, report: CompiledReport) -> None:
    _header(sheet, 1, [_("Đơn vị"), _("Thời gian"), _("Nội dung báo cáo")])
    line = 1
    for excerpt in report.excerpts:
        line += 1
        _put(sheet.cell(row=line, column=1), excerpt.agency, WRAP)
        # Excel has no time zones: keep the wall-clock time of the zone the report was sent in.
        when = sheet.cell(row=line, column=2, value=excerpt.at.replace(tzinfo=None))
        when.number_format = MOMENT_FORMAT
        when.alignment = TOP
        _put(sheet.cell(row=line, column=3), excerpt.text, WRAP)
    if not report.excerpts:
        line += 1
        _note(sheet.cell(row=line, column=3), _("Chưa có đơn vị nào gửi nội dung báo cáo."))
    _table(sheet, 1, line, [30, 17, 90])


# --- helpers ------------------------------------------------------------------------------


def _sheet_name(name: str) -> str:
    """A legal sheet name: no ``[]:*?/\\``, at most 31 characters (translations can be longer)."""
    for ch in "[]:*?/\\":
        name = name.replace(ch, " ")
    return name.strip()[:SHEET_NAME_LIMIT]


def _first_sheet(book: Workbook, name: str) -> Worksheet:
    sheet = book.active
    assert isinstance(sheet, Worksheet)
    sheet.title = _sheet_name(name)
    return sheet


def _new_sheet(book: Workbook, name: str) -> Worksheet:
    return book.create_sheet(_sheet_name(name))


def _save(book: Workbook) -> bytes:
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _put(cell: Cell, value: Any, alignment: Alignment | None = None) -> None:
    """Write ``value``; a text is cleaned and kept as text even when it starts with '='."""
    if isinstance(value, str):
        cell.value = printable(value)[:CELL_LIMIT]
        cell.data_type = "s"
    else:
        cell.value = value
    if alignment is not None:
        cell.alignment = alignment


def _note(cell: Cell, text: str) -> None:
    _put(cell, text, WRAP)
    cell.font = Font(italic=True)


def _day(cell: Cell, value: date | None) -> None:
    if value is None:
        _put(cell, "—", CENTER_TOP)
        return
    cell.value = value
    cell.number_format = DATE_FORMAT
    cell.alignment = CENTER_TOP


def _ratio(cell: Cell, part: int, total: int) -> None:
    cell.value = part / total if total else None
    cell.number_format = PERCENT_FORMAT
    cell.alignment = CENTER_TOP


def _title_row(sheet: Worksheet, row: int, text: str, width: int) -> None:
    _put(sheet.cell(row=row, column=1), text)
    cell = sheet.cell(row=row, column=1)
    cell.font = TITLE_FONT
    cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=width)
    sheet.row_dimensions[row].height = 24


def _header(sheet: Worksheet, row: int, titles: Sequence[str]) -> None:
    for col, title in enumerate(titles, start=1):
        cell = sheet.cell(row=row, column=col)
        _put(cell, title, HEADER_ALIGN)
        cell.font = HEADER_FONT
        cell.fill = HEADER_FILL
        cell.border = BORDER


def _borders(sheet: Worksheet, top: int, bottom: int, width: int) -> None:
    for row in sheet.iter_rows(min_row=top, max_row=bottom, max_col=width):
        for cell in row:
            cell.border = BORDER


def _widths(sheet: Worksheet, widths: Sequence[float]) -> None:
    for col, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(col)].width = width


def _print_setup(sheet: Worksheet, *, landscape: bool) -> None:
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.orientation = "landscape" if landscape else "portrait"
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True


def _table(
    sheet: Worksheet, header: int, last: int, widths: Sequence[float], *, landscape: bool = True
) -> None:
    """Finish a table whose header is on row ``header``: borders, filter, frozen header, print."""
    width = len(widths)
    _borders(sheet, header, last, width)
    sheet.auto_filter.ref = f"A{header}:{get_column_letter(width)}{max(last, header)}"
    sheet.freeze_panes = f"A{header + 1}"
    sheet.print_title_rows = f"{header}:{header}"
    _widths(sheet, widths)
    _print_setup(sheet, landscape=landscape)

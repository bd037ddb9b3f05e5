"""The review sheet dondoc hands out (``dondoc import FILE --sheet``), read back exactly as written.

The secretariat corrects leads and deadlines in Excel and sends the sheet back; whatever the
cells say is the plan, with no layout guessing. The sheet is recognised by its header words; a
header that was damaged is refused with one sentence rather than read by a guessing reader.
The column titles and the labels of the "Thông tin" sheet live here so that the writer
(:mod:`render.review_sheet`) and this reader can never disagree.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date

from plans.agencies import AgencyRef, Registry
from plans.deadlines import Deadline, read_deadline
from plans.documents.errors import DocumentError, Problem
from plans.documents.model import Blocks, ParsedPlan, ParsedTask, PlanInfo, Row, Table
from plans.review import unknown_names
from plans.text import clean, fold

LAYOUT = "review_sheet"
TASKS_SHEET = "Nhiệm vụ"
INFO_SHEET = "Thông tin"
LIST_SHEET = "Danh mục"
MARKER = "BẢNG RÀ SOÁT NHIỆM VỤ KẾ HOẠCH"

#: key → column title, in the sheet's order.
COLUMNS: dict[str, str] = {
    "code": "STT/mã",
    "section": "Mục",
    "content": "Nội dung",
    "lead": "Cơ quan chủ trì",
    "support": "Cơ quan phối hợp",
    "deadline_text": "Thời hạn (nguyên văn)",
    "due": "Hạn hoàn thành (dd/mm/yyyy)",
    "kind": "Loại thời hạn",
    "warnings": "Cảnh báo",
    "notes": "Ghi chú",
}
#: Other spellings a person may leave after retyping a title.
_ALSO = {"code": ("stt", "ma"), "due": ("han hoan thanh",), "deadline_text": ("thoi han",)}
#: Titles no ordinary plan uses: two of them in one row make the row the sheet's header.
_OWN = ("deadline_text", "due", "kind", "warnings")
REQUIRED = ("code", "content", "lead", "deadline_text")
HEADER_ROWS = 5

#: key → label in the "Thông tin" sheet.
INFO: dict[str, str] = {
    "number": "Số hiệu",
    "kind": "Loại văn bản",
    "title": "Tiêu đề",
    "title_full": "Tiêu đề đầy đủ",
    "issuer": "Cơ quan ban hành",
    "issued": "Ngày ban hành (dd/mm/yyyy)",
    "issued_month": "Tháng ban hành (yyyy-mm)",
    "year": "Năm",
}

_DAY = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?$")
_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T]\d{1,2}:\d{2}(?::\d{2})?)?$")
_BLANK = {"", "-", "—", "–"}
_TITLES = {key: {fold(title), *_ALSO.get(key, ())} for key, title in COLUMNS.items()}


def read_date(text: str) -> date | None:
    """``30/6/2024`` (as the xlsx reader shows a date cell, or as typed), ``2024-06-30``;
    None for anything else, an impossible day included."""
    text = clean(text)
    day = _DAY.match(text)
    iso = _ISO.match(text)
    try:
        if day:
            return date(int(day.group(3)), int(day.group(2)), int(day.group(1)))
        if iso:
            return date(int(iso.group(1)), int(iso.group(2)), int(iso.group(3)))
    except ValueError:
        return None
    return None


def read_review_sheet(doc: Blocks, registry: Registry) -> ParsedPlan | None:
    """The plan in a review sheet, or None when ``doc`` is not one (then other readers run)."""
    if doc.kind != "xlsx":
        return None
    info_table = next((t for t in _tables(doc) if _is_info(t)), None)
    found = next(((t, i, cols) for t in _tables(doc) for i, cols in _headers(t)), None)
    if found is None:
        if info_table is None:
            return None
        raise _broken(REQUIRED[0])
    table, header, columns = found
    missing = [key for key in REQUIRED if key not in columns]
    if missing:
        raise _broken(missing[0])
    info = _info(info_table) if info_table is not None else PlanInfo()
    tasks = [
        _task(row, columns, position, info, registry)
        for position, row in enumerate(_task_rows(table.rows[header + 1 :], columns), start=1)
    ]
    if not tasks:
        raise DocumentError(
            Problem.NO_TASKS,
            "Bảng rà soát không còn dòng nhiệm vụ nào. Đề nghị giữ các dòng nhiệm vụ dưới dòng tiêu đề rồi gửi lại.",
        )
    return ParsedPlan(plan=info, tasks=tasks, unknown_agencies=unknown_names(tasks), warnings=[], layout=LAYOUT)


def _tables(doc: Blocks) -> Iterator[Table]:
    return (b for b in doc.blocks if isinstance(b, Table))


def _headers(table: Table) -> Iterator[tuple[int, dict[str, int]]]:
    for index, row in enumerate(table.rows[:HEADER_ROWS]):
        columns: dict[str, int] = {}
        for col, cell in enumerate(row.cells):
            key = next((k for k, titles in _TITLES.items() if fold(cell.plain) in titles), None)
            if key is not None:
                columns.setdefault(key, col)
        if sum(key in columns for key in _OWN) >= 2:
            yield index, columns


def _is_info(table: Table) -> bool:
    return any(row.cells and fold(row.cells[0].plain) == fold(MARKER) for row in table.rows[:HEADER_ROWS])


def _broken(key: str) -> DocumentError:
    return DocumentError(
        Problem.NO_TASKS,
        f"Bảng rà soát thiếu cột «{COLUMNS[key]}» ở dòng tiêu đề. Đề nghị giữ nguyên dòng tiêu đề "
        "của bảng (không xoá, không đổi tên cột) rồi gửi lại.",
    )


def _cell(row: Row, columns: dict[str, int], key: str) -> str:
    col = columns.get(key)
    if col is None or col >= len(row.cells):
        return ""
    text = row.cells[col].text.replace("\r\n", "\n").strip()
    return "" if text in _BLANK else text


def _task_rows(rows: list[Row], columns: dict[str, int]) -> Iterator[Row]:
    for row in rows:
        if _cell(row, columns, "code") or _cell(row, columns, "content"):
            yield row


def _agencies(text: str, registry: Registry) -> list[AgencyRef]:
    """One name per line or between semicolons; each piece cut by the registry as usual."""
    pieces = (p for line in text.split("\n") for p in line.split(";"))
    return [ref for piece in pieces if piece.strip() for ref in registry.split(piece)]


def _task(row: Row, columns: dict[str, int], position: int, info: PlanInfo, registry: Registry) -> ParsedTask:
    code = clean(_cell(row, columns, "code")) or str(position)
    text = clean(_cell(row, columns, "deadline_text"))
    deadline = read_deadline(text, year=info.year, issued=info.issued) if text else Deadline("unknown")
    typed = _cell(row, columns, "due")
    if typed:
        due = read_date(typed)
        if due is None:
            raise DocumentError(
                Problem.CORRUPT,
                f"Ô «{COLUMNS['due']}» của nhiệm vụ {code} ghi «{clean(typed)}», không phải một ngày. "
                "Đề nghị ghi theo dạng dd/mm/yyyy (ví dụ 30/06/2024) hoặc để trống rồi gửi lại.",
            )
        if due != deadline.due:
            starts = deadline.starts if deadline.starts and deadline.starts <= due else None
            deadline = Deadline("due", due=due, starts=starts, recurring=deadline.recurring)
    return ParsedTask(
        code=code,
        section=clean(_cell(row, columns, "section")),
        content=clean(_cell(row, columns, "content")),
        lead=_agencies(_cell(row, columns, "lead"), registry),
        support=_agencies(_cell(row, columns, "support"), registry),
        deadline_text=text,
        deadline=deadline,
        notes=_notes(_cell(row, columns, "notes")),
        layout=LAYOUT,
    )


def _notes(text: str) -> dict[str, str]:
    notes: dict[str, str] = {}
    for line in text.split("\n"):
        label, colon, value = line.partition(":")
        if colon and label.strip() and value.strip():
            notes[clean(label)] = clean(value)
    return notes


def _info(table: Table) -> PlanInfo:
    values: dict[str, str] = {}
    keys = {fold(label): key for key, label in INFO.items()}
    for row in table.rows:
        if len(row.cells) >= 2 and fold(row.cells[0].plain) in keys:
            values[keys[fold(row.cells[0].plain)]] = clean(row.cells[1].text)
    year = values.get("year", "")
    return PlanInfo(
        number=values.get("number") or None,
        title=values.get("title") or None,
        issued=read_date(values.get("issued", "")),
        year=int(year) if year.isdigit() else None,
        issued_month=values.get("issued_month") or None,
        issuer=values.get("issuer") or None,
        kind=values.get("kind") or None,
        title_full=values.get("title_full") or None,
    )

"""Layouts 2 and 3: the appendix table ``TT | Nội dung | Đơn vị chủ trì | Đơn vị phối hợp |
Thời gian hoàn thành`` — as a Word table, an Excel sheet, a Markdown table or tab-separated text.

Columns are found by the words of the header (chủ trì / thực hiện → lead, phối hợp → support,
thời gian / thời hạn → deadline, nội dung / nhiệm vụ → content, TT/STT → code; any other column,
such as Ghi chú, Hiện trạng or Cấp độ cần đạt, is kept as a note). Rows are then:
- a repeated header (a new page) or a column-numbering row: skipped;
- a section row (``I``, ``II`` …): its text labels the following tasks;
- a row with an empty TT cell (or a TT cell merged from above): the rest of the task above,
  cut by a page break;
- any other row: a task. Tables following each other continue one another.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from plans.agencies import Registry
from plans.documents import cues
from plans.documents.common import ROMAN, join_agency_parts
from plans.documents.model import Blocks, Cell, Paragraph, Row, Table, TaskDraft
from plans.text import clean, fold

CODE, CONTENT, LEAD, SUPPORT, DEADLINE, NOTE = "code", "content", "lead", "support", "deadline", "note"

_CODE_HEADER = re.compile(r"^(?:s\.?\s?tt|tt|so tt|so thu tu|thu tu|ma(?: so| nhiem vu)?|so)\.?$")
_DEADLINE_HEADER = re.compile(r"thoi gian|thoi han|han hoan thanh|tien do|moc thoi gian|han xu ly|thoi diem")
_LEAD_HEADER = re.compile(r"chu tri|thuc hien|dau moi|trach nhiem|phu trach|don vi|co quan")
_CONTENT_HEADER = re.compile(r"noi dung|nhiem vu|cong viec|thu tuc|\bten\b|hoat dong|giai phap|chi tieu")
_TASK_CODE = re.compile(r"^(?:\d{1,3}(?:\.\d{1,3}){0,5}|[a-zđ]|\(\d{1,3}\)|\d{1,3}[a-zđ])[.):]?$")
_LETTER_SECTION = re.compile(r"^[A-H][.):]?$")
_NUMBERING_CELL = re.compile(r"^\(?\d{1,2}\)?$")
_SECTION_IN_CONTENT = re.compile(r"^(?P<code>[IVXLC]{1,7})\s*[.)]\s+\S")


def classify_header(text: str) -> str | None:
    role, _rank = rank_header(text)
    return role


# Header words by strength: where two columns could hold one role ("Thuộc nhóm nhiệm vụ" and
# "Nội dung nhiệm vụ"; "Cơ quan trình" and "Cơ quan soạn thảo"), the stronger word wins.
_RANKS: tuple[tuple[str, re.Pattern[str], int], ...] = (
    (NOTE, re.compile(r"^thuoc nhom|^nhom nhiem vu|^linh vuc|^van ban giao|^ket qua|^san pham|^ghi chu|^kinh phi|^nguon"), 9),
    (DEADLINE, _DEADLINE_HEADER, 5),
    (SUPPORT, re.compile(r"phoi hop"), 5),
    (LEAD, re.compile(r"chu tri"), 5),
    (LEAD, re.compile(r"soan thao|thuc hien|dau moi|phu trach|trach nhiem"), 3),
    (LEAD, re.compile(r"co quan|don vi"), 1),
    (CONTENT, re.compile(r"noi dung"), 5),
    (CONTENT, re.compile(r"nhiem vu|cong viec|thu tuc|\bten\b|hoat dong|giai phap"), 3),
    (CONTENT, re.compile(r"chi tieu"), 1),
)


def rank_header(text: str) -> tuple[str | None, int]:
    f = fold(text.replace("*", "")).strip(" :.")
    if not f:
        return None, 0
    if _CODE_HEADER.match(f):
        return CODE, 5
    for role, pattern, rank in _RANKS:
        if pattern.search(f):
            return role, rank
    return NOTE, 0


@dataclass
class Columns:
    roles: dict[int, str]  # column → role
    labels: dict[int, str]  # column → header text
    width: int
    signature: tuple[str, ...] = ()

    def col(self, role: str) -> int | None:
        for c, r in self.roles.items():
            if r == role:
                return c
        return None


def _labels(row: Row) -> list[str]:
    out: list[str] = []
    for cell in row.cells:
        if cell.merged_left and out:
            out.append(out[-1])
        else:
            out.append(cell.plain)
    return out


def _columns_from(labels: list[str]) -> Columns | None:
    ranked = [rank_header(label) for label in labels]
    best: dict[str, tuple[int, int]] = {}  # role → (rank, column)
    for c, (role, rank) in enumerate(ranked):
        if role is None or role == NOTE:
            continue
        if role not in best or rank > best[role][0]:
            best[role] = (rank, c)
    roles: dict[int, str] = {}
    for c, (role, _rank) in enumerate(ranked):
        if role is None:
            continue
        roles[c] = role if role != NOTE and best.get(role, (0, -1))[1] == c else NOTE
    seen = set(best)
    if CONTENT not in seen:
        return None
    if len(seen & {LEAD, SUPPORT, DEADLINE, CODE}) < 2:
        return None
    if sum(1 for r in roles.values() if r == NOTE) > len(seen) + 1:
        return None
    return Columns(roles, {c: labels[c] for c in roles}, len(labels), tuple(fold(x) for x in labels))


def find_header(table: Table, limit: int) -> tuple[Columns, int] | None:
    """The header row, or two rows when a merged "Đơn vị thực hiện" sits over
    "Chủ trì | Phối hợp"."""
    for r, row in enumerate(table.rows[:limit]):
        labels = _labels(row)
        cols = _columns_from(labels)
        if cols is None:
            continue
        if r + 1 < len(table.rows):
            below = table.rows[r + 1]
            sub = [c.plain if not c.merged_up else "" for c in below.cells]
            sub_roles = [classify_header(x) for x in sub]
            if (
                any(x in {LEAD, SUPPORT} for x in sub_roles)
                and not (sub and sub[0] and _TASK_CODE.match(sub[0]))
                and all(len(x) < 40 for x in sub)
                and _columns_from(sub) is None
            ):
                merged = [
                    clean(f"{labels[c] if c < len(labels) else ''} {sub[c] if c < len(sub) else ''}")
                    for c in range(max(len(labels), len(sub)))
                ]
                both = _columns_from(merged)
                if both is not None:
                    return both, r + 1
        return cols, r
    return None


@dataclass
class _State:
    registry: Registry
    columns: Columns | None = None
    section: str = ""
    last: TaskDraft | None = None
    parent: TaskDraft | None = None  # last numbered task, for lettered sub-tasks
    drafts: list[TaskDraft] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    top: str = ""  # the last section row's label (I, II …)
    counts: dict[str, int] = field(default_factory=dict)  # section label → number of tasks
    tops: dict[int, str] = field(default_factory=dict)
    subs: dict[str, int] = field(default_factory=dict)  # numbered row → its sub-rows so far


def _cell(row: Row, c: int | None) -> Cell:
    if c is None or c >= len(row.cells):
        return Cell("")
    return row.cells[c]


def _is_header_repeat(row: Row, cols: Columns) -> bool:
    if row.header:
        return True
    same = sum(
        1
        for c, cell in enumerate(row.cells[: len(cols.signature)])
        # a header cell is short; fold only what could be one
        if cell.plain and len(cell.plain) <= len(cols.signature[c]) + 2 and fold(cell.plain) == cols.signature[c]
    )
    if same >= 3:
        return True
    code = _cell(row, cols.col(CODE)).plain
    if code and _CODE_HEADER.match(fold(code).strip(" .")):
        return (
            sum(
                1
                for c in range(len(row.cells))
                if classify_header(row.cells[c].plain) in {LEAD, SUPPORT, DEADLINE}
            )
            >= 2
        )
    return False


def _is_numbering_row(row: Row) -> bool:
    values = [c.plain for c in row.cells if c.plain and not c.merged_left]
    if len(values) < 3 or not all(_NUMBERING_CELL.match(v) for v in values):
        return False
    numbers = [int(v.strip("()")) for v in values]
    return numbers == list(range(numbers[0], numbers[0] + len(numbers)))


def _field_text(row: Row, c: int | None, *, continuation: bool, raw: bool = False) -> str:
    cell = _cell(row, c)
    if continuation and cell.merged_up:
        return ""
    return cell.text if raw else cell.plain


def _start_section(state: _State, label: str) -> None:
    state.section = clean(label)
    state.top = state.section
    state.counts.setdefault(state.top, 0)
    state.last = None
    state.parent = None


def _continue(state: _State, row: Row, cols: Columns) -> None:
    last = state.last
    if last is None:
        return
    content = _field_text(row, cols.col(CONTENT), continuation=True).strip()
    if content:
        last.content = clean(f"{last.content} {content}")
    lead = _field_text(row, cols.col(LEAD), continuation=True, raw=True).strip()
    if lead:
        last.lead_text = join_agency_parts(last.lead_text, lead, state.registry)
    support = _field_text(row, cols.col(SUPPORT), continuation=True, raw=True).strip()
    if support:
        last.support_text = join_agency_parts(last.support_text, support, state.registry)
    deadline = _field_text(row, cols.col(DEADLINE), continuation=True).strip()
    if deadline:
        last.deadline_text = clean(f"{last.deadline_text} {deadline}")
    for c, role in cols.roles.items():
        if role == NOTE:
            extra = _field_text(row, c, continuation=True).strip()
            if extra:
                label = cols.labels[c] or f"Cột {c + 1}"
                last.notes[label] = clean(f"{last.notes.get(label, '')} {extra}")


def _row(state: _State, row: Row, cols: Columns, order: tuple[int, int]) -> None:
    if not any(c.plain for c in row.cells):
        return
    if _is_header_repeat(row, cols) or _is_numbering_row(row):
        return
    code_cell = _cell(row, cols.col(CODE))
    code = code_cell.plain.strip()
    content = _cell(row, cols.col(CONTENT)).plain
    others = [
        _cell(row, c).plain
        for c, role in cols.roles.items()
        if role in {LEAD, SUPPORT, DEADLINE} and not _cell(row, c).merged_up
    ]

    if code_cell.merged_up:
        _continue(state, row, cols)
        return
    roman = ROMAN.match(code) if code else None
    if code and roman and roman.group("title") and not content and not any(others):
        _start_section(state, code)
        return
    if code and roman and not roman.group("title") and (not any(others) or not content):
        _start_section(state, f"{roman.group('code')}. {content}".strip(" .") if content else code)
        return
    if code and _LETTER_SECTION.match(code) and not any(others):
        _start_section(state, f"{code.rstrip('.):')}. {content}".strip(" .") if content else code)
        return
    if not code:
        sect = _SECTION_IN_CONTENT.match(content)
        if sect and not any(others):
            _start_section(state, content)
            return
        if state.last is not None:
            lead_cell = _cell(row, cols.col(LEAD))
            own_lead = bool(lead_cell.plain[:1].isupper()) and not lead_cell.merged_up
            if _starts_own_task(content, state.last.content) or (own_lead and content[:1].isupper()):
                _sub_row(state, row, cols, order)
                return
            _continue(state, row, cols)
            return
        if content and not any(others):
            _start_section(state, content)
            return
    # a task
    code = code.rstrip(".):").strip()
    if code.startswith("(") and not code.endswith(")"):
        code += ")"
    parent = state.parent
    if re.fullmatch(r"[a-zđ]", code) and parent is not None:
        code = f"{parent.code}.{code}"
        if _is_group(parent):
            _demote(state, parent)
    elif parent is not None and code.startswith(parent.code + ".") and _is_group(parent):
        _demote(state, parent)
    draft = TaskDraft(
        code=code,
        section=state.section,
        content=clean(content),
        lead_text=_cell(row, cols.col(LEAD)).text.strip(),
        support_text=_cell(row, cols.col(SUPPORT)).text.strip(),
        # a table without a time column: the row's own words are the only time it has
        deadline_text=_cell(row, cols.col(DEADLINE)).plain if cols.col(DEADLINE) is not None else cues.deadline(content),
        order=order,
        layout="bảng phụ lục",
    )
    for c, role in cols.roles.items():
        if role == NOTE:
            value = _cell(row, c).plain
            if value:
                draft.notes[cols.labels[c] or f"Cột {c + 1}"] = value
    state.drafts.append(draft)
    state.tops[id(draft)] = state.top
    state.counts[state.top] = state.counts.get(state.top, 0) + 1
    state.last = draft
    if re.fullmatch(r"\d{1,3}(?:\.\d{1,3})*", code):
        state.parent = draft


def _starts_own_task(content: str, before: str) -> bool:
    """A row without a number that is a task of its own (a sub-row: "Xây dựng …" after a
    finished sentence), not the rest of the row above cut by a page break ("vụ tài chính …")."""
    text = content.lstrip(" -–•+*")
    return bool(text) and text[0].isupper() and before.rstrip(" *)")[-1:] in {".", ";", "!", "?", ":", ""}


def _sub_row(state: _State, row: Row, cols: Columns, order: tuple[int, int]) -> None:
    """A sub-row: its own content, agencies and deadline; what it leaves empty (or merged
    from above) comes from the numbered row it belongs to."""
    above = state.last
    assert above is not None
    state.subs[above.code.split("#")[0]] = n = state.subs.get(above.code.split("#")[0], 1) + 1

    def own(c: int | None, raw: bool = False) -> str:
        cell = _cell(row, c)
        return (cell.text if raw else cell.plain).strip()

    draft = TaskDraft(
        code=f"{above.code.split('#')[0]}#{n}",
        section=state.section,
        content=clean(own(cols.col(CONTENT))),
        lead_text=own(cols.col(LEAD), raw=True) or above.lead_text,
        support_text=own(cols.col(SUPPORT), raw=True) or above.support_text,
        deadline_text=own(cols.col(DEADLINE)) or above.deadline_text,
        order=order,
        layout="bảng phụ lục",
    )
    state.drafts.append(draft)
    state.tops[id(draft)] = state.top
    state.counts[state.top] = state.counts.get(state.top, 0) + 1
    state.last = draft


def _is_group(draft: TaskDraft) -> bool:
    return not (draft.lead_text or draft.support_text or draft.deadline_text)


def _demote(state: _State, draft: TaskDraft) -> None:
    """A "task" that turned out to be a group heading: its text becomes the section."""
    if draft in state.drafts:
        state.drafts.remove(draft)
        top = state.tops.pop(id(draft), "")
        state.counts[top] = max(state.counts.get(top, 0) - 1, 0)
    state.section = f"{draft.code}. {draft.content}".strip(" .")
    if state.last is draft:
        state.last = None


def read_tables(doc: Blocks, registry: Registry) -> tuple[list[TaskDraft], list[str], dict[str, int]]:
    """Tasks of every appendix table (for .xlsx: of the first sheet that has one)."""
    state = _State(registry)
    limit = 30 if doc.kind == "xlsx" else 12
    found_sheet: str | None = None
    text_since_table = False  # a paragraph between two tables: the second one does not continue
    for index, block in enumerate(doc.blocks):
        if isinstance(block, Paragraph):
            text_since_table = text_since_table or bool(block.plain)
            continue
        if not block.rows:
            continue
        if text_since_table and doc.kind != "xlsx":
            state.columns = None
        text_since_table = False
        header = find_header(block, limit)
        start = 0
        if header is not None:
            cols, r = header
            if doc.kind == "xlsx" and found_sheet is not None:
                state.warnings.append(
                    f"Trang tính «{block.name}» cũng có bảng nhiệm vụ nhưng chưa được đọc; "
                    f"chỉ đọc trang «{found_sheet}»."
                )
                continue
            state.columns = cols
            start = r + 1
            if doc.kind == "xlsx":
                found_sheet = block.name
        elif state.columns is None or doc.kind == "xlsx":
            continue
        elif abs(len(block.rows[0].cells) - state.columns.width) > 1:
            state.columns = None
            continue
        cols = state.columns
        assert cols is not None
        for r, row in enumerate(block.rows[start:], start=start):
            _row(state, row, cols, (index, r))
        if header is None and not state.drafts:
            state.columns = None
    return state.drafts, state.warnings, state.counts

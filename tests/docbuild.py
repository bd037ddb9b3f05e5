"""Test helpers: turn the fixture text/Markdown documents into real Office files.

Not shipped with the product. Everything here is written independently of
``plans.documents`` (its own small Markdown parser), so that a bug in the readers cannot hide
behind the same bug in the builder.

- :func:`build_docx`: paragraphs with bold/italic runs, Markdown tables as real Word tables
  (header row marked ``tblHeader``; the first pages of the appendix in one table with the header
  row repeated inside it, later pages as separate tables after a page break; section rows
  ("II | Title", "A. | BỘ …", or "I. Title" alone in the first cell) as a horizontally merged
  cell; identical neighbouring cells of the agency columns, found by their header words, vertically
  merged; rows cut by a page break kept as a continuation row with an empty TT cell). Any number
  of columns, so it builds the corpus documents (``tests/fixtures/corpus``) too. With
  ``word_lists`` the "- " bullets and "a)" items become Word automatic numbering (the text no
  longer holds the label).
- :func:`build_xlsx`: the appendix as a sheet (after a sheet without a table), title rows, merged
  section rows and merged agency cells, TT as numbers.
- :func:`build_tsv`: the appendix as tab-separated text with an extra "Ghi chú" column.
- :func:`build_synthetic_docx`: a plan with ``n`` tasks for the benchmark.
- :func:`build_image_only_docx`: a "scan": a .docx with a picture and no text.
"""

from __future__ import annotations

import io
import random
import re
import struct
import unicodedata
import zlib
from dataclasses import dataclass, field

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.text import WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.table import Table as DocxTable
from docx.text.paragraph import Paragraph as DocxParagraph
from openpyxl import Workbook

# A section row's mark: a Roman numeral or a capital letter ("II", "A."), alone in the first cell
# (the title in the second) or followed by the title ("I. Kinh tế số", the rest of the row empty).
_SECTION_MARK = re.compile(r"^(?:[IVXLC]+|[A-Z])\.?(?:\s+(?P<title>\S.*))?$")
# Header words of the columns that name agencies (lead, support, "Cơ quan trình"…), folded.
_AGENCY_HEADER = ("chu tri", "phoi hop", "co quan", "don vi")
_PIPE = re.compile(r"^\s*\|.*\|\s*$")
_SEP = re.compile(r"^\s*\|?[\s:|-]*-[\s:|-]*\|?\s*$")


# --------------------------------------------------------------------------------------------
# A tiny Markdown-ish source model


@dataclass
class Para:
    text: str


@dataclass
class MdTable:
    header: list[str]
    rows: list[list[str]] = field(default_factory=list)


Item = Para | MdTable


def _cells(line: str) -> list[str]:
    body = line.strip()
    body = body[1:] if body.startswith("|") else body
    body = body[:-1] if body.endswith("|") else body
    return [c.strip() for c in body.split("|")]


def parse_source(text: str) -> list[Item]:
    items: list[Item] = []
    lines = text.splitlines()
    i = 0
    while i < len(lines):
        line = lines[i]
        if _PIPE.match(line) and i + 1 < len(lines) and _SEP.match(lines[i + 1]):
            table = MdTable(_cells(line))
            i += 2
            while i < len(lines) and _PIPE.match(lines[i]):
                row = _cells(lines[i])
                if any(row[len(table.header) :]):  # never drop a cell's text silently
                    raise ValueError(f"line {i + 1}: more cells than the header: {lines[i][:80]}")
                row += [""] * (len(table.header) - len(row))
                table.rows.append(row[: len(table.header)])
                i += 1
            items.append(table)
            continue
        if line.strip():
            items.append(Para(line.strip()))
        i += 1
    return items


_MARK = re.compile(r"(\*\*|\*|</?i>|</?b>)")


def runs(text: str) -> list[tuple[str, bool, bool]]:
    """(text, bold, italic) pieces of a line with **bold**, *italic*, <i>…</i>."""
    out: list[tuple[str, bool, bool]] = []
    bold = italic = False
    for part in _MARK.split(text):
        if part in {"**", "<b>", "</b>"}:
            bold = part != "</b>" and not (part == "**" and bold)
            continue
        if part in {"*", "<i>", "</i>"}:
            italic = part != "</i>" and not (part == "*" and italic)
            continue
        if part:
            out.append((part, bold, italic))
    return out


def plain_text(text: str) -> str:
    return "".join(piece for piece, _b, _i in runs(text))


# --------------------------------------------------------------------------------------------
# .docx


def _add_runs(paragraph: DocxParagraph, text: str) -> None:
    for piece, bold, italic in runs(text):
        run = paragraph.add_run(piece)
        run.bold = bold or None
        run.italic = italic or None


def _mark_header(row_tr: object) -> None:
    tr_pr = row_tr.get_or_add_trPr()  # type: ignore[attr-defined]
    el = OxmlElement("w:tblHeader")
    el.set(qn("w:val"), "true")
    tr_pr.append(el)


def _set_cell(cell: object, text: str) -> None:
    paragraph = cell.paragraphs[0]  # type: ignore[attr-defined]
    lines = text.split("<br>")
    for k, line in enumerate(lines):
        if k:
            paragraph = cell.add_paragraph()  # type: ignore[attr-defined]
        _add_runs(paragraph, line)


def _section_start(row: list[str]) -> int | None:
    """Where a section row's merged cell starts: 1 for "II | Title | | …" (mark, then the title
    spanning the rest), 0 for "I. Title | | …" (one cell spanning the row); None for other rows."""
    mark = _SECTION_MARK.match(row[0].strip())
    if mark is None:
        return None
    if mark.group("title"):
        return 0 if not any(c.strip() for c in row[1:]) else None
    return 1 if not any(c.strip() for c in row[2:]) else None


def _fold(text: str) -> str:
    """Lower case without diacritics (the builder's own, independent of ``plans.text``)."""
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


def _agency_columns(header: list[str]) -> tuple[int, ...]:
    """The columns whose equal neighbouring cells a Word author merges: those naming agencies
    (2 and 3 in the samples' "TT | Nội dung | Đơn vị chủ trì | Đơn vị phối hợp | Thời gian")."""
    return tuple(c for c, text in enumerate(header) if any(w in _fold(text) for w in _AGENCY_HEADER))


def _write_table(
    doc: DocxDocument, header: list[str], pages: list[list[list[str]]], merge_same: bool
) -> DocxTable:
    """One Word table: header row (tblHeader), then each page's rows; pages after the first start
    with the header repeated as an ordinary row (as in documents converted from PDF)."""
    table = doc.add_table(rows=0, cols=len(header))
    table.style = "Table Grid"
    row = table.add_row()
    _mark_header(row._tr)
    for c, text in enumerate(header):
        _set_cell(row.cells[c], f"**{text}**")
    task_rows: list[tuple[int, list[str]]] = []  # (row index, source row) of task rows
    for p, page in enumerate(pages):
        if p:
            repeat = table.add_row()
            for c, text in enumerate(header):
                _set_cell(repeat.cells[c], f"**{text}**")
            task_rows.append((-1, []))  # a break in the run of task rows
        for src in page:
            row = table.add_row()
            index = len(table.rows) - 1
            start = _section_start(src)
            if start is not None:
                if start == 0 or len(header) < 3:  # the whole heading in one merged cell
                    whole = " ".join(c.strip() for c in src[:2] if c.strip())
                    merged = (
                        row.cells[0].merge(row.cells[len(header) - 1]) if len(header) > 1 else row.cells[0]
                    )
                    _set_cell(merged, f"**{whole}**")
                else:
                    merged = row.cells[1].merge(row.cells[len(header) - 1])
                    _set_cell(row.cells[0], f"**{src[0]}**")
                    _set_cell(merged, f"**{src[1]}**")
                task_rows.append((-1, []))
                continue
            for c, text in enumerate(src):
                _set_cell(row.cells[c], text)
            task_rows.append((index, src) if src[0].strip() else (-1, []))
    if merge_same:
        _merge_identical(table, task_rows, columns=_agency_columns(header))
    return table


def _merge_identical(
    table: DocxTable, task_rows: list[tuple[int, list[str]]], columns: tuple[int, ...]
) -> None:
    """Vertically merge equal agency cells of neighbouring task rows (a shared lead)."""
    for col in columns:
        start = 0
        while start < len(task_rows):
            idx, src = task_rows[start]
            end = start
            if idx >= 0 and src[col].strip():
                while (
                    end + 1 < len(task_rows)
                    and task_rows[end + 1][0] >= 0
                    and task_rows[end + 1][1][col] == src[col]
                ):
                    end += 1
            if end > start:
                first = table.cell(idx, col)
                for k in range(start + 1, end + 1):
                    other = table.cell(task_rows[k][0], col)
                    for p in list(other._tc.iterchildren(qn("w:p"))):
                        other._tc.remove(p)
                    other._tc.append(OxmlElement("w:p"))
                first.merge(table.cell(task_rows[end][0], col))
            start = end + 1


def _page_break(doc: DocxDocument) -> None:
    doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)


_NUMBERING_IDS = {"letter": 91, "bullet": 92}


def _ensure_lists(doc: DocxDocument) -> None:
    numbering = doc.part.numbering_part.element
    if numbering.find(qn("w:num") + f"[@{qn('w:numId')}='91']") is not None:
        return
    first_num = numbering.find(qn("w:num"))
    for name, num_id in _NUMBERING_IDS.items():
        fmt, text = ("lowerLetter", "%1)") if name == "letter" else ("bullet", "-")
        abstract = OxmlElement("w:abstractNum")
        abstract.set(qn("w:abstractNumId"), str(num_id))
        lvl = OxmlElement("w:lvl")
        lvl.set(qn("w:ilvl"), "0")
        for tag, val in (("w:start", "1"), ("w:numFmt", fmt), ("w:lvlText", text), ("w:lvlJc", "left")):
            el = OxmlElement(tag)
            el.set(qn("w:val"), val)
            lvl.append(el)
        abstract.append(lvl)
        if first_num is not None:
            first_num.addprevious(abstract)
        else:
            numbering.append(abstract)
        num = OxmlElement("w:num")
        num.set(qn("w:numId"), str(num_id))
        ref = OxmlElement("w:abstractNumId")
        ref.set(qn("w:val"), str(num_id))
        num.append(ref)
        numbering.append(num)


def _restart_letters(doc: DocxDocument, counter: list[int]) -> int:
    """A new w:num for each run of a), b) items so that every run starts at a)."""
    counter[0] += 1
    num_id = 100 + counter[0]
    numbering = doc.part.numbering_part.element
    num = OxmlElement("w:num")
    num.set(qn("w:numId"), str(num_id))
    ref = OxmlElement("w:abstractNumId")
    ref.set(qn("w:val"), str(_NUMBERING_IDS["letter"]))
    num.append(ref)
    override = OxmlElement("w:lvlOverride")
    override.set(qn("w:ilvl"), "0")
    start = OxmlElement("w:startOverride")
    start.set(qn("w:val"), "1")
    override.append(start)
    num.append(override)
    numbering.append(num)
    return num_id


def _numbered(paragraph: DocxParagraph, num_id: int) -> None:
    p_pr = paragraph._p.get_or_add_pPr()
    num_pr = OxmlElement("w:numPr")
    ilvl = OxmlElement("w:ilvl")
    ilvl.set(qn("w:val"), "0")
    nid = OxmlElement("w:numId")
    nid.set(qn("w:val"), str(num_id))
    num_pr.append(ilvl)
    num_pr.append(nid)
    p_pr.append(num_pr)


_BULLET = re.compile(r"^-\s+")
_LETTER = re.compile(r"^[a-z]\)\s+")


def build_docx(
    source: str, *, word_lists: bool = False, merge_same: bool = True, pages_in_first_table: int = 3
) -> bytes:
    """A real .docx from a fixture text. Consecutive Markdown tables (pages of one appendix)
    become: the first ``pages_in_first_table`` pages in one Word table with the header repeated
    inside, then one Word table per page, each after a page break."""
    doc = Document()
    if word_lists:
        _ensure_lists(doc)
    items = parse_source(source)
    letters = [0]
    in_letters: int | None = None
    i = 0
    while i < len(items):
        item = items[i]
        if isinstance(item, MdTable):
            pages = [item]
            while i + 1 < len(items) and isinstance(items[i + 1], MdTable):
                i += 1
                nxt = items[i]
                assert isinstance(nxt, MdTable)
                pages.append(nxt)
            header = pages[0].header
            first = [p.rows for p in pages[:pages_in_first_table]]
            _write_table(doc, header, first, merge_same)
            for page in pages[pages_in_first_table:]:
                _page_break(doc)
                _write_table(doc, page.header, [page.rows], merge_same)
            i += 1
            continue
        text = item.text
        if word_lists and _LETTER.match(text):
            if in_letters is None:
                in_letters = _restart_letters(doc, letters)
            paragraph = doc.add_paragraph()
            _numbered(paragraph, in_letters)
            _add_runs(paragraph, _LETTER.sub("", text))
        elif word_lists and _BULLET.match(text):
            paragraph = doc.add_paragraph()
            _numbered(paragraph, _NUMBERING_IDS["bullet"])
            _add_runs(paragraph, _BULLET.sub("", text))
        else:
            if not _BULLET.match(text):
                in_letters = None if not _LETTER.match(text) else in_letters
            paragraph = doc.add_paragraph()
            _add_runs(paragraph, text)
        if word_lists and re.match(r"^\d+(\.\d+)*\.\s", text):
            in_letters = None
        i += 1
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


# --------------------------------------------------------------------------------------------
# .xlsx and tab-separated text


def _appendix(source: str) -> tuple[list[str], list[MdTable]]:
    items = parse_source(source)
    tables = [it for it in items if isinstance(it, MdTable)]
    return tables[0].header, tables


def build_xlsx(source: str) -> bytes:
    """The appendix of a fixture as an Excel workbook: a first sheet without a table, then the
    task sheet with title rows, merged section rows and merged shared leads."""
    header, pages = _appendix(source)
    wb = Workbook()
    first = wb.active
    assert first is not None
    first.title = "Hướng dẫn"
    first["A1"] = "Sheet tiếp theo là phụ lục nhiệm vụ; không sửa tên cột."
    ws = wb.create_sheet("Phụ lục")
    width = len(header)
    ws.append(["PHỤ LỤC"])
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=width)
    ws.append(["CÁC NHIỆM VỤ CỤ THỂ CỦA ĐỀ ÁN 06 TRÊN ĐỊA BÀN THỊ XÃ BỈM SƠN NĂM 2024"])
    ws.merge_cells(start_row=2, start_column=1, end_row=2, end_column=width)
    ws.append(["(Kèm theo Kế hoạch số /KH-UBND ngày tháng năm 2024 của UBND thị xã Bỉm Sơn)"])
    ws.append([])
    ws.append(header)
    task_rows: list[tuple[int, list[str]]] = []
    for p, page in enumerate(pages):
        if p in {2, 4}:  # a header repeated, as when a PDF was converted page by page
            ws.append(page.header)
            task_rows.append((-1, []))
        for src in page.rows:
            row = [plain_text(c) for c in src]
            start = _section_start(row)
            if start is not None:
                ws.append([row[0], row[1]])
                r = ws.max_row
                ws.merge_cells(start_row=r, start_column=start + 1, end_row=r, end_column=width)
                task_rows.append((-1, []))
                continue
            code = row[0].rstrip(".")
            values: list[object] = [int(code) if code.isdigit() else code, *row[1:]]
            ws.append(values)
            task_rows.append((ws.max_row, row) if code else (-1, []))
    # merge equal leads of neighbouring tasks
    col = 3
    start = 0
    while start < len(task_rows):
        r, src = task_rows[start]
        end = start
        if r > 0:
            while (
                end + 1 < len(task_rows)
                and task_rows[end + 1][0] > 0
                and task_rows[end + 1][1][col - 1] == src[col - 1]
            ):
                end += 1
        if end > start:
            ws.merge_cells(start_row=r, start_column=col, end_row=task_rows[end][0], end_column=col)
        start = end + 1
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


NOTES = {"36": "Nhiệm vụ chuyển tiếp từ năm 2022", "4": "Chỉ tiêu cấp xã 90%"}


def build_tsv(source: str) -> str:
    """The fixture as pasted text: its paragraphs, then the appendix as tab-separated lines with
    an extra "Ghi chú" column, the header repeated at each page and one quoted multi-line cell."""
    items = parse_source(source)
    out: list[str] = []
    in_table = False
    for item in items:
        if isinstance(item, Para):
            out.append(item.text)
            in_table = False
            continue
        out.append("\t".join([*item.header, "Ghi chú"]))
        if not in_table:
            in_table = True
        for src in item.rows:
            row = [plain_text(c) for c in src]
            code = row[0].rstrip(".")
            if code == "4":
                lead = row[2].replace("; ", "\n")
                row[2] = '"' + lead.replace('"', '""') + '"'
            out.append("\t".join([*row, NOTES.get(code, "")]))
    return "\n".join(out) + "\n"


# --------------------------------------------------------------------------------------------
# Synthetic plans and a scan

_LEADS = [
    "Công an thị xã",
    "Văn phòng HĐND&UBND thị xã",
    "Phòng Tư pháp",
    "Phòng Văn hóa và Thông tin",
    "Phòng Lao động - Thương binh và Xã hội",
    "Phòng Tài chính - Kế hoạch",
    "Bộ phận Tiếp nhận và Trả kết quả thị xã",
    "Các phòng, ban UBND thị xã",
    "UBND các phường, xã",
    "Phòng Nội vụ",
]
_SUPPORTS = [
    "Các cơ quan, đơn vị liên quan",
    "Công an thị xã; UBND xã, phường",
    "Văn phòng HĐND và UBND thị xã, Phòng Tư pháp",
    "Sở Thông tin và Truyền thông; Sở Lao động - Thương binh và Xã hội",
    "",
]
_DEADLINES = [
    "Thực hiện thường xuyên",
    "Quý I/2024",
    "Tháng 8/2024",
    "Trong năm 2024 và thực hiện thường xuyên",
    "30/6/2024",
    "Khi có chỉ đạo của Bộ Công an",
    "Đạt từ 70% trở lên từ quý II/2024 và đạt 90% trở lên từ quý III năm 2024",
]
_VERBS = ["Tiếp tục rà soát", "Đẩy mạnh", "Tổ chức thực hiện", "Tham mưu ban hành", "Hướng dẫn, kiểm tra"]
_OBJECTS = [
    "thủ tục hành chính liên quan đến dữ liệu dân cư",
    "việc số hóa hồ sơ, kết quả giải quyết thủ tục hành chính",
    "công tác tuyên truyền về tài khoản định danh điện tử VNeID",
    "việc kết nối, chia sẻ dữ liệu với Cơ sở dữ liệu quốc gia về dân cư",
    "chi trả an sinh xã hội không dùng tiền mặt",
]


def synthetic_source(n_tasks: int, seed: int = 6) -> list[tuple[str, list[str]]]:
    """[(kind, cells)] rows of a synthetic appendix: "section", "task", "cont" (continuation)."""
    rnd = random.Random(seed)
    rows: list[tuple[str, list[str]]] = []
    section = 0
    for k in range(1, n_tasks + 1):
        if k % 25 == 1:
            section += 1
            roman = _roman(section)
            rows.append(
                (
                    "section",
                    [
                        roman,
                        f"Nhóm nhiệm vụ số {section} ({min(25, n_tasks - k + 1):02d} nhiệm vụ)",
                        "",
                        "",
                        "",
                    ],
                )
            )
        content = (
            f"{rnd.choice(_VERBS)} {rnd.choice(_OBJECTS)} (nhiệm vụ số {k}) trên địa bàn thị xã năm 2024"
        )
        lead = "; ".join(rnd.sample(_LEADS, rnd.choice((1, 1, 2, 3))))
        rows.append(("task", [f"{k}.", content, lead, rnd.choice(_SUPPORTS), rnd.choice(_DEADLINES)]))
        if k % 40 == 0:
            rows.append(("cont", ["", "và báo cáo kết quả về Thường trực Tổ công tác.", "", "", ""]))
    return rows


def _roman(n: int) -> str:
    out = []
    for value, letters in (
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ):
        while n >= value:
            out.append(letters)
            n -= value
    return "".join(out)


HEADER = ["TT", "Nội dung, nhiệm vụ cụ thể", "Đơn vị chủ trì", "Đơn vị phối hợp", "Thời gian hoàn thành"]


def build_synthetic_docx(n_tasks: int = 1000, seed: int = 6) -> bytes:
    """A plan with ``n_tasks`` tasks in one appendix table (header repeated every 30 rows,
    continuation rows, merged section rows)."""
    doc = Document()
    doc.add_paragraph("Số: 99/KH-UBND")
    doc.add_paragraph("Bỉm Sơn, ngày 05 tháng 02 năm 2024")
    doc.add_paragraph("KẾ HOẠCH")
    doc.add_paragraph("Triển khai thực hiện Đề án 06 trên địa bàn thị xã Bỉm Sơn năm 2024")
    doc.add_paragraph("I. MỤC ĐÍCH, YÊU CẦU")
    doc.add_paragraph("- Bảo đảm tiến độ các nhiệm vụ của Đề án 06.")
    doc.add_paragraph("Phụ lục CÁC NHIỆM VỤ CỤ THỂ")
    pages: list[list[list[str]]] = [[]]
    for kind, cells in synthetic_source(n_tasks, seed):
        if len(pages[-1]) >= 30 and kind != "cont":
            pages.append([])
        pages[-1].append(cells)
    _write_table(doc, HEADER, pages, merge_same=False)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def tiny_png() -> bytes:
    """A valid 2×2 grey PNG."""
    raw = b"".join(b"\x00" + b"\x80\x80\x80" * 2 for _ in range(2))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data))
            + kind
            + data
            + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
        )

    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", struct.pack(">IIBBBBB", 2, 2, 8, 2, 0, 0, 0))
        + chunk(b"IDAT", zlib.compress(raw))
        + chunk(b"IEND", b"")
    )


def build_image_only_docx() -> bytes:
    doc = Document()
    doc.add_picture(io.BytesIO(tiny_png()))
    doc.add_picture(io.BytesIO(tiny_png()))
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def build_docx_paragraphs(lines: list[str]) -> bytes:
    doc = Document()
    for line in lines:
        _add_runs(doc.add_paragraph(), line)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


CFB = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def fake_cfb(*streams: str) -> bytes:
    """The start of an OLE compound file whose directory names the given streams (a password-
    protected Office file holds ``EncryptionInfo`` and ``EncryptedPackage``)."""
    directory = b"".join(
        name.encode("utf-16-le") + b"\x00" * (64 - 2 * len(name)) + b"\x00" * 64 for name in streams
    )
    return CFB + b"\x00" * 504 + directory + b"\x00" * 1024

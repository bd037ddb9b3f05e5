"""The compiled report as a Word document laid out like a Vietnamese administrative report.

Layout after Nghị định 30/2020/NĐ-CP: the two-column heading (issuing body and number on the
left, national name, motto, place and date on the right), the title, numbered parts, the
signature block and "Nơi nhận". Times New Roman 13pt on A4 with the usual margins.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Sequence
from datetime import date

from docx import Document
from docx.document import Document as DocumentObject
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Length, Pt
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph

from locales import _, short_day
from plans.text import shorten
from render.report_model import (
    STANDINGS,
    CompiledReport,
    ReportTask,
    count_standings,
    parent_body_of,
    place_of,
    printable,
    share,
    standing_label,
    status_text,
    summary_total,
)

FONT = "Times New Roman"
BODY_SIZE = Pt(13)
TABLE_SIZE = Pt(12)
SMALL_SIZE = Pt(11)
CONTENT_LIMIT = 220  # characters of a task's content in the tables; the spreadsheet has it all
TEXT_WIDTH = Cm(21.0 - 3.0 - 2.0)  # A4 minus the left and right margins


def admin_date(place: str, value: date) -> str:
    """``Đức Phổ, ngày 05 tháng 7 năm 2024``.

    Nghị định 30/2020/NĐ-CP (Phụ lục I): days below 10 and the months 1 and 2 are written
    with a leading zero; the other months are not.
    """
    month = f"{value.month:02d}" if value.month <= 2 else str(value.month)
    return _(
        "{place}, ngày {day} tháng {month} năm {year}",
        place=place,
        day=f"{value.day:02d}",
        month=month,
        year=value.year,
    )


def compiled_docx(report: CompiledReport) -> bytes:
    """The report as the bytes of a .docx file."""
    doc = Document()
    _page_and_fonts(doc)
    _heading(doc, report)
    _title(doc, report)
    _summary_part(doc, report)
    _sections_part(doc, report)
    _overdue_part(doc, report)
    _missing_part(doc, report)
    _excerpts_part(doc, report)
    _signature(doc)
    doc.core_properties.title = printable(
        _("Báo cáo kết quả thực hiện nhiệm vụ Đề án 06 {period}", period=report.period_label)
    )
    doc.core_properties.author = printable(report.issuer)
    doc.core_properties.language = "vi-VN"
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


# --- page, fonts, small helpers -------------------------------------------------------------


def _page_and_fonts(doc: DocumentObject) -> None:
    section = doc.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Cm(21.0), Cm(29.7)
    section.top_margin, section.bottom_margin = Cm(2.0), Cm(2.0)
    section.left_margin, section.right_margin = Cm(3.0), Cm(2.0)
    section.header_distance, section.footer_distance = Cm(1.0), Cm(1.0)
    # Page numbers: centred at the top, from the second page on.
    section.different_first_page_header_footer = True
    number = section.header.paragraphs[0]
    number.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _page_field(number)

    normal = doc.styles["Normal"]
    font = normal.font
    font.name = FONT
    font.size = BODY_SIZE
    # The East Asian and complex-script slots too, or Word may pick another font for some
    # Vietnamese letters; in the defaults as well as in Normal, for text outside Normal.
    defaults = doc.styles.element.find(qn("w:docDefaults"))
    default_rpr = defaults.find(f"{qn('w:rPrDefault')}/{qn('w:rPr')}") if defaults is not None else None
    for r_pr in (normal.element.get_or_add_rPr(), default_rpr):
        if r_pr is None:
            continue
        fonts = r_pr.find(qn("w:rFonts"))
        if fonts is None:
            fonts = OxmlElement("w:rFonts")
            r_pr.insert(0, fonts)
        for attr in list(fonts.attrib):
            del fonts.attrib[attr]  # drop the theme fonts, which win over named ones
        for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
            fonts.set(qn(attr), FONT)
        lang = r_pr.find(qn("w:lang"))
        if lang is None:
            lang = OxmlElement("w:lang")
            r_pr.append(lang)  # lang comes after rFonts and sz in the schema's order
        lang.set(qn("w:val"), "vi-VN")
        lang.set(qn("w:eastAsia"), "vi-VN")
    paragraph = normal.paragraph_format
    paragraph.space_before = Pt(0)
    paragraph.space_after = Pt(6)
    paragraph.line_spacing = 1.15


def _page_field(paragraph: Paragraph) -> None:
    run = paragraph.add_run()
    for kind, text in (("begin", None), (None, " PAGE "), ("separate", None), (None, "2"), ("end", None)):
        if kind is not None:
            char = OxmlElement("w:fldChar")
            char.set(qn("w:fldCharType"), kind)
            run._r.append(char)
        elif text == " PAGE ":
            instr = OxmlElement("w:instrText")
            instr.set(qn("xml:space"), "preserve")
            instr.text = text
            run._r.append(instr)
        else:
            shown = OxmlElement("w:t")
            shown.text = text
            run._r.append(shown)


def _para(
    container: DocumentObject | _Cell,
    text: str = "",
    *,
    bold: bool = False,
    italic: bool = False,
    size: Length | None = None,
    align: WD_ALIGN_PARAGRAPH | None = None,
    after: float | None = None,
    indent: Length | None = None,
) -> Paragraph:
    paragraph = container.add_paragraph()
    if text:
        _run(paragraph, text, bold=bold, italic=italic, size=size)
    if align is not None:
        paragraph.alignment = align
    if after is not None:
        paragraph.paragraph_format.space_after = Pt(after)
    if indent is not None:
        paragraph.paragraph_format.first_line_indent = indent
    return paragraph


def _run(
    paragraph: Paragraph, text: str, *, bold: bool = False, italic: bool = False, size: Length | None = None
) -> None:
    run = paragraph.add_run(printable(text))
    run.bold = bold or None
    run.italic = italic or None
    if size is not None:
        run.font.size = size


def _cell_text(
    cell: _Cell,
    lines: Iterable[str],
    *,
    bold: bool = False,
    size: Length = TABLE_SIZE,
    align: WD_ALIGN_PARAGRAPH | None = None,
    italic_after_first: bool = False,
) -> None:
    """Fill ``cell`` with one paragraph per line (the first reuses the cell's own paragraph)."""
    for i, line in enumerate(lines):
        paragraph = cell.paragraphs[0] if i == 0 else cell.add_paragraph()
        paragraph.paragraph_format.space_after = Pt(0)
        paragraph.paragraph_format.line_spacing = 1.0
        if align is not None:
            paragraph.alignment = align
        _run(paragraph, line, bold=bold, italic=italic_after_first and i > 0, size=size)


def _short_rule(paragraph: Paragraph, width: Length, cell_width: Length) -> None:
    """A short centred horizontal line: the top border of an otherwise empty paragraph."""
    # The border goes in first: python-docx then inserts spacing and indents after it, in the
    # order the schema requires (Word refuses a file whose w:pBdr follows w:spacing).
    borders = OxmlElement("w:pBdr")
    top = OxmlElement("w:top")
    for attr, value in (("w:val", "single"), ("w:sz", "6"), ("w:space", "1"), ("w:color", "000000")):
        top.set(qn(attr), value)
    borders.append(top)
    paragraph._p.get_or_add_pPr().append(borders)
    margin = max(0, (cell_width - width) // 2)
    fmt = paragraph.paragraph_format
    fmt.left_indent, fmt.right_indent = Length(margin), Length(margin)
    fmt.space_before, fmt.space_after = Pt(0), Pt(2)
    fmt.line_spacing = Pt(4)


def _widths(table: Table, widths: Sequence[Length]) -> None:
    """Fixed column widths that both Word (cell widths) and LibreOffice (grid) honour."""
    table.autofit = False
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    grid = table._tbl.tblGrid
    for col, width in zip(grid.findall(qn("w:gridCol")), widths, strict=True):
        col.set(qn("w:w"), str(int(width.twips)))
    for row in table.rows:
        for cell, width in zip(row.cells, widths, strict=True):
            cell.width = width


def _header_row(table: Table, titles: list[str]) -> None:
    row = table.rows[0]
    # Repeat the header on every page the table runs over.
    tr_pr = row._tr.get_or_add_trPr()
    repeat = OxmlElement("w:tblHeader")
    repeat.set(qn("w:val"), "true")
    tr_pr.append(repeat)
    for cell, title in zip(row.cells, titles, strict=True):
        _cell_text(cell, [title], bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
        _shade(cell, "E7E6E6")


def _shade(cell: _Cell, fill: str) -> None:
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), fill)
    cell._tc.get_or_add_tcPr().append(shading)


def _grid(
    doc: DocumentObject, titles: list[str], rows: list[list[list[str]]], widths: Sequence[Length]
) -> Table:
    """A bordered table: a header row, then one row per item, each cell a list of lines."""
    table = doc.add_table(rows=1 + len(rows), cols=len(titles))
    table.style = doc.styles["Table Grid"]
    _header_row(table, titles)
    for row, values in zip(table.rows[1:], rows, strict=True):
        for cell, lines in zip(row.cells, values, strict=True):
            _cell_text(cell, lines, italic_after_first=True)
    _widths(table, widths)
    # Leave a little air after the table.
    _para(doc, after=0).paragraph_format.space_after = Pt(3)
    return table


def _part(doc: DocumentObject, text: str) -> None:
    paragraph = _para(doc, text, bold=True, after=6)
    paragraph.paragraph_format.space_before = Pt(6)
    paragraph.paragraph_format.keep_with_next = True


def _body(doc: DocumentObject, text: str, *, italic: bool = False) -> Paragraph:
    paragraph = _para(doc, text, italic=italic, align=WD_ALIGN_PARAGRAPH.JUSTIFY, indent=Cm(1.0))
    return paragraph


def _due(task: ReportTask) -> str:
    return short_day(task.due) if task.due is not None else "—"


def _capital(text: str) -> str:
    text = text.strip()
    return text[:1].upper() + text[1:]


def _judgement(task: ReportTask) -> str:
    """The standing in words, with the days late when the task was or is late."""
    if task.standing == "overdue" and task.days_late > 0:
        return _("Quá hạn {n} ngày", n=task.days_late)
    if task.standing == "done_late" and task.days_late > 0:
        return _("Hoàn thành quá hạn {n} ngày", n=task.days_late)
    return standing_label(task.standing)


# --- the parts --------------------------------------------------------------------------------


def _heading(doc: DocumentObject, report: CompiledReport) -> None:
    left_width, right_width = Cm(6.2), Cm(9.8)
    table = doc.add_table(rows=1, cols=2)  # no style: the built-in "Normal Table" has no borders
    left, right = table.rows[0].cells
    center = WD_ALIGN_PARAGRAPH.CENTER
    _cell_text(left, [parent_body_of(report).upper()], size=Pt(12), align=center)
    issuer = left.add_paragraph()
    issuer.alignment = center
    issuer.paragraph_format.space_after = Pt(0)
    _run(issuer, report.issuer.upper(), bold=True, size=Pt(12))
    _short_rule(left.add_paragraph(), Cm(2.0), left_width)
    number = left.add_paragraph()
    number.alignment = center
    number.paragraph_format.space_before = Pt(4)
    _run(number, _("Số:        /BC-TCT"), size=Pt(13))

    _cell_text(right, [_("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")], bold=True, size=Pt(12), align=center)
    motto = right.add_paragraph()
    motto.alignment = center
    motto.paragraph_format.space_after = Pt(0)
    _run(motto, _("Độc lập - Tự do - Hạnh phúc"), bold=True, size=Pt(13))
    _short_rule(right.add_paragraph(), Cm(5.6), right_width)
    place = right.add_paragraph()
    place.alignment = center
    place.paragraph_format.space_before = Pt(4)
    _run(place, admin_date(place_of(report), report.issued_on), italic=True, size=Pt(13))
    _widths(table, [left_width, right_width])


def _title(doc: DocumentObject, report: CompiledReport) -> None:
    center = WD_ALIGN_PARAGRAPH.CENTER
    heading = _para(doc, _("BÁO CÁO"), bold=True, size=Pt(14), align=center, after=0)
    heading.paragraph_format.space_before = Pt(18)
    _para(
        doc,
        _("Kết quả thực hiện nhiệm vụ Đề án 06 {period}", period=report.period_label),
        bold=True,
        size=Pt(14),
        align=center,
        after=0,
    )
    _short_rule(_para(doc), Cm(3.0), TEXT_WIDTH)
    _para(doc, after=6)


def _summary_part(doc: DocumentObject, report: CompiledReport) -> None:
    _part(doc, _("I. TỔNG HỢP"))
    total = summary_total(report.summary)
    done = report.summary.get("done_on_time", 0) + report.summary.get("done_late", 0)
    overdue = report.summary.get("overdue", 0)
    _body(
        doc,
        _(
            "Tổng số nhiệm vụ: {total}; đã hoàn thành: {done} ({done_share}), trong đó hoàn thành "
            "quá hạn: {done_late}; đang quá hạn chưa hoàn thành: {overdue} ({overdue_share}).",
            total=total,
            done=done,
            done_share=share(done, total),
            done_late=report.summary.get("done_late", 0),
            overdue=overdue,
            overdue_share=share(overdue, total),
        ),
    )
    rows = [
        [[standing_label(s)], [str(report.summary.get(s, 0))], [share(report.summary.get(s, 0), total)]]
        for s in STANDINGS
    ]
    rows.append([[_("Tổng số")], [str(total)], [share(total, total)]])
    table = _grid(doc, [_("Tình trạng"), _("Số nhiệm vụ"), _("Tỷ lệ")], rows, [Cm(8.0), Cm(3.5), Cm(3.0)])
    for row in table.rows[1:]:
        for cell in row.cells[1:]:
            cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
    for cell in table.rows[-1].cells:
        for run in cell.paragraphs[0].runs:
            run.bold = True


def _sections_part(doc: DocumentObject, report: CompiledReport) -> None:
    _part(doc, _("II. KẾT QUẢ THEO NHÓM NHIỆM VỤ"))
    if not report.sections:
        _body(doc, _("Chưa có nhiệm vụ nào trong kỳ báo cáo."), italic=True)
        return
    titles = [_("TT/Mã"), _("Nội dung nhiệm vụ"), _("Đơn vị chủ trì"), _("Thời hạn"), _("Tình trạng")]
    widths = [Cm(1.5), Cm(6.3), Cm(3.4), Cm(2.3), Cm(2.5)]
    for number, (name, tasks) in enumerate(report.sections, start=1):
        heading = _para(doc, f"{number}. {name.strip() or _('Nhiệm vụ khác')}", bold=True, after=3)
        heading.paragraph_format.keep_with_next = True
        counts = count_standings(tasks)
        done = counts["done_on_time"] + counts["done_late"]
        line = _para(
            doc,
            _(
                "Số nhiệm vụ: {total}; đã hoàn thành: {done}; quá hạn: {overdue}.",
                total=len(tasks),
                done=done,
                overdue=counts["overdue"],
            ),
            italic=True,
            after=3,
        )
        line.paragraph_format.keep_with_next = True
        rows = [
            [
                [task.code],
                [shorten(task.content, CONTENT_LIMIT)],
                [task.lead],
                [_due(task)],
                [_capital(status_text(task)), _judgement(task)],
            ]
            for task in tasks
        ]
        _grid(doc, titles, rows, widths)


def _overdue_part(doc: DocumentObject, report: CompiledReport) -> None:
    _part(doc, _("III. NHIỆM VỤ QUÁ HẠN"))
    if not report.overdue:
        _body(doc, _("Không có nhiệm vụ quá hạn."))
        return
    tasks = sorted(report.overdue, key=lambda t: -t.days_late)  # the latest first; stable otherwise
    _body(doc, _("Có {n} nhiệm vụ quá hạn chưa hoàn thành:", n=len(tasks)))
    titles = [_("Mã"), _("Nội dung"), _("Đơn vị"), _("Hạn"), _("Số ngày quá hạn")]
    rows = [
        [[t.code], [shorten(t.content, CONTENT_LIMIT)], [t.lead], [_due(t)], [str(t.days_late)]]
        for t in tasks
    ]
    table = _grid(doc, titles, rows, [Cm(1.5), Cm(6.8), Cm(3.6), Cm(2.3), Cm(1.8)])
    for row in table.rows[1:]:
        row.cells[4].paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER


def _missing_part(doc: DocumentObject, report: CompiledReport) -> None:
    _part(doc, _("IV. ĐƠN VỊ CHƯA GỬI BÁO CÁO"))
    if not report.missing_reports:
        _body(doc, _("Tất cả đơn vị đã gửi báo cáo."))
        return
    _body(
        doc,
        _(
            "Có {n} đơn vị chưa gửi báo cáo {period}:",
            n=len(report.missing_reports),
            period=report.period_label,
        ),
    )
    for number, agency in enumerate(report.missing_reports, start=1):
        _para(doc, f"{number}. {agency}", after=2, indent=Cm(1.0))


def _excerpts_part(doc: DocumentObject, report: CompiledReport) -> None:
    _part(doc, _("V. TRÍCH NỘI DUNG BÁO CÁO CỦA CÁC ĐƠN VỊ"))
    if not report.excerpts:
        _body(doc, _("Chưa có đơn vị nào gửi nội dung báo cáo."))
        return
    for number, excerpt in enumerate(report.excerpts, start=1):
        who = _para(doc, after=2, indent=Cm(1.0))
        who.paragraph_format.keep_with_next = True
        _run(who, f"{number}. ")
        _run(who, excerpt.agency, bold=True)
        _run(who, " " + _("(ngày {day}):", day=short_day(excerpt.at.date())), italic=True)
        lines = [line.strip() for line in excerpt.text.splitlines() if line.strip()]
        for line in lines or ["—"]:
            _body(doc, line).paragraph_format.space_after = Pt(3)


def _signature(doc: DocumentObject) -> None:
    _para(doc, after=6)
    table = doc.add_table(rows=1, cols=2)
    recipients, signer = table.rows[0].cells
    _cell_text(recipients, [_("Nơi nhận:")], size=Pt(12))
    recipients.paragraphs[0].runs[0].bold = True
    recipients.paragraphs[0].runs[0].italic = True
    for line in (
        _("- Thường trực Tổ công tác cấp trên (để b/c);"),
        _("- Các thành viên Tổ công tác;"),
        _("- Lưu: VT."),
    ):
        paragraph = recipients.add_paragraph()
        paragraph.paragraph_format.space_after = Pt(0)
        _run(paragraph, line, size=SMALL_SIZE)
    center = WD_ALIGN_PARAGRAPH.CENTER
    _cell_text(signer, [_("TM. TỔ CÔNG TÁC")], bold=True, align=center)
    hint = signer.add_paragraph()
    hint.alignment = center
    _run(hint, _("(Ký, ghi rõ họ tên)"), italic=True)
    for _blank in range(4):  # room for the signature and the seal
        signer.add_paragraph()
    _widths(table, [Cm(7.5), Cm(8.5)])

"""Layouts and behaviours the three samples do not cover: inline prose, two-row headers and
extra columns, group rows, several sheets, .csv, and the warnings."""

from __future__ import annotations

import io
from datetime import datetime

from docx import Document
from docx.oxml import OxmlElement
from openpyxl import Workbook

from plans.agencies import AgencyRef, Registry
from plans.documents import ParsedPlan, ParsedTask, read_document
from plans.review import plan_doubts
from tests import docbuild
from tests.plans.conftest import TABLE_PLAN, fixture_text

PROSE = """\
Số: 12/KH-UBND
Bỉm Sơn, ngày 10 tháng 01 năm 2022
KẾ HOẠCH
Triển khai Đề án 06 năm 2022 trên địa bàn thị xã Bỉm Sơn
I. MỤC ĐÍCH, YÊU CẦU
- Bảo đảm tiến độ, chất lượng các nhiệm vụ.
II. NHIỆM VỤ CỤ THỂ
1. Về dịch vụ công
- Rà soát, cắt giảm thành phần hồ sơ đã có trong Cơ sở dữ liệu quốc gia về dân cư (*Công an thị xã chủ trì, phối hợp với Phòng Tư pháp, UBND các xã, phường*). *Hoàn thành trong quý I/2022.*
- Tuyên truyền, hướng dẫn người dân kích hoạt tài khoản định danh điện tử (Phòng Văn hóa và Thông tin chủ trì).
*Hoàn thành trong tháng 6/2022.*
- Tổ chức tập huấn cho cán bộ bộ phận một cửa về dịch vụ công trực tuyến.
2. Về dữ liệu
- Làm sạch dữ liệu hộ tịch (Phòng Tư pháp chủ trì, phối hợp Công an thị xã). *Thực hiện thường xuyên.*
III. TỔ CHỨC THỰC HIỆN
- Giao Công an thị xã theo dõi, đôn đốc, tổng hợp.
Nơi nhận:
- Như trên;
"""


def _names(refs: list[AgencyRef]) -> list[str]:
    return [r.name for r in refs]


def _check_prose(plan: ParsedPlan) -> None:
    tasks = {t.code: t for t in plan.tasks}
    assert list(tasks) == ["1.1", "1.2", "1.3", "2.1", "III.1"]
    one = tasks["1.1"]
    assert one.content == "Rà soát, cắt giảm thành phần hồ sơ đã có trong Cơ sở dữ liệu quốc gia về dân cư"
    assert _names(one.lead) == ["Công an thị xã"]
    assert _names(one.support) == ["Phòng Tư pháp", "UBND cấp xã"]
    assert one.deadline_text == "Hoàn thành trong quý I/2022."
    assert one.section == "1. Về dịch vụ công"
    two = tasks["1.2"]
    assert _names(two.lead) == ["Phòng Văn hóa và Thông tin"] and two.support == []
    assert two.deadline_text == "Hoàn thành trong tháng 6/2022."
    three = tasks["1.3"]
    assert [(r.written, r.assumed) for r in three.lead] == [("UBND thị xã Bỉm Sơn", True)]
    assert three.deadline_text == "" and three.deadline.kind == "unknown"  # nothing written: unknown
    four = tasks["2.1"]
    assert _names(four.lead) == ["Phòng Tư pháp"] and _names(four.support) == ["Công an thị xã"]
    assert four.deadline_text == "Thực hiện thường xuyên."
    follow_up = tasks["III.1"]  # "Giao Công an thị xã theo dõi …" under "Tổ chức thực hiện"
    assert _names(follow_up.lead) == ["Công an thị xã"] and follow_up.section == "III. TỔ CHỨC THỰC HIỆN"
    assert plan.plan.number == "12/KH-UBND"
    assert plan.plan.issued is not None and plan.plan.issued.isoformat() == "2022-01-10"
    assert plan_doubts(plan.tasks).assumed_lead == ["1.3"]  # the preview says the issuer stands in


def test_inline_prose_text() -> None:
    _check_prose(read_document(PROSE.encode(), "ke-hoach.txt"))


def test_inline_prose_docx_with_italic_runs() -> None:
    data = docbuild.build_docx_paragraphs(PROSE.splitlines())
    _check_prose(read_document(data, "ke-hoach.docx"))


def _cell_text(cell: object, text: str) -> None:
    cell.paragraphs[0].add_run(text)  # type: ignore[attr-defined]


def _two_row_header_docx() -> bytes:
    """STT | Nhiệm vụ | Đơn vị thực hiện (over Chủ trì | Phối hợp) | Thời hạn | Hiện trạng | Cấp độ cần đạt."""
    doc = Document()
    doc.add_paragraph("KẾ HOẠCH")
    doc.add_paragraph("Triển khai các mô hình của Đề án 06 năm 2024 trên địa bàn tỉnh Quảng Ngãi")
    table = doc.add_table(rows=2, cols=7)
    top, sub = table.rows[0], table.rows[1]
    for c, text in enumerate(
        ["STT", "Nhiệm vụ", "Đơn vị thực hiện", "", "Thời hạn", "Hiện trạng", "Cấp độ cần đạt"]
    ):
        if text:
            _cell_text(top.cells[c], text)
    _cell_text(sub.cells[2], "Chủ trì")
    _cell_text(sub.cells[3], "Phối hợp")
    top.cells[2].merge(top.cells[3])
    for c in (0, 1, 4, 5, 6):
        top.cells[c].merge(sub.cells[c])
    for r in (top, sub):
        el = OxmlElement("w:tblHeader")
        r._tr.get_or_add_trPr().append(el)
    rows = [
        ["1", "Nhóm dịch vụ công", "", "", "", "", ""],
        [
            "1.1",
            "Tích hợp thanh toán trực tuyến",
            "Sở TT&TT",
            "Công an tỉnh; Sở Tài chính",
            "Quý II/2024",
            "Chưa triển khai",
            "Mức 2",
        ],
        ["1.2", "Số hóa hồ sơ đất đai", "Sở TN&MT", "", "Tháng 9/2024", "Đang làm", "Mức 3"],
        ["2", "Nhóm an sinh xã hội", "", "", "", "", ""],
        ["a", "Chi trả không dùng tiền mặt", "Sở LĐ-TB&XH", "Ngân hàng Nhà nước tỉnh", "30/6/2024", "", ""],
        ["b", "Cấp tài khoản an sinh xã hội", "Sở LĐTBXH", "", "Năm 2024", "", ""],
    ]
    for values in rows:
        row = table.add_row()
        for c, text in enumerate(values):
            if text:
                _cell_text(row.cells[c], text)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def test_two_row_header_group_rows_and_notes(agency_registry: Registry) -> None:
    plan = read_document(_two_row_header_docx(), "mo-hinh.docx", agency_registry)
    tasks = {t.code: t for t in plan.tasks}
    assert list(tasks) == ["1.1", "1.2", "2.a", "2.b"]
    first = tasks["1.1"]
    assert first.section == "1. Nhóm dịch vụ công"
    assert _names(first.lead) == ["Sở Thông tin và Truyền thông"]
    assert _names(first.support) == ["Công an tỉnh", "Sở Tài chính"]
    assert first.deadline_text == "Quý II/2024"
    assert first.notes == {"Hiện trạng": "Chưa triển khai", "Cấp độ cần đạt": "Mức 2"}
    assert tasks["2.a"].section == "2. Nhóm an sinh xã hội"
    assert _names(tasks["2.a"].lead) == _names(tasks["2.b"].lead) == ["Sở Lao động - Thương binh và Xã hội"]
    assert plan.plan.year == 2024


def test_tab_separated_with_extra_columns() -> None:
    text = "\n".join(
        [
            "PHỤ LỤC NHIỆM VỤ NĂM 2024",
            "TT\tNội dung\tCơ quan chủ trì\tCơ quan phối hợp\tThời gian thực hiện\tHiện trạng\tCấp độ cần đạt",
            "I\tVề dịch vụ công\t\t\t\t\t",
            "1\tTriển khai dịch vụ công liên thông\tVăn phòng HĐND&UBND thị xã\tPhòng Tư pháp, Công an thị xã\tQuý III/2024\tĐã có quy trình\tToàn trình",
            "\tkhai sinh, khai tử\t\t\t\t\t",
            "2\tTập huấn cán bộ một cửa\tPhòng Nội vụ\t\tThực hiện thường xuyên\t\t",
        ]
    )
    plan = read_document(text.encode(), "dan.txt")
    tasks = {t.code: t for t in plan.tasks}
    assert list(tasks) == ["1", "2"]
    assert tasks["1"].content == "Triển khai dịch vụ công liên thông khai sinh, khai tử"
    assert tasks["1"].section == "I. Về dịch vụ công"
    assert tasks["1"].notes == {"Hiện trạng": "Đã có quy trình", "Cấp độ cần đạt": "Toàn trình"}
    assert _names(tasks["1"].support) == ["Phòng Tư pháp", "Công an thị xã"]


def test_csv_file() -> None:
    text = (
        "STT;Nội dung nhiệm vụ;Đơn vị chủ trì;Đơn vị phối hợp;Thời hạn hoàn thành\n"
        "1;Rà soát thủ tục hành chính;Phòng Tư pháp;UBND các xã, phường;Tháng 8/2024\n"
    )
    plan = read_document(text.encode(), "nhiem-vu.csv")
    assert [(t.code, _names(t.lead), _names(t.support), t.deadline_text) for t in plan.tasks] == [
        ("1", ["Phòng Tư pháp"], ["UBND cấp xã"], "Tháng 8/2024")
    ]


def test_workbook_reads_the_first_sheet_with_a_table_and_says_so() -> None:
    wb = Workbook()
    notes = wb.active
    assert notes is not None
    notes.title = "Ghi chú"
    notes.append(["Bảng tổng hợp, không phải nhiệm vụ"])
    for title, lead in (("Năm 2024", "Công an thị xã"), ("Năm 2023", "Phòng Nội vụ")):
        ws = wb.create_sheet(title)
        ws.append(["TT", "Nội dung", "Đơn vị chủ trì", "Đơn vị phối hợp", "Thời gian hoàn thành"])
        ws.append([1, f"Nhiệm vụ {title}", lead, None, datetime(2024, 6, 30)])
    out = io.BytesIO()
    wb.save(out)
    plan = read_document(out.getvalue(), "nhiem-vu.xlsx")
    assert [(t.content, _names(t.lead), t.deadline_text) for t in plan.tasks] == [
        ("Nhiệm vụ Năm 2024", ["Công an thị xã"], "30/6/2024")  # a real date cell
    ]
    assert any("Năm 2023" in w for w in plan.warnings)


def _table_md(rows: list[str]) -> str:
    head = (
        "| TT | Nội dung | Đơn vị chủ trì | Đơn vị phối hợp | Thời gian hoàn thành |\n|---|---|---|---|---|\n"
    )
    return (
        "Số: 5/KH-CAX\nBỉm Sơn, ngày 02 tháng 3 năm 2024\nKẾ HOẠCH\nKiểm tra Đề án 06 năm 2024\n\n"
        + head
        + "\n".join(rows)
    )


def test_warnings_in_vietnamese() -> None:
    md = _table_md(
        [
            "| I | Về kiểm tra (02 nhiệm vụ) | | | |",
            "| 1 | Kiểm tra một cửa | | Công an thị xã | Chưa xác định |",
            "| 1 | Kiểm tra hồ sơ | Hợp tác xã Bình Minh | | |",
        ]
    )
    plan = read_document(md.encode(), "kh.md")
    doubts = plan_doubts(plan.tasks)  # what the preview lists under "Cần kiểm tra", with counts
    assert doubts.unread_deadline == ["1"]
    assert doubts.no_lead == ["1"] and doubts.no_deadline == ["1"]
    assert doubts.repeated_codes == ["1"]
    assert doubts.unknown == ["Hợp tác xã Bình Minh"]
    assert plan.unknown_agencies == ["Hợp tác xã Bình Minh"]


def test_section_counts_are_checked() -> None:
    source = fixture_text(TABLE_PLAN)
    start = source.index("| 2. | Tổ chức thực hiện các Nghị quyết")
    end = source.index("\n", start)
    plan = read_document((source[:start] + source[end + 1 :]).encode(), "kh.md")
    assert len([t for t in plan.tasks if t.layout == "bảng phụ lục"]) == 38
    assert "Mục «I. Về pháp lý (02 nhiệm vụ)» ghi 02 nhiệm vụ nhưng đọc được 1." in plan.warnings
    assert "Văn bản ghi 39 nhiệm vụ trong phụ lục nhưng đọc được 38." in plan.warnings


def test_registry_from_stored_data_changes_the_reading() -> None:
    """A working group's own agencies (from the database) resolve what the default list does not."""
    stored = Registry.from_records(
        [{"name": "Bưu điện thị xã", "aliases": ["Bru điện thị xã"], "collective": False, "members": []}]
    )
    from plans.agencies import default_registry

    registry = default_registry().with_agencies(stored.agencies)
    plan = read_document(fixture_text(TABLE_PLAN).encode(), "kh.md", registry)
    assert plan.unknown_agencies == []
    last: ParsedTask = [t for t in plan.tasks if t.layout == "bảng phụ lục"][-1]
    assert [r.name for r in last.support] == ["Công an thị xã", "Bưu điện thị xã"]
    assert last.support[1].written == "Bru điện thị xã"


def test_heading_table_of_a_real_word_plan(agency_registry: Registry) -> None:
    """The usual heading: a borderless two-column table (issuer | national motto; number | date)."""
    doc = Document()
    head = doc.add_table(rows=2, cols=2)
    _cell_text(head.cell(0, 0), "ỦY BAN NHÂN DÂN")
    head.cell(0, 0).add_paragraph("THỊ XÃ BỈM SƠN")
    _cell_text(head.cell(0, 1), "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")
    head.cell(0, 1).add_paragraph("Độc lập - Tự do - Hạnh phúc")
    _cell_text(head.cell(1, 0), "Số: 56/KH-UBND")
    _cell_text(head.cell(1, 1), "Bỉm Sơn, ngày 05 tháng 02 năm 2024")
    doc.add_paragraph("KẾ HOẠCH")
    doc.add_paragraph("Triển khai thực hiện Đề án 06 trên địa bàn thị xã Bỉm Sơn năm 2024")
    doc.add_paragraph("Căn cứ Kế hoạch số 43/KH-UBND ngày 16/02/2024 của UBND tỉnh Thanh Hóa.")
    table = doc.add_table(rows=1, cols=5)
    for c, text in enumerate(["TT", "Nội dung", "Đơn vị chủ trì", "Đơn vị phối hợp", "Thời gian hoàn thành"]):
        _cell_text(table.rows[0].cells[c], text)
    row = table.add_row()
    for c, text in enumerate(["1", "Rà soát thủ tục hành chính", "", "Phòng Tư pháp", "Tháng 8/2024"]):
        if text:
            _cell_text(row.cells[c], text)
    out = io.BytesIO()
    doc.save(out)
    plan = read_document(out.getvalue(), "ke-hoach.docx", agency_registry)
    info = plan.plan
    assert info.number == "56/KH-UBND"
    assert info.issued is not None and info.issued.isoformat() == "2024-02-05"
    assert info.issuer == "UBND thị xã Bỉm Sơn"
    assert info.kind == "Kế hoạch" and info.year == 2024
    [task] = plan.tasks
    assert [(r.written, r.name, r.assumed) for r in task.lead] == [
        ("UBND thị xã Bỉm Sơn", "UBND thị xã", True)
    ]
    assert plan_doubts(plan.tasks).assumed_lead == ["1"]

"""Bad input: every problem has its Vietnamese message, and nothing but DocumentError escapes."""

from __future__ import annotations

import contextlib
import io
import zipfile

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from plans.documents import DocumentError, ParsedPlan, Problem, parse_document, read_document
from plans.documents.errors import MAX_BYTES, default_message
from tests import docbuild
from tests.plans.conftest import LABELLED_PLAN, TABLE_PLAN, fixture_text

CFB = docbuild.CFB
_fake_cfb = docbuild.fake_cfb


def _problem(data: bytes, filename: str) -> DocumentError:
    with pytest.raises(DocumentError) as info:
        read_document(data, filename)
    return info.value


def test_empty() -> None:
    err = _problem(b"", "ke-hoach.docx")
    assert err.problem is Problem.EMPTY
    assert err.message == "Tệp gửi lên không có nội dung. Đề nghị kiểm tra lại tệp rồi gửi lại."
    assert _problem(b"  \n\t \r\n", "dan.txt").problem is Problem.EMPTY


def test_too_large() -> None:
    err = _problem(b"a" * (MAX_BYTES + 1), "ke-hoach.txt")
    assert err.problem is Problem.TOO_LARGE
    assert "lớn hơn 20 MB" in err.message and "Đề nghị" in err.message


@pytest.mark.parametrize(
    ("data", "filename", "words"),
    [
        (_fake_cfb("Workbook"), "phu-luc.xls", "định dạng cũ (.xls)"),
        (b"MZ\x90\x00\x03", "setup.exe", "chưa được hỗ trợ"),
    ],
)
def test_unsupported_type(data: bytes, filename: str, words: str) -> None:
    err = _problem(data, filename)
    assert err.problem is Problem.UNSUPPORTED_TYPE
    assert words in err.message and "Đề nghị" in err.message


def test_unsupported_zip_package() -> None:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as zf:
        zf.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        zf.writestr("content.xml", "<x/>")
    assert _problem(out.getvalue(), "ke-hoach.odt").problem is Problem.CONVERTER_UNAVAILABLE  # tests/readers


@pytest.mark.parametrize("filename", ["ke-hoach.docx", "phu-luc.xlsx"])
def test_encrypted_office_file(filename: str) -> None:
    err = _problem(_fake_cfb("EncryptionInfo", "EncryptedPackage"), filename)
    assert err.problem is Problem.ENCRYPTED
    ext = filename[filename.rindex(".") :]
    assert (
        err.message == f"Tệp {ext} này được đặt mật khẩu nên không đọc được. Đề nghị gỡ mật khẩu rồi gửi lại."
    )


def test_corrupt() -> None:
    err = _problem(b"this is not a zip at all", "ke-hoach.docx")
    assert err.problem is Problem.CORRUPT
    assert err.message.startswith("Tệp .docx này bị hỏng hoặc không phải tệp Word thực sự.")
    # a zip that is not a Word package
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as zf:
        zf.writestr("readme.txt", "hello")
    assert _problem(out.getvalue(), "ke-hoach.docx").problem is Problem.CORRUPT
    # a Word package with broken XML
    good = docbuild.build_docx_paragraphs(["KẾ HOẠCH"])
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(good)) as src, zipfile.ZipFile(out, "w") as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            dst.writestr(item, b"<w:document><w:body><w:p>" if item.filename == "word/document.xml" else data)
    assert _problem(out.getvalue(), "ke-hoach.docx").problem is Problem.CORRUPT
    # truncated in the middle
    whole = docbuild.build_docx(fixture_text(LABELLED_PLAN))
    assert _problem(whole[: len(whole) // 2], "ke-hoach.docx").problem is Problem.CORRUPT
    xlsx = docbuild.build_xlsx(fixture_text(TABLE_PLAN))
    err = _problem(xlsx[: len(xlsx) - 200], "phu-luc.xlsx")
    assert err.problem is Problem.CORRUPT and "Excel" in err.message


def test_image_only_scan() -> None:
    err = _problem(docbuild.build_image_only_docx(), "ke-hoach-scan.docx")
    assert err.problem is Problem.IMAGE_ONLY
    assert err.message == (
        "Tệp .docx này chỉ có hình ảnh (bản chụp hoặc bản quét), không có chữ để đọc. "
        "Đề nghị gửi bản Word gốc của văn bản."
    )


def test_no_tasks() -> None:
    for data, filename in (
        (docbuild.build_docx_paragraphs(["Kính gửi các đồng chí.", "Xin cảm ơn."]), "thu.docx"),
        ("Hôm nay trời đẹp.\nKhông có nhiệm vụ nào cả.".encode(), "ghi-chu.txt"),
    ):
        err = _problem(data, filename)
        assert err.problem is Problem.NO_TASKS
        assert err.message.startswith("Không tìm thấy nhiệm vụ nào trong tệp.")


def test_every_problem_has_a_vietnamese_message() -> None:
    for problem in Problem:
        message = default_message(problem, ".docx")
        assert "Đề nghị" in message
        assert message.endswith(".")
        assert str(DocumentError(problem, ext=".docx")) == message


# --------------------------------------------------------------------------------------------
# Fuzzing: random bytes, truncated and damaged real files


def _must_be_clean(data: bytes, filename: str) -> None:
    try:
        result = read_document(data, filename)
    except DocumentError as err:
        assert err.message and isinstance(err.problem, Problem)
        return
    assert isinstance(result, ParsedPlan)


_NAMES = st.sampled_from(["a.docx", "a.xlsx", "a.txt", "a.md", "a.csv", "a.pdf", "a.doc", "a", "a.bin"])


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=4096), _NAMES)
def test_random_bytes(data: bytes, filename: str) -> None:
    _must_be_clean(data, filename)


@settings(max_examples=60, deadline=None)
@given(st.binary(max_size=2048))
def test_random_bytes_behind_office_magic(tail: bytes) -> None:
    _must_be_clean(b"PK\x03\x04" + tail, "a.docx")
    _must_be_clean(CFB + tail, "a.xlsx")


_DOCX = docbuild.build_docx(fixture_text(TABLE_PLAN))
_XLSX = docbuild.build_xlsx(fixture_text(TABLE_PLAN))


@settings(max_examples=80, deadline=None)
@given(
    st.integers(min_value=0, max_value=len(_DOCX)), st.sampled_from([(_DOCX, "a.docx"), (_XLSX, "a.xlsx")])
)
def test_truncated_real_files(cut: int, source: tuple[bytes, str]) -> None:
    data, filename = source
    _must_be_clean(data[: min(cut, len(data))], filename)


@settings(max_examples=80, deadline=None)
@given(
    st.lists(st.tuples(st.integers(min_value=0, max_value=len(_DOCX) - 1), st.integers(0, 255)), max_size=8)
)
def test_damaged_real_docx(flips: list[tuple[int, int]]) -> None:
    data = bytearray(_DOCX)
    for pos, value in flips:
        data[pos] = value
    _must_be_clean(bytes(data), "a.docx")


_FRAGMENTS = st.sampled_from(
    [
        "| TT | Nội dung | Đơn vị chủ trì | Đơn vị phối hợp | Thời gian hoàn thành |",
        "|---|---|---|---|---|",
        "| I | Về pháp lý (02 nhiệm vụ) | | | |",
        "| 1. | Rà soát văn bản | Phòng Tư pháp | UBND các phường, xã | Quý I/2024 |",
        "| | tiếp theo của dòng trên | Công an thị xã, | | |",
        "| a | | | | |",
        "TT\tNội dung\tCơ quan chủ trì\tCơ quan phối hợp\tThời gian\tGhi chú",
        '1\t"Nội dung\nnhiều dòng"\tSở Y tế\t\tQuý II/2024\t',
        "\tvà tiếp\t\t\t\t",
        "2.2.4. Triển khai mô hình điểm",
        "a) Mô hình điểm về dịch vụ công",
        "- Cơ quan chủ trì: Sở TT&TT, các sở, ban, ngành theo chức năng",
        "- Cơ quan phối hợp: Công an tỉnh và (các đơn vị",
        "- Thời gian hoàn thành: Trong Quý II/2023.",
        "(4) Sở Tài nguyên và Môi trường",
        "(6) Bảo hiểm xã hội tỉnh: Hoàn thành trước ngày 18/4/2024.",
        "- **Năm là:** (1) Đề nghị Sở Y tế chủ trì; (2) Giao Công an tỉnh phối hợp",
        "- Rà soát (Công an thị xã chủ trì, phối hợp với Phòng Tư pháp). *Hoàn thành trong quý I/2022.*",
        "*Thực hiện thường xuyên.*",
        "KẾ HOẠCH",
        "THÔNG BÁO",
        "Số: 56/KH-UBND",
        "Quảng Ngãi, ngày 04 tháng 4 năm 2024",
        "II. NHIỆM VỤ CỤ THỂ",
        "III. TỔ CHỨC THỰC HIỆN",
        "Nơi nhận:",
        "",
        "(((",
        "|",
        "\t\t\t",
        "*",
    ]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(_FRAGMENTS, st.text(max_size=40)), max_size=25), st.sampled_from(["a.txt", "a.md"]))
def test_text_layouts_never_break(lines: list[str], filename: str) -> None:
    """The layout readers themselves (without the last-resort conversion) never fail on odd text."""
    data = "\n".join(lines).encode("utf-8", errors="replace")
    with contextlib.suppress(DocumentError):
        parse_document(data, filename)

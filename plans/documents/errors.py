"""Why a document could not be read, said in Vietnamese to the person who sent it."""

from __future__ import annotations

from enum import StrEnum


class Problem(StrEnum):
    EMPTY = "empty"
    TOO_LARGE = "too_large"
    UNSUPPORTED_TYPE = "unsupported_type"
    CORRUPT = "corrupt"
    ENCRYPTED = "encrypted"
    IMAGE_ONLY = "image_only"
    NO_TASKS = "no_tasks"
    OCR_UNAVAILABLE = "ocr_unavailable"
    CONVERTER_UNAVAILABLE = "converter_unavailable"
    TOO_MANY_PAGES = "too_many_pages"
    CANCELLED = "cancelled"


MAX_BYTES = 20 * 1024 * 1024

_WORD = {".docx": "Word", ".docm": "Word", ".xlsx": "Excel", ".xlsm": "Excel"}

_UNSUPPORTED = {
    ".doc": "Tệp Word định dạng cũ (.doc) chưa đọc được. Đề nghị mở tệp bằng Word, chọn «Lưu thành» "
    "định dạng .docx rồi gửi lại.",
    ".xls": "Tệp Excel định dạng cũ (.xls) chưa đọc được. Đề nghị mở tệp bằng Excel, chọn «Lưu thành» "
    "định dạng .xlsx rồi gửi lại.",
    "image": "Định dạng ảnh này chưa đọc được. Đề nghị chụp lại thành ảnh JPEG hoặc PNG, hoặc gửi bản Word "
    "(.docx) của văn bản.",
}

_CONVERTIBLE = {
    ".doc": ("Tệp Word định dạng cũ (.doc)", "Word"),
    ".rtf": ("Tệp .rtf", "Word"),
    ".odt": ("Tệp .odt", "LibreOffice Writer hoặc Word"),
}


def default_message(problem: Problem, ext: str = "") -> str:
    """The Vietnamese sentence shown to the sender: what is wrong, then what to do."""
    ext = ext.lower()
    kind = f"Tệp {ext}" if ext else "Tệp"
    app = _WORD.get(ext, "Word hoặc Excel")
    if problem is Problem.EMPTY:
        return "Tệp gửi lên không có nội dung. Đề nghị kiểm tra lại tệp rồi gửi lại."
    if problem is Problem.TOO_LARGE:
        return (
            f"{kind} lớn hơn 20 MB nên không đọc được. Đề nghị bỏ bớt hình ảnh hoặc chỉ gửi phần "
            "phụ lục nhiệm vụ rồi gửi lại."
        )
    if problem is Problem.UNSUPPORTED_TYPE:
        return _UNSUPPORTED.get(
            ext,
            f"Định dạng tệp {ext or 'này'} chưa được hỗ trợ. Đề nghị gửi tệp Word (.docx), Excel (.xlsx) "
            "hoặc dán nội dung văn bản vào tin nhắn.",
        )
    if problem is Problem.CORRUPT and ext in {".txt", ".md", ".csv", ".tsv", ""}:
        return (
            f"{kind} này không phải văn bản đọc được (có ký tự lạ hoặc bị hỏng). Đề nghị dán nội dung văn bản "
            "vào tin nhắn hoặc gửi tệp Word (.docx)."
        )
    if problem is Problem.CORRUPT and ext == ".pdf":
        return "Tệp PDF này bị hỏng hoặc không mở được. Đề nghị xuất lại tệp PDF hoặc gửi bản Word (.docx) của văn bản."
    if problem is Problem.CORRUPT:
        return (
            f"{kind} này bị hỏng hoặc không phải tệp {app} thực sự. Đề nghị mở lại tệp bằng {app}, "
            "lưu lại rồi gửi lại."
        )
    if problem is Problem.ENCRYPTED:
        return f"{kind} này được đặt mật khẩu nên không đọc được. Đề nghị gỡ mật khẩu rồi gửi lại."
    if problem is Problem.OCR_UNAVAILABLE:
        return (
            f"{kind} này là bản quét hoặc ảnh chụp, cần nhận dạng chữ nhưng máy chủ chưa cài Tesseract. "
            "Đề nghị quản trị viên cài gói tesseract-ocr và tesseract-ocr-vie (Debian/Ubuntu: apt-get install "
            "tesseract-ocr tesseract-ocr-vie tesseract-ocr-osd), hoặc gửi bản Word (.docx) của văn bản."
        )
    if problem is Problem.CONVERTER_UNAVAILABLE:
        what, editor = _CONVERTIBLE.get(ext, (kind, "Word"))
        return (
            f"{what} chưa đọc được trên máy chủ này. Đề nghị mở tệp bằng {editor}, chọn «Lưu thành» định dạng "
            ".docx rồi gửi lại."
        )
    if problem is Problem.TOO_MANY_PAGES:
        return too_many_pages(0, 0)
    if problem is Problem.CANCELLED:
        return "Đã dừng đọc tệp theo yêu cầu, không có gì được lưu. Đề nghị gửi lại tệp khi cần đọc lại."
    if problem is Problem.IMAGE_ONLY:
        return (
            f"{kind} này chỉ có hình ảnh (bản chụp hoặc bản quét), không có chữ để đọc. Đề nghị gửi "
            "bản Word gốc của văn bản."
        )
    return (
        "Không tìm thấy nhiệm vụ nào trong tệp. Đề nghị gửi văn bản có phụ lục nhiệm vụ (bảng có cột "
        "Nội dung, Đơn vị chủ trì, Thời gian hoàn thành) hoặc có các mục ghi rõ «Cơ quan chủ trì»."
    )


def too_many_pages(pages: int, cap: int) -> str:
    """A scan longer than the OCR page cap: say both numbers and what to send instead."""
    size = f"có {pages} trang, quá giới hạn {cap} trang" if pages else "quá dài"
    return (
        f"Bản quét này {size} nhận dạng chữ mỗi lần. Đề nghị chỉ gửi các trang có phụ lục nhiệm vụ, "
        "hoặc gửi bản Word (.docx) của văn bản."
    )


class DocumentError(Exception):
    """A document that cannot be read. ``message`` is for the sender; ``detail`` for logs."""

    def __init__(
        self, problem: Problem, message: str | None = None, *, ext: str = "", detail: str = ""
    ) -> None:
        self.problem = problem
        self.message = message or default_message(problem, ext)
        self.detail = detail
        super().__init__(self.message)

    def __repr__(self) -> str:
        return f"DocumentError({self.problem.value!r}, {self.message!r})"

"""Reading a focal point's free-text answer to a reminder.

Agencies answer in free Vietnamese, with or without diacritics, often with an abbreviation,
a percentage, a date, an emoji. :func:`read_reply` turns such an answer into a
:class:`Reply`; it never raises, and it says ``unclear`` rather than guess (the bot then
asks with buttons).

How a reply is read (the text is folded: lower case, no diacritics, ``đ`` → ``d``):

1. **Masked first** (so that they never count as a signal): document numbers and the date
   that follows them (``Kế hoạch số 12/KH-UBND ngày 05/3/2024``); negated blockers
   (``không có khó khăn, vướng mắc``, ``Khó khăn: không``, ``đã tháo gỡ``); negated
   extensions (``không cần gia hạn``); targets that are not progress (``chỉ tiêu 90%``,
   ``phấn đấu đạt 100%``, ``tăng 20%``, ``chưa đạt 100%``).
2. **Negated or future completion is not done**: ``chưa hoàn thành``, ``chua xong``,
   ``chưa thực hiện xong``, ``CHT``, ``sẽ hoàn thành``, ``dự kiến hoàn thành 30/6``,
   ``cơ bản hoàn thành``, ``sắp xong``, ``hoàn thành một phần`` all read as
   ``in_progress`` (work under way, not finished). ``không thể / chưa thể / không kịp hoàn
   thành`` reads as ``blocked``.
3. **Percentages**: ``70%``, ``70 %``, ``70 phần trăm``, ``70,5%`` (rounded); a fraction
   after a progress word or before a unit (``được 3/5 xã`` → 60, ``12/15 đơn vị``) counts as
   a percentage; a ratio such as ``top 15/63 tỉnh`` does not. Several → the lowest (a task is
   as far as its least advanced part). Above 100 → 100. ``percent`` is always 0..100 or None.
4. **Status**, first rule that applies:

   - ``extension`` — ``gia hạn``, ``lùi (thời) hạn``, ``lùi đến``, ``xin lùi``, ``kéo dài thời
     gian/thời hạn``, ``xin thêm thời gian``, ``xin thêm 10 ngày``, ``điều chỉnh thời hạn``,
     ``giãn tiến độ``, ``dời hạn``, ``xin hoãn``, ``xin hoàn thành vào …``. ``date`` is the
     first date after the request (``đến 30/6``, ``đến hết tháng 7/2024``, ``thêm 10 ngày``
     from ``today``); a date in the past is still returned. ``reason`` is the text after
     ``vì``/``do``/``lý do``/``nguyên nhân``/``bởi vì``/``tại vì``, or else the blocker's text.
   - ``report`` — the text starts like a report (``Báo cáo tuần:``, ``BC tháng``,
     ``Kết quả …``, ``Số liệu …``) and has a body (a count, two sentences or 80+ characters).
     Blockers or "done" words inside a report do not change it; an extension request does.
   - ``done`` — ``hoàn thành``, ``xong``, ``hoàn tất``, ``HT``/``Đã HT``/``ĐHT``, ``đã thực
     hiện``, ``đã làm``, ``đã TH``, ``đã ban hành``, ``đã tổ chức``, ``thành công``,
     ``done`` or 100% — unless a percentage under 100, a negated/future/partial completion
     is also present. ``percent`` is 100. ``date`` is a date stated with the completion
     (``hoàn thành ngày 12/3``), never an "as of" date (``tính đến ngày …``). A blocker
     mentioned with a completed task is kept as ``reason``.
   - ``blocked`` — ``vướng``, ``vướng mắc``, ``khó khăn``, ``trở ngại``, ``bị chặn/tắc/lỗi``,
     ``chưa có kinh phí``, ``thiếu kinh phí/nhân lực/cán bộ/thiết bị``, ``chưa có hướng
     dẫn``, ``chờ``/``đợi`` (``đang chờ``, ``chờ hướng dẫn``), ``lỗi hệ thống``, ``sự cố``,
     ``mất kết nối``, ``không thể``, ``đề nghị hỗ trợ``. ``reason`` is the text after a colon
     that follows the blocker word (``Vướng mắc: chưa có kinh phí``), else the clause that
     holds the blocker word to the end of its sentence (``khó khăn do thiếu nhân lực``).
     ``percent`` is kept when given.
   - ``in_progress`` — ``đang …`` (``đang triển khai``, ``dang thuc hien``, ``ĐTH``),
     ``triển khai``, ``tiếp tục``, ``bắt đầu``, ``tiến hành``, the negated/future completions
     of rule 2, or a percentage between 1 and 99 alone. ``date`` is an expected completion
     date (``dự kiến hoàn thành 30/6``).
   - ``not_started`` — ``chưa thực hiện``, ``chưa triển khai``, ``chưa làm``, ``chưa bắt
     đầu``, ``CTH``, ``sẽ triển khai``, or ``0%``.
   - ``report`` — a report without a heading: an attachment or a note that a report was sent
     (``đã gửi báo cáo``, ``gửi BC tuần``, ``file đính kèm``), or report words (``kết quả``,
     ``số liệu``, ``lũy kế``, ``thu nhận``, ``kích hoạt``, ``tài khoản``, ``hồ sơ``…) with a
     count or 80+ characters and no status above.
   - ``unclear`` — anything else: ``ok``, ``?``, an emoji alone, ``đã nhận``, ``vâng``,
     ``chưa`` alone, ``không có khó khăn``.

5. **Dates**: ``30/6``, ``30-6``, ``30/6/2024``, ``30.6.2024``, ``30/6/24``, ``ngày 15 tháng
   8 năm 2024``, ``tháng 7``, ``hết tháng 7/2024``, ``trước tháng 8`` (= 31/7), ``quý III``,
   ``6 tháng đầu năm``, ``cuối năm`` are read by :func:`plans.deadlines.read_deadline` with
   ``year`` filling a missing year (a plain day/month it cannot read is read here). Relative
   forms need ``today`` (otherwise ``date`` is None): ``hôm nay``, ``ngày mai``, ``thêm 10
   ngày``, ``2 tuần nữa``, ``thêm 1 tháng``, ``cuối tháng (này)``, ``tháng sau``, ``tuần
   sau`` (its Friday), ``cuối tuần`` (this week's Friday); ``N ngày làm việc`` is not read.

Words that are ambiguous without diacritics are checked against the original spelling: when
the text carries diacritics, ``cho`` is "for" and only ``chờ`` is "wait", only ``vì``/``do``
introduce a reason (not ``vị``/``độ``/``đó``), ``đăng``/``đảng`` are not ``đang``. When the
text has no diacritics at all, context decides (``dang cho``, ``cho huong dan``; ``don vi``
and ``tien do`` are not reason markers; ``dang ky``/``dang uy`` are not ``đang``).

``reason`` keeps the original casing and diacritics; it is trimmed of white space,
punctuation and emoji at both ends and of a closing ``ạ``.
"""

from __future__ import annotations

import calendar
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any, Literal

from plans.deadlines import read_deadline

ReplyStatus = Literal["done", "in_progress", "not_started", "blocked", "extension", "report", "unclear"]

STATUSES: tuple[ReplyStatus, ...] = (
    "done",
    "in_progress",
    "not_started",
    "blocked",
    "extension",
    "report",
    "unclear",
)


@dataclass(frozen=True)
class Reply:
    """What a focal point's answer says."""

    status: ReplyStatus
    percent: int | None = None  # 0..100
    date: date | None = None  # the requested new deadline, or the stated completion date
    reason: str | None = None  # blocker / extension reason, original spelling, trimmed

    def to_json(self) -> dict[str, Any]:
        return {
            "status": self.status,
            "percent": self.percent,
            "date": self.date.isoformat() if self.date else None,
            "reason": self.reason,
        }


UNCLEAR = Reply("unclear")

# ---------------------------------------------------------------------------------------
# Folded text with a map back to the original
# ---------------------------------------------------------------------------------------

_MASK = "\x00"
_F = re.ASCII


class _Text:
    """The NFC original, its folded form (one folded char ↦ one original index) and a
    working copy in which recognised phrases get masked."""

    def __init__(self, text: str) -> None:
        self.orig = unicodedata.normalize("NFC", text)
        chars: list[str] = []
        index: list[int] = []
        for i, ch in enumerate(self.orig):
            if ch in "đĐ":
                chars.append("d")
                index.append(i)
                continue
            if ch == _MASK:
                ch = " "
            for part in unicodedata.normalize("NFD", ch):
                if unicodedata.combining(part):
                    continue
                for low in part.lower():
                    chars.append(low)
                    index.append(i)
        self.folded = "".join(chars)
        self.index = index
        self.work = self.folded
        self.plain = not any(ch.isalpha() and ord(ch) > 127 for ch in self.orig)

    def mask(self, start: int, end: int) -> None:
        self.work = self.work[:start] + _MASK * (end - start) + self.work[end:]

    def original(self, start: int, end: int) -> str:
        """The original text behind the folded span ``[start, end)``."""
        if start >= end or start >= len(self.index):
            return ""
        end = min(end, len(self.index))
        return self.orig[self.index[start] : self.index[end - 1] + 1]

    def orig_word(self, pos: int) -> str:
        """The original word (lower case) that holds folded position ``pos``."""
        if not 0 <= pos < len(self.index):
            return ""
        i = j = self.index[pos]
        while i > 0 and (self.orig[i - 1].isalnum() or unicodedata.combining(self.orig[i - 1])):
            i -= 1
        while j < len(self.orig) and (self.orig[j].isalnum() or unicodedata.combining(self.orig[j])):
            j += 1
        return self.orig[i:j].lower()

    def prev_word(self, pos: int) -> str:
        m = re.search(r"([a-z0-9]+)[^a-z0-9\n]*$", self.folded[:pos], _F)
        return m[1] if m else ""

    def next_word(self, pos: int) -> str:
        m = re.match(r"[^a-z0-9\n]*([a-z0-9]+)", self.folded[pos:], _F)
        return m[1] if m else ""


def _phrase(words: str) -> str:
    """``"hoan thanh"`` → ``hoan\\s+thanh``."""
    return r"\s+".join(re.escape(w) for w in words.split())


def _any(phrases: Iterable[str]) -> str:
    """An alternation of phrases, longest first."""
    return "(?:" + "|".join(_phrase(p) for p in sorted(phrases, key=len, reverse=True)) + ")"


def _rx(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, _F)


# A token that does not cross punctuation or a masked span.
_TOK = r"[^\s,.;:!?()\x00]+"
_SENTENCE_END = _rx(r"[!?;\n]|\.(?![0-9])|…")


# ---------------------------------------------------------------------------------------
# Masks
# ---------------------------------------------------------------------------------------

_NUM_DATE = r"[0-9]{1,2}\s*[/.\-]\s*[0-9]{1,2}(?:\s*[/.\-]\s*[0-9]{2,4})?"
_CITED = _rx(
    r"(?:\bso\s*)?(?<![\w/.\-])[0-9]+(?:[/\-][0-9]+)*[/\-][a-z][\w&.]*(?:\s?[/\-]\s?[a-z0-9][\w&.]*)*"
    r"(?:\s*,?\s*(?:ban\s+hanh\s+)?ngay\s*(?:" + _NUM_DATE + r"|[0-9]{1,2}\s+thang\s+[0-9]{1,2}"
    r"(?:\s*,?\s*nam\s+[0-9]{4})?))?"
    r"|\bso\s*[0-9]+(?:\s?[/\-.]\s?[0-9]+)*(?:\s*,?\s*ngay\s*" + _NUM_DATE + r")?"
)

_BLOCK_WORDS = ["kho khan", "vuong mac", "vuong", "tro ngai", "van de"]
_NEG_BLOCKER = _rx(
    r"\b(?:khong|chua|khong\s+he|chang)\s+(?:co\s+|gap\s+|phat\s+sinh\s+|con\s+|xay\s+ra\s+)?(?:gi\s+)?"
    + _any(_BLOCK_WORDS)
    + r"(?:\s*,?\s*(?:va\s+)?"
    + _any([*_BLOCK_WORDS, "gi", "nao", "de xuat", "kien nghi"])
    + r")*"
    r"|\b"
    + _any(["kho khan", "vuong mac", "tro ngai"])
    + r"(?:\s*,?\s*(?:va\s+)?"
    + _any(["kho khan", "vuong mac", "tro ngai", "de xuat", "kien nghi"])
    + r")*"
    r"\s*(?:\(\s*neu\s+co\s*\))?\s*:\s*(?:khong|chua|khong\s+co|chua\s+co|khong\s+phat\s+sinh|chua\s+phat\s+sinh)"
    r"(?:\s+gi)?(?=\s*(?:[.;,!\n]|$|\x00))"
    r"|\bhet\s+vuong(?:\s+mac)?\b"
    r"|\bda\s+(?:duoc\s+)?(?:thao\s+go|giai\s+quyet|khac\s+phuc|xu\s+ly)(?:\s+xong)?(?:\s+(?:vuong\s+mac|kho\s+khan|su\s+co|loi))?\b"
)

_EXT_CORE = [
    "gia han",
    "lui han",
    "lui thoi han",
    "lui thoi gian",
    "lui tien do",
    "keo dai thoi gian",
    "keo dai thoi han",
    "keo dai han",
    "them thoi gian",
    "dieu chinh thoi han",
    "dieu chinh thoi gian",
    "dieu chinh tien do",
    "gian tien do",
    "gian thoi han",
    "gian thoi gian",
    "doi han",
    "doi thoi han",
    "hoan thoi han",
]
_NEG_EXTENSION = _rx(
    r"\b(?:khong|chua)\s+(?:can\s+|xin\s+|de\s+nghi\s+|co\s+nhu\s+cau\s+|phai\s+)?(?:xin\s+)?"
    + _any(_EXT_CORE)
)

_TARGET_BEFORE = _rx(
    r"\b(?:chi\s+tieu|muc\s+tieu|phan\s+dau|ke\s+hoach|yeu\s+cau|tang|giam|chua\s+dat|khong\s+dat|"
    r"chua\s+duoc|chua|khong|dam\s+bao|bao\s+dam|toi\s+thieu|it\s+nhat)"
    r"(?:\s+" + _TOK + r"){0,2}\s*$"
)

# ---------------------------------------------------------------------------------------
# Signals
# ---------------------------------------------------------------------------------------

_DONE_WORD = r"(?:hoan\s+thanh|xong|hoan\s+tat|ht)"
# Group 1: the negation; group 2: the completion word ("không thể …", "không thành công" block).
_NEG_DONE = _rx(
    r"\b(chua\s+the|khong\s+the|khong\s+kip|chua\s+kip|chua|khong|chang|van\s+chua)\s+"
    r"(?:(?!(?:da|va|nhung|roi|ma)\b)" + _TOK + r"\s+){0,3}?(" + _DONE_WORD + r"|thanh\s+cong)\b"
    r"|\bcht\b"
)
_FUTURE_DONE = _rx(
    r"\b(?:se|du\s+kien|phan\s+dau|co\s+gang|ke\s+hoach|de|truoc\s+khi|sau\s+khi|khi|neu|sap|gan|"
    r"co\s+ban|dam\s+bao|bao\s+dam|nham|muc\s+tieu|tien\s+toi|huong\s+toi)\s+"
    r"(?:" + _TOK + r"\s+){0,3}?" + _DONE_WORD + r"\b"
    r"|\b"
    + _DONE_WORD
    + r"\s+(?:mot\s+phan|phan\s+lon|mot\s+so|chua\s+het|chua\s+day\s+du|gan\s+het|co\s+ban)\b"
    r"|\b(?:chua|khong)\s+dat\b"
)
_QUESTION = _rx(r"\b(?:xong|hoan\s+thanh|ht|thuc\s+hien)\s+chua\b(?=\s*(?:a\b|\?|$))")
_PARTIAL = _rx(r"\b(?:mot\s+phan|phan\s+lon|chua\s+het|chua\s+day\s+du|gan\s+het)\b")

_EXTENSION = _rx(
    r"\b" + _any(_EXT_CORE) + r"\b"
    r"|\b(?:xin|de\s+nghi)\s+lui\b"
    r"|\blui\s+(?:den|sang|toi|lai|qua|ve)\b"
    r"|\bkeo\s+dai\s+(?:den|them|sang|toi)\b"
    r"|\bxin\s+them\s+[0-9]{1,3}\s+(?:ngay|tuan|thang)\b"
    r"|\bxin\s+hoan\b(?!\s+(?:thanh|tat|thien|tra|chinh))"
    r"|\bxin\s+(?:phep\s+)?(?:duoc\s+)?hoan\s+thanh\s+(?:vao|truoc|den|trong|cham\s+nhat|sau)\b"
)
_DOI_EXTENSION = _rx(r"\bdoi\s+(?:den|sang|toi|lai)\b")  # "dời đến": only with the diacritic

_DONE = _rx(
    r"\bhoan\s+thanh\b|\bxong\b|\bhoan\s+tat\b|\bdht\b|\bdone\b|\bthanh\s+cong\b"
    r"|\bda\s+(?:thuc\s+hien|lam|th|ban\s+hanh|to\s+chuc|ky|phe\s+duyet|duoc\s+phe\s+duyet|"
    r"hoan\s+thien|cap\s+nhat\s+day\s+du|nop\s+ho\s+so)\b"
)
_HT = _rx(r"\bht\b")
_HT_NOT_AFTER = {"loi", "tren", "vao", "cua", "nhap", "qua", "tu", "len", "trong", "dang", "cac", "bi", "ra"}
_HT_NOT_BEFORE = {
    "bi", "dang", "van", "gap", "loi", "khong", "chua", "treo", "cham", "dien", "thong", "quan",
    "so", "cong", "tiep", "moi", "cua", "tinh", "xa", "huyen", "ho",
}  # fmt: skip

_WAIT_OBJECTS = [
    "huong dan",
    "phe duyet",
    "y kien",
    "chi dao",
    "kinh phi",
    "cap kinh phi",
    "ket qua",
    "duyet",
    "xu ly",
    "phan hoi",
    "tra loi",
    "van ban",
    "nang cap",
    "ket noi",
    "thiet bi",
    "bo tri",
    "bo sung",
    "cap tren",
    "bo cong an",
    "cong an tinh",
    "nghiem thu",
    "tap huan",
]
_WAIT_PLAIN = _rx(
    r"\b(?:dang|con|van|phai|tiep\s+tuc|hien|van\s+dang|dang\s+phai)\s+(cho|doi)\b"
    r"|\b(cho|doi)\s+" + _any(_WAIT_OBJECTS) + r"\b"
)
_WAIT_ANY = _rx(r"\b(cho|doi)\b")

_BLOCKER = _rx(
    r"\bvuong(?:\s+mac)?\b|\bkho\s+khan\b|\btro\s+ngai\b|\bach\s+tac\b|\bbat\s+cap\b"
    r"|\bbi\s+(?:chan|tac|treo|tu\s+choi|vuong|gian\s+doan|han\s+che)\b"
    r"|\b(?:chua|khong)\s+(?:co|duoc|du)\s+(?:(?:cap|bo\s+tri|phan\s+bo|giao)\s+)?kinh\s+phi\b"
    r"|\bthieu\s+(?:kinh\s+phi|nhan\s+luc|nhan\s+su|can\s+bo|nguoi|trang\s+thiet\s+bi|thiet\s+bi|may\s+moc|may|"
    r"co\s+so\s+vat\s+chat|nguon\s+luc|huong\s+dan|kinh\s+nghiem)\b"
    r"|\b(?:chua|khong)\s+(?:co|duoc)\s+(?:van\s+ban\s+)?(?:huong\s+dan|phe\s+duyet|cap\s+quyen|cap\s+tai\s+khoan|"
    r"chi\s+dao|bo\s+tri|phan\s+bo)\b"
    r"|\bkhong\s+the\b"
    r"|\bkhong\s+(?:thuc\s+hien|trien\s+khai|ket\s+noi|dang\s+nhap|truy\s+cap|lien\s+thong|dong\s+bo)\s+duoc\b"
    r"|\bmat\s+ket\s+noi\b|\bkhong\s+thanh\s+cong\b|\bsu\s+co\b"
    r"|\b(?:de\s+nghi|xin|can|mong|kien\s+nghi)\s+(?:duoc\s+)?ho\s+tro\b"
)
_LOI = _rx(
    r"\b(?:bi|gap|bao|phat\s+sinh|van\s+con)\s+(loi)\b"
    r"|\b(loi)\s+(?:he\s+thong|phan\s+mem|ket\s+noi|mang|duong\s+truyen|ung\s+dung|dang\s+nhap|ky\s+thuat|"
    r"du\s+lieu|xac\s+thuc)\b"
    r"|\b(?:he\s+thong|phan\s+mem|ung\s+dung|may|mang|duong\s+truyen)\s+(?:bi\s+|dang\s+|van\s+)?(loi)\b"
)

_NOT_STARTED = _rx(
    r"\b(?:chua|chang|khong)\s+(?:duoc\s+)?(?:thuc\s+hien|trien\s+khai|lam|bat\s+dau|tien\s+hanh|th|"
    r"co\s+ke\s+hoach|xay\s+dung|to\s+chuc|ban\s+hanh|co\s+ket\s+qua|trien\s+khai\s+thuc\s+hien)\b"
    r"|\bcth\b"
    r"|\bse\s+(?:tiep\s+tuc\s+)?(?:thuc\s+hien|trien\s+khai|bat\s+dau|tien\s+hanh|lam|to\s+chuc|xay\s+dung)\b"
)
_IN_PROGRESS = _rx(
    r"\b(?:trien\s+khai|tiep\s+tuc|bat\s+dau|tien\s+hanh|dth|phan\s+dau|thuc\s+hien\s+thuong\s+xuyen|duy\s+tri|"
    r"hoan\s+thien|dang\s+lam|dang\s+trien\s+khai|dang\s+thuc\s+hien)\b"
)
_DANG = _rx(r"\bdang\s+([a-z]+)")
_WAITING = {"cho", "doi"}  # "đang chờ nghiệm thu": the work is done, something else is awaited
_DANG_NOT = {"ky", "nhap", "tai", "tin", "uy", "vien", "bo", "bai", "phai"}

_REPORT_HEAD = _rx(r"^[^a-z0-9]*(?:bao\s+cao|bc|ket\s+qua|so\s+lieu|tong\s+hop)\b")
_REPORT_WORDS = _rx(
    r"\b(?:bao\s+cao|ket\s+qua|so\s+lieu|luy\s+ke|tong\s+so|da\s+cap|thu\s+nhan|kich\s+hoat|tai\s+khoan|"
    r"ho\s+so|dinh\s+danh|vneid|cccd|can\s+cuoc|truong\s+hop|luot)\b"
)
_SUBMITTED = _rx(
    r"\b(?:gui|nop|da)\s+(?:kem\s+)?(?:bao\s+cao|bc)\b|\bdinh\s+kem\b|\bgui\s+kem\b|\bfile\b"
    r"|\bbao\s+cao\s+nhu\s+sau\b|\btep\s+tin\b"
)
_COUNT = _rx(r"(?<![0-9/.,\-])[0-9]+(?:[.,][0-9]{3})*(?![0-9/%]|\s*%|[.,][0-9])")

_PERCENT = _rx(r"(?<![0-9.,])([0-9]{1,3}(?:[.,][0-9]{1,2})?)\s*(?:%|phan\s+tram\b)")
_FRACTION = _rx(r"(?<![0-9/.\-])([0-9]{1,4})\s*/\s*([0-9]{1,4})(?![0-9/%]|\s*/\s*[0-9])")
_FRACTION_AFTER = {"duoc", "dat", "xong", "thanh", "hien", "khai", "tat", "la"}
_FRACTION_UNITS = _rx(
    r"^\s*(?:" + _any([
        "xa", "phuong", "thi tran", "don vi", "co quan", "truong", "ho so", "tai khoan", "nhiem vu",
        "chi tieu", "huyen", "thon", "to dan pho", "ap", "khu pho", "diem", "phong", "ban", "nganh",
        "truong hop", "nguoi", "ho", "cong dan", "tieu chi", "dich vu", "thu tuc", "tthc", "dvc", "tram",
        "benh vien", "co so", "so", "ban nganh", "noi dung", "viec", "buoc", "hang muc", "doanh nghiep",
        "can bo", "cong chuc", "thiet bi", "may", "diem giao dich", "phan", "khau",
    ]) + r")\b"
)  # fmt: skip

_REASON_MARKERS = _rx(r"\b(?:ly\s+do|nguyen\s+nhan|boi\s+vi|tai\s+vi|vi|do|boi)\b")
_DO_NOT_AFTER = {
    "tien", "muc", "che", "thai", "trinh", "toc", "cap", "gioi", "nhiet", "ban", "sau", "khi",
    "tu", "ly", "nhu", "cho", "vi", "the", "cuong", "mat", "chuan", "hoc", "do", "nen", "dieu",
}  # fmt: skip
_VI_NOT_AFTER = {
    "don", "pham", "dia", "hanh", "tuong", "quan", "bao", "chu", "tam", "vi", "ca", "ly", "nhu", "boi", "tai",
}  # fmt: skip
_VI_NOT_BEFORE = {"pham", "tri", "tinh", "du", "mo", "khuan", "sao", "the", "vay"}

_AS_OF = _rx(
    r"(?:\btinh\s+(?:den|toi|tu)|\bluy\s+ke(?:\s+(?:den|toi))?|\bden\s+nay|\bcap\s+nhat(?:\s+(?:den|toi|ngay))?|"
    r"\bhom\s+qua|\bbao\s+cao|\bso\s+lieu)\s*(?:ngay\s*)?$"
)
_BUT = _rx(r"\b(?:nhung|tuy\s+nhien)\b")
_FROM = _rx(r"\b(?:tu|bat\s+dau\s+tu|bat\s+dau)\s*(?:ngay\s*)?$")
_COMPLETION_CONTEXT = _rx(
    r"\b(?:hoan\s+thanh|xong|hoan\s+tat|ket\s+thuc|du\s+kien|phan\s+dau|se|truoc|cham\s+nhat|han|kip)\b"
)

# ---------------------------------------------------------------------------------------
# Dates
# ---------------------------------------------------------------------------------------

_D_LONG = _rx(
    r"\b(?:ngay\s+)?([0-9]{1,2})\s+thang\s+([0-9]{1,2})(?:\s*(?:,\s*)?(?:nam\s+|/\s*)([0-9]{4}))?(?![0-9])"
)
_D_NUM = _rx(
    r"(?<![0-9/.\-])([0-9]{1,2})\s?([/.\-])\s?([0-9]{1,2})(?:\s?\2\s?([0-9]{4}|[0-9]{2})|\s+nam\s+([0-9]{4}))?"
    r"(?![0-9%]|\s?[/.\-]\s?[0-9]|\s*%|[.,][0-9])"
)
_D_HALF = _rx(r"\b(?:(truoc|het|cuoi|trong)\s+)?(?:0?6|sau)\s+thang\s+(?:dau|cuoi)\s+nam(?:\s+([0-9]{4}))?")
_D_QUARTER = _rx(
    r"\b(?:(truoc|het|cuoi|trong)\s+)?quy\s*(iv|i{1,3}|[1-4])(?![a-z0-9])(?:\s*(?:[/\-]|,?\s*nam)\s*([0-9]{4}))?"
)
_D_MONTH = _rx(
    r"\b(?:(truoc|het|cuoi|trong|sang)\s+)?thang\s+([0-9]{1,2})(?:\s*(?:[/\-]|,?\s*nam)\s*([0-9]{4}))?"
    r"(?![0-9]|\s?/\s?[0-9])"
)
_D_YEAR = _rx(
    r"\b(?:(het|cuoi|truoc|trong)\s+)?nam\s+([0-9]{4})(?![0-9])|\b(?:het|cuoi)\s+nam(?:\s+nay)?\b(?!\s*[0-9])"
)
_D_REL_N = _rx(
    r"\b(?:them|gia\s+han|lui|keo\s+dai|hoan|xin|trong|khoang|sau)\s+(?:them\s+)?([0-9]{1,3})\s+(ngay|tuan|thang)\b"
    r"(?!\s+lam\s+viec)"
    r"|\b([0-9]{1,3})\s+(ngay|tuan|thang)\s+nua\b"
)
_D_REL_WORD = _rx(
    r"\b(?:hom\s+nay|ngay\s+mai|ngay\s+kia|(?:cuoi\s+)?tuan\s+(?:sau|toi)|cuoi\s+tuan(?:\s+nay)?|"
    r"(?:cuoi\s+|het\s+)?thang\s+(?:sau|toi)|(?:cuoi|het)\s+thang(?:\s+nay)?(?!\s*[0-9])|"
    r"(?:cuoi\s+|het\s+)?nam\s+(?:sau|toi))\b"
)


@dataclass(frozen=True)
class _DateSpan:
    start: int
    end: int
    due: date | None


def _local_plain_date(day: int, month: int, year: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _deadline_due(text: str, year: int) -> date | None:
    try:
        return read_deadline(text, year=year).due
    except Exception:  # the shared reader promises never to raise; a reply must not fail on it
        return None


def _add_months(day: date, months: int) -> date:
    total = day.year * 12 + day.month - 1 + months
    year, month = divmod(total, 12)
    month += 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _relative_word(phrase: str, today: date) -> date | None:
    words = phrase.split()
    if words[:2] == ["hom", "nay"]:
        return today
    if words[:2] == ["ngay", "mai"]:
        return today + timedelta(days=1)
    if words[:2] == ["ngay", "kia"]:
        return today + timedelta(days=2)
    if "tuan" in words:
        friday = today + timedelta(days=4 - today.weekday())
        if "sau" in words or "toi" in words:
            return friday + timedelta(days=7)
        return friday if friday >= today else friday + timedelta(days=7)
    if "thang" in words:
        if "sau" in words or "toi" in words:
            nxt = _add_months(today.replace(day=1), 1)
            return _month_end(nxt.year, nxt.month)
        return _month_end(today.year, today.month)
    if "nam" in words:
        return date(today.year + 1, 12, 31)
    return None


def _find_dates(t: _Text, year: int, today: date | None) -> list[_DateSpan]:
    """Every date expression in the working text, in order, with its reading (None when it
    cannot be read: a relative date without ``today``, an impossible day)."""
    work = t.work
    found: list[tuple[int, int, int, re.Match[str]]] = []
    for priority, rx in enumerate(
        (_D_LONG, _D_NUM, _D_HALF, _D_QUARTER, _D_MONTH, _D_YEAR, _D_REL_N, _D_REL_WORD)
    ):
        for m in rx.finditer(work):
            found.append((m.start(), priority, m.end(), m))
    found.sort(key=lambda item: (item[0], item[1]))
    spans: list[_DateSpan] = []
    taken_until = -1
    for start, priority, end, m in found:
        if start < taken_until:
            continue
        due: date | None = None
        try:
            if priority == 0:  # ngày 15 tháng 8 năm 2024
                d, mo, y = int(m[1]), int(m[2]), int(m[3]) if m[3] else year
                due = _deadline_due(f"{d}/{mo}/{y}", year) or _local_plain_date(d, mo, y)
            elif priority == 1:  # 30/6, 30-6-2024, 30.6.2024, 30/6 năm 2024
                d, sep, mo = int(m[1]), m[2], int(m[3])
                raw_year = m[4] or m[5]
                if sep == "." and not raw_year:
                    continue  # 30.6 is a decimal number, not a date
                y = year
                if raw_year:
                    y = int(raw_year) + (2000 if len(raw_year) == 2 else 0)
                due = _deadline_due(f"{d}/{mo}/{y}", year) or _local_plain_date(d, mo, y)
            elif priority in (2, 3, 4, 5):  # periods: read by the shared deadline reader
                due = _deadline_due(t.original(start, end), year)
            elif today is not None and priority == 6:
                n = int(m[1] or m[3])
                unit = m[2] or m[4]
                if unit == "ngay":
                    due = today + timedelta(days=n)
                elif unit == "tuan":
                    due = today + timedelta(days=7 * n)
                else:
                    due = _add_months(today, n)
            elif today is not None and priority == 7:
                due = _relative_word(m[0], today)
        except (ValueError, OverflowError):
            due = None
        spans.append(_DateSpan(start, end, due))
        taken_until = end
    return spans


# ---------------------------------------------------------------------------------------
# Reading
# ---------------------------------------------------------------------------------------


def _sentence_bounds(text: str, pos: int) -> tuple[int, int]:
    start = 0
    for m in _SENTENCE_END.finditer(text, 0, pos):
        start = m.end()
    end = _SENTENCE_END.search(text, pos)
    return start, (end.start() if end else len(text))


_TRIM_CHARS = " \t\r\n.,;:!?-–—…*_~•·\"'“”‘’"


def _trim(text: str) -> str:
    lines = [" ".join(line.split()) for line in text.splitlines()]
    text = "\n".join(line for line in lines if line)

    def strippable(ch: str) -> bool:
        return ch in _TRIM_CHARS or ch in "\ufe0f\u200d" or unicodedata.category(ch) in ("So", "Sk", "Cf")

    while True:
        before = text
        i, j = 0, len(text)
        while i < j and strippable(text[i]):
            i += 1
        while j > i and strippable(text[j - 1]):
            j -= 1
        text = text[i:j]
        if text.endswith((" ạ", " Ạ")) or text in ("ạ", "Ạ"):
            text = text[:-1]
        if text == before:
            return text


def _reason_text(raw: str) -> str | None:
    text = _trim(raw)
    text = re.sub(r"^(?:là|la)\s+", "", text)
    return text or None


def _is_wait(t: _Text, m: re.Match[str], group: int) -> bool:
    word = t.orig_word(m.start(group))
    if word in ("chờ", "đợi"):
        return True
    return t.plain and word in ("cho", "doi")


def _percents(t: _Text) -> tuple[list[int], list[tuple[int, int]]]:
    """Percentages said as progress, and the spans of every percentage/fraction (to mask)."""
    values: list[int] = []
    spans: list[tuple[int, int]] = []
    for m in _PERCENT.finditer(t.work):
        spans.append((m.start(), m.end()))
        clause_start = max(t.work.rfind(ch, 0, m.start()) for ch in ",;:.!?\n\x00") + 1
        if _TARGET_BEFORE.search(t.work[clause_start : m.start()]):
            continue
        value = float(m[1].replace(",", "."))
        values.append(max(0, min(100, round(value))))
    for m in _FRACTION.finditer(t.work):
        done, total = int(m[1]), int(m[2])
        if total == 0 or done > total:
            continue
        before = t.prev_word(m.start())
        before2 = re.search(r"([a-z]+)\s+([a-z]+)[^a-z0-9]*$", t.work[: m.start()], _F)
        is_after_progress = before in _FRACTION_AFTER or bool(
            before2 and before2[1] + " " + before2[2] == "dat duoc"
        )
        has_unit = bool(_FRACTION_UNITS.match(t.work[m.end() :]))
        if before in ("top", "thu", "hang", "xep", "so", "ngay", "den", "toi", "truoc", "tu", "han"):
            continue
        if is_after_progress or has_unit:
            spans.append((m.start(), m.end()))
            values.append(round(100 * done / total))
    return values, spans


def _first_marker(t: _Text, start: int) -> re.Match[str] | None:
    """The first word after ``start`` that introduces a reason (``vì``, ``do``, ``lý do``…)."""
    for m in _REASON_MARKERS.finditer(t.work, start):
        word = re.sub(r"\s+", " ", m[0])
        if word in ("vi", "do", "boi"):
            orig = t.orig_word(m.start())
            prev = t.prev_word(m.start())
            nxt = t.next_word(m.end())
            if word == "do":
                if orig != "do" or prev in _DO_NOT_AFTER:
                    continue
            elif word == "vi":
                if orig != "vì" and not (orig == "vi" and t.plain and prev not in _VI_NOT_AFTER):
                    continue
                if nxt in _VI_NOT_BEFORE:
                    continue
            elif orig != "bởi" and not (orig == "boi" and t.plain):
                continue
        return m
    return None


def _blocker_reason(t: _Text, pos: int, stop: int | None = None) -> str | None:
    """Text after a colon that follows the blocker word, else its clause to the end of the
    sentence (or to ``stop``, the start of an extension request that follows it)."""
    sent_start, sent_end = _sentence_bounds(t.folded, pos)
    if stop is not None and stop < sent_end:
        sent_end = stop
    colon = t.folded.find(":", pos, min(sent_end, pos + 40))
    if colon != -1:
        reason = _reason_text(t.original(colon + 1, len(t.folded) if stop is None else stop))
        if reason:
            return reason
    clause_start = max(sent_start, max(t.folded.rfind(ch, sent_start, pos) for ch in ",:(") + 1)
    for m in _BUT.finditer(t.folded, clause_start, pos):
        if t.orig_word(m.start()) in ("nhưng", "tuy") or t.plain:
            clause_start = m.end()
    return _reason_text(t.original(clause_start, sent_end))


def _date_near(t: _Text, dates: list[_DateSpan], anchors: list[int], *, need_context: bool) -> date | None:
    """The first readable date in the same sentence as one of ``anchors``, that is not an
    "as of" date; with ``need_context`` the sentence must speak of completion."""
    for span in dates:
        if span.due is None:
            continue
        before = t.work[max(0, span.start - 30) : span.start]
        if _AS_OF.search(before) or (need_context and _FROM.search(before)):
            continue
        s_start, s_end = _sentence_bounds(t.folded, span.start)
        if not any(s_start <= a <= s_end for a in anchors):
            continue
        if need_context and not _COMPLETION_CONTEXT.search(t.folded[s_start:s_end]):
            continue
        return span.due
    return None


def read_reply(text: str, year: int, today: date | None = None) -> Reply:
    """Read a focal point's answer. ``year`` fills a missing year in a date; ``today``
    resolves relative dates (``thêm 10 ngày``). Never raises; ``unclear`` when unsure."""
    if not isinstance(text, str) or not text.strip():
        return UNCLEAR
    if len(text) > 20_000:
        text = text[:20_000]
    t = _Text(text)
    if not re.search(r"[a-z0-9]", t.folded):
        return UNCLEAR

    # 1. masks -------------------------------------------------------------------------
    for m in _CITED.finditer(t.work):
        t.mask(m.start(), m.end())
    for m in _NEG_BLOCKER.finditer(t.work):
        t.mask(m.start(), m.end())
    for m in _NEG_EXTENSION.finditer(t.work):
        t.mask(m.start(), m.end())
    for m in _QUESTION.finditer(t.work):
        t.mask(m.start(), m.end())

    percents, percent_spans = _percents(t)
    percent = min(percents) if percents else None
    for start, end in percent_spans:
        t.mask(start, end)

    dates = _find_dates(t, year, today)

    # 2. extension (read before masking completions: "xin hoàn thành vào 15/7") ----------
    ext_pos: list[int] = [m.start() for m in _EXTENSION.finditer(t.work)]
    ext_pos += [m.start() for m in _DOI_EXTENSION.finditer(t.work) if t.orig_word(m.start()) == "dời"]
    ext_pos.sort()

    # 3. blockers ------------------------------------------------------------------------
    blockers: list[int] = []
    for m in _NEG_DONE.finditer(t.work):
        negation = re.sub(r"\s+", " ", m[1] or "")
        if negation in ("chua the", "khong the", "khong kip", "chua kip") or (
            negation == "khong" and (m[2] or "").startswith("thanh")
        ):
            blockers.append(m.start())
    negated_done = [m.start() for m in _NEG_DONE.finditer(t.work)]
    for m in _NEG_DONE.finditer(t.work):
        t.mask(m.start(), m.end())
    future_done = [m.start() for m in _FUTURE_DONE.finditer(t.work)]
    for m in _FUTURE_DONE.finditer(t.work):
        t.mask(m.start(), m.end())
    partial = bool(_PARTIAL.search(t.work))

    blockers += [m.start() for m in _BLOCKER.finditer(t.work)]
    for m in _LOI.finditer(t.work):
        group = next(g for g in (1, 2, 3) if m[g])
        word = t.orig_word(m.start(group))
        if word == "lỗi" or (word == "loi" and t.plain):
            blockers.append(m.start())
    if t.plain:
        blockers += [m.start() for m in _WAIT_PLAIN.finditer(t.work) if _is_wait(t, m, 1 if m[1] else 2)]
    else:
        blockers += [m.start() for m in _WAIT_ANY.finditer(t.work) if _is_wait(t, m, 1)]
    blockers.sort()

    # 4. done / progress / not started --------------------------------------------------
    done_at = [m.start() for m in _DONE.finditer(t.work) if t.orig_word(m.start()) not in ("đa", "đá")]
    for m in _HT.finditer(t.work):
        if t.prev_word(m.start()) in _HT_NOT_AFTER or t.next_word(m.end()) in _HT_NOT_BEFORE:
            continue
        done_at.append(m.start())
    not_started = [m.start() for m in _NOT_STARTED.finditer(t.work)]
    for m in _NOT_STARTED.finditer(t.work):
        t.mask(m.start(), m.end())
    progress = [m.start() for m in _IN_PROGRESS.finditer(t.work)]
    for m in _DANG.finditer(t.work):
        if t.orig_word(m.start()) in ("đang", "dang") and m[1] not in _DANG_NOT:
            progress.append(m.start())
    progress += future_done + negated_done

    # 5. decide -----------------------------------------------------------------------------
    if ext_pos:
        first = ext_pos[0]
        marker = _first_marker(t, first)
        reason_start = marker.start() if marker else len(t.work)
        after = [d for d in dates if d.start >= first and d.end <= reason_start and d.due is not None]
        elsewhere = [d for d in dates if d.end <= reason_start and d.due is not None]
        after = [d for d in after if not _FROM.search(t.work[max(0, d.start - 30) : d.start])] or after
        chosen = after or [
            d
            for d in elsewhere
            if not _AS_OF.search(t.work[max(0, d.start - 30) : d.start])
            and not _FROM.search(t.work[max(0, d.start - 30) : d.start])
        ]
        reason = None
        if marker:
            reason = _reason_text(t.original(marker.end(), len(t.folded)))
        if reason is None and blockers:
            stop = None
            if first > blockers[0]:
                stop = max(t.folded.rfind(ch, blockers[0], first) for ch in ",;.!?\n") + 1 or first
            reason = _blocker_reason(t, blockers[0], stop=stop)
        return Reply("extension", percent, chosen[0].due if chosen else None, reason)

    body_numbers = len(_COUNT.findall(_mask_spans(t.work, dates)))
    sentences = [s for s in _SENTENCE_END.split(t.folded) if re.search(r"[a-z]", s)]
    long_text = len(t.folded.strip()) >= 80
    if _REPORT_HEAD.search(t.folded) and (body_numbers >= 1 or len(sentences) >= 2 or long_text):
        return Reply("report")

    says_done = bool(done_at) or percent == 100
    # "đã hoàn thành phần rà soát, đang tổng hợp báo cáo": part done, part still going is not done
    still_going = [
        p
        for p in progress
        if p not in negated_done and p not in future_done and t.next_word(p + len("dang")) not in _WAITING
    ]
    if (
        says_done
        and not negated_done
        and not partial
        and not future_done
        and not still_going
        and (percent is None or percent >= 100)
    ):
        when = _date_near(t, dates, done_at, need_context=False) if done_at else None
        reason = _blocker_reason(t, blockers[0]) if blockers else None
        return Reply("done", 100, when, reason)

    if blockers:
        return Reply("blocked", percent, None, _blocker_reason(t, blockers[0]))

    if progress or done_at or (percent is not None and 0 < percent < 100):
        anchors = progress + done_at + future_done
        when = _date_near(t, dates, anchors, need_context=True) if anchors else None
        return Reply("in_progress", percent, when, None)

    if not_started or percent == 0:
        return Reply("not_started", percent, None, None)

    if _SUBMITTED.search(t.work) or (
        _REPORT_WORDS.search(t.work) and (body_numbers >= 1 or long_text or len(sentences) >= 2)
    ):
        return Reply("report")
    return UNCLEAR


def _mask_spans(work: str, dates: list[_DateSpan]) -> str:
    chars = list(work)
    for start, end in ((d.start, d.end) for d in dates):
        for i in range(start, min(end, len(chars))):
            chars[i] = _MASK
    return "".join(chars)


def read_extension_answer(text: str, year: int, today: date | None = None) -> Reply:
    """Words answering "until when?" after an extension was asked for (``đến 30/6 vì chờ kinh
    phí``): read as the extension request they complete."""
    found = read_reply(text, year, today)
    return found if found.date is not None else read_reply(f"xin gia hạn {text}", year, today)

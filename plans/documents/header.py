"""The document's heading: kind, number, title, date of issue, year, issuing agency; and the
reporting regime the plan fixes ("báo cáo tuần trước thứ 5 hàng tuần, …")."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from plans.agencies import Registry
from plans.documents.common import ROMAN_HEADING
from plans.documents.model import Blocks, Paragraph, PlanInfo, Table
from plans.text import clean, fold, fold_keep_length, shorten

_KINDS = {
    "ke hoach": "Kế hoạch",
    "thong bao": "Thông báo",
    "quyet dinh": "Quyết định",
    "chuong trinh": "Chương trình",
    "bao cao": "Báo cáo",
    "cong van": "Công văn",
    "chi thi": "Chỉ thị",
    "phu luc": "Phụ lục",
    "nghi quyet": "Nghị quyết",
    "cong dien": "Công điện",
    "huong dan": "Hướng dẫn",
    "de an": "Đề án",
}
_INTRO = re.compile(
    r"^(?:thuc hien|can cu|ngay \d|sau khi|de |trien khai thuc hien (?:quyet dinh|chi thi|ke hoach) so|"
    r"[ivx]+\.\s|\d+\.\s|-|kinh gui)"
)
_NUMBER_LINE = re.compile(r"^so\s*(?::\s*|(?=\d+\s*/))(?P<rest>.*)$")
_NUMBER = re.compile(r"(?P<n>\d{1,6}[a-z]?)\s*/\s*(?P<s>[a-z0-9đ][\w.\-–]*(?:/[\w.\-–]+)*)", re.IGNORECASE)
_ANNEX_NUMBER = re.compile(
    r"kem theo (?:ke hoach|thong bao|quyet dinh|nghi quyet|chi thi) so\s*(?P<n>\d{1,6})\s*/\s*(?P<s>[\w.\-–]+)"
    r"(?:\s+ngay\s+(?P<d>\d{1,2})\s*(?:/|thang)\s*(?P<m>\d{1,2})\s*(?:/|nam)\s*(?P<y>\d{4}))?"
)
_ISSUED = re.compile(
    r"^(?P<place>[^,\d]{2,60}),\s*ngay\s*(?P<d>\d{1,2})?\s*(?:/|thang)\s*(?P<m>\d{1,2})?\s*(?:/|nam)\s*(?P<y>\d{4})"
)
_MEETING = re.compile(r"^ngay\s+(?P<d>\d{1,2})\s*/\s*(?P<m>\d{1,2})\s*/\s*(?P<y>\d{4})")
_DA06 = re.compile(
    r"[“\"]?\s*de an\s*[“\"]?\s*(?:ve\s+)?phat trien ung dung du lieu ve dan cu,?\s*dinh danh va xac thuc "
    r"dien tu,?\s*(?:de\s+)?phuc vu chuyen doi so quoc gia"
    r"(?:\s*giai doan 2022\s*-\s*2025,?\s*(?:tam nhin den nam 2030)?)?\s*[”\"]?"
    r"(?:\s*\((?:sau day )?(?:goi )?tat la de an 06\))?"
)
_LEVEL_WORD = re.compile(r"\b(?P<level>tinh|thi xa|huyen|thanh pho|quan)\s+")
_NOT_PLACE = {"Quý", "Năm", "Tháng", "Giai", "Tại", "Về", "Đến", "Và", "Trong", "Theo", "Kế", "Đề", "Hội"}
_OF = re.compile(r"^(?:ket luan|thong bao|y kien)(?: ket luan)? cua (?P<who>.+?)(?: tai | ve |$)")
_UBND_SENTENCE = re.compile(
    r"\b(?P<who>(?:ubnd|uy ban nhan dan) (?:tinh|thi xa|huyen|thanh pho)(?: [\wÀ-ỹ]+){0,3}?)\s+"
    r"(?:ban hanh|xay dung)\s+(?:ke hoach|chuong trinh)"
)
_STANDARD = {"cong hoa xa hoi chu nghia viet nam", "doc lap - tu do - hanh phuc", "doc lap tu do hanh phuc"}


@dataclass
class Header:
    info: PlanInfo
    warnings: list[str] = field(default_factory=list)
    body_start: int = 0  # first block after the title
    place: tuple[str, str] | None = None  # (level word, name) e.g. ("tỉnh", "Quảng Nam")


def _lines(doc: Blocks, limit: int = 40) -> list[tuple[int, str]]:
    """(block index, plain line) for the first blocks; small tables (heading tables) flattened."""
    out: list[tuple[int, str]] = []
    for index, block in enumerate(doc.blocks):
        if len(out) >= limit:
            break
        if isinstance(block, Paragraph):
            if block.plain:
                out.append((index, block.plain))
        elif isinstance(block, Table):
            for row in block.rows[:8]:
                for cell in row.cells:
                    if cell.merged_up or cell.merged_left:
                        continue
                    for line in cell.text.split("\n"):
                        text = clean(line.replace("*", ""))
                        if text:
                            out.append((index, text))
    return out


def shorten_title(title: str) -> str:
    """Replace the programme's long official name by its usual short name "Đề án 06"."""
    folded = fold_keep_length(title)
    out: list[str] = []
    pos = 0
    for m in _DA06.finditer(folded):
        out.append(title[pos : m.start()])
        out.append(" Đề án 06 ")
        pos = m.end()
    out.append(title[pos:])
    text = clean("".join(out))
    text = re.sub(r"\(\s*(?:sau đây\s+)?(?:gọi\s+)?tắt\s+là\s+Đề án 06\s*\)", "", text, flags=re.IGNORECASE)
    return clean(text.replace(" ,", ","))


def _year_of(title: str) -> int | None:
    """The plan's year from its title: "năm 2024" counts; "đến năm 2030", "giai đoạn 2026 - 2030",
    "tầm nhìn 2035" are horizons, not the plan's year."""
    folded = fold(title)
    horizon = {
        int(y)
        for y in re.findall(r"\b(?:den|tam nhin|giai doan|toi)\s+(?:nam\s+)?(?:\d{4}\s*-\s*)?(\d{4})\b", folded)
    }
    horizon |= {int(y) for y in re.findall(r"\bgiai doan\s+(\d{4})", folded)}
    for pattern in (r"\bnam (\d{4})\b", r"/(\d{4})\b", r"\b(20\d\d)\b"):
        years = [int(y) for y in re.findall(pattern, folded) if 2000 <= int(y) <= 2100 and int(y) not in horizon]
        if years:
            return years[-1]
    return None


def _place(texts: list[str]) -> tuple[str, str] | None:
    """("tỉnh", "Quảng Nam") from "… trên địa bàn tỉnh Quảng Nam …": a level word followed by
    capitalised words."""
    for text in texts:
        folded = fold_keep_length(text)
        for m in _LEVEL_WORD.finditer(folded):
            words: list[str] = []
            for word in text[m.end() :].split()[:3]:
                word = word.strip(",.;:()")
                if not word or not word[0].isupper() or word in _NOT_PLACE:
                    break
                words.append(word)
            if words:
                return text[m.start("level") : m.end("level")].lower(), " ".join(words)
    return None


def _valid_date(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def read_header(doc: Blocks, registry: Registry) -> Header:
    info = PlanInfo()
    warnings: list[str] = []
    lines = _lines(doc)
    folded_lines = [(i, text, fold(text)) for i, text in lines]

    # kind line and title
    kind_at: int | None = None
    body_start = 0
    for k, (index, text, f) in enumerate(folded_lines[:25]):
        key = f.strip(" :.")
        if key in _KINDS and text.upper() == text:
            info.kind = _KINDS[key]
            kind_at = k
            body_start = index + 1
            break
    title_parts: list[str] = []
    title_end = 0  # index in folded_lines after the title
    if kind_at is not None:
        title_end = kind_at + 1
        for index, text, f in folded_lines[kind_at + 1 : kind_at + 5]:
            if _INTRO.match(f) or ROMAN_HEADING.match(text) or f.startswith("so:") or len(title_parts) >= 3:
                break
            if f.startswith("(kem theo") and title_parts:
                break
            if title_parts and text.upper() == text and _HEAD_LINE.match(f):
                break  # the issuing body under the title
            title_parts.append(text)
            body_start = index + 1
            title_end += 1
    else:
        for k, (_index, text, f) in enumerate(folded_lines[:12]):
            if (
                f in _STANDARD
                or f.startswith(("so:", "so "))
                or _ISSUED.match(f)
                or f.strip(" :.") in _KINDS
                or f.startswith("(kem theo")
                or len(f) < 12
            ):
                continue
            if f.startswith("phu luc"):
                rest = re.sub(r"^phụ lục\s*[ivx\d]*\s*[:.]?\s*", "", text, flags=re.IGNORECASE)
                if len(rest) < 12:
                    continue
                text = rest
            title_parts.append(text)
            title_end = k + 1
            break
    if title_parts:
        full = clean(" ".join(title_parts)).strip(" .")
        short = shorten_title(full)
        info.title = short
        info.title_full = full if short != full else None
        info.year = _year_of(short)

    # number
    has_number_line = False
    for _index, text, f in folded_lines[: (kind_at + 1) if kind_at is not None else 25]:
        m = _NUMBER_LINE.match(f)
        if not m or len(f) > 80:
            continue
        has_number_line = True
        rest = text[len(text) - len(m.group("rest")) :] if m.group("rest") else ""
        num = _NUMBER.search(rest)
        if num:
            info.number = f"{num.group('n')}/{num.group('s').strip('.-–')}"
        break
    if info.number is None:
        for _index, _text, f in folded_lines:
            m = _ANNEX_NUMBER.search(f)
            if m:
                info.number = f"{m.group('n')}/{m.group('s').upper()}"
                if m.group("y") and info.issued is None:
                    annexed = _valid_date(int(m.group("y")), int(m.group("m")), int(m.group("d")))
                    info.issued = annexed
                    info.issued_month = annexed.strftime("%Y-%m") if annexed else None
                break
    if info.number is None and has_number_line:
        warnings.append("Văn bản chưa ghi số (dòng «Số:» còn để trống).")

    # date of issue
    for _index, text, f in folded_lines[:30]:
        m = _ISSUED.match(f)
        if not m:
            continue
        y = int(m.group("y"))
        mo = int(m.group("m")) if m.group("m") else None
        d = int(m.group("d")) if m.group("d") else None
        if mo is not None and 1 <= mo <= 12:
            info.issued_month = f"{y:04d}-{mo:02d}"
        if d is not None and mo is not None:
            info.issued = _valid_date(y, mo, d)
        if info.issued is None:
            warnings.append(f"Ngày ban hành chưa ghi đủ: «{shorten(text, 80)}».")
        if info.year is None:
            info.year = y
        break
    if info.issued is None and info.kind == "Thông báo":
        for _index, _text, f in folded_lines[title_end : title_end + 12]:
            m = _MEETING.match(f)
            if m:
                info.issued = _valid_date(int(m.group("y")), int(m.group("m")), int(m.group("d")))
                if info.issued:
                    info.issued_month = info.issued.strftime("%Y-%m")
                break
    if info.year is None and info.issued is not None:
        info.year = info.issued.year

    # issuing agency
    body_texts = [text for _i, text, _f in folded_lines[title_end : title_end + 10]]
    place = _place([*(title_parts or []), *body_texts])
    info.issuer = _issuer(info, folded_lines, title_parts, place, registry)
    return Header(info, warnings, body_start, place)


_HEAD_LINE = re.compile(r"^(?:uy ban|bo |van phong|thu tuong|chinh phu|so |ubnd|hoi dong|to cong tac|ban |cong an)")
_TWO_WORD_HEADS = {"văn phòng", "thủ tướng", "ủy ban", "uỷ ban", "trung tâm", "bộ phận", "công an", "chi cục", "kho bạc"}
_LEVELS_LOWER = {"tỉnh", "huyện", "xã", "phường", "quận", "thị", "thành", "phố", "trấn", "đặc", "khu"}
_PROPER = {
    "chính phủ": "Chính phủ",
    "quốc hội": "Quốc hội",
    "việt nam": "Việt Nam",
    "nhà nước": "Nhà nước",
    "thường vụ": "Thường vụ",
    "trung ương": "Trung ương",
    "mặt trận": "Mặt trận",
    "tổ quốc": "Tổ quốc",
}


def readable_agency(caps: str) -> str:
    """"ỦY BAN NHÂN DÂN THÀNH PHỐ HỒ CHÍ MINH" → "UBND thành phố Hồ Chí Minh": an issuing body
    written in capitals, as a name is written in a sentence (head word and proper names capitalised,
    level words in lower case, the place after them capitalised)."""
    words = clean(caps).lower().split()
    if words[:4] == ["ủy", "ban", "nhân", "dân"] or words[:4] == ["uỷ", "ban", "nhân", "dân"]:
        words = ["UBND", *words[4:]]
    if words[:1] == ["ubnd"]:
        words[0] = "UBND"
    head = 2 if " ".join(words[:2]) in _TWO_WORD_HEADS else 1
    out: list[str] = []
    place = False
    k = 0
    while k < len(words):
        pair = " ".join(words[k : k + 2])
        if pair in _PROPER:
            out.extend(_PROPER[pair].split())
            k += 2
            continue
        word = words[k]
        if k == 0 or (place and word not in _LEVELS_LOWER):
            word = word if word.isupper() else word[:1].upper() + word[1:]
        elif k == head and out[0] != "UBND" and word not in _LEVELS_LOWER:
            word = word[:1].upper() + word[1:]
        place = word in _LEVELS_LOWER or (place and word not in _LEVELS_LOWER)
        out.append(word)
        k += 1
    return " ".join(out)


def _with_place(name: str, place: tuple[str, str] | None) -> str:
    if place is None:
        return name
    level, where = place
    if fold(name).endswith(" " + fold(level)) or fold(name) == fold(level):
        return f"{name} {where}"
    return name


def _issuer(
    info: PlanInfo,
    lines: list[tuple[int, str, str]],
    title_parts: list[str],
    place: tuple[str, str] | None,
    registry: Registry,
) -> str | None:
    # agency lines above the national motto
    agency_lines: list[str] = []
    for _index, text, f in lines[:12]:
        if f in _STANDARD or f.startswith(("so:", "so ")) or _ISSUED.match(f) or f.strip(" :.") in _KINDS:
            break
        if text.upper() == text and len(f) > 3 and not f.startswith("-"):
            agency_lines.append(text)
    if not agency_lines:
        # no motto above: the issuing body stands under the title ("NGHỊ QUYẾT … / ỦY BAN THƯỜNG VỤ QUỐC HỘI")
        for _index, text, f in lines[:14]:
            if f.startswith(("can cu", "*can cu")) or f.endswith("nghi:") or f.endswith("dinh:"):
                break
            if text.upper() == text and len(f) > 6 and f.strip(" :.") not in _KINDS and _HEAD_LINE.match(f):
                agency_lines.append(text)
                break
    if agency_lines:
        return readable_agency(" ".join(agency_lines[-2:]) if len(agency_lines) > 1 else agency_lines[0])
    # "Kết luận của Tổ Công tác Đề án 06 tỉnh tại Hội nghị …"
    if title_parts:
        title = clean(" ".join(title_parts))
        folded = fold_keep_length(title)
        m = _OF.match(folded)
        if m:
            who = clean(title[m.start("who") : m.end("who")])
            return _with_place(who, place)
    # "UBND tỉnh ban hành Kế hoạch …", "UBND thị xã Bỉm Sơn xây dựng kế hoạch …"
    for _index, text, _f in lines:
        folded = fold_keep_length(text)
        m = _UBND_SENTENCE.search(folded)
        if m:
            who = clean(text[m.start("who") : m.end("who")])
            agency = registry.resolve(who)
            name = agency.name if agency is not None else who
            return _with_place(name, place)
    # "Số: …/KH-UBND"
    if info.number and fold(info.number).endswith("ubnd") and place is not None:
        return f"UBND {place[0]} {place[1]}"
    return None


# --------------------------------------------------------------------------------------------
# Reporting regime

_WEEKDAYS = {
    "hai": "Monday",
    "2": "Monday",
    "ba": "Tuesday",
    "3": "Tuesday",
    "tu": "Wednesday",
    "4": "Wednesday",
    "nam": "Thursday",
    "5": "Thursday",
    "sau": "Friday",
    "6": "Friday",
    "bay": "Saturday",
    "7": "Saturday",
}
_WEEKLY = re.compile(
    r"(?:bao cao|bc)\s+(?:hang\s+)?tuan[^.;)]{0,40}?truoc\s+(?:ngay\s+)?thu\s*(?P<d>hai|ba|tu|nam|sau|bay|[2-7])\b"
)
_MONTHLY = re.compile(r"truoc\s+ngay\s+(?P<d>\d{1,2})\s+(?:hang|hng|moi)\s+thang")
_HALF = re.compile(
    r"(?:bao cao\s+)?6\s+thang(?:\s+dau\s+nam)?\s+truoc\s+ngay\s+(?P<d>\d{1,2})\s*/\s*(?P<m>\d{1,2})"
)
_ANNUAL = re.compile(r"bao cao\s+(?:hang\s+)?nam\s+truoc\s+ngay\s+(?P<d>\d{1,2})\s*/\s*(?P<m>\d{1,2})")
_SUBMIT = re.compile(
    r"xay dung\s+(?:ke hoach|chuong trinh)[^.]{0,400}?(?:gui|bao cao)\s+(?:ve\s+)?[^.]{0,200}?"
    r"truoc\s+ngay\s+(?P<d>\d{1,2})\s*/\s*(?P<m>\d{1,2})\s*/\s*(?P<y>\d{4})"
)


def read_reporting(doc: Blocks) -> dict[str, Any]:
    """What the plan says about periodic reports, with the keys used by the labels."""
    text = fold(" \n ".join(b.plain for b in doc.blocks if isinstance(b, Paragraph)))
    out: dict[str, Any] = {}
    m = _WEEKLY.search(text)
    if m:
        out["weekly_due_weekday"] = _WEEKDAYS[m.group("d")]
    m = _MONTHLY.search(text)
    if m and 1 <= int(m.group("d")) <= 31:
        out["monthly_due_day"] = int(m.group("d"))
    m = _HALF.search(text)
    if m:
        out["half_year_due"] = f"{int(m.group('m')):02d}-{int(m.group('d')):02d}"
    m = _ANNUAL.search(text)
    if m:
        out["annual_due"] = f"{int(m.group('m')):02d}-{int(m.group('d')):02d}"
    m = _SUBMIT.search(text)
    if m:
        d = _valid_date(int(m.group("y")), int(m.group("m")), int(m.group("d")))
        if d:
            out["plan_submission_due"] = d.isoformat()
    return out

"""Agency names as a grammar: where a name starts, where it ends, where a list splits.

No registry knows every name, so names are read the way Vietnamese administrative writing builds
them: a **head word** opens a name (``Sở``, ``Phòng``, ``Văn phòng``, ``Trung tâm``, ``Bộ phận``,
``Công an``, ``UBND``, ``Bộ``, ``Cục``, ``Đài``, ``Hội`` …, written with a capital), or a
collective opens with ``các``/``những`` before a unit noun (``các sở, ban, ngành``). The name runs on
through its own words, ``và`` and commas included (``Bộ phận Tiếp nhận và Trả kết quả xã``,
``Sở Văn hóa, Thể thao và Du lịch``), and ends at a role or action word (``chủ trì``, ``phối hợp``,
``triển khai`` …, never part of a name), at ``:``/``.``/``;``, or where a separator is followed by
the start of another name. Known names (the registry) are matched first and win.

Everything here works on :class:`plans.agency_tokens.Token` lists; the registry supplies
``known_at`` (the longest known name at a token) so this module does not depend on it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from plans.agency_tokens import Token

KnownAt = Callable[[Sequence[Token], int], "int | None"]


def _phrases(spec: str) -> tuple[tuple[str, ...], ...]:
    out = {tuple(p.split()) for p in spec.replace("\n", ",").split(",") if p.strip()}
    return tuple(sorted(out, key=len, reverse=True))


# Head words (folded; the tokenizer has already turned "Ủy ban nhân dân" into "ubnd").
HEADS = _phrases(
    """
    so, phong, ban, van phong, trung tam, bo phan, cong an, ubnd, hdnd, uy ban, bo, cuc, chi cuc,
    dai, bao, doan, hoi, bao hiem xa hoi, dien luc, toa an, vien kiem sat, vien, kho bac, ngan hang,
    thong tan xa, tap doan, tong cong ty, cong ty, chi nhanh, lien doan, lien minh, mttq, mat tran,
    thanh tra, tinh doan, tinh uy, thanh uy, huyen uy, thi uy, dang uy, hoi dong, benh vien, buu dien,
    vien thong, chinh phu, thu tuong, quoc hoi, bo chi huy, ban chi huy, bo tu lenh, to cong tac,
    ban chi dao, thuong truc, tong thu ky, hiep hoi, doanh nghiep, nha dau tu, chu tich, giam doc,
    thu truong, bo truong, dong chi, pho thu tuong, pho chu tich, nguoi dung dau, truong, hoc vien,
    cac co quan, lanh dao, to chuc, co quan, don vi, dia phuong, luc luong, co so, nha mang,
    hop tac xa
    """
)
# Heads that are also verbs at the start of a sentence ("Tổ chức tập huấn", "Lãnh đạo …"), and
# head words followed by a word that makes them something else ("Ban hành", "Báo cáo", "Phòng, chống").
_VERB_HEADS = {("to", "chuc"), ("lanh", "dao")}
_NOT_HEAD = {
    ("ban", "hanh"), ("bao", "cao"), ("phong", "chong"), ("hoi", "nghi"), ("bo", "sung"), ("so", "hoa"),
    ("so", "luong"), ("vien", "chuc"), ("doan", "ket"), ("truong", "hop"), ("dai", "dien"),
    ("phong", "ngua"), ("bao", "ve"), ("bo", "tri"), ("so", "ket"), ("hoi", "thao"), ("doan", "kiem"),
    ("cuc", "bo"), ("bao", "dam"), ("truong", "hoc"), ("phong", "hop"), ("hoi", "vien"),
}
COLLECTIVE_HINTS = {"cac", "nhung", "moi"}
# People named by their office stand for the agency they head: "Thủ trưởng các sở, ban, ngành",
# "Chủ tịch UBND xã", "Bộ trưởng Bộ Nội vụ"; the name runs on into the agency.
PERSON_HEADS = _phrases(
    """
    thu truong, chu tich, pho chu tich, giam doc, bo truong, lanh dao, nguoi dung dau, dong chi,
    thu truong cac co quan, truong ban, chanh van phong
    """
)

# Words that begin what is said of an agency: a name never holds them (lower-case).
STOPS = _phrases(
    """
    chu tri, phoi hop, tham muu, thuc hien, chiu trach nhiem, co trach nhiem, chu dong, khan truong,
    tiep tuc, tap trung, can cu, trien khai, xay dung, ra soat, chi dao, huong dan, day manh,
    day nhanh, tang cuong, nghien cuu, de xuat, bao cao, uu tien, phat huy, hoan thanh, hoan thien,
    bo tri, cung cap, cap nhat, dang tai, lam viec, xem xet, kiem tra, giam sat, tuyen truyen,
    pho bien, ban hanh, tong hop, theo doi, don doc, thuc day, quan triet, bao dam, dam bao,
    quan tam, duy tri, tien phong, to chuc thuc hien, to chuc trien khai, to chuc, la co quan,
    la don vi, la luc luong, voi vai tro, can, phai, se, da, dang, duoc giao chu tri, theo,
    trong pham vi, tren co so, nham, de, dong thoi, nghiem tuc, kip thoi, thuong xuyen,
    dinh ky, hang nam, hang nam, hang quy, hang thang, truc tiep, mo them, chuan bi, lua chon,
    phan dau, tich cuc, van dong, cu, ung dung, thu hien, cai thien, dau tu, khai thac, phu trach,
    la, lam, de nghi, yeu cau, co ke hoach, co van ban, tham gia, chuyen, dieu chinh, tiep nhan va xu ly,
    ho tro, quan ly, vao, truoc, sau khi, khi, neu, trong, tham dinh, thuc thi, giai quyet,
    quyet liet, nhanh chong, som
    """
)
# Words that may stand right after a name without ending it (levels and places).
LEVEL_WORDS = {"tinh", "huyen", "xa", "phuong", "quan", "thi", "pho", "thanh", "cap", "dac", "khu", "trung", "uong"}
# Collective units ("các sở, ban, ngành, đoàn thể, địa phương").
UNITS = _phrases(
    """
    so, ban, nganh, doan the, dia phuong, co quan, don vi, to chuc, doanh nghiep, thi tran, thi xa,
    thanh pho, benh vien, co so, chi cuc, trung tam, nha mang, phong, hoi, xa, phuong, huyen,
    truong, tinh, bo, cuc, vien, hiep hoi, tap doan, luc luong, dac khu, thanh vien, uy ban
    """
)


_QUALIFIER = re.compile(r"^(?:lien|quan|co|truc|thuoc|tren|dia|ban|cap)$")
_PLACE_WORDS = _phrases("thanh pho, tinh, huyen, thi xa, xa, phuong, quan, dac khu")
_LEVEL_NOUNS = _phrases("xa, phuong, thi tran, dac khu, huyen, thi xa, thanh pho, quan, tinh")


def _phrase_at(toks: Sequence[Token], i: int, phrases: tuple[tuple[str, ...], ...]) -> int:
    """Length of the longest phrase of ``phrases`` at token ``i`` (0 if none)."""
    for phrase in phrases:
        k = len(phrase)
        if i + k <= len(toks) and all(toks[i + j].kind == "w" and toks[i + j].norm == phrase[j] for j in range(k)):
            return k
    return 0


# One-word heads as written with their diacritics: "Đại tá" is no "Đài", "Sơ kết" no "Sở".
_SPELLED = {
    "so": "sở", "bo": "bộ", "dai": "đài", "bao": "báo", "hoi": "hội", "doan": "đoàn", "cuc": "cục",
    "vien": "viện", "ban": "ban", "phong": "phòng", "truong": "trường",
}


def head_at(toks: Sequence[Token], i: int) -> int:
    """Length of a head word written as one (a capital, or an acronym) at ``i``."""
    k = _phrase_at(toks, i, HEADS)
    if not k:
        return 0
    t = toks[i]
    if not t.upper and t.norm not in {"ubnd", "hdnd", "mttq"}:
        return 0
    if k == 1 and t.norm in _SPELLED and t.low != t.norm and t.low != _SPELLED[t.norm]:
        return 0
    return k


def stop_at(toks: Sequence[Token], i: int) -> bool:
    """A lower-case role or action word at ``i``: the name before it is over."""
    t = toks[i]
    return t.kind == "w" and not t.upper and _phrase_at(toks, i, STOPS) > 0


def collective_at(toks: Sequence[Token], i: int) -> bool:
    """"các sở …", "những đơn vị …", "các cơ quan được giao …"."""
    if i >= len(toks) or toks[i].kind != "w" or toks[i].norm not in COLLECTIVE_HINTS:
        return False
    j = i + 1
    return j < len(toks) and (_phrase_at(toks, j, UNITS) > 0 or _phrase_at(toks, j, HEADS) > 0)


def starts_name(toks: Sequence[Token], i: int, known_at: KnownAt) -> bool:
    if i >= len(toks) or toks[i].kind != "w":
        return False
    if known_at(toks, i) is not None:
        return True
    if collective_at(toks, i):
        return True
    t = toks[i]
    if t.norm == "tinh" and t.upper and i + 1 < len(toks) and toks[i + 1].kind == "w" and not toks[i + 1].upper:
        return True  # "Tỉnh tổ chức …": a notice to a province calls it "Tỉnh"
    place = _phrase_at(toks, i, _PLACE_WORDS)
    if place and i + place < len(toks) and toks[i + place].kind == "w" and toks[i + place].upper:
        return True  # "Thành phố Hà Nội", "tỉnh Lâm Đồng": a locality stands for its People's Committee
    k = head_at(toks, i)
    if not k or tuple(t.norm for t in toks[i:i + k]) in _VERB_HEADS:
        return False
    return not (i + 1 < len(toks) and (toks[i].norm, toks[i + 1].norm) in _NOT_HEAD)


@dataclass(frozen=True)
class Span:
    first: int  # token indexes, inclusive
    last: int
    known: int | None  # last token of a known name's match, when the registry knew it
    collective: bool
    agency_first: int | None = None  # "Chủ tịch UBND xã": where the agency's own name starts


def name_at(toks: Sequence[Token], i: int, known_at: KnownAt, *, prose: bool = False) -> Span | None:
    """The one name starting at ``i`` (``None`` when no name starts there). In ``prose`` a known
    name ends where the sentence goes on ("Phòng Nội vụ kiện toàn …"); in a list of agencies the
    words up to the next separator belong to it ("Sở Y tế dự phòng, …")."""
    if not starts_name(toks, i, known_at):
        return None
    collective = collective_at(toks, i)
    known_last = known_at(toks, i)
    j = (known_last + 1) if known_last is not None else (i + max(1, head_at(toks, i)) + (1 if collective else 0))
    person = _phrase_at(toks, i, PERSON_HEADS) if known_last is None else 0
    if person:
        j = i + person
        inner = name_at(toks, j, known_at, prose=prose) if j < len(toks) and toks[j].kind == "w" else None
        if inner is not None:
            return Span(i, inner.last, inner.known, inner.collective, inner.first)
    last = j - 1
    n = len(toks)
    while j < n:
        t = toks[j]
        if t.kind == "(":
            close = paren_end(toks, j)
            if close is None or _paren_is_role(toks, j, close):
                break
            last = j = close
            j += 1
            continue
        if t.kind in {";", "\n", ")", ":"}:
            break
        if t.kind == "," and known_last is not None and j > known_last and not _phrase_at(toks, j + 1, _LEVEL_NOUNS):
            break  # a known name is whole: what follows a comma is another name (or more levels)
        if t.kind == ",":
            nxt = j + 1
            if nxt >= n or toks[nxt].kind != "w" or starts_name(toks, nxt, known_at) or stop_at(toks, nxt):
                break
            if collective or toks[nxt].upper or _phrase_at(toks, nxt, _LEVEL_NOUNS):
                j = nxt  # "UBND phường, xã, đặc khu": a list of levels is one collective name
                continue
            if _bare_kinds(toks, i, last) and _phrase_at(toks, nxt, UNITS):
                j = nxt  # "Hội, hiệp hội …", "Sở, ban, ngành thuộc …": a bare head listing kinds
                continue
            break
        if t.norm == "va" and t.kind == "w":
            nxt = j + 1
            if known_last is not None and j > known_last and toks[last].norm != "hdnd":
                break
            if toks[last].norm == "hdnd" and nxt < n and toks[nxt].norm == "ubnd":
                last = j = nxt
                j += 1
                continue
            if nxt >= n or starts_name(toks, nxt, known_at) or stop_at(toks, nxt) or toks[nxt].kind != "w":
                break
            if collective and toks[nxt].upper:
                break  # "các trường học … và Bru điện thị xã": a collective holds no proper name after "và"
            j = nxt
            continue
        if stop_at(toks, j) and not (known_last is not None and j <= known_last):
            break
        if prose and known_last is not None and j > known_last and not t.upper and not _QUALIFIER.match(t.norm):
            break  # a known name is whole ("Phòng Nội vụ kiện toàn …"): what follows is said of it
        if t.norm in COLLECTIVE_HINTS and not t.upper and j > i + 1:
            break
        last = j
        j += 1
    return Span(i, last, known_last if known_last is not None and known_last <= last else None, collective)


_UNIT_NAMES = {"bo": "Bộ", "so": "Sở", "phong": "Phòng", "cuc": "Cục", "ban": "Ban"}


def member_name(toks: Sequence[Token], text: str, unit: str, first: int, last: int) -> str:
    """One listed member's name: the collective's head word in front, unless it has its own."""
    own = text[toks[first].start : toks[last].end]
    return own if head_at(toks, first) else f"{unit} {own}"


def listed_after(toks: Sequence[Token], span: Span) -> tuple[str, list[tuple[int, int]]] | None:
    """After a collective, ``: A, B và C`` names its members by their own words ("Các Bộ: Tài
    chính, Xây dựng", "UBND các tỉnh: Tuyên Quang, Đồng Nai"). Returns the head each member takes
    ("Bộ", "UBND tỉnh") and the members' token ranges."""
    j = span.last + 1
    words = [t.norm for t in toks[span.first : span.last + 1] if t.kind == "w"]
    if "cac" not in words or j >= len(toks) or toks[j].kind != ":":
        return None
    after = words[words.index("cac") + 1 :] if "cac" in words else words[1:]
    before = [w for w in words[: words.index("cac")]] if "cac" in words else []
    if not after:
        return None
    if before[:1] == ["ubnd"]:
        unit = "UBND " + {"tinh": "tỉnh", "huyen": "huyện", "xa": "xã", "phuong": "phường"}.get(after[0], "")
    elif after[0] in _UNIT_NAMES:
        unit = _UNIT_NAMES[after[0]]
    else:
        return None
    parts: list[tuple[int, int]] = []
    k = j + 1
    n = len(toks)
    while k < n and toks[k].kind == "w" and toks[k].upper:
        start = k
        while k + 1 < n and toks[k + 1].kind == "w" and not stop_at(toks, k + 1):
            if toks[k + 1].norm == "va" and k + 2 < n and toks[k + 2].upper and not _comma_ahead(toks, k + 2):
                break  # "A, B và C": the last "và" of the list separates
            k += 1
        parts.append((start, k))
        k += 1
        if k < n and (toks[k].kind == "," or toks[k].norm == "va"):
            k += 1
            continue
        break
    if not parts or head_at(toks, parts[0][0]):
        return None  # "các cơ quan: Tập đoàn …" names whole agencies: nothing to add
    return unit.strip(), parts


def _comma_ahead(toks: Sequence[Token], k: int) -> bool:
    """A comma still to come in the list (before a role word or the end)."""
    while k < len(toks) and toks[k].kind in {"w", ","} and not stop_at(toks, k):
        if toks[k].kind == ",":
            return True
        k += 1
    return False


def _bare_kinds(toks: Sequence[Token], first: int, last: int) -> bool:
    """"Sở", "Sở, ban": only kinds of agency so far, listed with commas."""
    j = first
    while j <= last:
        if toks[j].kind == ",":
            j += 1
            continue
        k = _phrase_at(toks, j, UNITS) or _phrase_at(toks, j, HEADS)
        if not k:
            return False
        j += k
    return True


def paren_end(toks: Sequence[Token], j: int) -> int | None:
    depth = 0
    for k in range(j, len(toks)):
        if toks[k].kind == "(":
            depth += 1
        elif toks[k].kind == ")":
            depth -= 1
            if depth == 0:
                return k
        elif toks[k].kind in {";", "\n"}:
            return None
    return None


def _paren_is_role(toks: Sequence[Token], start: int, end: int) -> bool:
    """"(cơ quan chủ trì)", "(để b/c)", "(nếu có)" say something of the name: not part of it."""
    words = [t.norm for t in toks[start + 1:end] if t.kind == "w"]
    text = " ".join(words)
    return not words or any(
        w in text for w in ("chu tri", "phoi hop", "thuong truc", "neu", "de ", "sau day", "goi tat", "viet tat")
    )


def names_at(toks: Sequence[Token], i: int, known_at: KnownAt) -> list[Span]:
    """A list of names starting at ``i``: "A, B và C" (each separator followed by a name)."""
    out: list[Span] = []
    n = len(toks)
    while i < n:
        span = name_at(toks, i, known_at, prose=True)
        if span is None:
            break
        out.append(span)
        j = span.last + 1
        if j < n and toks[j].kind == "(":
            close = paren_end(toks, j)
            if close is not None:
                j = close + 1
        if j < n and (toks[j].kind in {",", ";"} or (toks[j].kind == "w" and toks[j].norm in {"va", "cung"})):
            k = j + 1
            while k < n and toks[k].kind == "w" and toks[k].norm in {"va", "voi", "cung"}:
                k += 1
            if starts_name(toks, k, known_at):
                i = k
                continue
        break
    return out

"""What one sentence says about its task: who leads, who supports, and by when.

Cues that hold across documents, not templates:
- the lead is named by an assignment verb (``Giao X …``, ``Đề nghị X …``, ``Yêu cầu X …``,
  ``Khuyến khích X …``), by a name opening the sentence (``Sở Y tế chủ trì, …``,
  ``Doanh nghiệp viễn thông ưu tiên …``), or by a parenthesis (``(Công an thị xã chủ trì, phối hợp
  với …)``);
- the supporting agencies follow ``phối hợp (với|cùng)`` or ``chủ trì cùng``;
- the deadline is a trailing or parenthetical italic phrase, a phrase such as ``hoàn thành trước
  ngày …`` / ``vào ngày …`` / ``trong tháng …``, or a recurrence word (``thường xuyên``,
  ``định kỳ``, ``hằng năm`` …) that makes the task ongoing. Dates of cited documents do not count.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from plans.agencies import AgencyRef, Registry
from plans.documents.model import plain
from plans.text import clean, fold, fold_keep_length

_ASSIGN = re.compile(
    r"(?:^|(?<=[\s(:;,.]))(?:giao(?: cho)?|de nghi|yeu cau|khuyen khich|dong chi)\s+(?=\S)"
)
_OPENERS = re.compile(
    r"^(?:(?:trong|tren) (?:pham vi|co so)[^,]{0,120},\s*|can cu[^,]{0,160},\s*|"
    r"trong thoi gian toi,\s*|dong thoi,?\s*|ngoai ra,?\s*|"
    r"(?:dinh ky\s+)?(?:hang|moi)\s+(?:nam|quy|thang|tuan),?\s*|dinh ky(?:\s+\d{1,2}\s+thang)?,?\s*|"
    r"trong qua trinh[^,]{0,80},\s*(?:neu[^,]{0,80},\s*)?)"
)
_CLAUSE = re.compile(r"[:.;]\s+")
_COLON = re.compile(r":\s+")
_DOES = re.compile(r"\s+(?!va\b|cua\b|tai\b|ve\b)[a-z]")
_ASKS = re.compile(r"\s*(?:yeu cau|de nghi|giao(?: cho)?)\s+")
_SUPPORT = re.compile(r"\b(?:phoi hop(?: chat che)?(?: voi| cung)?|chu tri cung|cung voi)\s+")
_CHU_TRI = re.compile(r"^[\s,]*(?:la co quan |la don vi )?chu tri\b")
_PAREN_ROLE = re.compile(
    r"\((?P<lead>[^()]{2,300}?)\s+chu tri(?:\s*[,;]?\s*phoi hop(?:\s+(?:voi|cung))?\s+(?P<sup>[^()]+?))?\s*\)"
)

# --------------------------------------------------------------------------------------------
# Deadlines inside a sentence

_DATE = (
    r"(?:ngay\s+\d{1,2}\s*[/.-]\s*\d{1,2}(?:\s*[/.-]\s*\d{2,4})?"
    r"|\d{1,2}\s*/\s*\d{1,2}\s*/\s*\d{4}"
    r"|ngay\s+\d{1,2}\s+thang\s+\d{1,2}(?:\s+nam\s+\d{4})?"
    r"|thang\s+\d{1,2}(?:\s*/\s*\d{4}|\s+nam\s+\d{4})?"
    r"|quy\s+(?:[ivx]{1,3}|[1-4])(?:\s*/\s*\d{4}|\s+nam\s+\d{4})?"
    r"|(?:6|06|sau)\s+thang\s+(?:dau|cuoi)\s+nam(?:\s+\d{4})?"
    r"|(?:cuoi\s+)?nam\s+\d{4}"
    r"|thoi han\s+\d{1,3}\s+ngay(?:\s+lam viec)?(?:\s+ke tu[^.;,]{0,60})?"
    r"|vong\s+\d{1,3}\s+ngay(?:\s+lam viec)?(?:\s+ke tu[^.;,]{0,60})?"
    r"|\d{1,3}\s+ngay(?:\s+lam viec)?\s+ke tu[^.;,]{0,60})"
)
_TRIGGER = (
    r"(?:(?:(?:phai|phan dau|dam bao|de)\s+)?(?:hoan thanh|xong|ket thuc)(?:\s+cham nhat)?"
    r"(?:\s+(?:truoc|trong|vao|den|trong vong|trong thoi gian))?"
    r"|cham nhat(?:\s+(?:la|truoc|trong|vao))?"
    r"|(?:dam bao|phan dau)\s+den"
    r"|truoc|vao|trong)"
)
_PHRASE = re.compile(r"\b" + _TRIGGER + r"\s+" + _DATE + r"(?:\s+hoan thanh[^.;()\n]*)?")
_RANGE = re.compile(r"\btu\s+" + _DATE + r"\s*(?:den|-|–)\s*(?:het\s+)?" + _DATE)
_CITED = re.compile(r"(?:\bso\s+[\w./-]*\d[\w./-]*|[\w-]+/[\w./-]+)\s*,?\s*$")
_RECURRING = re.compile(
    r"\b(?:(?:dinh ky\s+)?(?:hang|hng|moi)\s+(?:nam|quy|thang|tuan|ngay)|dinh ky(?:\s+\d{1,2}\s+thang)?"
    r"|thuong xuyen(?:,?\s*lien tuc)?|lien tuc)\b"
)
_RECURRING_BEFORE = re.compile(r"\b(?:dinh ky\s+)?(?:hang|hng)\s+(?:nam|quy|thang|tuan)\s*\(?\s*$|\bdinh ky\s*\(?\s*$")
_PLANNED = re.compile(r"\b(?:co ke hoach|du kien|theo ke hoach)\s*$")
_TARGET = re.compile(r"\d[\d.,]*\s*(?:%|km|ha|tan|ty|trieu|nghin|nguoi|ho|cong trinh|du an)\b[^.;]{0,12}$")
_RECURRING_AFTER = re.compile(r"\s*,?\s*(?:hang|hng|moi)\s+(?:nam|quy|thang|tuan)\b")
_NOT_RECURRING = re.compile(r"\b(?:chi|kinh phi|nguon|ngan sach|du toan|von)\s+(?:thuong xuyen|hang nam)\b")
_ITALIC = re.compile(r"\*([^*]{3,300})\*")
_DEADLINE_WORDS = re.compile(
    r"^\s*[(]?\s*(?:hoan thanh|thoi gian|thoi han|thuc hien thuong xuyen|thuong xuyen|duy tri|"
    r"trong (?:quy|thang|nam|tuan)|truoc ngay|truoc thang|truoc quy|quy [ivx1-4]|thang \d|nam \d{4}|"
    r"hang (?:nam|thang|quy|tuan)|cham nhat|xong|dinh ky|tu (?:ngay|thang|nam)|giai doan \d)"
)


@dataclass
class Roles:
    lead: list[AgencyRef] = field(default_factory=list)
    support: list[AgencyRef] = field(default_factory=list)
    content: str = ""  # the sentence without a "(X chủ trì, …)" parenthesis


def roles(text: str, registry: Registry) -> Roles:
    """The lead and supporting agencies a sentence names for itself."""
    text = clean(plain(text))
    folded = fold_keep_length(text)
    out = Roles(content=text)
    paren = _PAREN_ROLE.search(folded)
    if paren:
        out.lead = registry.split(text[paren.start("lead") : paren.end("lead")])
        if paren.group("sup"):
            out.support = registry.split(text[paren.start("sup") : paren.end("sup")])
        out.content = re.sub(r"\s+([.,;:])", r"\1", clean(text[: paren.start()] + text[paren.end() :])).rstrip(" ,;.")
        if out.lead:
            return out
    out.lead, after = _lead(text, folded, registry)
    out.support = _support(text, folded, after, registry)
    return out


def assignment_inside(text: str, registry: Registry) -> Roles | None:
    """A duty given in the middle of prose: after an assignment verb ("…, UBND tỉnh giao Sở X chủ
    trì, phối hợp với Y …") or opening a clause with "chủ trì" ("…: Sở X chủ trì, phối hợp …").
    The agencies named there lead; the task reads from their names to the end of the sentence."""
    text = clean(plain(text))
    folded = fold_keep_length(text)
    verbs = {m.end() for m in _ASSIGN.finditer(folded)}
    clauses = {m.end() for m in _CLAUSE.finditer(folded)}
    colons = {m.end() for m in _COLON.finditer(folded)}
    for start in sorted(verbs | clauses):
        refs, end = registry.names_at(text[start:])
        if not refs:
            continue
        after = folded[start + end :]
        # after a verb of assignment any name leads; after a full stop only "X chủ trì"; after a
        # colon ("Về …: Tỉnh căn cứ …") a name followed by what it does
        if start not in verbs and not _CHU_TRI.match(after) and not (start in colons and _DOES.match(after)):
            continue
        rest = text[start:]
        sentence_end = re.search(r"[.;](?:\s|$)", rest[end:])
        content = rest[: end + sentence_end.start() + 1] if sentence_end else rest
        return Roles(lead=refs, support=roles(rest, registry).support, content=clean(content).rstrip(" ;"))
    return None


def _lead(text: str, folded: str, registry: Registry) -> tuple[list[AgencyRef], int]:
    start = 0
    opener = _OPENERS.match(folded)
    if opener:
        start = opener.end()
    refs, end = registry.names_at(text[start:])
    if refs:
        asks = _ASKS.match(folded, start + end)
        if asks:  # "Chủ tịch UBND thị xã yêu cầu các cơ quan, đơn vị …": those asked lead
            asked, asked_end = registry.names_at(text[asks.end() :])
            if asked:
                return asked, asks.end() + asked_end
        return refs, start + end
    for m in _ASSIGN.finditer(folded, 0, min(len(folded), 400)):
        refs, end = registry.names_at(text[m.end() :])
        if refs:
            return refs, m.end() + end
    return [], 0


def _support(text: str, folded: str, after: int, registry: Registry) -> list[AgencyRef]:
    for m in _SUPPORT.finditer(folded, after):
        refs, _end = registry.names_at(text[m.end() :])
        if refs:
            return refs
    return []


def deadline(text: str) -> str:
    """The deadline a sentence states for itself, as written, or ''."""
    raw = text.strip()
    italic = ""
    for m in reversed(list(_ITALIC.finditer(raw))):
        inner = plain(m.group(1)).strip(" ()")
        if _DEADLINE_WORDS.match(fold(inner)) and _has_time(inner):
            italic = inner
            break
    phrase = _phrase(clean(plain(raw)))
    core = italic.rstrip(" .;")
    if italic and not (phrase and fold(core) in fold(phrase) and len(phrase) > len(core)):
        return italic  # the italic phrase says it all ("*Hoàn thành trong quý I/2022.*")
    return phrase or _recurring(clean(plain(raw))) or _condition(clean(plain(raw)))


_CONDITION = re.compile(
    r"\b(?:theo (?:dung )?(?:tien do|lo trinh|ke hoach)\s+(?:cua|duoc|da|de ra|dang ky)[^.;,]{0,60}|"
    r"theo (?:dung )?cam ket[^.;,]{0,60}|bam sat tien do[^.;,]{0,40}|"
    r"khi (?:co|duoc)\s+(?:yeu cau|de nghi|chi dao|huong dan)[^.;,]{0,60}|"
    r"khi\b[^.;,()]{0,40}?\b(?:de nghi|yeu cau)\b|"
    r"neu (?:co|thay)[^.;,]{0,60}|trong qua trinh [^.;,]{0,60}|"
    r"(?:sau )?khi\b[^.;]{0,60}?\b(?:ban hanh|phe duyet|co huong dan)\b[^.;]{0,60})"
)


def _condition(sentence: str) -> str:
    """"theo đúng cam kết", "khi có yêu cầu …", "nếu có khó khăn, vướng mắc": no date, a trigger."""
    m = _CONDITION.search(fold_keep_length(sentence))
    return clean(sentence[m.start() : m.end()]) if m else ""


def _phrase(sentence: str) -> str:
    folded = fold_keep_length(sentence)
    for m in _RANGE.finditer(folded):
        if not _CITED.search(folded[: m.start()]):
            return clean(sentence[m.start() : m.end()]).rstrip(" ,;.")
    for m in _PHRASE.finditer(folded):
        if _CITED.search(folded[: m.start()]) and not folded[m.start():].startswith(("hoan thanh", "cham nhat")):
            continue
        if _TARGET.search(folded[max(0, m.start() - 30) : m.start()]):
            continue  # "5.000 km vào năm 2030", "đạt 80% vào năm 2025": a target, not a deadline
        if _PLANNED.search(folded[max(0, m.start() - 20) : m.start()]):
            continue  # "các dự án có kế hoạch hoàn thành năm 2025": says what is planned, not by when
        start, end = m.start(), m.end()
        before = _RECURRING_BEFORE.search(folded[max(0, start - 30) : start])
        if before:
            start = max(0, start - 30) + before.start()
        after = _RECURRING_AFTER.match(folded, end)
        if after:  # "trước ngày 15/11 hằng năm"
            end = after.end()
        return clean(sentence[start:end]).rstrip(" ,;.")
    return ""


def _recurring(sentence: str) -> str:
    folded = fold_keep_length(sentence)
    for m in _RECURRING.finditer(folded):
        window = folded[max(0, m.start() - 20) : m.end()]
        budget = _NOT_RECURRING.search(window)
        if budget is not None and budget.end() == len(window):  # "chi thường xuyên": a budget line
            continue
        return clean(sentence[m.start() : m.end()])
    return ""


_TAIL = re.compile(r"\(?\*(?P<d>[^*]{3,300})\*\)?\s*[.;]?\s*$")


def without_tail_deadline(raw: str) -> str:
    """The sentence without a trailing italic deadline ("… *Hoàn thành trong quý I/2022.*")."""
    m = _TAIL.search(raw.strip())
    if m and _DEADLINE_WORDS.match(fold(plain(m.group("d")))) and _has_time(m.group("d")):
        return raw.strip()[: m.start()]
    return raw


def _has_time(text: str) -> bool:
    return bool(re.search(r"\d|thuong xuyen|hang |dinh ky|lien tuc", fold(text)))


def is_deadline_line(text: str) -> bool:
    """A paragraph that is only a deadline ("*Hoàn thành trong Quý I/2023.*")."""
    stripped = text.strip()
    if not (stripped.startswith("*") and stripped.rstrip(".").endswith("*")):
        return False
    inner = plain(stripped)
    return len(inner) < 200 and bool(_DEADLINE_WORDS.match(fold(inner))) and _has_time(inner)

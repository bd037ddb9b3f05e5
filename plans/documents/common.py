"""Helpers shared by the readers: the end of the body, broken paragraphs, agency fields, labels."""

from __future__ import annotations

import re

from plans.agencies import AgencyRef, Registry
from plans.documents.model import Block, Paragraph, strip_marks
from plans.text import clean, fold, fold_keep_length

ROMAN = re.compile(r"^(?P<code>[IVXLC]{1,7})\s*[.):]?\s*(?P<title>.*)$")
ROMAN_HEADING = re.compile(r"^(?P<code>[IVXLC]{1,7})\s*[.)]\s+(?P<title>\S.*)$")
ITEM = re.compile(r"^(?P<code>[a-zđ])\s*[).]\s+(?P<title>\S.*)$")
BULLET = re.compile(r"^\s*(?:[-–—•+∙·●○■□▪]|\*(?=\s))\s*")
_CLOSING = re.compile(r"^(?:noi nhan\s*:?|(?:tm|kt|tl|ttl|q)\.\s*\S.*)$")
_SIGNER = re.compile(r"^(?:pho\s+)?(?:chu tich|giam doc|to truong|truong ban|truong phong|to pho)$")


def is_closing(text: str) -> bool:
    """The end of the body: "Nơi nhận:", "TM. ỦY BAN NHÂN DÂN", "KT. TỔ TRƯỞNG", "CHỦ TỊCH"."""
    f = fold(text).strip(" :.*")
    if f.startswith("noi nhan"):
        return True
    return text.upper() == text and bool(_CLOSING.match(f) or _SIGNER.match(f))


def paragraph_end(text: str) -> bool:
    return bool(text) and text.rstrip()[-1:] in ".:;!?"


def merge_broken_paragraphs(blocks: list[Block]) -> list[Block]:
    """Join a paragraph that a page break cut in two: the second part starts in lower case
    and the first does not end a sentence."""
    out: list[Block] = []
    for block in blocks:
        if isinstance(block, Paragraph) and out and isinstance(out[-1], Paragraph):
            prev = out[-1]
            cur = block.plain
            first = cur[:1]
            if (
                first.isalpha()
                and first.islower()
                and not ITEM.match(cur)
                and not paragraph_end(prev.plain)
                and not BULLET.match(block.text)
            ):
                out[-1] = Paragraph(prev.text.rstrip() + " " + block.text.lstrip(), style=prev.style)
                continue
        out.append(block)
    return out


# --------------------------------------------------------------------------------------------
# Agency fields

_THEO = re.compile(r"\btheo\b")


def _cut_qualifiers(text: str) -> str:
    """Drop "theo chức năng, thẩm quyền …" clauses (outside parentheses) up to the next ';'."""
    folded = fold_keep_length(text)
    out: list[str] = []
    pos = 0
    for m in _THEO.finditer(folded):
        if m.start() < pos:
            continue
        before = text[pos : m.start()]
        depth = text[: m.start()].count("(") - text[: m.start()].count(")")
        if depth > 0 or not text[: m.start()].strip():
            continue
        out.append(before)
        semi = text.find(";", m.end())
        pos = len(text) if semi < 0 else semi
    out.append(text[pos:])
    return "".join(out)


def agency_field(text: str, registry: Registry | None = None) -> str:
    """A cell or label value holding agency names, as one line. A line break separates names,
    unless the next line continues a wrapped name (decided with the registry when given)."""
    lines = [BULLET.sub("", line).strip() for line in strip_marks(text).split("\n")]
    lines = [line for line in lines if line]
    if not lines:
        return ""
    joined = lines[0]
    for line in lines[1:]:
        joined = join_agency_parts(joined, line, registry)
    return clean(_cut_qualifiers(joined)).rstrip(" .;,")


def parse_agencies(text: str, registry: Registry) -> list[AgencyRef]:
    value = agency_field(text, registry)
    if not value:
        return []
    return registry.split(value)


def join_agency_parts(first: str, second: str, registry: Registry | None) -> str:
    """Join two parts of an agency list cut by a line or page break: with a space when the
    first ends with a separator or the join reads better, else with "; "."""
    a, b = first.rstrip(), second.strip()
    if not a:
        return b
    if not b:
        return a
    spaced = a + " " + b
    split = a + "; " + b
    if a[-1:] in ",;&" or fold(a).endswith(" va") or fold(b).startswith("va "):
        return spaced
    if registry is None:
        return spaced if b[:1].islower() else split
    if registry.names_at(b)[0]:
        return split  # a line that opens with a name starts the next agency
    unknown_spaced = sum(not r.known for r in registry.split(_cut_qualifiers(spaced)))
    unknown_split = sum(not r.known for r in registry.split(_cut_qualifiers(split)))
    if unknown_split != unknown_spaced:
        return split if unknown_split < unknown_spaced else spaced
    return spaced if b[:1].islower() else split


# --------------------------------------------------------------------------------------------
# Labels ("- Cơ quan chủ trì: …")

_LABEL = re.compile(
    r"(?:^|(?<=[.;]\s)|(?<=\s[-–]\s))[-–•+]?\s*"
    r"(?:(?P<agency>(?:co quan|don vi|cq|dv)(?:\s*,\s*(?:don vi|to chuc|co quan))?\s+"
    r"(?:chu tri|thuc hien|dau moi|phoi hop)(?:\s+thuc hien)?|chu tri|phoi hop)"
    r"|(?P<time>thoi gian|thoi han|tien do)(?P<extra>[^:.;]{0,60}?)"
    r"|(?P<other>san pham|ket qua du kien|kinh phi|ghi chu))\s*:\s*"
)


def find_labels(text: str) -> tuple[str, list[tuple[str, str, str]]]:
    """Split a paragraph into its text before any label and its labelled values.

    Returns ``(prefix, [(role, label, value), …])`` with role in lead/support/deadline/note.
    """
    folded = fold_keep_length(text)
    matches = list(_LABEL.finditer(folded))
    if not matches:
        return text, []
    prefix = text[: matches[0].start()].strip()
    out: list[tuple[str, str, str]] = []
    for k, m in enumerate(matches):
        end = matches[k + 1].start() if k + 1 < len(matches) else len(text)
        value = text[m.end() : end].strip()
        if k + 1 < len(matches):
            value = value.rstrip(" ;.")
        label = clean(text[m.start() : m.end()].strip(" -–•+:"))
        if m.group("agency"):
            role = "support" if "phoi hop" in m.group("agency") else "lead"
        elif m.group("time"):
            role = "deadline"
        else:
            role = "note"
        out.append((role, label, value))
    return prefix, out

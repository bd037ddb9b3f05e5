"""Layouts 4 and 5: tasks written as prose.

4. Inline prose: a bullet ending in ``(Công an thị xã chủ trì, phối hợp với …)``, with or
   without a trailing italic ``*Hoàn thành trong quý I/2022.*`` (in the same paragraph or the
   next one).
5. Conclusions notices: numbered agency headings ``(4) Sở Tài nguyên và Môi trường`` followed by
   bullets (or ``(6) Bảo hiểm xã hội tỉnh: Hoàn thành …`` on one line); each bullet is a task of
   that agency, its deadline taken from inside the sentence ("hoàn thành trước ngày 18/4/2024");
   bullets without a date go on ("ongoing") and are followed through the periodic reports.

Under other headings a bullet is a task too; its lead is named by "Đề nghị X …", "Giao X …" or
"X chủ trì", else it is left empty (the issuing agency takes it later).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from plans.agencies import AgencyRef, Registry
from plans.documents.common import (
    ORDINAL,
    PAREN_HEADING,
    ROMAN_HEADING,
    deadline_phrase,
    find_labels,
    is_bullet,
    is_closing,
    iter_paragraphs,
    num_heading,
    strip_bullet,
)
from plans.documents.header import Header
from plans.documents.model import Blocks, TaskDraft, plain
from plans.text import clean, fold, fold_keep_length

_EXCLUDED_SECTIONS = re.compile(
    r"muc dich|yeu cau|quan diem|muc tieu|can cu|ket qua|to chuc thuc hien|kinh phi|tinh hinh|danh gia|"
    r"phan cong trach nhiem"
)
_PAREN_ASSIGN = re.compile(
    r"\((?P<lead>[^()]{2,300}?)\s+chu tri(?:\s*[,;]?\s*phoi hop(?:\s+(?:voi|cung))?\s+(?P<sup>[^()]+?))?\s*\)"
)
_VERB = re.compile(r"(?:^|[\s(:;,])(?:de nghi|giao(?: cho)?|yeu cau|chi dao)\s+")
_SUPPORT = re.compile(r"\bphoi hop(?:\s+(?:voi|cung))?\s+")
_STARTS_CHU_TRI = re.compile(r"^\s*[,(]?\s*(?:chu tri|la co quan chu tri)\b")
_ITALIC_TAIL = re.compile(r"\*(?P<d>[^*]{3,300})\*\s*[.;]?\s*$")
_DEADLINE_WORDS = re.compile(
    r"^\s*[(]?\s*(?:hoan thanh|thoi gian|thoi han|thuc hien thuong xuyen|thuong xuyen|duy tri|trong (?:quy|thang|nam)|"
    r"truoc ngay|truoc thang|quy [ivx1-4]|thang \d|nam \d{4}|hang (?:nam|thang|quy|tuan)|cham nhat|xong)"
)
_SUBITEM = re.compile(r"(?:(?<=^)|(?<=[;:.]\s)|(?<=[;:.]))\s*\((?P<n>\d{1,2})\)\s+")
_ASSIGN_START = re.compile(r"^(?:de nghi|giao|yeu cau)\b")


@dataclass
class _Ctx:
    code: str  # heading code ("2.4"), "" at top level
    section: str
    refs: list[AgencyRef] | None = None  # set for an agency heading
    drafts: list[TaskDraft] = field(default_factory=list)
    bullets: int = 0


def _agency_heading(title: str, registry: Registry) -> tuple[list[AgencyRef], str] | None:
    """Agencies named by a heading's text (before any ':'), and the text after ':'."""
    head, rest = title, ""
    colon = title.find(":")
    if 0 < colon < 200:
        head, rest = title[:colon], title[colon + 1 :].strip()
    candidates = [head]
    for cut in (" - ", " – ", " ("):
        if cut in head:
            candidates.append(head.split(cut, 1)[0])
    for cand in candidates:
        cand = cand.strip(" .")
        if not cand or len(cand) > 160:
            continue
        refs = registry.split(cand)
        if refs and all(r.known for r in refs):
            return refs, rest
    return None


def _lead_from_sentence(text: str, registry: Registry) -> list[AgencyRef]:
    folded = fold_keep_length(text)
    for m in _VERB.finditer(folded):
        refs, _end = registry.match_prefix(text[m.end() :])
        if refs:
            return refs
    refs, end = registry.match_prefix(text)
    if refs and _STARTS_CHU_TRI.match(folded[end:]):
        return refs
    return []


def _support_from_sentence(text: str, registry: Registry) -> list[AgencyRef]:
    folded = fold_keep_length(text)
    for m in _SUPPORT.finditer(folded):
        refs, _end = registry.match_prefix(text[m.end() :])
        if refs:
            return refs
    return []


def _split_subitems(text: str) -> list[str]:
    """ "(1) Đề nghị A …; (2) Giao B …" → two tasks, when the items assign work."""
    marks = list(_SUBITEM.finditer(text))
    if len(marks) < 2:
        return [text]
    items = []
    for k, m in enumerate(marks):
        end = marks[k + 1].start() if k + 1 < len(marks) else len(text)
        items.append(text[m.end() : end].strip().rstrip(";").strip())
    if not any(_ASSIGN_START.match(fold(item)) for item in items):
        return [text]
    return [item for item in items if item]


class _Reader:
    def __init__(self, doc: Blocks, header: Header, registry: Registry) -> None:
        self.doc = doc
        self.header = header
        self.registry = registry
        self.groups: list[_Ctx] = []
        self.ctx = _Ctx("", "")
        self.num_code = ""
        self.num_section = ""
        self.last: TaskDraft | None = None

    def _new_ctx(self, ctx: _Ctx) -> None:
        self.ctx = ctx
        self.groups.append(ctx)

    def run(self) -> list[TaskDraft]:
        self.groups.append(self.ctx)
        excluded = False
        for index, para in iter_paragraphs(self.doc.blocks):
            if index < self.header.body_start:
                continue
            text = para.plain
            if not text:
                continue
            if is_closing(text):
                break
            roman = ROMAN_HEADING.match(text)
            if roman and roman.group("code").isupper() and len(text) < 200:
                excluded = bool(_EXCLUDED_SECTIONS.search(fold(roman.group("title"))))
                self.num_code = ""
                self.num_section = text
                self._new_ctx(_Ctx("", text))
                continue
            if excluded:
                continue
            if self._heading(text, index):
                continue
            if is_bullet(para.text):
                self._bullet(para.text, index)
                continue
            if self._italic_deadline(para.text):
                continue
            ctx = self.ctx
            if ctx.refs is not None and not ctx.drafts and not text.rstrip().endswith(":"):
                self._tasks(para.text, index)
                continue
            if ctx.refs is None and _PAREN_ASSIGN.search(fold_keep_length(text)):
                self._tasks(para.text, index)
        return self._finish()

    # -- headings ----------------------------------------------------------------------------

    def _heading(self, text: str, index: int) -> bool:
        paren = PAREN_HEADING.match(text)
        numbered = num_heading(text)
        if not paren and not numbered:
            return False
        if paren:
            n, title = paren.group("code"), paren.group("title")
        else:
            assert numbered is not None
            n, title = numbered
        found = _agency_heading(title, self.registry)
        if found is not None:
            refs, rest = found
            code = f"{self.num_code}.{n}" if paren and self.num_code else n
            self._new_ctx(_Ctx(code, self.num_section or text, refs))
            if rest:
                self._tasks(rest, index)
            return True
        if numbered and len(title) < 200:
            self.num_code = n
            self.num_section = text
            self._new_ctx(_Ctx(n, text))
            return True
        return False

    # -- tasks -------------------------------------------------------------------------------

    def _bullet(self, raw: str, index: int) -> None:
        self._tasks(strip_bullet(raw), index)

    def _italic_deadline(self, raw: str) -> bool:
        stripped = raw.strip()
        if not (stripped.startswith("*") and stripped.rstrip(".").endswith("*")):
            return False
        text = plain(raw)
        if not _DEADLINE_WORDS.match(fold(text)) or self.last is None or self.last.deadline_text:
            return False
        self.last.deadline_text = text.strip(" ()")
        return True

    def _tasks(self, raw: str, index: int) -> None:
        deadline_tail = ""
        m = _ITALIC_TAIL.search(raw.strip())
        if m and _DEADLINE_WORDS.match(fold(plain(m.group("d")))):
            deadline_tail = plain(m.group("d")).strip(" ()")
            raw = raw.strip()[: m.start()]
        text = plain(raw)
        folded = fold_keep_length(text)
        ordinal = ORDINAL.match(folded)
        if ordinal:
            text = text[ordinal.end() :].strip()
        items = _split_subitems(text)
        ctx = self.ctx
        ctx.bullets += 1
        for k, item in enumerate(items):
            draft = self._draft(item, deadline_tail if k == len(items) - 1 else "", index, k)
            draft.notes["_bullet"] = str(ctx.bullets)
            if len(items) > 1:
                draft.notes["_sub"] = str(k + 1)
            ctx.drafts.append(draft)
            self.last = draft

    def _draft(self, text: str, deadline_tail: str, index: int, k: int) -> TaskDraft:
        ctx = self.ctx
        lead: list[AgencyRef] | None = None
        support: list[AgencyRef] | None = None
        content = text
        folded = fold_keep_length(text)
        m = _PAREN_ASSIGN.search(folded)
        if m:
            lead = self.registry.split(text[m.start("lead") : m.end("lead")])
            if m.group("sup"):
                support = self.registry.split(text[m.start("sup") : m.end("sup")])
            content = re.sub(r"\s+([.,;:])", r"\1", clean(text[: m.start()] + text[m.end() :])).rstrip(" ,;.")
        if ctx.refs is not None and lead is None:
            lead = list(ctx.refs)
        if lead is None:
            found = _lead_from_sentence(text, self.registry)
            lead = found or []
        if support is None:
            support = _support_from_sentence(text, self.registry)
        deadline = deadline_tail
        notes: dict[str, str] = {}
        if not deadline:
            _prefix, labels = find_labels(text)
            for role, label, value in labels:
                if role == "deadline" and not deadline:
                    deadline = value
                elif role == "note":
                    notes[label] = value
        if not deadline:
            deadline = deadline_phrase(text)
        return TaskDraft(
            code="",
            section=ctx.section,
            content=clean(content).rstrip(" ;"),
            deadline_text=deadline.strip().rstrip(" ;"),
            lead_refs=lead,
            support_refs=support,
            notes=notes,
            undated="ongoing",
            order=(index, k),
            layout="thông báo kết luận" if ctx.refs is not None else "văn xuôi",
        )

    def _finish(self) -> list[TaskDraft]:
        out: list[TaskDraft] = []
        for ctx in self.groups:
            if not ctx.drafts:
                continue
            bullets = {d.notes.get("_bullet") for d in ctx.drafts}
            single = len(bullets) == 1 and ctx.refs is not None
            for d in ctx.drafts:
                b = d.notes.pop("_bullet", "1")
                sub = d.notes.pop("_sub", None)
                parts = [p for p in (ctx.code, "" if single and ctx.code else b, sub) if p]
                d.code = ".".join(parts)
                out.append(d)
        return out


def read_prose(doc: Blocks, header: Header, registry: Registry) -> list[TaskDraft]:
    return _Reader(doc, header, registry).run()

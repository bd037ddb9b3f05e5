"""Tasks found in the document's tree by cues, not by templates.

A task is an assignable action in a part of the document that assigns work: a numbered or lettered
item, a bullet, or a paragraph under an agency's heading. Its lead, support and deadline come from
its own words first (:mod:`plans.documents.cues`), then from label lines attached to it or shared
by a run of bullets (``- Cơ quan chủ trì: …``, ``b) Cơ quan thực hiện: - Đơn vị chủ trì: …``,
``*Đơn vị chủ trì:* …``, a ``Thời gian thực hiện: …`` line after a list), then from the enclosing
agency heading (``3. Sở Tư pháp``, ``a) Bộ Công an:``, ``(4) Sở Tài nguyên và Môi trường``).

Sections that state purposes, requirements, viewpoints or targets hold no tasks. Items that name
nobody are tasks only in a section about tasks (``Nhiệm vụ …``), where the issuer takes them;
elsewhere they are counted as skipped, for the preview to mention.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from plans.agencies import AgencyRef, Registry
from plans.documents import cues
from plans.documents.common import find_labels
from plans.documents.model import TaskDraft, plain
from plans.documents.outline import Node
from plans.text import clean, fold, fold_keep_length, shorten

_NO_TASKS = re.compile(
    r"^(?:[ivx]+\.\s*)?(?:muc dich|yeu cau\b|quan diem|muc tieu|chi tieu|can cu|"
    r"boi canh|pham vi|doi tuong|nguyen tac|su can thiet|dinh huong)"
)
# A review of the past: only a sentence that names who does what next is a task there.
_REVIEW = re.compile(r"^(?:[ivx]+\.\s*)?(?:tinh hinh|ket qua|danh gia|thuc trang)")
_TASK_SECTION = re.compile(
    r"\b(?:nhiem vu|giai phap|phan cong|to chuc thuc hien|trach nhiem|ket luan|chi dao|yeu cau:|"
    r"cong viec|hoat dong|de nghi)\b"
)
_REQUEST = re.compile(r"^(?:de nghi|khuyen khich|giao(?: cho)?|yeu cau|phan cong)\s+")
_ROLE_TAIL = re.compile(r"^[\s:.,;-]*(?:\((?:[^()]*)\))?[\s:.,;-]*$")
_ENUM_INTRO = re.compile(r"(?:sau|gom|bao gom|nhu sau|cu the|trong do|the hien)\s*:?\s*$|:\s*$")
_INLINE_ITEM = re.compile(r"(?:(?<=^)|(?<=[;:.]\s)|(?<=[;:.]))\s*\((?P<n>\d{1,2})\)\s+")
_ORDINAL = re.compile(r"^(?:thu\s+)?(?:nhat|mot|hai|ba|bon|tu|nam|sau|bay|tam|chin|muoi)\s*(?:la)?\s*[,:]\s*")
_BOILERPLATE = re.compile(
    r"chiu trach nhiem thi hanh|co hieu luc(?: thi hanh)?(?: ke)? tu ngay|ban hanh kem theo (?:quyet dinh|ke hoach)"
    r"|^(?:de nghi|yeu cau)\b(?:\W+\w+){0,6}?\W+(?:trien khai\s+)?thuc hien\W*(?:\w\W*)?$"
    r"|\bthong bao de\b.{0,160}\bbiet\b"
)
_ROLES_ONLY = re.compile(r"^\s*(?:chu tri|la co quan chu tri|thuc hien)\b[^:]*:\s*$")
_LISTING = re.compile(r"\b(?:bao gom|gom|nhu|cu the|sau day|la)\s*$")
# An item that opens with a verb of doing reads like a task ("Rà soát …", "Xây dựng …").
_ACTION = re.compile(
    r"^(?:tiep tuc\s+)?(?:ra soat|xay dung|trien khai|to chuc|thuc hien|hoan thien|day manh|tang cuong|"
    r"cap nhat|ban hanh|tham muu|chi dao|huong dan|kiem tra|bao cao|tong hop|nghien cuu|de xuat|"
    r"phoi hop|chu tri|bo tri|dau tu|nang cap|so hoa|tuyen truyen|ket noi|dao tao|boi duong)\b"
)
_SENTENCE = re.compile(r"(?<=\.)\s+(?=[A-ZĐÀ-Ỹ])")
_TOPIC_WORDS = re.compile(r"^(?:chu de|khau hieu|thong diep|bo nhan dien|doi tuong|pham vi|muc tieu)\b")
_TOPIC = re.compile(r"^(?:ve|nhom|linh vuc|doi voi|cong tac)\b")
_REQUESTS_END = re.compile(r"\b(?:yeu cau|de nghi|chi dao|giao|ket luan|quyet dinh|chi thi)\s*:\s*$")
_HEADING_SCHEMES = {"roman", "upper", "article", "part"}


@dataclass
class Fields:
    """Label lines: ``- Cơ quan chủ trì: …`` and the like."""

    lead: list[AgencyRef] = field(default_factory=list)
    support: list[AgencyRef] = field(default_factory=list)
    deadline: str = ""
    content: str = ""
    content_items: list[Node] = field(default_factory=list)
    notes: dict[str, str] = field(default_factory=dict)

    def empty(self) -> bool:
        return not (self.lead or self.support or self.deadline or self.content or self.content_items or self.notes)

    def over(self, base: Fields) -> Fields:
        """These fields, completed by ``base`` where they say nothing."""
        return Fields(
            lead=self.lead or base.lead,
            support=self.support or base.support,
            deadline=self.deadline or base.deadline,
            notes={**base.notes, **self.notes},
        )


@dataclass
class Context:
    zone: str = "neutral"  # "none" (purposes, targets …), "tasks", "neutral"
    heading: list[AgencyRef] = field(default_factory=list)  # an agency heading above
    fields: Fields = field(default_factory=Fields)
    section: str = ""
    own_lead: list[AgencyRef] = field(default_factory=list)  # a label line attached to the item itself


@dataclass
class Found:
    drafts: list[TaskDraft] = field(default_factory=list)
    unassigned: list[TaskDraft] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # items that read like tasks but name nobody


class ItemReader:
    def __init__(self, registry: Registry) -> None:
        self.registry = registry
        self.found = Found()
        self.codes: set[str] = set()
        self.first_top: str | None = None

    # -- the walk ------------------------------------------------------------------------------

    def read(self, root: Node) -> Found:
        self._children(root, Context())
        return self.found

    def _children(self, node: Node, ctx: Context) -> None:
        """Read ``node``'s children: label lines become fields of the items before them (or of
        ``node`` when none), the other children are read as items. A lead-in paragraph naming
        agencies ("Các sở, ngành thực hiện các nội dung sau:") gives them the items after it."""
        for items, fields in self._groups(node.children):
            for item in items:
                if item.scheme == "para" and item.plain.rstrip().endswith(":") and not item.children:
                    said = cues.roles(item.plain, self.registry)
                    if said.lead and not _REQUESTS_END.search(fold(item.plain)):
                        ctx = replace(ctx, heading=said.lead)
                    continue
                self._item(item, replace(ctx, fields=fields.over(ctx.fields)))

    def _groups(self, children: list[Node]) -> list[tuple[list[Node], Fields]]:
        """Children in runs, each with the label lines that follow it. Labels before any item
        belong to the parent (the caller took them); labels after items that are only topics
        ("a) Chủ đề …", then "b) Thời gian: …") speak for every item of the parent."""
        groups: list[tuple[list[Node], Fields]] = []
        items: list[Node] = []
        fields = Fields()
        shared = Fields()
        for child in children:
            label = self._label(child)
            if label is not None:
                if items and all((self._heading_like(i) and not i.numbered) or self._topic(i) for i in items):
                    _merge(shared, label)
                else:
                    _merge(fields, label)
                continue
            if not fields.empty() and items:
                groups.append((items, fields))
                items, fields = [], Fields()
            elif not fields.empty():
                fields = Fields()
            items.append(child)
        if items:
            groups.append((items, fields))
        return [(run, own.over(shared)) for run, own in groups]

    def _topic(self, node: Node) -> bool:
        """A lettered or numbered part that only names a subject ("a) Chủ đề …")."""
        return self._heading_like(node) and not cues.roles(node.plain, self.registry).lead and bool(
            _TOPIC_WORDS.match(fold(node.plain))
        )

    def _item(self, node: Node, ctx: Context) -> None:
        ctx = replace(ctx, own_lead=[])
        if node.scheme == "table":
            return
        text = node.plain
        if _BOILERPLATE.search(fold(text)):
            return
        own = self._own_fields(node)
        heading_like = self._heading_like(node)
        if heading_like:
            zone = self._zone(text)
            if zone:
                ctx = replace(ctx, zone=zone, heading=[] if node.scheme in _HEADING_SCHEMES else ctx.heading)
            if node.scheme in _HEADING_SCHEMES:
                ctx = replace(ctx, heading=[], fields=Fields(), section=f"{node.code}. {text}" if node.code else text)
        if ctx.zone == "none":
            if node.children:  # a heading about tasks further down opens its own part
                self._children(node, replace(ctx, fields=own.over(ctx.fields)))
            return
        agency = self._agency_heading(node)
        if agency is not None:
            refs, rest = agency
            said = cues.roles(text, self.registry) if not rest else cues.Roles()
            base = replace(own, support=own.support or said.support).over(ctx.fields)
            inner = replace(ctx, heading=refs, fields=base, section=ctx.section or text)
            if rest:
                # "6. Sở Y tế: Chỉ đạo …" reads as the duty; "d) UBND các tỉnh: A, B …" keeps its names
                self._task(node, rest if node.scheme in {"num", "paren"} else node.text, inner, [])
            self._children(node, inner)
            return
        items = [c for c in node.children if self._label(c) is None and c.scheme != "table"]
        fields = own.over(ctx.fields)
        ctx = replace(ctx, own_lead=own.lead)
        if own.content_items:
            for sub in own.content_items:
                self._item(sub, replace(ctx, fields=fields))
            return
        if own.content and not items:
            self._task(node, own.content if heading_like or not text else text, replace(ctx, fields=fields), [])
            return
        if not items:
            if heading_like and not own.lead and not own.deadline:
                return
            self._task(node, node.text, replace(ctx, fields=fields), [])
            return
        if self._enumerates(node, items):
            self._task(node, node.text, replace(ctx, fields=fields), items)
            return
        if not heading_like and all(c.scheme == "para" for c in items):
            # a task followed by paragraphs: those naming their own lead are tasks of their own
            parts = [c for c in items if not self._names_own(c.plain)]
            self._task(node, node.text, replace(ctx, fields=fields), parts)
            for c in items:
                if c not in parts:
                    self._item(c, replace(ctx, fields=fields))
            return
        if not heading_like and self._names_own(text) and not (own.lead or own.deadline):
            # "1. Sở X chủ trì …" followed by sub-items: the item is a task, its items are its parts
            self._task(node, node.text, replace(ctx, fields=fields), items)
            return
        titled = f"{node.code}. {text}" if node.code else text
        section = ctx.section if node.scheme in _HEADING_SCHEMES or not heading_like else titled
        if heading_like and not (own.lead or own.deadline) and all(c.scheme == "para" for c in items):
            # "2.1. Về …" over a paragraph: the paragraph is the task (after the heading's own
            # words when they already say what to do)
            body = clean(" ".join(c.plain for c in items))
            action = not _TOPIC.match(fold(text)) and len(text.split()) > 10
            if own.empty() and not ctx.heading:
                said = cues.roles(body, self.registry)
                if action and len(items) == 1 and said.lead:
                    # "3. Xây dựng các văn bản …" over "Sở, ban, ngành … có trách nhiệm …": one task,
                    # named by its heading, given to the agency its paragraph names
                    self._task(node, body, replace(ctx, fields=fields, heading=said.lead), [], title=text)
                    return
                self._children(node, replace(ctx, section=titled))
                return
            self._task(node, clean(f"{text} {body}") if action else body, replace(ctx, fields=fields), [])
            return
        self._children(node, replace(ctx, fields=fields, section=section if heading_like else titled))

    # -- one task --------------------------------------------------------------------------------

    def _task(self, node: Node, text: str, ctx: Context, parts: list[Node], title: str = "") -> None:
        raw = text
        text = clean(plain(text))
        pieces = _inline_items(text) if not parts else [text]
        if len(pieces) == 1 and not parts:
            pieces = self._duties(text)
        code = self._code(node)
        if len(pieces) == 1:
            self._draft(node, code, raw, ctx, parts, None, title)
            return
        for k, piece in enumerate(pieces):
            self._draft(node, code, piece, ctx, parts, k)

    def _duties(self, text: str) -> list[str]:
        """A paragraph whose sentences each name their own agency holds one task per sentence
        ("Yêu cầu các sở … triển khai … Định kỳ 06 tháng các cơ quan có liên quan báo cáo …")."""
        sentences = [s for s in _SENTENCE.split(text) if s.strip()]
        if len(sentences) < 2:
            return [text]
        owners = [bool(cues.roles(s, self.registry).lead) for s in sentences]
        if not owners[0] or sum(owners) < 2:
            return [text]
        pieces: list[str] = []
        for sentence, owned in zip(sentences, owners, strict=True):
            if owned or not pieces:
                pieces.append(sentence)
            else:
                pieces[-1] = f"{pieces[-1]} {sentence}"
        return pieces

    def _draft(
        self, node: Node, code: str, raw: str, ctx: Context, parts: list[Node], sub: int | None, title: str = ""
    ) -> None:
        text = clean(plain(cues.without_tail_deadline(raw)))
        ordinal = _ORDINAL.match(fold_keep_length(text))
        if ordinal:  # "Một là: …", "Thứ hai, …"
            text = text[ordinal.end() :].strip()
        said = cues.roles(text, self.registry)
        if said.lead and not parts and _only_names(text, self.registry):
            return  # a line that only names agencies ("ỦY BAN NHÂN DÂN THÀNH PHỐ …") is no task
        if not (ctx.own_lead or said.lead or ctx.fields.lead or ctx.heading):
            inside = cues.assignment_inside(raw, self.registry)
            if inside is not None:
                # a numbered item is its task whole; in a prose paragraph the duty starts at its agency
                said = inside if node.scheme == "para" else replace(inside, content=said.content)
        lead = ctx.own_lead or said.lead or ctx.fields.lead or ctx.heading
        support = said.support or ctx.fields.support
        if said.lead and ctx.heading and not said.support and _starts_with_support(text):
            lead = ctx.heading
        deadline = cues.deadline(raw)
        if not deadline:
            deadline = ctx.fields.deadline
        if not deadline and parts:
            deadline = next((d for d in (cues.deadline(p.text) for p in parts) if d), "")
        content = said.content if said.content else text
        if title:
            content = clean(f"{title} {content}")
        if parts:
            content = clean(" ".join([content, *(p.plain for p in parts)]))
        if sub is not None:
            code = f"{code}.({sub + 1})"
        draft = TaskDraft(
            code=code,
            section=ctx.section,
            content=content,
            deadline_text=deadline,
            lead_refs=list(lead),
            support_refs=[r for r in support if r.name not in {x.name for x in lead}],
            notes=dict(ctx.fields.notes),
            order=(node.index, sub or 0),
            layout="mục có nhãn" if ctx.fields.lead else ("theo đơn vị" if ctx.heading else "văn xuôi"),
        )
        if ctx.zone == "review" and not said.lead:
            return
        if lead:
            self.found.drafts.append(draft)
        elif ctx.zone == "tasks":
            self.found.unassigned.append(draft)
        elif _ACTION.match(fold(content)) and not content.isupper():
            self.found.skipped.append(f"{code}: {shorten(content, 80)}")

    def _code(self, node: Node) -> str:
        """"2.2.4.a", "VI.3.2" (the second bullet): the numbers a reader would quote, unique."""
        chain: list[tuple[str, str]] = []
        for n in (*reversed(list(node.ancestors())), node):
            if n.scheme == "root":
                continue
            code = n.code
            if not code and n.parent is not None:
                same = [c for c in n.parent.children if c.scheme == n.scheme]
                code = str(same.index(n) + 1) if len(same) > 1 or n.scheme != "para" else ""
            if code:
                chain.append((n.scheme, code))
        short: list[str] = []
        for scheme, code in chain:
            if scheme in _HEADING_SCHEMES and not short:
                continue
            while short and "." in code and code.startswith(short[-1] + "."):
                short.pop()
            short.append(code)
        tops = [code for scheme, code in chain if scheme in _HEADING_SCHEMES]
        if self.first_top is None:
            self.first_top = tops[0] if tops else ""
        # the first section holding tasks numbers them as written; later sections add their number
        plain_first = not tops or tops[0] == self.first_top
        for candidate in ((".".join(short),) if plain_first else ()) + (".".join([*tops[:1], *short]),):
            if candidate and candidate not in self.codes:
                self.codes.add(candidate)
                return candidate
        base = ".".join([*tops[:1], *short]) or str(node.index)
        k = 2
        while f"{base}#{k}" in self.codes:
            k += 1
        self.codes.add(f"{base}#{k}")
        return f"{base}#{k}"

    # -- what a node is ----------------------------------------------------------------------------

    def _label(self, node: Node) -> Fields | None:
        """The fields a label line gives (``- Cơ quan chủ trì: X``), or None for other lines."""
        if node.scheme == "table":
            return None
        if node.scheme == "para" and cues.is_deadline_line(node.text):
            return Fields(deadline=plain(node.text).strip(" ()"))
        text = node.plain
        prefix, labels = find_labels(text)
        content_label = _content_label(text)
        if content_label is not None:
            value, rest_labels = content_label
            fields = Fields(content=value, content_items=[c for c in node.children if self._label(c) is None])
            for child in node.children:
                sub = self._label(child)
                if sub is not None:
                    _merge(fields, sub)
            for role, label, val in rest_labels:
                self._put(fields, role, label, val)
            return fields
        if prefix or not labels:
            return None
        fields = Fields()
        for role, label, value in labels:
            self._put(fields, role, label, value)
        for child in node.children:
            sub = self._label(child)
            if sub is not None:
                _merge(fields, sub)
            elif labels[-1][0] in {"lead", "support"} and not plain(labels[-1][2]).strip():
                # "- Cơ quan thực hiện:" over "+ Sở A chủ trì, phối hợp …" lines
                self._put(fields, labels[-1][0], labels[-1][1], child.plain)
        return fields

    def _put(self, fields: Fields, role: str, label: str, value: str) -> None:
        value = plain(value).strip()
        if role == "deadline":
            fields.deadline = fields.deadline or value.strip(" .;")
        elif role in {"lead", "support"}:
            said = cues.roles(value, self.registry)
            refs = said.lead or self.registry.split(value)
            if role == "lead":
                fields.lead = fields.lead + refs
                if said.lead and said.support:
                    fields.support = fields.support + said.support
            else:
                fields.support = fields.support + refs
        elif value:
            fields.notes[label] = value

    def _own_fields(self, node: Node) -> Fields:
        fields = Fields()
        for child in node.children:
            label = self._label(child)
            if label is None:
                break
            _merge(fields, label)
        # label lines after the node's body paragraphs still belong to it
        if fields.empty():
            seen_item = False
            for child in node.children:
                label = self._label(child)
                if label is None:
                    if child.scheme != "para":
                        seen_item = True
                    continue
                if not seen_item:
                    _merge(fields, label)
        return fields

    def _heading_like(self, node: Node) -> bool:
        text = node.plain
        if node.scheme in _HEADING_SCHEMES:
            return True
        if not node.children:
            return False
        letters = [c for c in text if c.isalpha()]
        if letters and sum(c.isupper() for c in letters) > 0.8 * len(letters):
            return True
        return len(text) < 160 and not text.rstrip("*").rstrip().endswith((".", ";", ","))

    def _zone(self, text: str) -> str:
        folded = fold(text)
        if _NO_TASKS.match(folded):
            return "none"
        if _REVIEW.match(folded):
            return "review"
        if _TASK_SECTION.search(folded):
            return "tasks"
        return ""

    def _agency_heading(self, node: Node) -> tuple[list[AgencyRef], str] | None:
        """"3. Sở Tư pháp", "4. Đề nghị Chi cục Hải quan …", "6. Sở Y tế: Chỉ đạo …"."""
        if not node.numbered or (node.scheme in {"dash", "plus", "bullet"} and not node.children):
            return None
        text = node.plain
        folded = fold_keep_length(text)
        start = 0
        request = _REQUEST.match(folded)
        if request:
            start = request.end()
        refs, end = self.registry.names_at(text[start:])
        if not refs:
            return None
        end += start
        tail = text[end:]
        if _ROLE_TAIL.match(tail):
            return refs, ""
        colon = tail.lstrip()
        if colon.startswith(":") and not _LISTING.search(fold(text[:end])):
            return refs, colon[1:].strip()
        if text.rstrip().endswith(":") and node.children and _ROLES_ONLY.match(fold(tail)):
            # "4. Giao Công an thị xã chủ trì, phối hợp Văn phòng HĐND&UBND thị xã:" over its tasks
            return refs, ""
        return None

    def _names_own(self, text: str) -> bool:
        return bool(cues.roles(text, self.registry).lead)

    def _enumerates(self, node: Node, items: list[Node]) -> bool:
        """"Chủ trì triển khai các dự án sau:" followed by dashes naming the projects: one task."""
        text = fold(node.plain)
        if not _ENUM_INTRO.search(text) or self._heading_like(node):
            return False
        return all(c.scheme in {"dash", "plus", "bullet", "para"} for c in items) and not any(
            self._names_own(c.plain) for c in items
        )


def _merge(into: Fields, other: Fields) -> None:
    into.lead = into.lead + other.lead
    into.support = into.support + other.support
    into.deadline = into.deadline or other.deadline
    into.content = into.content or other.content
    into.content_items = into.content_items + other.content_items
    into.notes.update(other.notes)


_CONTENT_LABEL = re.compile(
    r"^(?:noi dung(?: thuc hien| cong viec| hoat dong)?|nhiem vu(?: cu the)?|cong viec)\s*:\s*"
)


def _content_label(text: str) -> tuple[str, list[tuple[str, str, str]]] | None:
    folded = fold_keep_length(text)
    m = _CONTENT_LABEL.match(folded)
    if m is None:
        return None
    rest = text[m.end():]
    prefix, labels = find_labels(rest)
    return prefix.strip(), labels


def _inline_items(text: str) -> list[str]:
    """"(1) Đề nghị A …; (2) Giao B …" → two tasks."""
    marks = list(_INLINE_ITEM.finditer(text))
    if len(marks) < 2:
        return [text]
    head = text[: marks[0].start()].strip()
    items = []
    for k, m in enumerate(marks):
        end = marks[k + 1].start() if k + 1 < len(marks) else len(text)
        items.append(text[m.end() : end].strip().rstrip(";").strip())
    if not any(re.match(r"^(?:de nghi|giao|yeu cau)\b", fold(item)) for item in items):
        return [text]
    if head and not _ENUM_INTRO.search(fold(head)):
        return [text]
    return [item for item in items if item]


def _only_names(text: str, registry: Registry) -> bool:
    refs, end = registry.names_at(text)
    return bool(refs) and not re.search(r"\w", text[end:])


def _starts_with_support(text: str) -> bool:
    return fold(text).startswith(("phoi hop", "chu tri, phoi hop", "chu tri phoi hop"))

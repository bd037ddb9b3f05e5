"""Layout 1: numbered headings each followed by labelled lines.

    2.2.3. Đẩy mạnh việc xây dựng và cung cấp dịch vụ công trực tuyến …
    - Cơ quan chủ trì: Sở Thông tin và Truyền thông.
    - Cơ quan phối hợp: Văn phòng UBND tỉnh, Công an tỉnh và các sở, ban, ngành …
    - Thời gian hoàn thành: Thực hiện thường xuyên.

The task's code is the heading's (``2.2.3``; items ``a)``, ``b)`` under ``2.2.4`` give
``2.2.4.a``); its content is the heading's text, or — when the heading only names a topic
("2.1. Về hoàn thiện cơ sở pháp lý") — the paragraph(s) under it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from plans.documents.common import (
    ITEM,
    ROMAN_HEADING,
    find_labels,
    is_closing,
    iter_paragraphs,
    num_heading,
)
from plans.documents.model import Blocks, TaskDraft
from plans.text import clean, fold


@dataclass
class _Anchor:
    code: str
    title: str
    body: list[str] = field(default_factory=list)
    order: tuple[int, int] = (0, 0)


@dataclass
class _Group:
    lead: list[str] = field(default_factory=list)
    support: list[str] = field(default_factory=list)
    deadline: list[str] = field(default_factory=list)
    notes: dict[str, str] = field(default_factory=dict)
    last_role: str = ""

    def empty(self) -> bool:
        return not (self.lead or self.support or self.deadline or self.notes)

    def has_task(self) -> bool:
        return bool(self.lead or self.support or self.deadline)


def _is_topic(title: str) -> bool:
    """A heading that names a topic rather than a task ("Về dịch vụ công", "Nhóm tiện ích …")."""
    f = fold(title)
    return f.startswith(("ve ", "nhom ", "linh vuc ")) or (
        len(f.split()) <= 10 and not title.rstrip().endswith(".")
    )


def read_labelled(doc: Blocks) -> list[TaskDraft]:
    drafts: list[TaskDraft] = []
    headings: dict[str, str] = {}  # code → "code. title"
    task_codes: set[str] = set()
    anchor: _Anchor | None = None
    group = _Group()
    heading_code = ""

    def close() -> None:
        nonlocal anchor, group
        if anchor is not None and group.has_task():
            if anchor.body and (_is_topic(anchor.title) or not anchor.title):
                content = " ".join(anchor.body)
            else:
                content = " ".join([anchor.title, *anchor.body])
            task_codes.add(anchor.code)
            drafts.append(
                TaskDraft(
                    code=anchor.code,
                    section=_section_of(anchor.code, headings, task_codes),
                    content=clean(content),
                    lead_text="\n".join(group.lead),
                    support_text="\n".join(group.support),
                    deadline_text=clean(" ".join(group.deadline)),
                    notes=dict(group.notes),
                    order=anchor.order,
                    layout="mục có nhãn",
                )
            )
            anchor = None
        group = _Group()

    for index, para in iter_paragraphs(doc.blocks):
        text = para.plain
        if not text:
            continue
        if is_closing(text):
            close()
            break
        prefix, labels = find_labels(text)
        if labels and (not prefix or anchor is not None or ITEM.match(prefix) or num_heading(prefix)):
            if prefix:
                # "a) Mô hình … - Cơ quan chủ trì: …" on one line
                fresh = _start_anchor_from(prefix, index, headings, heading_code)
                if fresh is not None:
                    close()
                    anchor = fresh
                    if num_heading(prefix):
                        heading_code = fresh.code
                elif anchor is not None:
                    anchor.body.append(prefix)
            for role, label, value in labels:
                if role == "lead":
                    group.lead.append(value)
                elif role == "support":
                    group.support.append(value)
                elif role == "deadline":
                    group.deadline.append(value)
                else:
                    group.notes[label] = value
                group.last_role = role
            continue
        if not group.empty():
            # a label's value running on in a new paragraph ("…, Công an tỉnh," / "Văn phòng …")
            last = {"lead": group.lead, "support": group.support, "deadline": group.deadline}.get(
                group.last_role
            )
            if (
                last
                and last[-1].rstrip()[-1:] in {",", "&"}
                and not num_heading(text)
                and not ITEM.match(text)
            ):
                last[-1] = last[-1].rstrip() + " " + text
                continue
            close()
        if ROMAN_HEADING.match(text) and text.split(".", 1)[0].isupper():
            close()
            anchor = None
            heading_code = ""
            headings.clear()
            continue
        heading = num_heading(text)
        if heading:
            close()
            code, title = heading
            headings[code] = f"{code}. {title}"
            heading_code = code
            anchor = _Anchor(code, title, order=(index, 0))
            continue
        m = ITEM.match(text)
        if m and heading_code:
            close()
            anchor = _Anchor(f"{heading_code}.{m.group('code')}", m.group("title"), order=(index, 0))
            continue
        if anchor is not None:
            anchor.body.append(text)
    close()
    return drafts


def _start_anchor_from(
    prefix: str, index: int, headings: dict[str, str], heading_code: str
) -> _Anchor | None:
    heading = num_heading(prefix)
    if heading:
        code, title = heading
        headings[code] = f"{code}. {title}"
        return _Anchor(code, title, order=(index, 0))
    m = ITEM.match(prefix)
    if m and heading_code:
        return _Anchor(f"{heading_code}.{m.group('code')}", m.group("title"), order=(index, 0))
    return None


def _section_of(code: str, headings: dict[str, str], task_codes: set[str]) -> str:
    parts = code.split(".")
    for k in range(len(parts) - 1, 0, -1):
        parent = ".".join(parts[:k])
        if parent in headings and parent not in task_codes:
            return headings[parent]
    return ""

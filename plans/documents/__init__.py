"""Reading a plan (or a conclusions notice) into tasks.

    read_document(data, filename, registry=None) -> ParsedPlan

Formats: .docx (paragraphs and real Word tables), .xlsx (the first sheet with a task table),
text/Markdown (.txt, .md: pipe tables, tab-separated tables, prose), .csv, and PDF/scans/.doc
through :mod:`plans.documents.reading`. Every format becomes one model of paragraphs and tables
(:mod:`plans.documents.model`); tables are read by :mod:`~plans.documents.appendix_table`, the
rest as a tree of numbered parts (:mod:`~plans.documents.outline`) whose tasks are found by cues
(:mod:`~plans.documents.items`, :mod:`~plans.documents.cues`). Bad input
only ever raises :class:`DocumentError`, whose ``message`` tells the sender what to do.
"""

from __future__ import annotations

import re

from plans.agencies import AgencyRef, Registry, default_registry
from plans.deadlines import Deadline, read_deadline
from plans.documents.appendix_table import read_tables
from plans.documents.common import merge_broken_paragraphs, parse_agencies
from plans.documents.convert_reader import read_converted
from plans.documents.docx_reader import read_docx
from plans.documents.errors import MAX_BYTES, DocumentError, Problem
from plans.documents.header import Header, read_header, read_reporting
from plans.documents.items import ItemReader
from plans.documents.model import (
    Blocks,
    Cell,
    Paragraph,
    ParsedPlan,
    ParsedTask,
    PlanInfo,
    Row,
    Table,
    TaskDraft,
)
from plans.documents.outline import build
from plans.documents.pdf_reader import read_pdf
from plans.documents.review_sheet import read_review_sheet
from plans.documents.scan_reader import read_image
from plans.documents.sniff import extension, sniff
from plans.documents.text_reader import decode, read_csv, read_text
from plans.documents.xlsx_reader import read_xlsx
from plans.text import clean, fold, shorten

__all__ = [
    "MAX_BYTES",
    "AgencyRef",
    "Blocks",
    "Cell",
    "DocumentError",
    "Paragraph",
    "ParsedPlan",
    "ParsedTask",
    "PlanInfo",
    "Problem",
    "Registry",
    "Row",
    "Table",
    "default_registry",
    "parse_document",
    "read_blocks",
    "read_document",
]


def read_document(data: bytes, filename: str, registry: Registry | None = None) -> ParsedPlan:
    """Read a plan file into tasks. Raises only :class:`DocumentError` for bad input."""
    try:
        return parse_document(data, filename, registry)
    except DocumentError:
        raise
    except (RecursionError, MemoryError) as exc:
        raise DocumentError(Problem.TOO_LARGE, ext=extension(filename), detail=repr(exc)) from exc
    except Exception as exc:  # a damaged file that slipped past the readers' own checks
        raise DocumentError(Problem.CORRUPT, ext=extension(filename), detail=repr(exc)) from exc


def read_blocks(data: bytes, filename: str) -> Blocks:
    """The paragraphs-and-tables model of a file (for layouts and diagnostics)."""
    fmt = sniff(data, filename)
    ext = extension(filename)
    if fmt == "docx":
        doc = read_docx(data)
    elif fmt == "xlsx":
        doc = read_xlsx(data)
    elif fmt == "csv":
        doc = read_csv(decode(data))
    elif fmt == "pdf":
        doc = read_pdf(data)
    elif fmt == "image":
        doc = read_image(data)
    elif fmt == "convert":
        doc = read_converted(data)
    else:
        doc = read_text(decode(data), markdown=ext in {".md", ".markdown"})
    size = sum(
        len(b.plain) if isinstance(b, Paragraph) else sum(len(c.plain) for r in b.rows for c in r.cells)
        for b in doc.blocks
    )
    if doc.images and size < 40:
        raise DocumentError(Problem.IMAGE_ONLY, ext=ext or ".docx")
    if size == 0:
        raise DocumentError(Problem.EMPTY, ext=ext)
    doc.blocks = merge_broken_paragraphs(doc.blocks)
    return doc


def parse_document(data: bytes, filename: str, registry: Registry | None = None) -> ParsedPlan:
    """:func:`read_document` without the last-resort conversion of unexpected errors (tests use
    it to see bugs instead of a generic "corrupt file")."""
    registry = registry or default_registry()
    doc = read_blocks(data, filename)
    if (sheet := read_review_sheet(doc, registry)) is not None:  # the review sheet: read as written
        return sheet
    header = read_header(doc, registry)
    table_drafts, table_warnings, counts = read_tables(doc, registry)
    _number_within_sections(table_drafts)
    found = ItemReader(registry).read(build(doc, header.body_start))
    prose = [*found.drafts, *([] if table_drafts else found.unassigned)]
    skipped = [*found.skipped, *(f"{d.code}: {shorten(d.content, 80)}" for d in found.unassigned if table_drafts)]
    _keep_apart(table_drafts, {d.code for d in prose})
    drafts = [*prose, *table_drafts]  # items that name nobody are the issuer's when no table lists the tasks
    drafts.sort(key=lambda d: d.order)
    layouts = sorted({d.layout for d in drafts})
    if not drafts:
        raise DocumentError(Problem.NO_TASKS, ext=extension(filename))
    tasks = _finish(drafts, header, registry)
    warnings = [*header.warnings, *table_warnings, *_count_warnings(doc, counts, len(table_drafts))]
    unknown = _unknown_names(tasks)
    return ParsedPlan(
        plan=header.info,
        tasks=tasks,
        unknown_agencies=unknown,
        warnings=warnings,
        reporting=read_reporting(doc),
        layout=", ".join(layouts),
        skipped=skipped,
    )


def _finish(drafts: list[TaskDraft], header: Header, registry: Registry) -> list[ParsedTask]:
    """Resolve agencies and read deadlines. What each task leaves in doubt (no lead, the issuer
    standing in, an unread deadline, a repeated code) is told by :func:`plans.review.plan_doubts`,
    once, from the tasks themselves."""
    info: PlanInfo = header.info
    issuer: AgencyRef | None = registry.ref(info.issuer, assumed=True) if info.issuer else None
    tasks: list[ParsedTask] = []
    for position, d in enumerate(drafts, start=1):
        lead = d.lead_refs if d.lead_refs is not None else parse_agencies(d.lead_text, registry)
        support = d.support_refs if d.support_refs is not None else parse_agencies(d.support_text, registry)
        if not lead and issuer is not None:
            lead = [issuer]
        text = clean(d.deadline_text)
        deadline = read_deadline(text, year=info.year, issued=info.issued) if text else Deadline(kind=d.undated)
        tasks.append(
            ParsedTask(
                code=d.code or str(position),
                section=d.section,
                content=d.content,
                lead=list(lead),
                support=list(support),
                deadline_text=text,
                deadline=deadline,
                notes={k: v for k, v in d.notes.items() if not k.startswith("_")},
                layout=d.layout,
            )
        )
    return tasks


def _number_within_sections(drafts: list[TaskDraft]) -> None:
    """An appendix that numbers its rows again in every section ("I: 1, 2 … II: 1, 2 …") gives
    codes with the section's number ("II.1")."""
    codes = [d.code for d in drafts]
    if len(set(codes)) == len(codes):
        return
    renamed = []
    for d in drafts:
        top = ROMAN_TOP.match(d.section) or _LETTER_TOP.match(d.section)
        renamed.append(f"{top.group(1)}.{d.code}" if top and not d.code.startswith(top.group(1) + ".") else d.code)
    if len(set(renamed)) > len(set(codes)):  # only when it tells more rows apart
        for d, code in zip(drafts, renamed, strict=True):
            d.code = code


_LETTER_TOP = re.compile(r"^([A-Z])[.)]")


def _keep_apart(table: list[TaskDraft], taken: set[str]) -> None:
    """Appendix rows whose numbers the text's items already use are told apart as the appendix's
    ("PL.II.1"); codes stay unique in the plan."""
    if not taken & {d.code for d in table}:
        return
    for d in table:
        d.code = f"PL.{d.code}"


ROMAN_TOP = re.compile(r"^([IVXLC]{1,7})[.)]")


_STATED = re.compile(r"\((\d{1,3})\s+nhiem vu\)")
_STATED_TOTAL = re.compile(r"\b(\d{1,4})\s+nhiem vu cu the\b[^.]{0,80}\bphu luc\b")


def _count_warnings(doc: Blocks, counts: dict[str, int], table_tasks: int) -> list[str]:
    """Compare with what the document says of itself: "I. Về pháp lý (02 nhiệm vụ)"."""
    out: list[str] = []
    for label, count in counts.items():
        m = _STATED.search(fold(label))
        if m and int(m.group(1)) != count:
            out.append(f"Mục «{shorten(label, 80)}» ghi {m.group(1)} nhiệm vụ nhưng đọc được {count}.")
    if table_tasks:
        for block in doc.blocks:
            if isinstance(block, Paragraph):
                m = _STATED_TOTAL.search(fold(block.plain))
                if m and int(m.group(1)) != table_tasks:
                    out.append(
                        f"Văn bản ghi {m.group(1)} nhiệm vụ trong phụ lục nhưng đọc được {table_tasks}."
                    )
                    break
    return out


def _unknown_names(tasks: list[ParsedTask]) -> list[str]:
    seen: set[str] = set()
    out: list[str] = []
    for task in tasks:
        for ref in (*task.lead, *task.support):
            if ref.known or ref.assumed:
                continue
            key = fold(ref.written)
            if key and key not in seen:
                seen.add(key)
                out.append(ref.written)
    return out

"""Every corpus document also as a Word file: the .docx reading must score what the text reading
scores. Plans arrive as .docx far more often than as text; the builder (``tests/docbuild.py``,
its own Markdown parser) turns the pipe tables into real Word tables (section rows merged across,
agency cells of neighbouring rows merged down) and ``*italic*`` / ``**bold**`` into runs."""

from __future__ import annotations

import io
import re

import pytest
from docx import Document

from tests.corpus_score import corpus_names, document_bytes, document_path, score_document
from tests.docbuild import MdTable, parse_source, plain_text


@pytest.mark.parametrize("name", corpus_names())
def test_docx_reading_scores_as_the_text_reading(name: str) -> None:
    text, docx = score_document(name, "text"), score_document(name, "docx")
    assert docx.right == text.right, f"text:\n{text.report()}\n\n.docx:\n{docx.report()}"


_ITALIC = re.compile(r"(?<!\*)\*([^*]+)\*(?!\*)")


@pytest.mark.parametrize("name", corpus_names())
def test_built_docx_holds_the_documents_tables_and_runs(name: str) -> None:
    """The Word file really is what the comparison claims, checked with python-docx alone: one
    Word table per Markdown table with its columns and rows, every cell's text in place, section
    rows (text in the first two cells only) merged across, every ``*…*`` an italic run."""
    source = document_path(name).read_text(encoding="utf-8")
    items = parse_source(source)
    tables = [item for item in items if isinstance(item, MdTable)]
    doc = Document(io.BytesIO(document_bytes(name, "docx")[0]))
    assert [len(t.columns) for t in doc.tables] == [len(t.header) for t in tables]
    for built, table in zip(doc.tables, tables, strict=True):
        rows = list(built.rows)
        assert len(rows) == 1 + len(table.rows)  # the header, then every source row
        for built_row, row in zip(rows[1:], table.rows, strict=True):
            cells = built_row.cells  # a merged cell repeats along its span
            for c, want in enumerate(row):
                if want.strip():
                    assert plain_text(want).strip() in cells[c].text, (row[0], c)
            if not any(c.strip() for c in row[2:]):
                assert cells[-1]._tc is cells[-2]._tc, f"section row {row[0]!r} not merged"
    italic = " ".join(r.text for p in doc.paragraphs for r in p.runs if r.italic)
    paragraphs = [item.text for item in items if not isinstance(item, MdTable)]
    for span in (m.group(1).strip() for text in paragraphs for m in _ITALIC.finditer(text)):
        assert span in italic

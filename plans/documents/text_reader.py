"""Text and Markdown (.txt, .md, pasted text, .csv) → blocks.

- Markdown pipe tables (``| TT | Nội dung | … |`` with a ``|---|`` line under the header),
- tab-separated tables (copied from Word or Excel; Excel quotes cells holding line breaks),
- comma/semicolon .csv files,
- every other non-empty line is a paragraph.
"""

from __future__ import annotations

import csv
import io
import re

from plans.documents.errors import DocumentError, Problem
from plans.documents.model import Block, Blocks, Cell, Paragraph, Row, Table

_PIPE_ROW = re.compile(r"^\s*\|.*\|\s*$")
_PIPE_SEP = re.compile(r"^\s*\|?\s*:?-{1,}:?\s*(\|\s*:?-{1,}:?\s*)*\|?\s*$")
_MD_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+")
_MD_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|>])")


def decode(data: bytes) -> str:
    """Bytes → text: UTF-8 (with or without BOM), UTF-16 with BOM, else Windows-1258."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise DocumentError(Problem.CORRUPT, ext=".txt", detail=repr(exc)) from exc
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1258", errors="replace")
    if "\x00" in text[:4096]:
        raise DocumentError(Problem.CORRUPT, ext=".txt", detail="NUL bytes in text")
    return text


def _pipe_cells(line: str) -> list[str]:
    body = line.strip()
    if body.startswith("|"):
        body = body[1:]
    if body.endswith("|") and not body.endswith("\\|"):
        body = body[:-1]
    parts = re.split(r"(?<!\\)\|", body)
    return [p.replace("\\|", "|").strip() for p in parts]


def _tab_cells(lines: list[str]) -> list[list[str]]:
    reader = csv.reader(io.StringIO("\n".join(lines)), delimiter="\t", quotechar='"')
    try:
        return [[c.strip() for c in row] for row in reader]
    except csv.Error:
        return [[c.strip() for c in line.split("\t")] for line in lines]


def _table(rows: list[list[str]], header_rows: set[int]) -> Table:
    width = max((len(r) for r in rows), default=0)
    return Table(
        [
            Row([Cell(c) for c in r] + [Cell("") for _ in range(width - len(r))], header=i in header_rows)
            for i, r in enumerate(rows)
        ]
    )


def _is_tab_row(line: str) -> bool:
    return line.count("\t") >= 2 and len([c for c in line.split("\t") if c.strip()]) >= 2


def read_text(text: str, *, markdown: bool = False) -> Blocks:
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    blocks: list[Block] = []
    i = 0
    n = len(lines)
    while i < n:
        line = lines[i]
        if _PIPE_ROW.match(line):
            rows: list[list[str]] = []
            header_rows: set[int] = set()
            while i < n and (_PIPE_ROW.match(lines[i]) or (_PIPE_SEP.match(lines[i]) and lines[i].strip())):
                # "|---|---|" marks the row above as a header; a bare "---" is a stray rule between rows
                if _PIPE_SEP.match(lines[i]) and "-" in lines[i]:
                    if rows and "|" in lines[i]:
                        header_rows.add(len(rows) - 1)
                else:
                    cells = [_MD_ESCAPE.sub(r"\1", c) if markdown else c for c in _pipe_cells(lines[i])]
                    rows.append(cells)
                i += 1
            if rows:
                blocks.append(_table(rows, header_rows))
            continue
        if _is_tab_row(line):
            chunk: list[str] = []
            quotes = 0
            while i < n and (lines[i].count("\t") >= 1 or quotes % 2 == 1):
                chunk.append(lines[i])
                quotes += lines[i].count('"')
                i += 1
                if quotes % 2 == 1 and len(chunk) > 200:
                    break
            blocks.append(_table(_tab_cells(chunk), set()))
            continue
        stripped = line.strip()
        if stripped:
            if markdown:
                stripped = _MD_ESCAPE.sub(r"\1", _MD_HEADING.sub("", stripped))
            blocks.append(Paragraph(stripped))
        i += 1
    return Blocks(blocks, "text")


def read_csv(text: str) -> Blocks:
    sample = text[:4096]
    delimiter = max((";", ",", "\t"), key=sample.count)
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    try:
        rows = [[c.strip() for c in row] for row in reader if any(c.strip() for c in row)]
    except csv.Error as exc:
        raise DocumentError(Problem.CORRUPT, ext=".csv", detail=repr(exc)) from exc
    return Blocks([_table(rows, set())] if rows else [], "text")

"""Word (.docx) → blocks: paragraphs and real tables, in document order.

Reads the package's XML directly (lxml, no entity resolution, bounded sizes):
- paragraphs with their automatic numbering rendered as text ("2.2.4.", "a)"), italic runs
  marked ``*…*``, line breaks splitting paragraphs, deleted revisions left out;
- tables with horizontal merges (``gridSpan``: covered cells empty, ``merged_left``), vertical
  merges (``vMerge``: covered cells repeat the text, ``merged_up``) and header rows
  (``tblHeader``: Word repeats them on every page, the XML holds them once);
- content controls (``sdt``) and tracked insertions are read through.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from plans.documents.errors import DocumentError, Problem
from plans.documents.model import Block, Blocks, Cell, Paragraph, Row, Table

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_W = "{" + W_NS + "}"
_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"

MAX_PART_BYTES = 200 * 1024 * 1024

_FALSE = {"0", "false", "off"}



@cache
def _parser() -> Any:
    """lxml loads with the first Word file, not with the bot (a light process)."""
    from lxml import etree

    return etree.XMLParser(
        resolve_entities=False, no_network=True, remove_comments=True, remove_pis=True, huge_tree=True
    )


def _w(tag: str) -> str:
    return _W + tag


def read_part(zf: zipfile.ZipFile, name: str, *, required: bool) -> bytes | None:
    try:
        info = zf.getinfo(name)
    except KeyError:
        if required:
            raise DocumentError(Problem.CORRUPT, ext=".docx", detail=f"missing {name}") from None
        return None
    if info.file_size > MAX_PART_BYTES:
        raise DocumentError(Problem.TOO_LARGE, ext=".docx", detail=f"{name} is {info.file_size} bytes")
    with zf.open(info) as fh:
        data = fh.read(MAX_PART_BYTES + 1)
    if len(data) > MAX_PART_BYTES:
        raise DocumentError(Problem.TOO_LARGE, ext=".docx", detail=f"{name} inflates too much")
    return data


def parse_xml(data: bytes) -> Any:
    from lxml import etree

    return etree.fromstring(data, _parser())


def _on(el: Any) -> bool:
    """A toggle property (``<w:i/>``, ``<w:tblHeader w:val="1"/>``) that is on."""
    if el is None:
        return False
    val = el.get(_w("val"))
    return val is None or val.lower() not in _FALSE


# --------------------------------------------------------------------------------------------
# Numbering (numbering.xml) rendered as text


@dataclass
class _Level:
    fmt: str
    text: str
    start: int


@dataclass
class _Numbering:
    levels: dict[str, dict[int, _Level]] = field(default_factory=dict)  # abstractNumId → ilvl → level
    nums: dict[str, tuple[str, dict[int, int]]] = field(default_factory=dict)  # numId → (abstract, overrides)
    counters: dict[str, list[int]] = field(default_factory=dict)
    style_num: dict[str, tuple[str, int]] = field(default_factory=dict)  # styleId → (numId, ilvl)

    @classmethod
    def load(cls, numbering: Any | None, styles: Any | None) -> _Numbering:
        self = cls()
        if numbering is not None:
            for absn in numbering.iterchildren(_w("abstractNum")):
                aid = absn.get(_w("abstractNumId")) or ""
                lv: dict[int, _Level] = {}
                for lvl in absn.iterchildren(_w("lvl")):
                    ilvl = _int(lvl.get(_w("ilvl")), 0)
                    fmt_el = lvl.find(_w("numFmt"))
                    text_el = lvl.find(_w("lvlText"))
                    start_el = lvl.find(_w("start"))
                    lv[ilvl] = _Level(
                        fmt=(fmt_el.get(_w("val")) if fmt_el is not None else "decimal") or "decimal",
                        text=(text_el.get(_w("val")) if text_el is not None else "") or "",
                        start=_int(start_el.get(_w("val")) if start_el is not None else None, 1),
                    )
                self.levels[aid] = lv
            for num in numbering.iterchildren(_w("num")):
                nid = num.get(_w("numId")) or ""
                abs_el = num.find(_w("abstractNumId"))
                aid = (abs_el.get(_w("val")) if abs_el is not None else "") or ""
                overrides: dict[int, int] = {}
                for ov in num.iterchildren(_w("lvlOverride")):
                    so = ov.find(_w("startOverride"))
                    if so is not None:
                        overrides[_int(ov.get(_w("ilvl")), 0)] = _int(so.get(_w("val")), 1)
                self.nums[nid] = (aid, overrides)
        if styles is not None:
            based: dict[str, str] = {}
            direct: dict[str, tuple[str, int]] = {}
            for st in styles.iterchildren(_w("style")):
                sid = st.get(_w("styleId")) or ""
                b = st.find(_w("basedOn"))
                if b is not None:
                    based[sid] = b.get(_w("val")) or ""
                numpr = st.find(f"{_w('pPr')}/{_w('numPr')}")
                if numpr is not None:
                    nid_el = numpr.find(_w("numId"))
                    ilvl_el = numpr.find(_w("ilvl"))
                    if nid_el is not None:
                        direct[sid] = (
                            nid_el.get(_w("val")) or "",
                            _int(ilvl_el.get(_w("val")) if ilvl_el is not None else None, 0),
                        )
            for sid in set(based) | set(direct):
                cur: str | None = sid
                for _ in range(8):
                    if cur is None:
                        break
                    if cur in direct:
                        self.style_num[sid] = direct[cur]
                        break
                    cur = based.get(cur)
        return self

    def label(self, num_id: str, ilvl: int) -> str:
        if num_id in {"", "0"} or num_id not in self.nums:
            return ""
        aid, overrides = self.nums[num_id]
        levels = self.levels.get(aid)
        if not levels or ilvl not in levels:
            return ""
        key = num_id if overrides else aid
        counters = self.counters.setdefault(key, [0] * 9)
        if ilvl > 8:
            return ""
        lvl = levels[ilvl]
        start = overrides.get(ilvl, lvl.start)
        counters[ilvl] = start if counters[ilvl] == 0 else counters[ilvl] + 1
        for deeper in range(ilvl + 1, 9):
            counters[deeper] = 0
        if lvl.fmt == "bullet":
            return "-"
        if lvl.fmt == "none":
            return ""
        text = lvl.text
        for k in range(ilvl, -1, -1):
            ref = f"%{k + 1}"
            if ref in text:
                kl = levels.get(k)
                value = counters[k] or (kl.start if kl else 1)
                text = text.replace(ref, _format_number(value, kl.fmt if kl else "decimal"))
        return text.strip()


def _int(value: str | None, default: int) -> int:
    try:
        return int(value) if value is not None else default
    except ValueError:
        return default


def _roman(n: int) -> str:
    out = []
    for value, letters in (
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ):
        while n >= value:
            out.append(letters)
            n -= value
    return "".join(out)


def _format_number(n: int, fmt: str) -> str:
    n = max(n, 1) if n < 4000 else n
    if fmt == "lowerLetter":
        return "abcdefghijklmnopqrstuvwxyz"[(n - 1) % 26]
    if fmt == "upperLetter":
        return "ABCDEFGHIJKLMNOPQRSTUVWXYZ"[(n - 1) % 26]
    if fmt == "lowerRoman":
        return _roman(min(n, 3999)).lower()
    if fmt == "upperRoman":
        return _roman(min(n, 3999))
    if fmt == "decimalZero":
        return f"{n:02d}"
    return str(n)


# --------------------------------------------------------------------------------------------
# Text of paragraphs


@dataclass
class _State:
    numbering: _Numbering
    images: int = 0


_CONTAINERS = {
    _w("hyperlink"),
    _w("ins"),
    _w("smartTag"),
    _w("fldSimple"),
    _w("customXml"),
    _w("sdtContent"),
    _w("moveTo"),
    _w("bdo"),
    _w("dir"),
}
_SKIP = {_w("del"), _w("moveFrom"), _w("pPr"), _w("proofErr"), _w("bookmarkStart"), _w("bookmarkEnd")}


def _runs(el: Any, state: _State) -> Iterator[tuple[str, bool]]:
    """(text, italic) pieces of a paragraph in order."""
    for child in el:
        tag = child.tag
        if not isinstance(tag, str) or tag in _SKIP:
            continue
        if tag == _w("r"):
            rpr = child.find(_w("rPr"))
            italic = False
            if rpr is not None:
                if _on(rpr.find(_w("vanish"))):
                    continue
                italic = _on(rpr.find(_w("i")))
            for part in child:
                ptag = part.tag
                if ptag == _w("t"):
                    if part.text:
                        yield part.text, italic
                elif ptag == _w("tab"):
                    yield "\t", False
                elif ptag in (_w("br"), _w("cr")):
                    if part.get(_w("type")) not in {"page", "column"}:
                        yield "\n", False
                elif ptag == _w("noBreakHyphen"):
                    yield "-", italic
                elif ptag in (_w("drawing"), _w("pict"), _w("object")) or ptag == _MC + "AlternateContent":
                    state.images += 1
        elif tag == _w("sdt"):
            content = child.find(_w("sdtContent"))
            if content is not None:
                yield from _runs(content, state)
        elif tag in _CONTAINERS:
            yield from _runs(child, state)
        elif tag == _MC + "AlternateContent":
            state.images += 1


def _marked(pieces: Iterator[tuple[str, bool]]) -> str:
    out: list[str] = []
    buf: list[str] = []
    cur = False

    def flush() -> None:
        text = "".join(buf)
        buf.clear()
        if cur and text.strip():
            lead = text[: len(text) - len(text.lstrip())]
            trail = text[len(text.rstrip()) :]
            out.append(f"{lead}*{text.strip()}*{trail}")
        else:
            out.append(text)

    for text, italic in pieces:
        if italic != cur and buf:
            flush()
        cur = italic
        buf.append(text)
    if buf:
        flush()
    return "".join(out)


def _paragraph_text(p: Any, state: _State) -> tuple[str, str]:
    """(text with its numbering label, style id)."""
    text = _marked(_runs(p, state))
    ppr = p.find(_w("pPr"))
    style = ""
    num: tuple[str, int] | None = None
    if ppr is not None:
        ps = ppr.find(_w("pStyle"))
        if ps is not None:
            style = ps.get(_w("val")) or ""
        numpr = ppr.find(_w("numPr"))
        if numpr is not None:
            nid = numpr.find(_w("numId"))
            ilvl = numpr.find(_w("ilvl"))
            if nid is not None:
                num = (nid.get(_w("val")) or "", _int(ilvl.get(_w("val")) if ilvl is not None else None, 0))
    if num is None and style in state.numbering.style_num:
        num = state.numbering.style_num[style]
    if num is not None and text.strip():
        label = state.numbering.label(*num)
        if label:
            text = f"{label} {text.lstrip()}"
    return text, style


# --------------------------------------------------------------------------------------------
# Tables


def _cell_text(tc: Any, state: _State) -> str:
    lines: list[str] = []
    for child in tc:
        if child.tag == _w("p"):
            lines.append(_paragraph_text(child, state)[0])
        elif child.tag == _w("tbl"):
            for row in _table(child, state).rows:
                lines.append(" ".join(c.text for c in row.cells if c.text and not c.merged_left))
        elif child.tag == _w("sdt"):
            content = child.find(_w("sdtContent"))
            if content is not None:
                lines.append(_cell_text(content, state))
    return "\n".join(line for line in lines if line.strip())


def _row_cells(tr: Any) -> Iterator[Any]:
    for child in tr:
        if child.tag == _w("tc"):
            yield child
        elif child.tag in (_w("sdt"), _w("customXml")):
            content = child.find(_w("sdtContent")) if child.tag == _w("sdt") else child
            if content is not None:
                yield from _row_cells(content)


def _table_rows(tbl: Any) -> Iterator[Any]:
    for child in tbl:
        if child.tag == _w("tr"):
            yield child
        elif child.tag in (_w("sdt"), _w("customXml")):
            content = child.find(_w("sdtContent")) if child.tag == _w("sdt") else child
            if content is not None:
                yield from _table_rows(content)


def _table(tbl: Any, state: _State) -> Table:
    rows: list[Row] = []
    origin: dict[int, str] = {}  # grid column → text of the vertically merged cell above
    for tr in _table_rows(tbl):
        trpr = tr.find(_w("trPr"))
        header = False
        before = 0
        if trpr is not None:
            header = _on(trpr.find(_w("tblHeader")))
            gb = trpr.find(_w("gridBefore"))
            if gb is not None:
                before = min(_int(gb.get(_w("val")), 0), 60)
        cells: list[Cell] = [Cell("") for _ in range(before)]
        for tc in _row_cells(tr):
            tcpr = tc.find(_w("tcPr"))
            span = 1
            vmerge: str | None = None
            if tcpr is not None:
                gs = tcpr.find(_w("gridSpan"))
                if gs is not None:
                    span = min(max(_int(gs.get(_w("val")), 1), 1), 60)
                vm = tcpr.find(_w("vMerge"))
                if vm is not None:
                    vmerge = vm.get(_w("val")) or "continue"
            col = len(cells)
            if vmerge == "continue":
                cells.append(Cell(origin.get(col, ""), merged_up=True))
                cells.extend(Cell("", merged_up=True, merged_left=True) for _ in range(span - 1))
                continue
            text = _cell_text(tc, state)
            if vmerge == "restart":
                origin[col] = text
            else:
                origin.pop(col, None)
            cells.append(Cell(text))
            cells.extend(Cell("", merged_left=True) for _ in range(span - 1))
        rows.append(Row(cells, header=header))
    return Table(rows)


# --------------------------------------------------------------------------------------------


def _body_blocks(parent: Any, state: _State, out: list[Block]) -> None:
    for child in parent:
        tag = child.tag
        if tag == _w("p"):
            text, style = _paragraph_text(child, state)
            for line in text.split("\n"):
                if line.strip():
                    out.append(Paragraph(line, style=style))
        elif tag == _w("tbl"):
            out.append(_table(child, state))
        elif tag == _w("sdt"):
            content = child.find(_w("sdtContent"))
            if content is not None:
                _body_blocks(content, state, out)
        elif tag == _w("customXml"):
            _body_blocks(child, state, out)


def read_docx(data: bytes) -> Blocks:
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, ValueError, OSError, EOFError) as exc:
        raise DocumentError(Problem.CORRUPT, ext=".docx", detail=repr(exc)) from exc
    with zf:
        document_xml = read_part(zf, "word/document.xml", required=True)
        numbering_xml = read_part(zf, "word/numbering.xml", required=False)
        styles_xml = read_part(zf, "word/styles.xml", required=False)
    assert document_xml is not None
    try:
        root = parse_xml(document_xml)
        numbering = _Numbering.load(
            parse_xml(numbering_xml) if numbering_xml else None,
            parse_xml(styles_xml) if styles_xml else None,
        )
    except SyntaxError as exc:  # lxml's XMLSyntaxError is one
        raise DocumentError(Problem.CORRUPT, ext=".docx", detail=repr(exc)) from exc
    body = root.find(_w("body"))
    if body is None:
        raise DocumentError(Problem.CORRUPT, ext=".docx", detail="no w:body")
    state = _State(numbering)
    blocks: list[Block] = []
    _body_blocks(body, state, blocks)
    return Blocks(blocks, "docx", images=state.images)

"""The document as a tree of numbered parts: headings, items, bullets, body paragraphs, tables.

Plans nest their parts with numbering schemes (``I.``, ``1.``, ``1.1.``, ``(1)``, ``a)``, ``-``,
``+``, ``•``, ``Điều 2.``, ``A.``) in an order each document picks for itself. The tree is built
the way a reader follows it: a scheme seen for the first time opens a level below the current
one; a scheme already open closes the levels below it. Plain paragraphs hang under the part they
follow. Every layout reader above this one sees only the tree, never the format.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from plans.documents.common import is_closing
from plans.documents.model import Blocks, Paragraph, Table, plain
from plans.text import fold

# (scheme, pattern); the first that matches a paragraph's plain text wins.
_MARKERS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("article", re.compile(r"^(?P<m>Điều\s+(?P<code>\d{1,3})\s*[.:]?)\s*(?P<rest>.*)$")),
    ("part", re.compile(r"^(?P<m>(?:PHẦN|Phần)\s+(?P<code>[IVXLC]{1,6}|\d{1,2}|thứ\s+\S+)\s*[.:]?)\s*(?P<rest>.*)$")),
    ("roman", re.compile(r"^(?P<m>(?P<code>[IVXLC]{1,7})\s*[.)/]|(?P<code2>[IVXLC]{1,7})\s*[-–]\s)\s*(?P<rest>\S.*)$")),
    ("upper", re.compile(r"^(?P<m>(?P<code>[A-H])\s*[.)])\s+(?P<rest>[A-ZĐÂĂÊÔƠƯÁÀẢÃẠ\W].*)$")),
    ("num", re.compile(r"^(?P<m>(?P<code>\d{1,2}(?:\.\d{1,2}){0,5})\s*[.)]|(?P<code2>\d{1,2}(?:\.\d{1,2}){1,5})\s)\s*(?P<rest>\S.*)$")),
    ("paren", re.compile(r"^(?P<m>\((?P<code>\d{1,2})\))\s*(?P<rest>\S.*)$")),
    ("letter", re.compile(r"^(?P<m>(?P<code>[a-zđ])\s*\))\s*(?P<rest>\S.*)$")),
    ("letterdot", re.compile(r"^(?P<m>(?P<code>[a-zđ])\s*\.)\s+(?P<rest>[A-ZĐÂĂÊÔƠƯ].*)$")),
    ("dash", re.compile(r"^(?P<m>[-–—](?P<code>))\s*(?P<rest>\S.*)$")),
    ("plus", re.compile(r"^(?P<m>\+(?P<code>))\s*(?P<rest>\S.*)$")),
    ("bullet", re.compile(r"^(?P<m>[•∙·●○■□▪➢►✓]|\*(?=\s)(?P<code>))\s*(?P<rest>\S.*)$")),
)
_ORDINAL_WORDS = re.compile(
    r"^(?:thu\s+)?(?:nhat|mot|hai|ba|bon|tu|nam|sau|bay|tam|chin|muoi)\s*(?:la)?\s*[,:]\s*"
)
_BULLETS = {"dash", "plus", "bullet"}
_SEPARATOR = re.compile(r"^[\s\-–—_=*~.·]+$")
_CUT = re.compile(r"^\[\s*(?:\.\.\.|…)\s*\]$")
# After a signature, a new document part starts with its kind in capitals ("KẾ HOẠCH", "PHỤ LỤC").
_PART_TITLE = re.compile(r"^(?:ke hoach|phu luc|quy che|chuong trinh|de an|danh muc|bieu|bang)\b")


@dataclass
class Node:
    """One part of the document. ``scheme`` is how it is numbered (``"para"`` for a plain
    paragraph, ``"table"`` for a table, ``"root"``); ``text`` is the part's own text after
    its number, with emphasis marks kept."""

    scheme: str
    code: str
    text: str
    index: int = 0  # position of its block in the document
    table: Table | None = None
    children: list[Node] = field(default_factory=list)
    parent: Node | None = field(default=None, repr=False)

    @property
    def plain(self) -> str:
        return plain(self.text)

    @property
    def numbered(self) -> bool:
        return self.scheme not in {"para", "table", "root"}

    def walk(self) -> Iterator[Node]:
        yield self
        for child in self.children:
            yield from child.walk()

    def ancestors(self) -> Iterator[Node]:
        node = self.parent
        while node is not None:
            yield node
            node = node.parent

    def path(self) -> str:
        """"VI.1.a" — the codes from the top, for the task's code and the review sheet."""
        codes = [n.code for n in (*reversed(list(self.ancestors())), self) if n.code]
        return ".".join(codes)


def classify(text: str) -> tuple[str, str, str]:
    """(scheme, code, rest) of a paragraph's plain text."""
    for scheme, pattern in _MARKERS:
        m = pattern.match(text)
        if m is None:
            continue
        code = m.group("code") or (m.groupdict().get("code2") or "")
        rest = m.group("rest")
        if scheme == "roman" and not _roman_ok(code, rest):
            continue
        if scheme == "num" and _looks_like_number(code, rest):
            continue
        if scheme == "upper" and len(rest) < 2:
            continue
        return scheme, code, rest
    return "para", "", text


def _roman_ok(code: str, rest: str) -> bool:
    """"I. MỤC ĐÍCH" yes; "V. Thực hiện" yes; "C. chủ trì" (a sentence) no."""
    return bool(rest) and not rest[:1].islower()


def _looks_like_number(code: str, rest: str) -> bool:
    """"1.000 người" or "2.5 tỷ" are quantities, not item numbers."""
    return bool(re.match(r"^\d{3}\b", code.split(".")[-1])) or rest[:1] in {"%", "/"}


def _scheme_key(scheme: str, code: str) -> str:
    if scheme == "num":
        return f"num{code.count('.') + 1}"
    return scheme


def _strip_mark(text: str, marker: str) -> str:
    """The paragraph's text without its number, emphasis marks kept ("*1.1. X*" → "X")."""
    stripped = text.lstrip()
    lead = ""
    while stripped[:1] == "*":
        lead += "*"
        stripped = stripped[1:]
    if stripped.startswith(marker):
        stripped = stripped[len(marker):].lstrip()
        return (lead + stripped) if lead and stripped.count("*") % 2 == 1 else stripped
    return plain(text)[len(marker):].strip()


def build(doc: Blocks, start: int = 0) -> Node:
    """The tree of ``doc.blocks[start:]`` (the body, after the heading block)."""
    root = Node("root", "", "")
    stack: list[tuple[str, Node]] = [("root", root)]
    signed = False  # between "Nơi nhận" / the signature and the next part (an attached plan)
    for index, block in enumerate(doc.blocks[start:], start=start):
        if signed:
            if isinstance(block, Paragraph) and _starts_part(block.plain):
                signed = False
                del stack[1:]
            elif not (isinstance(block, Paragraph) and classify(block.plain)[0] == "roman"):
                continue
            else:
                signed = False
                del stack[1:]
        if isinstance(block, Paragraph) and is_closing(block.plain):
            signed = True
            continue
        if isinstance(block, Table):
            if block.rows:
                node = Node("table", "", "", index=index, table=block)
                node.parent = stack[-1][1]
                stack[-1][1].children.append(node)
            continue
        assert isinstance(block, Paragraph)
        text = block.plain
        if not text or _SEPARATOR.match(text) or _CUT.match(text):
            continue
        scheme, code, rest = classify(text)
        if scheme == "para" and _ORDINAL_WORDS.match(fold(text)):
            scheme = "dash"
        if scheme == "para":
            node = Node("para", "", block.text, index=index)
            # a paragraph after a bullet list goes on at the list's level, not inside its last bullet
            while stack[-1][0] in _BULLETS:
                stack.pop()
            parent = stack[-1][1]
            node.parent = parent
            parent.children.append(node)
            continue
        key = _scheme_key(scheme, code)
        marker = text[: len(text) - len(rest)].strip()
        node = Node(scheme, code, _strip_mark(block.text, marker) or rest, index=index)
        keys = [k for k, _ in stack]
        if key in keys:
            del stack[keys.index(key):]
        elif scheme in {"roman", "part", "article"}:
            # a top-level scheme met again after deeper ones: close everything below the root
            del stack[1:]
        parent = stack[-1][1]
        node.parent = parent
        parent.children.append(node)
        stack.append((key, node))
    return root


def _starts_part(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters) and bool(_PART_TITLE.match(fold(text)))

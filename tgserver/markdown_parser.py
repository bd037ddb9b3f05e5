"""parse_mode=MarkdownV2 and legacy Markdown, best effort but with Telegram's escaping rules and messages."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from tgserver.text_units import ParseError, byte_offset, checked_url, utf16_len

_RESERVED = frozenset("_*[]()~`>#+-=|{}.!")
_OPENERS = (
    ("```", "pre"),
    ("`", "code"),
    ("__", "underline"),
    ("_", "italic"),
    ("*", "bold"),
    ("~", "strikethrough"),
    ("||", "spoiler"),
    ("![", "custom_emoji"),
    ("[", "text_link"),
)
_CLOSERS = {
    "pre": "```",
    "code": "`",
    "underline": "__",
    "italic": "_",
    "bold": "*",
    "strikethrough": "~",
    "spoiler": "||",
    "custom_emoji": "]",
    "text_link": "]",
}
_TD_NAMES = {"text_link": "TextUrl", "custom_emoji": "CustomEmoji", "strikethrough": "Strikethrough"}
_CUSTOM_EMOJI_URL = re.compile(r"tg://emoji\?id=(\d+)")
_LEGACY_MARKS = "_*`["


@dataclass
class _Open:
    kind: str
    offset: int
    begin: int
    out_index: int
    language: str = ""


@dataclass
class _Output:
    """Visible text being built, with the UTF-16 position entities are measured in."""

    parts: list[str] = field(default_factory=list)
    pos: int = 0
    entities: list[dict[str, Any]] = field(default_factory=list)

    def emit(self, text: str) -> None:
        self.parts.append(text)
        self.pos += utf16_len(text)

    def since(self, index: int) -> str:
        return "".join(self.parts[index:])

    def add(self, kind: str, offset: int, **extra: Any) -> None:
        if self.pos > offset:
            self.entities.append({"type": kind, "offset": offset, "length": self.pos - offset, **extra})


def parse_markdown_v2(source: str) -> tuple[str, list[dict[str, Any]]]:
    """Visible text and entities of a MarkdownV2 text; raises ParseError worded like Telegram."""
    out = _Output()
    stack: list[_Open] = []
    quote: int | None = None
    i = 0
    while i < len(source):
        char = source[i]
        top = stack[-1] if stack else None
        if char == "\\" and i + 1 < len(source) and 0 < ord(source[i + 1]) <= 126:
            out.emit(source[i + 1])
            i += 2
            continue
        if top and _closes(top.kind, source, i):
            i = _close(stack.pop(), source, i + len(_CLOSERS[top.kind]), out)
            continue
        if top and top.kind in ("code", "pre"):
            out.emit(char)
            i += 1
            continue
        if char == ">" and (i == 0 or source[i - 1] == "\n"):
            quote = out.pos if quote is None else quote
            i += 1
            continue
        if char == "\n" and quote is not None and not source.startswith(">", i + 1):
            out.add("blockquote", quote)
            quote = None
        opener = next(((mark, kind) for mark, kind in _OPENERS if source.startswith(mark, i)), None)
        if opener:
            i = _open(opener, source, i, out, stack)
            continue
        if char in _RESERVED:
            raise ParseError(f"Character '{char}' is reserved and must be escaped with the preceding '\\'")
        out.emit(char)
        i += 1
    if stack:
        name = _TD_NAMES.get(stack[-1].kind, stack[-1].kind.capitalize())
        raise ParseError(
            f"Can't find end of {name} entity at byte offset {byte_offset(source, stack[-1].begin)}"
        )
    if quote is not None:
        out.add("blockquote", quote)
    return "".join(out.parts), out.entities


def _closes(kind: str, source: str, i: int) -> bool:
    if kind == "italic":
        return source[i] == "_" and (not source.startswith("__", i) or source.startswith("___", i))
    return source.startswith(_CLOSERS[kind], i)


def _open(opener: tuple[str, str], source: str, i: int, out: _Output, stack: list[_Open]) -> int:
    mark, kind = opener
    opened = _Open(kind, out.pos, i, len(out.parts))
    i += len(mark)
    if kind == "pre":
        line_end = source.find("\n", i)
        first_line = source[i:line_end] if line_end >= 0 else ""
        if first_line and not any(c in first_line for c in " `"):
            opened.language = first_line
        if line_end >= 0 and (opened.language or not first_line):
            i = line_end + 1
        opened.offset = out.pos
    stack.append(opened)
    return i


def _close(opened: _Open, source: str, i: int, out: _Output) -> int:
    """Finish an entity; links and custom emoji also read their `(target)`. Returns the next index."""
    if opened.kind not in ("text_link", "custom_emoji"):
        extra = {"language": opened.language} if opened.language else {}
        out.add(opened.kind, opened.offset, **extra)
        return i
    target = out.since(opened.out_index)
    if source.startswith("(", i):
        target, i = _link_target(source, i + 1)
    if opened.kind == "custom_emoji":
        match = _CUSTOM_EMOJI_URL.fullmatch(target)
        if not match:
            raise ParseError("Custom emoji URL must have scheme tg")
        out.add("custom_emoji", opened.offset, custom_emoji_id=match.group(1))
    elif (url := checked_url(target)) is not None:
        out.add("text_link", opened.offset, url=url)
    return i


def _link_target(source: str, i: int) -> tuple[str, int]:
    begin = i
    target: list[str] = []
    while i < len(source) and source[i] != ")":
        if source[i] == "\\" and i + 1 < len(source):
            i += 1
        target.append(source[i])
        i += 1
    if i >= len(source):
        raise ParseError(f"Can't find end of a URL at byte offset {byte_offset(source, begin)}")
    return "".join(target), i + 1


def parse_markdown(source: str) -> tuple[str, list[dict[str, Any]]]:
    """Legacy Markdown: `*bold*`, `_italic_`, `` `code` ``, ```` ```pre``` ````, `[text](url)`; no nesting."""
    out = _Output()
    i = 0
    while i < len(source):
        char = source[i]
        if char == "\\" and source[i + 1 : i + 2] in tuple(_LEGACY_MARKS):
            out.emit(source[i + 1])
            i += 2
            continue
        if char not in _LEGACY_MARKS:
            out.emit(char)
            i += 1
            continue
        begin = i
        mark = "```" if source.startswith("```", i) else char
        end_mark = "]" if char == "[" else mark
        end = source.find(end_mark, i + len(mark))
        if end < 0:
            raise ParseError(
                f"Can't find end of the entity starting at byte offset {byte_offset(source, begin)}"
            )
        offset, start = out.pos, len(out.parts)
        out.emit(source[i + len(mark) : end])
        i = end + len(end_mark)
        if char == "[":
            target = out.since(start)
            if source.startswith("(", i):
                close = source.find(")", i)
                if close < 0:
                    raise ParseError(f"Can't find end of a URL at byte offset {byte_offset(source, i + 1)}")
                target, i = source[i + 1 : close], close + 1
            if (url := checked_url(target)) is not None:
                out.add("text_link", offset, url=url)
        else:
            out.add({"*": "bold", "_": "italic", "`": "code", "```": "pre"}[mark], offset)
    return "".join(out.parts), out.entities

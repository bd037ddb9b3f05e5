"""parse_mode=HTML exactly as strict as Telegram: its tags, its entities, its error messages and byte offsets."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from tgserver.text_units import ParseError, byte_offset, checked_url, utf16_len

_TAGS = {
    "b": "bold",
    "strong": "bold",
    "i": "italic",
    "em": "italic",
    "u": "underline",
    "ins": "underline",
    "s": "strikethrough",
    "strike": "strikethrough",
    "del": "strikethrough",
    "tg-spoiler": "spoiler",
    "span": "spoiler",
    "a": "text_link",
    "code": "code",
    "pre": "pre",
    "blockquote": "blockquote",
    "tg-emoji": "custom_emoji",
    "tg-time": "date_time",
}
# Telegram supports every numeric character reference but only these named ones.
_NAMED = {"lt": "<", "gt": ">", "amp": "&", "quot": '"'}
_REFERENCE = re.compile(r"&(?:#x([0-9a-fA-F]{1,8})|#([0-9]{1,8})|([a-zA-Z]+));?")
_NAME_TOKEN = re.compile(r"[A-Za-z0-9.\-]*")
_SPACES = " \t\r\n\f\v"


@dataclass
class _Open:
    tag: str
    attributes: dict[str, str]
    offset: int
    out_index: int


@dataclass
class _HtmlParser:
    source: str
    i: int = 0
    pos: int = 0
    out: list[str] = field(default_factory=list)
    entities: list[dict[str, Any]] = field(default_factory=list)
    open: list[_Open] = field(default_factory=list)
    languages: dict[tuple[int, int], str] = field(default_factory=dict)

    def run(self) -> tuple[str, list[dict[str, Any]]]:
        while self.i < len(self.source):
            char = self.source[self.i]
            if char == "&" and self._reference():
                continue
            if char == "<":
                self._tag()
                continue
            self._emit(char)
            self.i += 1
        if self.open:
            raise ParseError(f'Can\'t find end tag corresponding to start tag "{self.open[-1].tag}"')
        return "".join(self.out), self.entities

    def _emit(self, text: str) -> None:
        self.out.append(text)
        self.pos += utf16_len(text)

    def _reference(self) -> bool:
        decoded, end = decode_reference(self.source, self.i)
        if decoded is None:
            return False
        self._emit(decoded)
        self.i = end
        return True

    def _error_at(self, message: str, index: int, suffix: str = "") -> ParseError:
        return ParseError(f"{message} at byte offset {byte_offset(self.source, index)}{suffix}")

    def _skip_spaces(self, j: int) -> int:
        while j < len(self.source) and self.source[j] in _SPACES:
            j += 1
        return j

    def _tag(self) -> None:
        begin = self.i
        if self.source[begin + 1 : begin + 2] == "/":
            self._end_tag(begin)
            return
        j = begin + 1
        while j < len(self.source) and self.source[j] not in _SPACES and self.source[j] != ">":
            j += 1
        if j >= len(self.source):
            raise self._error_at("Unclosed start tag", begin)
        tag = self.source[begin + 1 : j].lower()
        if tag not in _TAGS:
            raise self._error_at(f'Unsupported start tag "{tag}"', begin)
        attributes, j = self._attributes(tag, begin, j)
        if tag == "span" and attributes.get("class") != "tg-spoiler":
            raise self._error_at('Tag "span" must have class "tg-spoiler"', begin)
        self.open.append(_Open(tag, attributes, self.pos, len(self.out)))
        self.i = j + 1

    def _attributes(self, tag: str, begin: int, j: int) -> tuple[dict[str, str], int]:
        attributes: dict[str, str] = {}
        source = self.source
        while True:
            j = self._skip_spaces(j)
            if j >= len(source):
                raise self._error_at("Unclosed start tag", begin)
            if source[j] == ">":
                return attributes, j
            name_start = j
            while j < len(source) and source[j] not in _SPACES and source[j] not in "=>":
                j += 1
            name = source[name_start:j].lower()
            if not name:
                raise self._error_at(f'Empty attribute name in the tag "{tag}"', name_start)
            j = self._skip_spaces(j)
            if source[j : j + 1] != "=":
                if tag == "blockquote" and name == "expandable":
                    attributes[name] = ""
                    continue
                raise self._error_at(
                    f'Expected equal sign in declaration of an attribute of the tag "{tag}"', name_start
                )
            j = self._skip_spaces(j + 1)
            if j >= len(source):
                raise self._error_at(f'Unclosed start tag "{tag}"', begin)
            attributes[name], j = self._attribute_value(j)

    def _attribute_value(self, j: int) -> tuple[str, int]:
        source = self.source
        quote = source[j]
        if quote not in "'\"":
            token = _NAME_TOKEN.match(source, j)
            end = token.end() if token else j
            if end >= len(source) or (source[end] not in _SPACES and source[end] != ">"):
                raise self._error_at("Unexpected end of name token", j)
            return source[j:end].lower(), end
        value: list[str] = []
        j += 1
        while j < len(source) and source[j] != quote:
            decoded, end = decode_reference(source, j) if source[j] == "&" else (None, j)
            value.append(decoded if decoded is not None else source[j])
            j = end if decoded is not None else j + 1
        return "".join(value), j + 1

    def _end_tag(self, begin: int) -> None:
        j = begin + 2
        while j < len(self.source) and self.source[j] not in _SPACES and self.source[j] != ">":
            j += 1
        name = self.source[begin + 2 : j].lower()
        j = self._skip_spaces(j)
        if j >= len(self.source) or self.source[j] != ">":
            raise self._error_at("Unclosed end tag", begin)
        if not self.open:
            raise self._error_at("Unexpected end tag", begin)
        opened = self.open.pop()
        if name and name != opened.tag:
            raise self._error_at(
                "Unmatched end tag", begin, f', expected "</{opened.tag}>", found "</{name}>"'
            )
        self.i = j + 1
        self._close(opened)

    def _close(self, opened: _Open) -> None:
        length = self.pos - opened.offset
        if length <= 0:
            return
        entity: dict[str, Any] = {"type": _TAGS[opened.tag], "offset": opened.offset, "length": length}
        attributes = opened.attributes
        if opened.tag == "a":
            url = checked_url(attributes.get("href") or "".join(self.out[opened.out_index :]))
            if url is None:
                return
            entity["url"] = url
        elif opened.tag == "code" and attributes.get("class", "").startswith("language-"):
            self.languages[(opened.offset, length)] = attributes["class"].removeprefix("language-")
        elif opened.tag == "pre":
            self._absorb_inner_code(entity)
        elif opened.tag == "blockquote" and "expandable" in attributes:
            entity["type"] = "expandable_blockquote"
        elif opened.tag == "tg-emoji":
            entity["custom_emoji_id"] = attributes.get("emoji-id", "")
        elif opened.tag == "tg-time":
            entity["unix_time"] = int(attributes.get("unix", "0") or 0)
            if attributes.get("format"):
                entity["date_time_format"] = attributes["format"]
        self.entities.append(entity)

    def _absorb_inner_code(self, pre: dict[str, Any]) -> None:
        """`<pre><code class="language-x">` is one pre entity with a language, as in Telegram."""
        span = (pre["offset"], pre["length"])
        last = self.entities[-1] if self.entities else None
        if last and last["type"] == "code" and (last["offset"], last["length"]) == span:
            self.entities.pop()
        pre["language"] = self.languages.get(span, "")
        if not pre["language"]:
            del pre["language"]


def decode_reference(source: str, i: int) -> tuple[str | None, int]:
    """A character reference at `i` (`&lt;`, `&#233;`, `&#x1F600;`) decoded, or None if it is not one."""
    match = _REFERENCE.match(source, i)
    if not match:
        return None, i
    hex_code, dec_code, name = match.groups()
    if name is not None:
        return (_NAMED[name], match.end()) if name in _NAMED else (None, i)
    code = int(hex_code, 16) if hex_code is not None else int(dec_code)
    if code == 0 or code >= 0x10FFFF or 0xD800 <= code <= 0xDFFF:
        return None, i
    return chr(code), match.end()


def parse_html(source: str) -> tuple[str, list[dict[str, Any]]]:
    """Visible text and entities of an HTML-formatted text; raises ParseError worded like Telegram."""
    return _HtmlParser(source).run()

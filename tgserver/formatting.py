"""A message's visible text and entities, derived the way Telegram does from text plus parse_mode or entities.

Telegram also trims surrounding whitespace and finds commands, mentions, hashtags, links and e-mail
addresses by itself, in people's messages and in the bot's alike.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import Any

from tgserver.errors import bad_request
from tgserver.html_parser import parse_html
from tgserver.markdown_parser import parse_markdown, parse_markdown_v2
from tgserver.text_units import ParseError, utf16_len

Entity = dict[str, Any]

_PARSERS: dict[str, Callable[[str], tuple[str, list[Entity]]]] = {
    "html": parse_html,
    "markdownv2": parse_markdown_v2,
    "markdown": parse_markdown,
}
_FOUND_BY_TELEGRAM = (
    ("bot_command", re.compile(r"(?<![\w/<>])/[A-Za-z0-9_]{1,64}(?:@[A-Za-z0-9_]{3,32})?(?![\w/@])")),
    ("email", re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[A-Za-z]{2,}(?![\w@])")),
    ("url", re.compile(r"(?<![\w@/])https?://[^\s<>\"]+[^\s<>\".,;:!?)\]]")),
    ("mention", re.compile(r"(?<![\w@/.])@[A-Za-z][A-Za-z0-9_]{3,31}(?![\w@])")),
    ("hashtag", re.compile(r"(?<![\w#&])#\w*[^\W\d]\w*")),
)


def formatted(source: str, parse_mode: str | None, entities: list[Entity] | None) -> tuple[str, list[Entity]]:
    """Visible text and entities of what a bot sent; raises ApiError 400 like Telegram on bad markup."""
    mode = (parse_mode or "").lower()
    if mode:
        parser = _PARSERS.get(mode)
        if parser is None:
            raise bad_request("unsupported parse_mode")
        try:
            text, found = parser(source)
        except ParseError as exc:
            raise bad_request(f"can't parse entities: {exc}") from None
    else:
        text, found = source, [dict(entity) for entity in entities or []]
    text, found = _trimmed(text, found)
    return text, _ordered(found + found_by_telegram(text, found))


def found_by_telegram(text: str, existing: Iterable[Entity] = ()) -> list[Entity]:
    """Commands, e-mails, links, mentions and hashtags Telegram marks up on its own."""
    taken = [(e["offset"], e["offset"] + e["length"]) for e in existing]
    found: list[Entity] = []
    for kind, pattern in _FOUND_BY_TELEGRAM:
        for match in pattern.finditer(text):
            offset = utf16_len(text[: match.start()])
            end = offset + utf16_len(match.group())
            if all(end <= start or offset >= stop for start, stop in taken):
                found.append({"type": kind, "offset": offset, "length": end - offset})
                taken.append((offset, end))
    return _ordered(found)


def _trimmed(text: str, entities: list[Entity]) -> tuple[str, list[Entity]]:
    """Telegram strips leading and trailing whitespace; entities are shifted and clipped to match."""
    stripped = text.strip()
    shift = utf16_len(text[: len(text) - len(text.lstrip())])
    size = utf16_len(stripped)
    kept: list[Entity] = []
    for entity in entities:
        start = max(entity["offset"] - shift, 0)
        end = min(entity["offset"] + entity["length"] - shift, size)
        if end > start:
            kept.append({**entity, "offset": start, "length": end - start})
    return stripped, kept


def _ordered(entities: list[Entity]) -> list[Entity]:
    return sorted(entities, key=lambda e: (e["offset"], -e["length"]))

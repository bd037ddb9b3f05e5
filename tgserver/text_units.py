"""How Telegram measures text: lengths and entity offsets in UTF-16 code units, error positions in bytes."""

from __future__ import annotations

import re

_URL_SCHEMES = ("http://", "https://", "tg://", "ton://", "mailto:")
_BARE_DOMAIN = re.compile(r"[\w-]+(\.[\w-]+)+([/?#]\S*)?")


class ParseError(Exception):
    """Formatted text Telegram cannot parse; the message follows "can't parse entities: "."""


def utf16_len(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def byte_offset(text: str, index: int) -> int:
    """UTF-8 byte position of a character index, the unit of Telegram's parse error messages."""
    return len(text[:index].encode("utf-8"))


def checked_url(url: str) -> str | None:
    """A link target as Telegram keeps it: bare domains get http://, unreadable targets are dropped (None)."""
    url = url.strip()
    if url.lower().startswith(_URL_SCHEMES):
        return url
    if _BARE_DOMAIN.fullmatch(url):
        return f"http://{url}"
    return None

"""Text folding shared by every reader: Vietnamese is typed with and without diacritics."""

from __future__ import annotations

import re
import unicodedata

_SPACES = re.compile(r"\s+")


def fold(text: str) -> str:
    """Lower-case, strip diacritics (đ → d) and collapse white space.

    The result has the same length as the input only when no white space was collapsed;
    use it to compare and search, never to show.
    """
    text = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    text = "".join(ch for ch in text if unicodedata.category(ch) != "Mn")
    return _SPACES.sub(" ", text).strip().lower()


def fold_keep_length(text: str) -> str:
    """Like :func:`fold` but one output character per input character, so that a match's
    offsets in the folded text are valid offsets in the original."""
    out = []
    for ch in text:
        if ch in "đĐ":
            out.append("d")
            continue
        base = unicodedata.normalize("NFD", ch)[0]
        out.append(base.lower() if len(base.lower()) == 1 else ch)
    return "".join(out)


def clean(text: str) -> str:
    """Collapse white space and trim, keeping diacritics (for display and storage)."""
    return _SPACES.sub(" ", unicodedata.normalize("NFC", text)).strip()


def shorten(text: str, limit: int) -> str:
    """Cut ``text`` to at most ``limit`` characters at a word boundary, ending with '…'."""
    text = clean(text)
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    space = cut.rfind(" ")
    if space > limit // 2:
        cut = cut[:space]
    return cut.rstrip(" ,;:.-") + "…"

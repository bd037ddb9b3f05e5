"""What Zalo shows of a message: plain text (no formatting there), the actions as a numbered line,
in pieces of at most 2,000 characters cut at line boundaries."""

from __future__ import annotations

import html
import re

from channels.port import HTML, Action, Actions
from locales import _

LIMIT = 2000
_LINK = re.compile(r'<a\s+href="([^"]*)"\s*>(.*?)</a>', re.IGNORECASE | re.DOTALL)
_TAG = re.compile(r"</?[a-z][a-z0-9-]*(?:\s[^<>]*)?>", re.IGNORECASE)
_EMOJI = re.compile(r"^[^\w«(]+", re.UNICODE)


def plain(text: str, format: str) -> str:
    """An HTML-format text as Zalo shows it: tags dropped, a link as its words and its address."""
    if format != HTML:
        return text

    def link(found: re.Match[str]) -> str:
        words, url = found.group(2), html.unescape(found.group(1))
        return words if url in ("", words) else f"{words} ({url})"

    return html.unescape(_TAG.sub("", _LINK.sub(link, text)))


def flat(actions: Actions) -> list[Action]:
    return [action for row in actions for action in row]


def choice_line(actions: Actions) -> str:
    """``Trả lời: 1 = đã hoàn thành, 2 = …``: what to type to choose; a lone typed choice is
    simply the words to reply."""
    chosen = flat(actions)
    if not chosen:
        return ""
    if len(chosen) == 1 and chosen[0].typed:
        return _("Trả lời «{words}» để xác nhận.", words=chosen[0].typed)
    items = ", ".join(f"{n} = {a.typed or _EMOJI.sub('', a.label)}" for n, a in enumerate(chosen, 1))
    return _("Trả lời: {items}", items=items)


def pieces(text: str, limit: int = LIMIT) -> list[str]:
    """``text`` in pieces of at most ``limit`` characters, cut after whole lines where it can,
    else between words, else anywhere."""
    out: list[str] = []
    current = ""
    for line in text.split("\n"):
        while len(line) > limit:
            cut = line.rfind(" ", 0, limit + 1)
            cut = cut if cut > 0 else limit
            head, line = line[:cut].rstrip(), line[cut:].lstrip()
            if current:
                out.append(current)
                current = ""
            out.append(head)
        candidate = f"{current}\n{line}" if current else line
        if len(candidate) <= limit:
            current = candidate
        else:
            out.append(current)
            current = line
    if current.strip() or not out:
        out.append(current)
    return [piece for piece in out if piece.strip()] or [text[:limit] or " "]


def shown(text: str, format: str, actions: Actions) -> list[str]:
    """The pieces of one message: its plain text with the choice line under it."""
    body = plain(text, format).strip()
    line = choice_line(actions)
    return pieces(f"{body}\n\n{line}" if body and line else body or line)

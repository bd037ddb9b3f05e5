"""Long answers cut into messages that fit Telegram's 4,096 characters."""

from __future__ import annotations

from handlers.deps import Context

LIMIT = 4000


def pages(lines: list[str], limit: int = LIMIT) -> list[str]:
    """Join lines into as few pages as possible, never cutting a line unless it alone is too long."""
    out: list[str] = []
    current = ""
    for line in lines:
        while len(line) > limit:
            if current:
                out.append(current)
                current = ""
            out.append(line[:limit])
            line = line[limit:]
        candidate = f"{current}\n{line}" if current else line
        if len(candidate) > limit:
            out.append(current)
            current = line
        else:
            current = candidate
    if current:
        out.append(current)
    return out


async def send_long(c: Context, lines: list[str], *, html: bool = False) -> None:
    """Answer with as many messages as the lines need (``html`` when they carry <b> marks)."""
    for page in pages(lines):
        await c.say(page, html=html)

"""Reading a command's arguments as people type them."""

from __future__ import annotations

from handlers.deps import Context
from locales import _


def two_names(text: str) -> tuple[str, str] | None:
    """``A | B`` (or ``A => B``) into two names; None when one side is missing."""
    for separator in ("|", "=>", "→"):
        if separator in text:
            left, right = (part.strip() for part in text.split(separator, 1))
            return (left, right) if left and right else None
    return None


def unknown_agency(name: str) -> str:
    """The answer when a typed agency name matches none of the group's agencies."""
    return _("Không tìm thấy đơn vị «{name}». Dùng /don_vi để xem danh sách.", name=name)


async def required(c: Context, usage: str) -> str | None:
    """The command's argument; when it is missing, the usage is the answer and None comes back."""
    if not c.msg.args:
        await c.say(usage)
    return c.msg.args or None

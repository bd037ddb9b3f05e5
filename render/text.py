"""Small pieces every message uses: escaping, bold, counts of days."""

from __future__ import annotations

from channels.port import escape as esc
from locales import _


def bold(text: str) -> str:
    return f"<b>{esc(text)}</b>"


def days_left(working_days: int) -> str:
    if working_days <= 0:
        return _("hôm nay là ngày làm việc cuối cùng")
    return _("còn {n} ngày làm việc", n=working_days)


def days_late(days: int) -> str:
    return _("đã quá hạn {n} ngày", n=days)

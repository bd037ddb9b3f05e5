"""Small pieces every message uses: escaping, bold, counts of days, a lead's status."""

from __future__ import annotations

from datetime import date

from channels.port import escape as esc
from locales import _, short_day
from services.outbox_events import LeadState


def bold(text: str) -> str:
    return f"<b>{esc(text)}</b>"


def days_left(working_days: int) -> str:
    if working_days <= 0:
        return _("hôm nay là ngày làm việc cuối cùng")
    return _("còn {n} ngày làm việc", n=working_days)


def days_late(days: int) -> str:
    return _("đã quá hạn {n} ngày", n=days)


def describe(state: LeadState) -> str:
    """A lead's status in words."""
    return describe_row(state.status, state.percent, state.done_on, state.reason, state.requested)


def describe_row(
    status: str, percent: int | None, done_on: date | None, reason: str | None = None, requested: date | None = None
) -> str:
    if status == "done":
        return _("đã hoàn thành") + (f" ({short_day(done_on)})" if done_on else "")
    if status == "in_progress":
        return _("đang thực hiện") + (f", {percent}%" if percent is not None else "")
    if status == "blocked":
        return _("có vướng mắc") + (f": {reason}" if reason else "")
    if status == "extension":
        return _("xin gia hạn đến {date}", date=short_day(requested) if requested else "?")
    return _("chưa thực hiện")

"""Jinja filters: the same Vietnamese words for standings, statuses and days as the bot's messages."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from locales import moment, short_day
from render.oversight import standing_name
from render.text import describe_row


def _day(value: date | None) -> str:
    return short_day(value) if value else "—"


def _status(row: Any) -> str:
    return describe_row(row.status, row.percent, row.done_on)


def _moment(value: datetime) -> str:
    return moment(value)


def _local(value: datetime, timezone: str) -> str:
    """A stored moment in the group's time zone: ``15/04/2024 08:30``."""
    return f"{value.astimezone(ZoneInfo(timezone)):%d/%m/%Y %H:%M}"


def _standing(key: str) -> str:
    return standing_name(key).capitalize()


FILTERS: dict[str, Callable[..., str]] = {
    "day": _day,
    "moment": _moment,
    "local": _local,
    "standing": _standing,
    "status": _status,
}

"""What the notice use cases return: plain facts that ``render/notices.py`` turns into messages."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any


@dataclass(frozen=True)
class TaskLine:
    code: str
    agencies: str
    due: date | None
    content: str


@dataclass(frozen=True)
class TasksFound:
    """What the reader found in an attached notice file."""

    name: str
    count: int
    dated: int
    lines: list[TaskLine] = field(default_factory=list)


@dataclass(frozen=True)
class PreviewFacts:
    text: str
    files: list[dict[str, Any]]
    tasks: TasksFound | None
    label: str
    reached: list[str]  # agencies with at least one chat
    chats: int
    unreached: list[str]  # agencies with no bound chat
    silent: bool


@dataclass(frozen=True)
class NoticeSummary:
    """Where one notice stands, for /thong_bao_trang_thai."""

    id: int
    created_at: datetime
    text: str
    chats: int
    pending: int
    sent: int
    failed: int
    acknowledged: int
    waiting: int
    not_acknowledged: list[str]
    failures: list[tuple[str, str]]
    tasks: int

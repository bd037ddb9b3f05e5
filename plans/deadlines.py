"""Reading the free-text deadline column of a plan into a structured deadline."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any, Literal

DeadlineKind = Literal["due", "ongoing", "on_demand", "conditional", "unknown"]


@dataclass(frozen=True)
class Milestone:
    """A staged target or a per-level date: checked on ``due``."""

    due: date
    note: str

    def to_json(self) -> dict[str, Any]:
        return {"due": self.due.isoformat(), "note": self.note}


@dataclass(frozen=True)
class Deadline:
    """What a deadline text means. ``due`` is the last day that is still on time."""

    kind: DeadlineKind
    due: date | None = None
    starts: date | None = None
    recurring: bool = False
    milestones: tuple[Milestone, ...] = field(default_factory=tuple)

    def to_json(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "due": self.due.isoformat() if self.due else None,
            "starts": self.starts.isoformat() if self.starts else None,
            "recurring": self.recurring,
            "milestones": [m.to_json() for m in self.milestones],
        }


UNKNOWN = Deadline(kind="unknown")


def read_deadline(text: str, year: int | None = None, issued: date | None = None) -> Deadline:
    """Read ``text``; ``year`` (the plan's) fills a missing year. Never raises."""
    return UNKNOWN

"""A notice being composed: kept as JSON in a ``Conversation`` row (kind ``notice``) until the
secretariat confirms it; nothing reaches an agency before that."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any, Literal

from sqlalchemy import delete, select
from sqlalchemy.ext.asyncio import AsyncSession

from plans.documents.model import ParsedPlan
from services.clock import Clock
from services.notices.results import TaskLine, TasksFound
from storage.models import Conversation

KIND = "notice"
DRAFT_TTL = timedelta(hours=3)
MAX_FILES = 10
TEXT_LIMIT = 3500  # the notice's own text; header, files and the ack line fit in the rest of 4096
TASK_FILE_SUFFIXES = (".docx", ".txt", ".md")


@dataclass
class Draft:
    """A notice being composed (kept as JSON in its ``Conversation``)."""

    step: Literal["text", "recipients", "pick", "preview"] = "text"
    text: str | None = None
    files: list[dict[str, Any]] = field(default_factory=list)
    tasks: dict[str, Any] | None = None  # the file whose tasks will be saved, and what was found
    groups: list[dict[str, Any]] = field(default_factory=list)  # the recipient buttons offered
    label: str | None = None
    agency_ids: list[int] = field(default_factory=list)
    page: int = 0
    asks: list[int] = field(default_factory=list)  # the bot's messages of this draft (replies to them belong here)

    def to_json(self) -> dict[str, Any]:
        return {
            "step": self.step,
            "text": self.text,
            "files": list(self.files),
            "tasks": self.tasks,
            "groups": list(self.groups),
            "label": self.label,
            "agency_ids": list(self.agency_ids),
            "page": self.page,
            "asks": list(self.asks),
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Draft:
        return cls(
            step=data.get("step", "text"),
            text=data.get("text"),
            files=list(data.get("files") or []),
            tasks=data.get("tasks"),
            groups=list(data.get("groups") or []),
            label=data.get("label"),
            agency_ids=[int(i) for i in data.get("agency_ids") or []],
            page=int(data.get("page", 0)),
            asks=[int(i) for i in data.get("asks") or []],
        )

    def found(self) -> TasksFound | None:
        if not self.tasks:
            return None
        return TasksFound(
            name=str(self.tasks["name"]),
            count=int(self.tasks["count"]),
            dated=int(self.tasks["dated"]),
            lines=[
                TaskLine(
                    code=str(line["code"]),
                    agencies=str(line["agencies"]),
                    due=date.fromisoformat(line["due"]) if line.get("due") else None,
                    content=str(line["content"]),
                )
                for line in self.tasks.get("lines", [])
            ],
        )


async def open_draft(session: AsyncSession, clock: Clock, chat_id: int, person_tg: int, draft: Draft) -> int:
    """Start a draft (any earlier dialogue of this person in this chat ends); returns its id."""
    await session.execute(
        delete(Conversation).where(Conversation.chat_external_id == chat_id, Conversation.person_external_id == person_tg)
    )
    row = Conversation(
        chat_external_id=chat_id, person_external_id=person_tg, kind=KIND, data=draft.to_json(),
        expires_at=clock.now() + DRAFT_TTL,
    )
    session.add(row)
    await session.flush()
    return row.id


async def load_draft(
    session: AsyncSession, clock: Clock, chat_id: int, person_tg: int, draft_id: int | None = None
) -> tuple[Conversation, Draft] | None:
    """The person's open draft in this chat (and with this id, when given), if still fresh."""
    row = await session.scalar(
        select(Conversation).where(
            Conversation.chat_external_id == chat_id,
            Conversation.person_external_id == person_tg,
            Conversation.kind == KIND,
        )
    )
    if row is None or row.expires_at <= clock.now() or (draft_id is not None and row.id != draft_id):
        return None
    return row, Draft.from_json(row.data)


def store_draft(clock: Clock, row: Conversation, draft: Draft) -> None:
    """Write the draft back; each change keeps it alive for another :data:`DRAFT_TTL`."""
    row.data = draft.to_json()
    row.expires_at = clock.now() + DRAFT_TTL


async def take_draft(session: AsyncSession, clock: Clock, draft_id: int, person_tg: int) -> Draft | None:
    """End the draft and return it; only one caller ever gets it (a double press sends once)."""
    taken = (
        await session.execute(
            delete(Conversation)
            .where(
                Conversation.id == draft_id,
                Conversation.person_external_id == person_tg,
                Conversation.kind == KIND,
                Conversation.expires_at > clock.now(),
            )
            .returning(Conversation.data)
        )
    ).first()
    return Draft.from_json(taken[0]) if taken is not None else None


def tasks_found(parsed: ParsedPlan, name: str, file_id: str) -> dict[str, Any]:
    """What the preview says of the tasks of an attached file (dated tasks first)."""
    ordered = sorted(parsed.tasks, key=lambda t: (t.deadline.due is None, t.deadline.due or date.max))
    return {
        "file_id": file_id,
        "name": name,
        "count": len(parsed.tasks),
        "dated": sum(1 for t in parsed.tasks if t.deadline.due is not None),
        "lines": [
            {
                "code": t.code,
                "agencies": ", ".join(r.name for r in t.lead),
                "due": t.deadline.due.isoformat() if t.deadline.due else None,
                "content": t.content[:200],
            }
            for t in ordered[:8]
        ],
    }

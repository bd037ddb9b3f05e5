"""Changing a stored task's leads, supporting agencies or deadline without losing its history.

Re-importing a plan, a corrected review sheet and ``/sua`` all come through here. A lead that is
replaced keeps its row (its status and history follow the task) and is handed to the new
agency; the change itself is written to the history, as every status change is.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import delete, update
from sqlalchemy.ext.asyncio import AsyncSession

from plans.deadlines import Deadline
from plans.schedule import ReminderSettings
from services.reminders import cancel_pending, reschedule
from services.status import snapshot
from storage.models import (
    Agency,
    Attachment,
    MessageLink,
    Outbox,
    StatusChange,
    Task,
    TaskLead,
    TaskSupport,
    WorkingGroup,
)


@dataclass(frozen=True)
class Edit:
    """Who changes a stored task, when, and the words kept in its history."""

    at: datetime
    group: WorkingGroup
    rules: ReminderSettings
    person_id: int | None = None
    note: str = ""

    def record(self, session: AsyncSession, lead: TaskLead, old: dict[str, Any], new: dict[str, Any]) -> None:
        session.add(
            StatusChange(
                task_lead_id=lead.id, person_id=self.person_id, at=self.at, source="secretariat",
                raw_text=self.note, old=old, new=new,
            )
        )


async def fold_lead(session: AsyncSession, lead: TaskLead, into: TaskLead) -> None:
    """``lead`` disappears into ``into``: its history, message links, files and outbox rows follow."""
    for model in (StatusChange, MessageLink, Attachment, Outbox):
        await session.execute(update(model).where(model.task_lead_id == lead.id).values(task_lead_id=into.id))
    await session.delete(lead)


async def set_leads(
    session: AsyncSession, task: Task, current: list[TaskLead], agencies: list[Agency], edit: Edit
) -> list[TaskLead]:
    """Make ``agencies`` the task's leads, in order; returns the leads. An empty list changes
    nothing (a task is never left without the leads that carry its history)."""
    wanted: dict[int, Agency] = {a.id: a for a in agencies}
    if not wanted:
        return current
    kept = [lead for lead in current if lead.agency_id in wanted]
    gone = [lead for lead in current if lead.agency_id not in wanted]
    held = {lead.agency_id for lead in current}
    new = [agency for agency_id, agency in wanted.items() if agency_id not in held]
    for lead, agency in zip(gone, new, strict=False):
        old = {**snapshot(lead), "agency_id": lead.agency_id}
        lead.agency_id = agency.id
        await cancel_pending(session, lead.id)
        edit.record(session, lead, old, {**snapshot(lead), "agency_id": agency.id, "agency": agency.name})
        kept.append(lead)
    for lead in gone[len(new):]:
        await cancel_pending(session, lead.id)
        await fold_lead(session, lead, kept[0])
    for agency in new[len(gone):]:
        lead = TaskLead(task_id=task.id, agency_id=agency.id, status="not_started", due=task.due)
        session.add(lead)
        kept.append(lead)
    for lead in kept:
        reschedule(lead, edit.group, edit.at, edit.rules)
    return kept


async def set_supports(session: AsyncSession, task: Task, current: list[TaskSupport], agencies: list[Agency]) -> None:
    """The supporting agencies become exactly ``agencies`` (they carry no history)."""
    wanted = {a.id for a in agencies}
    gone = [s.id for s in current if s.agency_id not in wanted]
    if gone:
        await session.execute(delete(TaskSupport).where(TaskSupport.id.in_(gone)))
    for agency_id in wanted - {s.agency_id for s in current}:
        session.add(TaskSupport(task_id=task.id, agency_id=agency_id))


def set_deadline(task: Task, text: str, deadline: Deadline) -> None:
    task.deadline_text, task.kind, task.due, task.starts = text, deadline.kind, deadline.due, deadline.starts
    task.recurring = deadline.recurring
    task.milestones = [m.to_json() for m in deadline.milestones]


async def redate_leads(session: AsyncSession, task: Task, leads: list[TaskLead], old_due: date | None, edit: Edit, *, every: bool) -> None:
    """Leads follow the task's new due date: all of them (``every``, a correction), or those
    still on the old one (a re-import keeps a due date moved by an approved extension)."""
    for lead in leads:
        if lead.due == task.due or not (every or lead.due == old_due):
            continue
        old = snapshot(lead)
        lead.due = task.due
        await cancel_pending(session, lead.id)
        reschedule(lead, edit.group, edit.at, edit.rules)
        if lead.id is not None:
            edit.record(session, lead, old, snapshot(lead))

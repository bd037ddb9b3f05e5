"""Status of a task for one lead agency: every change checked, applied and written to history."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any, Literal

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from services.access import Actor
from services.chats import agency_chats, notify_secretariat
from services.clock import Clock, local_today
from services.outbox_events import (
    CoLeadUpdated,
    ExtensionDecided,
    ExtensionRequested,
    LeadState,
    OutboxEvent,
    to_payload,
)
from services.reminders import cancel_pending, reschedule
from storage.group_tree import lineage
from storage.models import Agency, Plan, StatusChange, Task, TaskLead, WorkingGroup
from storage.outbox import OutboxItem, enqueue

Status = Literal["not_started", "in_progress", "done", "blocked", "extension"]
Source = Literal["reply", "button", "command", "edit", "file", "secretariat"]


@dataclass(frozen=True)
class Change:
    """What someone said about a lead's task, already read into fields."""

    status: Status
    percent: int | None = None
    reason: str | None = None
    date: date | None = None
    raw_text: str | None = None


@dataclass(frozen=True)
class Origin:
    """Where a change came from, kept in the history."""

    source: Source
    chat_external_id: int | None = None
    message_id: int | None = None


@dataclass(frozen=True)
class Applied:
    outcome: Literal["ok", "refused", "unknown_task", "bad_date"]
    lead: TaskLead | None = None
    task: Task | None = None
    agency: Agency | None = None


def snapshot(lead: TaskLead) -> dict[str, Any]:
    return {
        "status": lead.status,
        "percent": lead.percent,
        "reason": lead.reason,
        "done_on": lead.done_on.isoformat() if lead.done_on else None,
        "requested_due": lead.requested_due.isoformat() if lead.requested_due else None,
        "due": lead.due.isoformat() if lead.due else None,
    }


async def lead_context(session: AsyncSession, lead_id: int) -> tuple[TaskLead, Task, Agency, WorkingGroup] | None:
    row = (
        await session.execute(
            select(TaskLead, Task, Agency, WorkingGroup)
            .join(Task, Task.id == TaskLead.task_id)
            .join(Agency, Agency.id == TaskLead.agency_id)
            .join(Plan, Plan.id == Task.plan_id)
            .join(WorkingGroup, WorkingGroup.id == Plan.working_group_id)
            .where(TaskLead.id == lead_id)
        )
    ).first()
    return None if row is None else (row[0], row[1], row[2], row[3])


async def apply_change(
    session: AsyncSession, clock: Clock, actor: Actor, lead_id: int, change: Change, origin: Origin
) -> Applied:
    """Apply ``change`` if ``actor`` answers for the lead's agency; history keeps old and new."""
    found = await lead_context(session, lead_id)
    if found is None:
        return Applied("unknown_task")
    lead, task, agency, group = found
    if not actor.answers_for(agency.id, await lineage(session, agency.working_group_id)):
        return Applied("refused", lead, task, agency)
    today = local_today(clock, group.timezone)
    if change.status == "extension" and (change.date is None or change.date <= today):
        return Applied("bad_date", lead, task, agency)
    old = snapshot(lead)
    lead.status = change.status
    lead.updated_at = clock.now()
    if change.status == "done":
        lead.percent, lead.done_on, lead.reason = 100, change.date if change.date and change.date <= today else today, None
        await cancel_pending(session, lead.id)
    elif change.status == "in_progress":
        lead.percent = change.percent if change.percent is not None else lead.percent
        lead.done_on = None
    elif change.status == "blocked":
        lead.reason = change.reason or change.raw_text
        lead.done_on = None
    elif change.status == "extension":
        lead.requested_due, lead.reason = change.date, change.reason
    reschedule(lead, await _reminding_group(session, agency, group), clock.now())
    history = StatusChange(
        task_lead_id=lead.id,
        person_id=actor.person_id,
        at=clock.now(),
        chat_external_id=origin.chat_external_id,
        message_id=origin.message_id,
        raw_text=change.raw_text,
        source=origin.source,
        old=old,
        new=snapshot(lead),
    )
    session.add(history)
    await session.flush()
    if change.status == "extension":
        await _ask_secretariat(session, clock, group, task, agency, lead, history)
    await _tell_co_leads(session, clock, group, task, agency, lead, history)
    return Applied("ok", lead, task, agency)


async def _reminding_group(session: AsyncSession, agency: Agency, plan_group: WorkingGroup) -> WorkingGroup:
    """A lead is reminded by its agency's group's rules (a commune's lead of a province task by the commune's)."""
    if agency.working_group_id == plan_group.id:
        return plan_group
    return await session.get(WorkingGroup, agency.working_group_id) or plan_group


def state_of(lead: TaskLead) -> LeadState:
    return LeadState(lead.status, lead.percent, lead.done_on, lead.reason, lead.requested_due)


async def _ask_secretariat(
    session: AsyncSession, clock: Clock, group: WorkingGroup, task: Task, agency: Agency, lead: TaskLead,
    history: StatusChange,
) -> None:
    assert lead.requested_due is not None
    request = ExtensionRequested(
        history.id, agency.name, task.code, task.content, lead.due, lead.requested_due, lead.reason
    )
    await notify_secretariat(session, clock, group.id, f"ext:{history.id}", to_payload(request))


async def decide_extension(
    session: AsyncSession, clock: Clock, actor: Actor, change_id: int, approve: bool
) -> Applied:
    """The secretariat approves or rejects an extension; the agency is told either way."""
    request = await session.get(StatusChange, change_id)
    if request is None:
        return Applied("unknown_task")
    found = await lead_context(session, request.task_lead_id)
    assert found is not None
    lead, task, agency, group = found
    if not actor.is_staff or actor.working_group_id != group.id:
        return Applied("refused", lead, task, agency)
    if lead.status != "extension" or lead.requested_due is None:
        return Applied("ok", lead, task, agency)
    old = snapshot(lead)
    new_due = lead.requested_due
    if approve:
        lead.due = new_due
        await cancel_pending(session, lead.id)
    lead.status = "in_progress" if lead.percent else "not_started"
    lead.requested_due = None
    reschedule(lead, group, clock.now())
    session.add(
        StatusChange(
            task_lead_id=lead.id, person_id=actor.person_id, at=clock.now(), source="secretariat",
            raw_text="approve" if approve else "reject", old=old, new=snapshot(lead),
        )
    )
    decision = ExtensionDecided(task.code, approve, lead.due)
    await _to_agency(session, clock, group, agency.id, f"extdecision:{change_id}", decision, lead.id)
    return Applied("ok", lead, task, agency)


async def _to_agency(
    session: AsyncSession, clock: Clock, group: WorkingGroup, agency_id: int, key: str, event: OutboxEvent,
    lead_id: int | None,
) -> None:
    chats = (await agency_chats(session, [agency_id])).get(agency_id, [])
    await enqueue(
        session,
        [
            OutboxItem(
                key=f"{key}:{chat.id}", chat_id=chat.id, kind="info", payload=to_payload(event),
                not_before=clock.now(), working_group_id=group.id, task_lead_id=lead_id,
            )
            for chat in chats
        ],
        clock.now(),
    )


async def _tell_co_leads(
    session: AsyncSession, clock: Clock, group: WorkingGroup, task: Task, agency: Agency, lead: TaskLead,
    history: StatusChange,
) -> None:
    """Leads of the same task see each other's updates."""
    others = list(await session.scalars(select(TaskLead).where(TaskLead.task_id == task.id, TaskLead.id != lead.id)))
    update = CoLeadUpdated(agency.name, task.code, state_of(lead))
    for other in others:
        await _to_agency(session, clock, group, other.agency_id, f"colead:{history.id}", update, None)


async def history_of(session: AsyncSession, lead_id: int, limit: int = 5) -> list[StatusChange]:
    return list(
        await session.scalars(
            select(StatusChange).where(StatusChange.task_lead_id == lead_id).order_by(StatusChange.id.desc()).limit(limit)
        )
    )

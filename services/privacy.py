"""Personal data: what we hold about a person (export) and forgetting them (erase).

Erasing keeps the history of tasks true: the statuses, percentages and dates a person recorded stay,
so a task done in March is still done in March; what goes is who they were (name, username, roles,
private chat) and the free text they wrote (the raw text of their status replies, the reasons they
typed, the text of their periodic reports). Their rows stay linked to the erased person, so
"somebody of this agency did it" remains visible without naming anyone.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.ext.asyncio import AsyncSession

from services.clock import Clock
from storage.models import (
    DEFAULT_CHANNEL,
    Agency,
    Attachment,
    Chat,
    Conversation,
    NoticeDelivery,
    Person,
    Plan,
    ReportSubmission,
    Role,
    StatusChange,
    Task,
    TaskLead,
    WorkingGroup,
)

ERASED_NAME = "Người dùng đã xoá"
# raw texts the bot itself writes for the secretariat's decisions: not the person's words
SYSTEM_TEXTS = frozenset({"approve", "reject"})


def _iso(value: datetime | date | None) -> str | None:
    return value.isoformat() if value is not None else None


async def _person(session: AsyncSession, external_id: int) -> Person | None:
    """The Telegram person of this id (a Zalo person of the same handle is someone else)."""
    return await session.scalar(select(Person).where(Person.channel == DEFAULT_CHANNEL, Person.external_id == external_id))


async def export_person(session: AsyncSession, external_id: int) -> dict[str, Any]:
    """Everything kept about the person with this Telegram id, as JSON-ready data; {} if unknown."""
    person = await _person(session, external_id)
    if person is None:
        return {}
    roles = (
        await session.execute(
            select(Role, WorkingGroup.name, Agency.name)
            .join(WorkingGroup, WorkingGroup.id == Role.working_group_id)
            .outerjoin(Agency, Agency.id == Role.agency_id)
            .where(Role.person_id == person.id)
            .order_by(Role.id)
        )
    ).all()
    changes = (
        await session.execute(
            select(StatusChange, Task.code, Plan.number, Agency.name)
            .join(TaskLead, TaskLead.id == StatusChange.task_lead_id)
            .join(Task, Task.id == TaskLead.task_id)
            .join(Plan, Plan.id == Task.plan_id)
            .join(Agency, Agency.id == TaskLead.agency_id)
            .where(StatusChange.person_id == person.id)
            .order_by(StatusChange.at, StatusChange.id)
        )
    ).all()
    submissions = (
        await session.execute(
            select(ReportSubmission, Agency.name)
            .join(Agency, Agency.id == ReportSubmission.agency_id)
            .where(ReportSubmission.person_id == person.id)
            .order_by(ReportSubmission.submitted_at, ReportSubmission.id)
        )
    ).all()
    attachments = (
        await session.execute(
            select(Attachment, Task.code, ReportSubmission.period_key)
            .outerjoin(TaskLead, TaskLead.id == Attachment.task_lead_id)
            .outerjoin(Task, Task.id == TaskLead.task_id)
            .outerjoin(ReportSubmission, ReportSubmission.id == Attachment.submission_id)
            .where(Attachment.person_id == person.id)
            .order_by(Attachment.at, Attachment.id)
        )
    ).all()
    acknowledged = list(
        await session.scalars(
            select(NoticeDelivery).where(NoticeDelivery.acknowledged_by == person.id).order_by(NoticeDelivery.id)
        )
    )
    return {
        "channel": person.channel,
        "external_id": person.external_id,
        "full_name": person.full_name,
        "username": person.username,
        "private_chat_id": person.private_chat_id,
        "first_seen": _iso(person.created_at),
        "erased_at": _iso(person.erased_at),
        "roles": [
            {"working_group": group, "role": role.role, "agency": agency, "since": _iso(role.created_at)}
            for role, group, agency in roles
        ],
        "status_changes": [
            {
                "at": _iso(change.at),
                "plan": plan,
                "task": code,
                "agency": agency,
                "source": change.source,
                "raw_text": change.raw_text,
                "status": (change.new or {}).get("status"),
                "percent": (change.new or {}).get("percent"),
                "reason": (change.new or {}).get("reason"),
                "previous_status": (change.old or {}).get("status"),
                "chat_id": change.chat_external_id,
                "message_id": change.message_id,
            }
            for change, code, plan, agency in changes
        ],
        "report_submissions": [
            {
                "submitted_at": _iso(sub.submitted_at),
                "agency": agency,
                "period_kind": sub.period_kind,
                "period_key": sub.period_key,
                "text": sub.text,
                "chat_id": sub.chat_external_id,
            }
            for sub, agency in submissions
        ],
        "attachments": [
            {
                "at": _iso(att.at),
                "file_name": att.file_name,
                "file_size": att.file_size,
                "task": code,
                "period_key": period,
                "chat_id": att.chat_external_id,
            }
            for att, code, period in attachments
        ],
        "notices_acknowledged": [
            {"notice_id": d.notice_id, "acknowledged_at": _iso(d.acknowledged_at)} for d in acknowledged
        ],
    }


async def erase_person(session: AsyncSession, clock: Clock, external_id: int) -> bool:
    """Forget who the person was and what they wrote, keep what happened to tasks; False if unknown.

    Runs inside the caller's transaction: everything is erased together or nothing is.
    """
    person = await _person(session, external_id)
    if person is None:
        return False
    person.full_name = ERASED_NAME
    person.username = None
    person.private_chat_id = None
    person.erased_at = person.erased_at or clock.now()
    await session.execute(delete(Role).where(Role.person_id == person.id))
    await session.execute(
        delete(Conversation).where(Conversation.channel == person.channel, Conversation.person_external_id == external_id)
    )
    private = await session.scalar(
        select(Chat).where(Chat.channel == person.channel, Chat.external_id == external_id, Chat.kind == "private")
    )
    if private is not None:
        private.title = ERASED_NAME

    # the free text they wrote: raw replies, and the reasons those replies put on a task
    written: set[str] = set()
    leads: set[int] = set()
    for change in await session.scalars(select(StatusChange).where(StatusChange.person_id == person.id)):
        if change.raw_text and change.raw_text not in SYSTEM_TEXTS:
            written.add(change.raw_text)
            change.raw_text = None
        new, old = change.new or {}, change.old or {}
        if new.get("reason") and new.get("reason") != old.get("reason"):
            written.add(str(new["reason"]))
        leads.add(change.task_lead_id)
    if written:
        for lead in await session.scalars(select(TaskLead).where(TaskLead.id.in_(leads))):
            if lead.reason in written:
                lead.reason = None
        for change in await session.scalars(select(StatusChange).where(StatusChange.task_lead_id.in_(leads))):
            change.old = _without(change.old, written)
            change.new = _without(change.new, written)
    for submission in await session.scalars(select(ReportSubmission).where(ReportSubmission.person_id == person.id)):
        submission.text = None
    await session.flush()
    return True


def _without(snapshot: dict[str, Any] | None, written: set[str]) -> dict[str, Any]:
    """The snapshot with a reason the person wrote taken out (a new dict: JSON columns track assignment)."""
    snapshot = dict(snapshot or {})
    if snapshot.get("reason") in written:
        snapshot["reason"] = None
    return snapshot

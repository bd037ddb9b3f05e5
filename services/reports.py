"""Periodic reports: an agency's answer to a cadence reminder, as text or a file."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.ext.asyncio import AsyncSession

from services.access import Actor
from services.clock import Clock
from storage.models import Attachment, ReportSubmission


@dataclass(frozen=True)
class FileInfo:
    """A file that stays on Telegram: we keep its id, name and size, never its bytes."""

    file_id: str
    name: str | None
    size: int | None


async def submit(
    session: AsyncSession,
    clock: Clock,
    actor: Actor,
    agency_id: int,
    period_kind: str,
    period_key: str,
    text: str | None,
    file: FileInfo | None,
    chat_external_id: int,
) -> ReportSubmission | None:
    """Record the agency's report for the period; None when the actor does not answer for it."""
    if actor.working_group_id is None or not actor.acts_for(agency_id):
        return None
    submission = ReportSubmission(
        working_group_id=actor.working_group_id,
        agency_id=agency_id,
        period_kind=period_kind,
        period_key=period_key,
        text=text,
        person_id=actor.person_id,
        chat_external_id=chat_external_id,
        submitted_at=clock.now(),
    )
    session.add(submission)
    await session.flush()
    if file is not None:
        session.add(
            Attachment(
                file_id=file.file_id, file_name=file.name, file_size=file.size, person_id=actor.person_id,
                chat_external_id=chat_external_id, submission_id=submission.id, at=clock.now(),
            )
        )
    return submission


async def attach_evidence(
    session: AsyncSession, clock: Clock, actor: Actor, lead_id: int, file: FileInfo, chat_external_id: int
) -> None:
    session.add(
        Attachment(
            file_id=file.file_id, file_name=file.name, file_size=file.size, person_id=actor.person_id,
            chat_external_id=chat_external_id, task_lead_id=lead_id, at=clock.now(),
        )
    )

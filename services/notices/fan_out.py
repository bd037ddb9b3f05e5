"""Sending a confirmed notice: one transaction writes the ``Notice``, one ``NoticeDelivery`` per
recipient chat, the outbox rows (``notice:{notice_id}:{chat_id}``, with ``notice_delivery_id``)
and, when the attached notice file assigns tasks, the tasks themselves (:func:`services.imports.save`,
linked by ``Notice.plan_id``). The outbox sender does the rest within the messenger's limits; its
idempotency keys and claim leases make a restart in the middle of a fan-out resume where it
stopped instead of starting again."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from plans.calendar import next_send_time
from plans.documents.model import ParsedPlan
from services import imports
from services.chats import agency_chats
from services.clock import Clock
from services.notices.drafts import Draft
from services.notices.messages import NoticeMessages
from services.notices.recipients import ALL_LABEL, chosen
from services.notices.results import PreviewFacts
from services.notices.states import OPEN, PENDING, notice_key
from services.reminders import settings_of
from storage.models import Notice, NoticeDelivery, Plan, Task, TaskLead, WorkingGroup
from storage.outbox import OutboxItem, enqueue


def silent(clock: Clock, group: WorkingGroup) -> bool:
    """Outside the sending window a notice still goes at once (the secretariat chose to send it),
    but without a sound."""
    settings = settings_of(group)
    now = clock.now()
    return next_send_time(settings.calendar(), settings.window, group.timezone, now) != now


async def preview(session: AsyncSession, clock: Clock, group: WorkingGroup, draft: Draft) -> PreviewFacts:
    agencies = await chosen(session, group.id, draft.agency_ids)
    chats = await agency_chats(session, [a.id for a in agencies])
    return PreviewFacts(
        text=draft.text or "",
        files=draft.files,
        tasks=draft.found(),
        label=draft.label or ALL_LABEL,
        reached=[a.name for a in agencies if chats.get(a.id)],
        chats=sum(len(chats.get(a.id, [])) for a in agencies),
        unreached=[a.name for a in agencies if not chats.get(a.id)],
        silent=silent(clock, group),
    )


@dataclass(frozen=True)
class Sent:
    notice_id: int
    chats: int
    agencies: int
    queued: int
    tasks_saved: int = 0
    plan_title: str | None = None


async def _tasks_per_agency(session: AsyncSession, plan_id: int) -> dict[int, int]:
    rows = await session.execute(
        select(TaskLead.agency_id, func.count())
        .join(Task, Task.id == TaskLead.task_id)
        .where(Task.plan_id == plan_id, Task.removed_at.is_(None))
        .group_by(TaskLead.agency_id)
    )
    return {agency_id: int(n) for agency_id, n in rows.all()}


async def send(
    session: AsyncSession, clock: Clock, group: WorkingGroup, person_id: int | None, draft: Draft,
    messages: NoticeMessages, parsed: ParsedPlan | None = None,
) -> Sent | None:
    """Write the notice, its deliveries, its outbox rows and its tasks (call in one transaction).

    None when no chosen agency has a chat (nothing is written)."""
    agencies = await chosen(session, group.id, draft.agency_ids)
    chats = await agency_chats(session, [a.id for a in agencies])
    targets = [(agency, chat) for agency in agencies for chat in chats.get(agency.id, [])]
    if not targets:
        return None
    now = clock.now()
    plan_id: int | None = None
    plan_title: str | None = None
    saved = 0
    if parsed is not None and parsed.tasks and draft.tasks:
        summary = await imports.save(session, clock, group, parsed, str(draft.tasks["name"]))
        plan_id, saved = summary.plan_id, summary.created + summary.updated
        plan = await session.get(Plan, plan_id)
        plan_title = plan.title if plan is not None else None
    notice = Notice(
        working_group_id=group.id, text=draft.text or "", files=list(draft.files), created_by=person_id,
        plan_id=plan_id, state=OPEN, created_at=now, sent_at=now,
    )
    session.add(notice)
    await session.flush()
    deliveries = [
        NoticeDelivery(notice_id=notice.id, chat_id=chat.id, agency_id=agency.id, state=PENDING)
        for agency, chat in targets
    ]
    session.add_all(deliveries)
    await session.flush()
    per_agency = await _tasks_per_agency(session, plan_id) if plan_id is not None else {}
    quiet = silent(clock, group)
    items: list[OutboxItem] = []
    for delivery, (agency, chat) in zip(deliveries, targets, strict=True):
        items.append(
            OutboxItem(
                key=notice_key(notice.id, chat.id),
                chat_id=chat.id,
                kind="notice",
                payload=messages.notice(
                    notice.text, agency.name, agency.id, delivery.id, notice.files, per_agency.get(agency.id, 0), quiet
                ),
                not_before=now,
                working_group_id=group.id,
                notice_delivery_id=delivery.id,
            )
        )
        items.extend(
            OutboxItem(
                key=f"{notice_key(notice.id, chat.id)}:file:{n}",
                chat_id=chat.id,
                kind="notice_file",
                payload=messages.file(file, agency.id, quiet),
                not_before=now,
                working_group_id=group.id,
            )
            for n, file in enumerate(notice.files)
        )
    queued = await enqueue(session, items, now)
    return Sent(notice.id, len(targets), len({a.id for a, _c in targets}), queued, saved, plan_title)

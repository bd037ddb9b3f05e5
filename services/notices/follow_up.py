"""The engine's pass over open notices: delivery states brought up to date from the outbox, failures
reported once to the notice's sender, the one reminder to chats that have not acknowledged, and
notices with nothing left to do settled."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from typing import Protocol

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from plans.calendar import next_send_time
from plans.working_hours import add_working_time
from services.chats import ensure_chat, notify_secretariat
from services.clock import Clock
from services.notices.messages import NoticeMessages
from services.notices.states import FAILED, OPEN, PENDING, REMINDED, SENT, SETTLED, notice_key, reminder_key
from services.reminders import settings_of
from storage.models import Agency, Notice, NoticeDelivery, Outbox, Person, WorkingGroup
from storage.outbox import OutboxItem, enqueue


class Counts(Protocol):
    queued: int


@dataclass
class _Tally:
    queued: int = 0


@dataclass(frozen=True)
class _Row:
    delivery: NoticeDelivery
    notice: Notice
    agency: str


async def _open_rows(session: AsyncSession, group_id: int) -> list[_Row]:
    rows = await session.execute(
        select(NoticeDelivery, Notice, Agency.name)
        .join(Notice, Notice.id == NoticeDelivery.notice_id)
        .outerjoin(Agency, Agency.id == NoticeDelivery.agency_id)
        .where(
            Notice.working_group_id == group_id,
            Notice.state == OPEN,
            NoticeDelivery.state.in_((PENDING, SENT)),
        )
        .order_by(NoticeDelivery.id)
    )
    return [_Row(d, n, name or "") for d, n, name in rows.all()]


async def _outbox_by_key(session: AsyncSession, keys: list[str]) -> dict[str, Outbox]:
    found: dict[str, Outbox] = {}
    for start in range(0, len(keys), 500):
        for row in await session.scalars(select(Outbox).where(Outbox.idempotency_key.in_(keys[start : start + 500]))):
            found[row.idempotency_key] = row
    return found


async def _report_failures(
    session: AsyncSession, clock: Clock, notice: Notice, failures: list[tuple[int, str, str]], messages: NoticeMessages
) -> int:
    """Tell the notice's sender, once, which chats could not be reached (secretariat otherwise)."""
    payload = messages.failure_report(notice.id, notice.text, [(name, error) for _id, name, error in failures])
    key = f"notice-failed:{notice.id}:{min(i for i, _n, _e in failures)}"
    person = await session.get(Person, notice.created_by) if notice.created_by is not None else None
    if person is not None and person.private_chat_id is not None:
        chat = await ensure_chat(session, clock, person.private_chat_id, "private", person.full_name, person.channel)
        if chat.active:
            item = OutboxItem(
                key=f"{key}:to:{chat.id}", chat_id=chat.id, kind="secretariat",
                payload=payload, not_before=clock.now(),
                working_group_id=notice.working_group_id,
            )
            return await enqueue(session, [item], clock.now())
    return await notify_secretariat(session, clock, notice.working_group_id, key, payload)


async def follow_up(
    session: AsyncSession, clock: Clock, group: WorkingGroup, messages: NoticeMessages, report: Counts | None = None
) -> None:
    """Bring delivery states up to date from the outbox, report failures to the notice's sender
    once, queue the one reminder to chats that have not acknowledged after
    ``ack_after_working_hours`` working hours, and settle notices nothing is left to do for."""
    tally = report if report is not None else _Tally()
    now = clock.now()
    rows = await _open_rows(session, group.id)
    outbox = await _outbox_by_key(session, [notice_key(r.notice.id, r.delivery.chat_id) for r in rows])
    settings = settings_of(group)
    calendar, window, tz = settings.calendar(), settings.window, group.timezone
    after = timedelta(hours=settings.ack_after_working_hours)
    failures: dict[int, list[tuple[int, str, str]]] = {}
    notices: dict[int, Notice] = {}
    reminders: list[OutboxItem] = []
    for row in rows:
        delivery, notice = row.delivery, row.notice
        sent = outbox.get(notice_key(notice.id, delivery.chat_id))
        if sent is None:
            continue
        if delivery.state == PENDING:
            if sent.state == "sent":
                delivery.state = SENT
            elif sent.state in ("failed", "expired"):
                delivery.state, delivery.error = FAILED, sent.last_error or sent.state
                failures.setdefault(notice.id, []).append((delivery.id, row.agency, delivery.error))
                notices[notice.id] = notice
        if delivery.state != SENT or sent.sent_at is None:
            continue
        if add_working_time(calendar, window, tz, sent.sent_at, after) > now:
            continue
        send_at = next_send_time(calendar, window, tz, now)
        reminders.append(
            OutboxItem(
                key=reminder_key(notice.id, delivery.chat_id),
                chat_id=delivery.chat_id,
                kind="notice_reminder",
                payload=messages.reminder(notice.text, row.agency, delivery.agency_id or 0, delivery.id, sent.sent_at, tz),
                not_before=send_at,
                expires_at=send_at + settings.grace,
                working_group_id=group.id,
                notice_delivery_id=delivery.id,
            )
        )
        delivery.state = REMINDED
    tally.queued += await enqueue(session, reminders, now)
    for notice_id, failed in failures.items():
        tally.queued += await _report_failures(session, clock, notices[notice_id], failed, messages)
    still_open = {r.notice.id for r in rows if r.delivery.state in (PENDING, SENT)}
    await session.execute(
        update(Notice)
        .where(Notice.working_group_id == group.id, Notice.state == OPEN, Notice.id.not_in(still_open))
        .values(state=SETTLED)
    )


async def remind_unacknowledged(
    session: AsyncSession, clock: Clock, group: WorkingGroup, report: Counts, messages: NoticeMessages
) -> None:
    """The engine's pass for notices (see :func:`follow_up`)."""
    await follow_up(session, clock, group, messages, report)

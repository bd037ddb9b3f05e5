"""The outbox: the only path by which the bot speaks first. Inserting twice is a no-op."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import ColumnElement, Select, func, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from storage.db import dialect_insert
from storage.models import Chat, MessageLink, Outbox


@dataclass(frozen=True)
class OutboxItem:
    """One message to send, as enqueued by the engine or a service."""

    key: str
    chat_id: int
    kind: str
    payload: dict[str, Any]
    not_before: datetime
    expires_at: datetime | None = None
    working_group_id: int | None = None
    task_lead_id: int | None = None
    notice_delivery_id: int | None = None
    period_key: str | None = None


async def enqueue(session: AsyncSession, items: list[OutboxItem], now: datetime) -> int:
    """Insert the items whose key is new; returns how many were new."""
    if not items:
        return 0
    rows = [
        {
            "idempotency_key": i.key,
            "chat_id": i.chat_id,
            "kind": i.kind,
            "payload": i.payload,
            "not_before": i.not_before,
            "expires_at": i.expires_at,
            "working_group_id": i.working_group_id,
            "task_lead_id": i.task_lead_id,
            "notice_delivery_id": i.notice_delivery_id,
            "period_key": i.period_key,
            "state": "pending",
            "attempts": 0,
            "created_at": now,
        }
        for i in items
    ]
    # one cached statement executed for many rows: SQLAlchemy batches it into multi-row INSERTs
    # ("insertmanyvalues") without compiling a new 500-row statement for every chunk
    table = Outbox.__table__
    stmt = dialect_insert(session)(table).on_conflict_do_nothing(index_elements=["idempotency_key"]).returning(table.c.id)
    inserted = 0
    for start in range(0, len(rows), 500):
        inserted += len((await session.execute(stmt, rows[start : start + 500])).all())
    return inserted


@dataclass(frozen=True)
class Claimed:
    id: int
    chat_id: int
    channel: str
    chat_external_id: int
    kind: str
    payload: dict[str, Any]
    attempts: int
    task_lead_id: int | None
    notice_delivery_id: int | None
    period_key: str | None
    working_group_id: int | None


async def expire_stale(session: AsyncSession, now: datetime) -> list[Outbox]:
    """Rows past their expiry are not sent late: a reminder for last week helps nobody."""
    rows = list(
        await session.scalars(
            select(Outbox).where(Outbox.state == "pending", Outbox.expires_at.is_not(None), Outbox.expires_at < now)
        )
    )
    for row in rows:
        row.state = "expired"
    return rows


def _claimable(now: datetime) -> ColumnElement[bool]:
    return or_(
        Outbox.state == "pending",
        (Outbox.state == "sending") & (Outbox.claimed_until < now),
    )


def claim_query(now: datetime, limit: int, *, postgresql: bool) -> Select[int]:
    """The ids a worker tries to claim: due rows, pending or with a lease run out, oldest first."""
    due = (
        select(Outbox.id)
        .where(_claimable(now), Outbox.not_before <= now)
        .order_by(Outbox.not_before, Outbox.id)
        .limit(limit)
    )
    return due.with_for_update(skip_locked=True) if postgresql else due


async def claim(session: AsyncSession, now: datetime, worker: str, limit: int, lease: timedelta) -> list[Claimed]:
    """Take up to ``limit`` due rows for this worker; a crashed worker's lease runs out."""
    claimable = _claimable(now)
    due = claim_query(now, limit, postgresql=session.get_bind().dialect.name == "postgresql")
    candidates = list(await session.scalars(due))
    if not candidates:
        return []
    # the state is checked again in the update itself: a concurrent worker that read the same
    # rows gets only those it really took
    taken = await session.execute(
        update(Outbox)
        .where(Outbox.id.in_(candidates), claimable)
        .values(state="sending", claimed_by=worker, claimed_until=now + lease, attempts=Outbox.attempts + 1)
        .returning(Outbox.id)
    )
    ids = sorted(taken.scalars().all(), key=candidates.index)
    if not ids:
        return []
    rows = (
        await session.execute(
            select(Outbox, Chat.channel, Chat.external_id).join(Chat, Chat.id == Outbox.chat_id).where(Outbox.id.in_(ids))
        )
    ).all()
    by_id = {row.id: (row, channel, external) for row, channel, external in rows}
    return [
        Claimed(
            id=row.id,
            chat_id=row.chat_id,
            channel=channel,
            chat_external_id=external,
            kind=row.kind,
            payload=row.payload,
            attempts=row.attempts,
            task_lead_id=row.task_lead_id,
            notice_delivery_id=row.notice_delivery_id,
            period_key=row.period_key,
            working_group_id=row.working_group_id,
        )
        for row, channel, external in (by_id[i] for i in ids)
    ]


async def mark_sent(session: AsyncSession, item: Claimed, message_id: int, chat_external_id: int, now: datetime) -> None:
    """Record the messenger's message id so that replies to it find their subject."""
    await session.execute(
        update(Outbox)
        .where(Outbox.id == item.id)
        .values(state="sent", sent_at=now, external_message_id=message_id, claimed_until=None, last_error=None)
    )
    link = item.payload.get("link") or {}
    session.add(
        MessageLink(
            channel=item.channel,
            chat_external_id=chat_external_id,
            message_id=message_id,
            task_lead_id=item.task_lead_id,
            agency_id=link.get("agency_id"),
            period_kind=link.get("period_kind"),
            period_key=item.period_key,
            notice_delivery_id=item.notice_delivery_id,
            purpose=link.get("purpose", "reminder"),
            created_at=now,
        )
    )


async def release(
    session: AsyncSession, item_id: int, not_before: datetime, error: str, *, attempts_back: bool = False
) -> None:
    """Give a row back for a later try; ``attempts_back`` when it was never tried at all."""
    values: dict[str, Any] = {"state": "pending", "not_before": not_before, "claimed_until": None, "last_error": error[:500]}
    if attempts_back:
        values["attempts"] = Outbox.attempts - 1
    await session.execute(update(Outbox).where(Outbox.id == item_id).values(**values))


async def fail(session: AsyncSession, item_id: int, error: str) -> None:
    """A permanent failure: the row is kept, with why, and never retried."""
    await session.execute(
        update(Outbox).where(Outbox.id == item_id).values(state="failed", claimed_until=None, last_error=error[:500])
    )


async def backlog(session: AsyncSession, now: datetime) -> int:
    """Rows that are due and not yet sent (for health checks)."""
    return int(
        await session.scalar(
            select(func.count()).select_from(Outbox).where(Outbox.state.in_(("pending", "sending")), Outbox.not_before <= now)
        )
        or 0
    )

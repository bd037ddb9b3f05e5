"""Someone of an agency presses "Đã nhận" under a notice."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Literal

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from services.access import Actor
from services.clock import Clock
from services.notices.states import ACKNOWLEDGED, FAILED, notice_key, reminder_key
from services.unit import UnitOfWork
from storage.models import Chat, Notice, NoticeDelivery, Outbox, Person, WorkingGroup


@dataclass(frozen=True)
class SentCopy:
    """A message of the notice in the agency's chat, to be shown as acknowledged."""

    chat_id: int  # the messenger's chat id
    message_id: int
    text: str  # as it was sent


@dataclass(frozen=True)
class Ack:
    outcome: Literal["ok", "already", "refused", "unknown"]
    name: str = ""
    at: datetime | None = None
    tz: str = "Asia/Ho_Chi_Minh"
    sent: list[SentCopy] = field(default_factory=list)  # what to show as acknowledged


async def _sent_messages(session: AsyncSession, delivery: NoticeDelivery, chat: Chat) -> list[Outbox]:
    keys = [notice_key(delivery.notice_id, chat.id), reminder_key(delivery.notice_id, chat.id)]
    return list(
        await session.scalars(
            select(Outbox).where(Outbox.idempotency_key.in_(keys), Outbox.external_message_id.is_not(None))
        )
    )


async def acknowledge(session: AsyncSession, clock: Clock, actor: Actor, delivery_id: int) -> Ack:
    """Someone of the agency says the notice was received. Only people acting for that agency
    (its group's members, its focal points) may; the secretariat may not acknowledge for it."""
    delivery = await session.get(NoticeDelivery, delivery_id)
    if delivery is None:
        return Ack("unknown")
    notice = await session.get(Notice, delivery.notice_id)
    group = await session.get(WorkingGroup, notice.working_group_id) if notice is not None else None
    tz = group.timezone if group is not None else "Asia/Ho_Chi_Minh"
    if delivery.agency_id is None or delivery.agency_id not in actor.agency_ids:
        return Ack("refused", tz=tz)
    now = clock.now()
    done = await session.execute(
        update(NoticeDelivery)
        .where(NoticeDelivery.id == delivery_id, NoticeDelivery.acknowledged_at.is_(None))
        .values(state=ACKNOWLEDGED, acknowledged_by=actor.person_id, acknowledged_at=now)
        .returning(NoticeDelivery.id)
    )
    if done.first() is None:
        await session.refresh(delivery)
        who = await session.get(Person, delivery.acknowledged_by) if delivery.acknowledged_by else None
        return Ack("already", who.full_name if who else "", delivery.acknowledged_at, tz)
    person = await session.get(Person, actor.person_id) if actor.person_id else None
    name = person.full_name if person is not None else str(actor.external_id)
    chat = await session.get(Chat, delivery.chat_id)
    sent: list[SentCopy] = []
    if chat is not None:
        for row in await _sent_messages(session, delivery, chat):
            assert row.external_message_id is not None
            sent.append(SentCopy(chat.external_id, row.external_message_id, row.payload["text"]))
    return Ack("ok", name, now, tz, sent)


async def acknowledge_by(db: UnitOfWork, clock: Clock, actor: Actor, delivery_id: int) -> Ack:
    """The "Đã nhận" button (see :func:`acknowledge`)."""
    async with db.transaction() as session:
        return await acknowledge(session, clock, actor, delivery_id)


async def acknowledge_in_chat(db: UnitOfWork, clock: Clock, actor: Actor, channel: str, chat_external_id: int) -> Ack:
    """``đã nhận`` written in a chat without buttons: the newest notice this chat has not
    acknowledged yet, else the newest one (``already``); ``unknown`` when the chat has none."""
    async with db.transaction() as session:
        rows = (
            await session.execute(
                select(NoticeDelivery.id, NoticeDelivery.acknowledged_at)
                .join(Chat, Chat.id == NoticeDelivery.chat_id)
                .where(Chat.channel == channel, Chat.external_id == chat_external_id, NoticeDelivery.state != FAILED)
                .order_by(NoticeDelivery.id.desc())
            )
        ).all()
        if not rows:
            return Ack("unknown")
        chosen = next((row.id for row in rows if row.acknowledged_at is None), rows[0].id)
        return await acknowledge(session, clock, actor, chosen)

"""What a bot message was about, so that a reply to it finds its task, period or notice."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from services.clock import Clock
from services.unit import UnitOfWork
from storage.models import DEFAULT_CHANNEL, MessageLink


async def record(
    session: AsyncSession,
    clock: Clock,
    chat_external_id: int,
    message_id: int,
    *,
    purpose: str,
    task_lead_id: int | None = None,
    agency_id: int | None = None,
    period_kind: str | None = None,
    period_key: str | None = None,
    channel: str = DEFAULT_CHANNEL,
) -> None:
    session.add(
        MessageLink(
            channel=channel,
            chat_external_id=chat_external_id,
            message_id=message_id,
            purpose=purpose,
            task_lead_id=task_lead_id,
            agency_id=agency_id,
            period_kind=period_kind,
            period_key=period_key,
            created_at=clock.now(),
        )
    )


async def find(
    session: AsyncSession, chat_external_id: int, message_id: int, channel: str = DEFAULT_CHANNEL
) -> MessageLink | None:
    return await session.scalar(
        select(MessageLink).where(
            MessageLink.channel == channel,
            MessageLink.chat_external_id == chat_external_id,
            MessageLink.message_id == message_id,
        )
    )


async def remember(
    db: UnitOfWork, clock: Clock, chat_external_id: int, message_id: int, purpose: str, task_lead_id: int,
    agency_id: int | None = None, channel: str = DEFAULT_CHANNEL,
) -> None:
    """The bot just sent a message about a task: a reply to it belongs to that task."""
    async with db.transaction() as session:
        await record(
            session, clock, chat_external_id, message_id, purpose=purpose, task_lead_id=task_lead_id,
            agency_id=agency_id, channel=channel,
        )

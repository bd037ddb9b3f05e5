"""Queueing the weekly digest to the leaders' chats on its day and hour, once."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from channels.port import Outgoing
from render.oversight import digest_text
from services.access import RoleName
from services.clock import Clock
from services.digest import weekly_digest
from services.reminders import settings_of
from storage.models import Chat, Outbox, WorkingGroup
from storage.outbox import OutboxItem, enqueue


def digest_due(group: WorkingGroup, clock: Clock) -> bool:
    """The digest day (a working day), once the digest hour has come: the calendar alone says it."""
    rules = settings_of(group)
    local = clock.now().astimezone(ZoneInfo(group.timezone))
    today = local.date()
    return today.weekday() == rules.digest_weekday and rules.calendar().is_working_day(today) and local.time() >= rules.digest_time


async def queue_digest(session: AsyncSession, clock: Clock, group: WorkingGroup) -> int:
    """On the digest day, once the digest hour has come, queue it once to every leaders' chat."""
    if not digest_due(group, clock):
        return 0
    rules = settings_of(group)
    today = clock.now().astimezone(ZoneInfo(group.timezone)).date()
    chats = list(
        await session.scalars(
            select(Chat).where(
                Chat.working_group_id == group.id, Chat.role == RoleName.LEADER, Chat.active.is_(True)
            )
        )
    )
    keys = {chat.id: f"digest:{group.id}:{today.isoformat()}:{chat.id}" for chat in chats}
    queued = set(await session.scalars(select(Outbox.idempotency_key).where(Outbox.idempotency_key.in_(keys.values()))))
    chats = [chat for chat in chats if keys[chat.id] not in queued]
    if not chats:
        return 0  # already queued today: the digest is built once, not on every tick
    text = digest_text(await weekly_digest(session, clock, group))
    return await enqueue(
        session,
        [
            OutboxItem(
                key=keys[chat.id], chat_id=chat.id, kind="digest",
                payload=Outgoing(text).to_payload(), not_before=clock.now(),
                expires_at=clock.now() + rules.grace, working_group_id=group.id,
            )
            for chat in chats
        ],
        clock.now(),
    )

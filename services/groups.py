"""Working groups: the unit that owns plans, agencies, chats, people and settings."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from services.access import Actor
from services.clock import Clock
from storage.models import WorkingGroup


async def ensure_default_group(session: AsyncSession, clock: Clock, name: str, timezone: str) -> WorkingGroup:
    """The default working group, created on first start."""
    group = await session.scalar(select(WorkingGroup).where(WorkingGroup.is_default.is_(True)))
    if group is None:
        group = WorkingGroup(name=name, timezone=timezone, is_default=True, settings={}, created_at=clock.now())
        session.add(group)
        await session.flush()
    return group


async def default_group(session: AsyncSession) -> WorkingGroup | None:
    return await session.scalar(select(WorkingGroup).where(WorkingGroup.is_default.is_(True)))


Group = WorkingGroup  # a working group as use cases hand it to their callers (the stored row, for now)


async def group_by_id(session: AsyncSession, group_id: int | None) -> WorkingGroup | None:
    return await session.get(WorkingGroup, group_id) if group_id is not None else None


async def group_of(session: AsyncSession, actor: Actor) -> WorkingGroup:
    """The working group an actor acts in (every guarded actor has one: a default exists)."""
    group = await group_by_id(session, actor.working_group_id)
    if group is None:
        raise LookupError("no working group")
    return group

"""``/lich_nhac`` as one use case: which agency, the group's today, and the reminders ahead.

The reminders come from the engine's own planner (``scheduler.preview.planned``, handed in by the
composition root as a ``Planner``), so what is shown is what the engine will send, and services
stay free of the scheduler.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import date, timedelta
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from services.access import Actor
from services.agencies import find_agency
from services.clock import Clock, local_today
from services.groups import group_of
from services.unit import UnitOfWork

#: ``(session, first day, last day, agency id or None)`` → the planned reminders, in sending order.
Planner = Callable[[AsyncSession, date, date, int | None], Awaitable[list[Any]]]


async def reminders_ahead(
    db: UnitOfWork, clock: Clock, actor: Actor, agency_name: str, days: int, planner: Planner
) -> list[Any] | None:
    """The reminders of the next ``days`` days, for the agency named (all when no name), from
    today in the actor's group; None when no agency has that name."""
    async with db.transaction() as session:
        group = await group_of(session, actor)
        agency = await find_agency(session, group.id, agency_name) if agency_name else None
        if agency_name and agency is None:
            return None
        today = local_today(clock, group.timezone)
        return await planner(session, today, today + timedelta(days=days), agency.id if agency else None)

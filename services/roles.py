"""Granting and removing roles; the secretariat's tool to say who is who."""

from __future__ import annotations

from sqlalchemy import delete, select
from sqlalchemy.ext.asyncio import AsyncSession

from services.access import RoleName
from services.clock import Clock
from storage.models import Role


async def grant(
    session: AsyncSession,
    clock: Clock,
    person_id: int,
    working_group_id: int,
    role: RoleName,
    agency_id: int | None,
    granted_by: int | None,
) -> bool:
    """Give ``role``; returns False when the person already had it."""
    existing = await session.scalar(
        select(Role).where(
            Role.person_id == person_id,
            Role.working_group_id == working_group_id,
            Role.role == role,
            Role.agency_id.is_(None) if agency_id is None else Role.agency_id == agency_id,
        )
    )
    if existing is not None:
        return False
    session.add(
        Role(
            person_id=person_id,
            working_group_id=working_group_id,
            role=role,
            agency_id=agency_id,
            granted_by=granted_by,
            created_at=clock.now(),
        )
    )
    await session.flush()
    return True


async def revoke(session: AsyncSession, person_id: int, working_group_id: int, role: RoleName | None) -> int:
    """Remove one role, or every role with ``None``; returns how many were removed."""
    stmt = delete(Role).where(Role.person_id == person_id, Role.working_group_id == working_group_id)
    if role is not None:
        stmt = stmt.where(Role.role == role)
    result = await session.execute(stmt)
    return int(result.rowcount or 0)  # type: ignore[attr-defined]

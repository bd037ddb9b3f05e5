"""The working groups' tree as queries need it: the groups a view of one group covers."""

from __future__ import annotations

from sqlalchemy import Select, literal, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import aliased

from storage.models import WorkingGroup


def subtree_query(group_id: int) -> Select[tuple[int]]:
    """The ids of the group and of every group below it (one recursive query, usable inside another):
    what the group's leaders and secretariat see."""
    tree = select(WorkingGroup.id).where(WorkingGroup.id == group_id).cte("subtree", recursive=True)
    child = aliased(WorkingGroup)
    tree = tree.union_all(select(child.id).where(child.parent_id == tree.c.id))
    return select(tree.c.id)


async def subtree_ids(session: AsyncSession, group_id: int) -> list[int]:
    return sorted(await session.scalars(subtree_query(group_id)))


async def lineage(session: AsyncSession, group_id: int) -> list[int]:
    """The group's id, then those of the groups above it, nearest first (one recursive query)."""
    up = select(WorkingGroup.id, WorkingGroup.parent_id, literal(0).label("depth")).where(WorkingGroup.id == group_id)
    chain = up.cte("lineage", recursive=True)
    parent = aliased(WorkingGroup)
    chain = chain.union_all(
        select(parent.id, parent.parent_id, (chain.c.depth + 1).label("depth")).where(parent.id == chain.c.parent_id)
    )
    return list(await session.scalars(select(chain.c.id).order_by(chain.c.depth)))

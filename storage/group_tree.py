"""The working groups' tree as queries need it: the groups a view of one group covers."""

from __future__ import annotations

from sqlalchemy import Select, select
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

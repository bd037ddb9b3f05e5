"""Finding tasks by the code people type, and the task card shown by /nhiem_vu."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import case, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from storage.group_tree import subtree_query
from storage.models import Agency, Plan, StatusChange, Task, TaskLead, TaskSupport


def _normal_code(code: str) -> str:
    return code.strip().strip("().").lower()


async def tasks_by_code(session: AsyncSession, working_group_id: int, code: str, cascaded: bool = False) -> list[Task]:
    """Tasks with this code, newest plan first (a code repeats across plans); with ``cascaded``,
    after the group's own, the tasks of a group above that the group's agencies lead (a province
    task cascaded to a commune answers to the province's code there)."""
    own = Plan.working_group_id == working_group_id
    mine = select(TaskLead.task_id).join(Agency, Agency.id == TaskLead.agency_id).where(Agency.working_group_id == working_group_id)
    rows = await session.scalars(
        select(Task)
        .join(Plan, Plan.id == Task.plan_id)
        .where(or_(own, Task.id.in_(mine)) if cascaded else own, Task.removed_at.is_(None))
        .where(Task.code.in_({code.strip(), _normal_code(code)}))
        .order_by(case((own, 0), else_=1), Plan.imported_at.desc(), Task.position)
    )
    return list(rows)


async def lead_for(session: AsyncSession, working_group_id: int, code: str, agency_ids: frozenset[int]) -> list[TaskLead]:
    """Leads of the task ``code`` that belong to one of ``agency_ids`` (newest plan first)."""
    found: list[TaskLead] = []
    for task in await tasks_by_code(session, working_group_id, code, cascaded=True):
        found.extend(
            await session.scalars(select(TaskLead).where(TaskLead.task_id == task.id, TaskLead.agency_id.in_(agency_ids)))
        )
    return found


@dataclass(frozen=True)
class LeadLine:
    lead: TaskLead
    agency: str


@dataclass(frozen=True)
class TaskCard:
    task: Task
    plan: Plan
    leads: list[LeadLine]
    supports: list[str]
    history: list[tuple[StatusChange, str]]


async def task_card(session: AsyncSession, task: Task, history_limit: int = 5, within: int | None = None) -> TaskCard:
    """The task with its leads and their latest history; ``within`` a group, only the leads of that
    group and the groups below it (a commune sees its own lead of a province task, not its neighbours')."""
    plan = await session.get(Plan, task.plan_id)
    assert plan is not None
    query = select(TaskLead, Agency.name).join(Agency, Agency.id == TaskLead.agency_id).where(TaskLead.task_id == task.id)
    if within is not None:
        query = query.where(Agency.working_group_id.in_(subtree_query(within)))
    leads = [LeadLine(lead, name) for lead, name in (await session.execute(query.order_by(TaskLead.id))).all()]
    supports = list(
        await session.scalars(
            select(Agency.name).join(TaskSupport, TaskSupport.agency_id == Agency.id).where(TaskSupport.task_id == task.id)
        )
    )
    lead_names = {line.lead.id: line.agency for line in leads}
    history = [
        (change, lead_names.get(change.task_lead_id, ""))
        for change in await session.scalars(
            select(StatusChange)
            .where(StatusChange.task_lead_id.in_(list(lead_names)))
            .order_by(StatusChange.id.desc())
            .limit(history_limit)
        )
    ]
    return TaskCard(task, plan, leads, supports, history)

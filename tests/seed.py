"""Putting plans and tasks straight into the database for tests that are about something else."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select

from services.agencies import create_agency, find_agency
from services.clock import Clock
from services.group_tree import find_group
from services.groups import ensure_default_group
from services.reminders import reschedule
from storage.db import Database
from storage.models import Plan, Task, TaskLead


async def seed_task(
    db: Database,
    clock: Clock,
    code: str,
    content: str,
    due: date | None,
    leads: list[str],
    *,
    plan_number: str = "56/KH-UBND",
    section: str = "I. Về pháp lý",
    group_name: str | None = None,
) -> list[int]:
    """A task with its leads (agencies created when missing), in the default group's plan or in
    the plan of the group ``group_name`` (a commune); returns the leads' ids."""
    async with db.transaction() as session:
        group = await ensure_default_group(session, clock, "Tổ Công tác Đề án 06", "Asia/Ho_Chi_Minh")
        if group_name is not None:
            found = await find_group(session, group_name)
            assert found is not None, group_name
            group = found
        plan = await session.scalar(
            select(Plan).where(Plan.number == plan_number, Plan.working_group_id == group.id)
        )
        plan_id = plan.id if plan is not None else None
        if plan_id is None:
            row = Plan(working_group_id=group.id, number=plan_number, title="Kế hoạch thực hiện Đề án 06",
                       year=due.year if due else 2024, imported_at=clock.now(), settings={})
            session.add(row)
            await session.flush()
            plan_id = row.id
        task = Task(plan_id=plan_id, code=code, section=section, content=content, deadline_text=str(due),
                    kind="due" if due else "ongoing", due=due, milestones=[], notes={})
        session.add(task)
        await session.flush()
        ids = []
        for name in leads:
            agency = await find_agency(session, group.id, name) or await create_agency(session, clock, group.id, name)
            lead = TaskLead(task_id=task.id, agency_id=agency.id, status="not_started", due=due)
            reschedule(lead, group, clock.now())
            session.add(lead)
            await session.flush()
            ids.append(lead.id)
        return ids

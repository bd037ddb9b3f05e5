"""Importing a plan: read the document, then save its tasks in one transaction.

Re-importing the same plan (same number, or same title when it has none) updates its tasks in
place by code, so statuses and history survive; tasks no longer in the document are marked
removed, never deleted.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from plans.agencies import Agency as KnownAgency
from plans.agencies import AgencyRef, Registry, default_registry
from plans.documents.model import ParsedPlan, ParsedTask
from plans.documents.reading import ReadOptions, read_plan
from plans.regime import cadence_from_reporting
from plans.text import fold
from services.agencies import active_agencies, create_agency
from services.clock import Clock
from services.collectives import expand, place, seed_departments
from services.reminders import settings_of
from services.task_edits import Edit, redate_leads, set_deadline, set_leads, set_supports
from storage.models import Agency, Plan, Task, TaskLead, TaskSupport, WorkingGroup

__all__ = ["AgencyBook", "ImportSummary", "ParsedPlan", "find_plan", "parse", "registry_for", "save"]


async def registry_for(session: AsyncSession, group_id: int) -> Registry:
    """The built-in registry plus the group's own agencies and aliases (which win)."""
    stored = [
        KnownAgency(name=a.name, aliases=tuple(a.aliases), collective=a.collective)
        for a in await active_agencies(session, group_id)
    ]
    return default_registry().with_agencies(stored)


def parse(data: bytes, filename: str, registry: Registry, options: ReadOptions | None = None) -> ParsedPlan:
    """Read a plan (raises DocumentError with a Vietnamese message for bad files); scans and old
    formats use the engines this machine has (``engines.options``)."""
    import engines

    return read_plan(data, filename, registry, options or engines.options())


@dataclass
class ImportSummary:
    plan_id: int
    created: int = 0
    updated: int = 0
    removed: int = 0
    new_agencies: list[str] = field(default_factory=list)
    to_review: list[str] = field(default_factory=list)


class AgencyBook:
    """Stored agencies of a group, found by any spelling; unknown names are created flagged."""

    def __init__(self, session: AsyncSession, clock: Clock, group_id: int, stored: list[Agency]) -> None:
        self.session, self.clock, self.group_id = session, clock, group_id
        self.by_key: dict[str, Agency] = {}
        for agency in stored:
            for name in (agency.name, *agency.aliases):
                self.by_key.setdefault(fold(name), agency)
        self.created: list[Agency] = []

    async def get(self, ref: AgencyRef) -> Agency:
        for name in (ref.name, ref.written):
            found = self.by_key.get(fold(name))
            if found is not None:
                return found
        aliases = [ref.written] if fold(ref.written) != fold(ref.name) else []
        agency = await create_agency(
            self.session, self.clock, self.group_id, ref.name,
            collective=ref.collective, needs_review=not ref.known, aliases=aliases,
        )
        for name in (ref.name, ref.written):
            self.by_key[fold(name)] = agency
        self.created.append(agency)
        return agency


def follow_plan_cadence(group: WorkingGroup, reporting: dict[str, Any], plan_label: str) -> None:
    """The group's reports follow the regime its latest plan states, unless the secretariat set
    the cadence by hand (``dondoc settings``)."""
    reminders = dict(group.settings.get("reminders", {}))
    cadence = cadence_from_reporting(reporting)
    if not cadence or reminders.get("cadence_source") == "manual":
        return
    reminders["cadence"] = {**reminders.get("cadence", {}), **cadence}
    reminders["cadence_source"] = f"plan {plan_label}"
    group.settings = {**group.settings, "reminders": reminders}


async def find_plan(session: AsyncSession, group_id: int, parsed: ParsedPlan) -> Plan | None:
    info = parsed.plan
    query = select(Plan).where(Plan.working_group_id == group_id)
    if info.number:
        return await session.scalar(query.where(Plan.number == info.number))
    title = info.title or info.title_full
    return await session.scalar(query.where(Plan.title == title)) if title else None


def _match(existing: dict[str, list[Task]], parsed: ParsedTask) -> Task | None:
    """The stored task this parsed one is: same code, and same content start when codes repeat."""
    candidates = existing.get(parsed.code, [])
    if len(candidates) <= 1:
        return candidates.pop() if candidates else None
    head = fold(parsed.content)[:60]
    for task in candidates:
        if fold(task.content)[:60] == head:
            candidates.remove(task)
            return task
    return candidates.pop(0)


async def save(
    session: AsyncSession, clock: Clock, group: WorkingGroup, parsed: ParsedPlan, source_name: str,
    person_id: int | None = None, note: str = "",
) -> ImportSummary:
    """Write the plan and its tasks (call inside one transaction: all or nothing). A stored task's
    changed leads and due dates go through :mod:`services.task_edits`, with ``note`` in its history."""
    now = clock.now()
    info = parsed.plan
    plan = await find_plan(session, group.id, parsed)
    if plan is None:
        plan = Plan(working_group_id=group.id, imported_at=now, settings={}, title="")
        session.add(plan)
    plan.number = info.number
    plan.title = info.title or info.title_full or source_name
    plan.issued, plan.year, plan.source_name, plan.imported_at = info.issued, info.year, source_name, now
    if parsed.reporting:
        plan.settings = {**plan.settings, "reporting": parsed.reporting}
        follow_plan_cadence(group, parsed.reporting, plan.number or plan.title)
    await session.flush()
    summary = ImportSummary(plan.id)
    agencies = AgencyBook(session, clock, group.id, await active_agencies(session, group.id))
    stored = list(await session.scalars(select(Task).where(Task.plan_id == plan.id, Task.removed_at.is_(None))))
    by_code: dict[str, list[Task]] = {}
    for row in stored:
        by_code.setdefault(row.code, []).append(row)
    ids = [t.id for t in stored]
    leads: dict[int, list[TaskLead]] = {}
    for lead in await session.scalars(select(TaskLead).where(TaskLead.task_id.in_(ids)).order_by(TaskLead.id)):
        leads.setdefault(lead.task_id, []).append(lead)
    supports: dict[int, list[TaskSupport]] = {}
    for support in await session.scalars(select(TaskSupport).where(TaskSupport.task_id.in_(ids))):
        supports.setdefault(support.task_id, []).append(support)
    edit = Edit(now, group, settings_of(group), person_id, note or source_name)
    placed: list[tuple[Task, ParsedTask, date | None]] = []
    for position, item in enumerate(parsed.tasks):
        task = _match(by_code, item)
        old_due: date | None = None
        if task is None:
            task = Task(plan_id=plan.id, notes={}, milestones=[])
            session.add(task)
            summary.created += 1
        else:
            old_due = task.due
            summary.updated += 1
        task.position, task.code, task.section, task.content = position, item.code, item.section, item.content
        set_deadline(task, item.deadline_text, item.deadline)
        task.notes = dict(item.notes)
        placed.append((task, item, old_due))
    await session.flush()  # one flush gives every new task its id
    kept = {task.id for task, _item, _due in placed}
    for _task, item, _due in placed:  # every agency the plan names exists before the leads expand
        for ref in (*item.lead, *item.support):
            await agencies.get(ref)
    await seed_departments(session, clock, group.id)
    for task, item, old_due in placed:
        named = await expand(session, [await agencies.get(r) for r in item.lead])
        lead_rows = await set_leads(session, task, leads.get(task.id, []), named.agencies, edit)
        await redate_leads(session, task, lead_rows, old_due, edit, every=False)
        await place(session, lead_rows, named.via, clock)
        await set_supports(session, task, supports.get(task.id, []), [await agencies.get(r) for r in item.support])
    for old in stored:
        if old.id not in kept:
            old.removed_at = now
            summary.removed += 1
    summary.new_agencies = [a.name for a in agencies.created]
    summary.to_review = [a.name for a in agencies.created if a.needs_review]
    await session.flush()
    return summary

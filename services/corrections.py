"""The correction loop: a plan previewed, corrected (review sheet, /sua, /sua_ten), then saved.

The preview waits in the database (a conversation holding the plan as read and the fixes), so
nothing is saved before the person confirms and a restart loses nothing. Each new preview is
compared with the one it replaces, or with the plan as stored, so the person sees what the
corrections will change. A task already saved is corrected through :mod:`services.task_edits`,
which keeps its history.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Literal

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from plans.agencies import AgencyRef, Registry
from plans.deadlines import read_deadline
from plans.documents.model import ParsedPlan, PlanInfo
from plans.pending import Fix, Pending, find_task, names_in
from plans.review import PlanChanges, TaskChange, TaskView, compare, view_of
from plans.text import clean, fold
from services import conversations
from services.access import Actor
from services.agencies import active_agencies, add_alias, find_agency
from services.clock import Clock
from services.groups import group_of
from services.imports import AgencyBook, ImportSummary, find_plan, registry_for, save
from services.reminders import settings_of
from services.task_edits import Edit, redate_leads, set_deadline, set_leads, set_supports
from services.tasks import tasks_by_code
from services.unit import UnitOfWork
from storage.models import Agency, Conversation, Plan, Task, TaskLead, TaskSupport

KIND = "import"
Field = Literal["lead", "support", "deadline"]


@dataclass(frozen=True)
class Staged:
    """A preview kept for confirmation, and how it differs from what it replaces (if anything)."""

    talk_id: int
    plan: ParsedPlan
    changes: PlanChanges | None


def _same_plan(a: PlanInfo, b: PlanInfo) -> bool:
    if a.number or b.number:
        return fold(a.number or "") == fold(b.number or "")
    return fold(a.title or a.title_full or "") == fold(b.title or b.title_full or "")


async def _stored_views(session: AsyncSession, tasks: list[Task]) -> list[TaskView]:
    """Stored tasks seen as :class:`TaskView` (agency names from the directory)."""
    ids = [t.id for t in tasks]
    names: dict[tuple[int, str], list[str]] = {}
    for model, role in ((TaskLead, "lead"), (TaskSupport, "support")):
        rows = await session.execute(
            select(model.task_id, Agency.name).join(Agency, Agency.id == model.agency_id)
            .where(model.task_id.in_(ids)).order_by(model.id)
        )
        for task_id, name in rows:
            names.setdefault((task_id, role), []).append(name)
    return [
        TaskView(t.code, t.content, tuple(names.get((t.id, "lead"), [])), tuple(names.get((t.id, "support"), [])),
                 t.deadline_text or "", t.due)
        for t in tasks
    ]


async def _base(session: AsyncSession, clock: Clock, actor: Actor, chat_id: int, parsed: ParsedPlan) -> list[TaskView] | None:
    """What a new preview is compared with: the previous preview of the same plan, else the stored plan."""
    talk = await conversations.current(session, clock, chat_id, actor.external_id, KIND)
    if talk is not None:
        before = Pending.from_json(talk.data).plan
        if _same_plan(before.plan, parsed.plan):
            return [view_of(t) for t in before.tasks]
    assert actor.working_group_id is not None
    plan = await find_plan(session, actor.working_group_id, parsed)
    if plan is None:
        return None
    tasks = await session.scalars(
        select(Task).where(Task.plan_id == plan.id, Task.removed_at.is_(None)).order_by(Task.position)
    )
    return await _stored_views(session, list(tasks))


async def stage(
    session: AsyncSession, clock: Clock, actor: Actor, chat_id: int, name: str, parsed: ParsedPlan
) -> Staged:
    """Keep ``parsed`` as the person's pending preview (replacing any other) and compare it."""
    base = await _base(session, clock, actor, chat_id, parsed)
    talk = await conversations.begin(session, clock, chat_id, actor.external_id, KIND, Pending(name, parsed).to_json())
    changes = compare(base, [view_of(t) for t in parsed.tasks]) if base is not None else None
    return Staged(talk.id, parsed, changes)


async def preview_of(session: AsyncSession, clock: Clock, talk_id: int, actor: Actor) -> Pending | None:
    """The pending preview behind a button, left in place."""
    talk = await conversations.peek(session, clock, talk_id, actor.external_id, KIND)
    return Pending.from_json(talk.data) if talk is not None else None


async def known_names(session: AsyncSession, actor: Actor) -> list[str]:
    """The agencies a lead may be chosen from: the group's own and the built-in directory."""
    assert actor.working_group_id is not None
    registry = await registry_for(session, actor.working_group_id)
    return sorted({a.name for a in registry.agencies}, key=fold)


@dataclass(frozen=True)
class Confirmed:
    summary: ImportSummary
    pending: Pending


async def confirm(
    session: AsyncSession, clock: Clock, talk_id: int, actor: Actor, note: Callable[[str], str]
) -> Confirmed | None:
    """Save the corrected preview (its file is not read again); ``note(file name)`` goes into the
    history of the tasks it changes. Names mapped with /sua_ten are kept as other names of their
    agency, so the next plan reads them right."""
    talk = await conversations.take(session, clock, talk_id, actor.external_id, KIND)
    if talk is None:
        return None
    pending = Pending.from_json(talk.data)
    group = await group_of(session, actor)
    summary = await save(session, clock, group, pending.plan, pending.name, actor.person_id, note(pending.name))
    for fix in (f for f in pending.fixes if f.kind == "name"):
        agency = await find_agency(session, group.id, fix.refs[0].name)
        if agency is not None and fold(fix.name) != fold(agency.name):
            await add_alias(session, agency, fix.name)
    return Confirmed(summary, pending)


async def cancel(session: AsyncSession, clock: Clock, talk_id: int, actor: Actor) -> bool:
    return await conversations.take(session, clock, talk_id, actor.external_id, KIND) is not None


# --------------------------------------------------------------------------------------------
# /sua and /sua_ten


@dataclass(frozen=True)
class Corrected:
    """What ``/sua`` did: to the pending preview, or (``saved``) to a stored task."""

    outcome: Literal["ok", "unknown_task", "bad_deadline"]
    saved: bool = False
    change: TaskChange | None = None


async def _pending(session: AsyncSession, clock: Clock, actor: Actor, chat_id: int) -> tuple[Conversation, Pending] | None:
    talk = await conversations.current(session, clock, chat_id, actor.external_id, KIND)
    return (talk, Pending.from_json(talk.data)) if talk is not None else None


async def correct(
    session: AsyncSession, clock: Clock, actor: Actor, chat_id: int, code: str, field: Field, value: str, note: str
) -> Corrected:
    """Change one task's lead, support or deadline: in the pending preview if there is one, else
    the stored task of that code (newest plan first). A deadline that cannot be read changes nothing."""
    assert actor.working_group_id is not None
    registry = await registry_for(session, actor.working_group_id)
    found = await _pending(session, clock, actor, chat_id)
    if found is not None:
        talk, pending = found
        plan = pending.plan
        task = find_task(plan, code)
        if task is None:
            return Corrected("unknown_task")
        if field == "deadline":
            deadline = read_deadline(value, year=plan.plan.year, issued=plan.plan.issued)
            if deadline.kind == "unknown":
                return Corrected("bad_deadline")
            fix = Fix("deadline", task.code, deadline_text=clean(value), deadline=deadline)
        else:
            fix = Fix(field, task.code, refs=tuple(registry.split(value)))
        pending.fixes.append(fix)
        talk.data = pending.to_json()
        after = find_task(pending.plan, task.code)
        assert after is not None
        return Corrected("ok", False, TaskChange(task.code, view_of(task), view_of(after)))
    return await _correct_stored(session, clock, actor, code, field, value, note)


async def _correct_stored(
    session: AsyncSession, clock: Clock, actor: Actor, code: str, field: Field, value: str, note: str
) -> Corrected:
    assert actor.working_group_id is not None
    tasks = await tasks_by_code(session, actor.working_group_id, code)
    if not tasks:
        return Corrected("unknown_task")
    task = tasks[0]
    plan = await session.get(Plan, task.plan_id)
    assert plan is not None
    group = await group_of(session, actor)
    edit = Edit(clock.now(), group, settings_of(group), actor.person_id, note)
    (before,) = await _stored_views(session, [task])
    leads = list(await session.scalars(select(TaskLead).where(TaskLead.task_id == task.id).order_by(TaskLead.id)))
    if field == "deadline":
        deadline = read_deadline(value, year=plan.year, issued=plan.issued)
        if deadline.kind == "unknown":
            return Corrected("bad_deadline")
        old_due = task.due
        set_deadline(task, clean(value), deadline)
        await redate_leads(session, task, leads, old_due, edit, every=True)
    else:
        registry = await registry_for(session, group.id)
        book = AgencyBook(session, clock, group.id, await active_agencies(session, group.id))
        agencies = [await book.get(ref) for ref in registry.split(value)]
        if field == "lead":
            await set_leads(session, task, leads, agencies, edit)
        else:
            current = list(await session.scalars(select(TaskSupport).where(TaskSupport.task_id == task.id)))
            await set_supports(session, task, current, agencies)
    await session.flush()
    (after,) = await _stored_views(session, [task])
    return Corrected("ok", True, TaskChange(task.code, before, after))


@dataclass(frozen=True)
class Renamed:
    """What ``/sua_ten`` did to the pending preview."""

    outcome: Literal["ok", "no_preview", "unknown_name"]
    target: str = ""
    known: bool = True  # False: the name is new to the directory and is created on saving


async def rename(session: AsyncSession, clock: Clock, actor: Actor, chat_id: int, written: str, target: str) -> Renamed:
    """Read ``written`` as ``target`` in every task of the pending preview."""
    found = await _pending(session, clock, actor, chat_id)
    if found is None:
        return Renamed("no_preview")
    talk, pending = found
    if not names_in(pending.plan, written):
        return Renamed("unknown_name")
    assert actor.working_group_id is not None
    registry = await registry_for(session, actor.working_group_id)
    ref = registry.ref(target)
    confirmed = AgencyRef(ref.name, ref.name, True, ref.collective)
    pending.fixes.append(Fix("name", refs=(confirmed,), name=clean(written)))
    talk.data = pending.to_json()
    return Renamed("ok", confirmed.name, ref.known)


# --------------------------------------------------------------------------------------------
# the use cases, one unit of work each


async def stage_file(
    db: UnitOfWork, clock: Clock, actor: Actor, chat_id: int, name: str,
    read: Callable[[Registry], Awaitable[ParsedPlan]],
) -> Staged:
    """A plan file sent for import: ``read`` it with the group's agencies (outside any
    transaction: a scan takes minutes), then keep it as the person's pending preview."""
    assert actor.working_group_id is not None
    async with db.transaction() as session:
        registry = await registry_for(session, actor.working_group_id)
    parsed = await read(registry)
    async with db.transaction() as session:
        return await stage(session, clock, actor, chat_id, name, parsed)


@dataclass(frozen=True)
class Decision:
    alive: bool  # False when the preview had expired or was already decided
    confirmed: Confirmed | None = None  # None when cancelled


async def decide(
    db: UnitOfWork, clock: Clock, talk_id: int, actor: Actor, save_it: bool, note: Callable[[str], str]
) -> Decision:
    """The preview's buttons: save it (see :func:`confirm`) or cancel it."""
    async with db.transaction() as session:
        if save_it:
            confirmed = await confirm(session, clock, talk_id, actor, note)
            return Decision(confirmed is not None, confirmed)
        return Decision(await cancel(session, clock, talk_id, actor))


async def sheet_of(db: UnitOfWork, clock: Clock, talk_id: int, actor: Actor) -> tuple[Pending, list[str]] | None:
    """The pending preview behind the "Bảng rà soát" button and the names a lead may take."""
    async with db.transaction() as session:
        pending = await preview_of(session, clock, talk_id, actor)
        return (pending, await known_names(session, actor)) if pending is not None else None


async def correct_task(
    db: UnitOfWork, clock: Clock, actor: Actor, chat_id: int, code: str, field: Field, value: str, note: str
) -> Corrected:
    """``/sua`` (see :func:`correct`)."""
    async with db.transaction() as session:
        return await correct(session, clock, actor, chat_id, code, field, value, note)


async def read_name_as(db: UnitOfWork, clock: Clock, actor: Actor, chat_id: int, written: str, target: str) -> Renamed:
    """``/sua_ten`` (see :func:`rename`)."""
    async with db.transaction() as session:
        return await rename(session, clock, actor, chat_id, written, target)

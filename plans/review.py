"""What a person should check in a plan before it is saved, and what changed since last time.

No reader is perfect, so the preview and the review sheet point at the doubtful tasks (no
lead, a lead only assumed from the issuer, names not in the directory, deadlines not read,
repeated codes or contents), and a corrected plan is compared task by task with the plan as it
was (stored, or previewed before), so the person sees what their corrections will do.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date

from plans.agencies import AgencyRef
from plans.documents.model import ParsedTask
from plans.text import fold


def unknown_names(tasks: Iterable[ParsedTask]) -> list[str]:
    """Agency names written in the tasks that the directory does not know, first seen first."""
    names: dict[str, str] = {}
    for ref in (r for task in tasks for r in (*task.lead, *task.support)):
        if not (ref.known or ref.assumed) and fold(ref.written):
            names.setdefault(fold(ref.written), ref.written)
    return list(names.values())


@dataclass(frozen=True)
class TaskDoubts:
    """Why one task needs a look (empty when it does not)."""

    no_lead: bool = False
    assumed_lead: bool = False
    unknown: tuple[str, ...] = ()
    unread_deadline: bool = False
    no_deadline: bool = False

    def __bool__(self) -> bool:
        return any((self.no_lead, self.assumed_lead, self.unknown, self.unread_deadline, self.no_deadline))


def task_doubts(task: ParsedTask) -> TaskDoubts:
    unread = task.deadline.kind == "unknown"
    return TaskDoubts(
        no_lead=not task.lead,
        assumed_lead=bool(task.lead) and all(r.assumed for r in task.lead),
        unknown=tuple(unknown_names([task])),
        unread_deadline=unread and bool(task.deadline_text),
        no_deadline=unread and not task.deadline_text,
    )


@dataclass
class PlanDoubts:
    """Codes of the tasks to check, by reason (what the preview counts)."""

    no_lead: list[str] = field(default_factory=list)
    assumed_lead: list[str] = field(default_factory=list)
    unknown: list[str] = field(default_factory=list)
    unread_deadline: list[str] = field(default_factory=list)
    no_deadline: list[str] = field(default_factory=list)
    repeated_codes: list[str] = field(default_factory=list)
    repeated_contents: list[str] = field(default_factory=list)


def plan_doubts(tasks: list[ParsedTask]) -> PlanDoubts:
    out = PlanDoubts(unknown=unknown_names(tasks))
    for task in tasks:
        doubts = task_doubts(task)
        for name in ("no_lead", "assumed_lead", "unread_deadline", "no_deadline"):
            if getattr(doubts, name):
                getattr(out, name).append(task.code)
    out.repeated_codes = _repeated(tasks, lambda t: t.code)
    out.repeated_contents = _repeated(tasks, lambda t: fold(t.content)[:120])
    return out


def _repeated(tasks: list[ParsedTask], key: Callable[[ParsedTask], str]) -> list[str]:
    """Codes of the later tasks whose key repeats an earlier one."""
    seen: set[str] = set()
    out: list[str] = []
    for task in tasks:
        k = key(task)
        if k and k in seen:
            out.append(task.code)
        seen.add(k)
    return out


# --------------------------------------------------------------------------------------------
# Comparing two versions of a plan


@dataclass(frozen=True)
class TaskView:
    """The parts of a task a correction changes, comparable between stored and parsed tasks."""

    code: str
    content: str
    lead: tuple[str, ...]
    support: tuple[str, ...]
    deadline_text: str
    due: date | None


def view_of(task: ParsedTask) -> TaskView:
    return TaskView(task.code, task.content, _names(task.lead), _names(task.support), task.deadline_text, task.deadline.due)


def _names(refs: Iterable[AgencyRef]) -> tuple[str, ...]:
    return tuple(r.name for r in refs)


@dataclass(frozen=True)
class TaskChange:
    code: str
    old: TaskView
    new: TaskView

    @property
    def lead_changed(self) -> bool:
        return _folded(self.old.lead) != _folded(self.new.lead)

    @property
    def support_changed(self) -> bool:
        return _folded(self.old.support) != _folded(self.new.support)

    @property
    def deadline_changed(self) -> bool:
        return self.old.due != self.new.due or fold(self.old.deadline_text) != fold(self.new.deadline_text)

    @property
    def content_changed(self) -> bool:
        return fold(self.old.content) != fold(self.new.content)


@dataclass
class PlanChanges:
    changed: list[TaskChange] = field(default_factory=list)
    added: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.changed or self.added or self.removed)


def _folded(names: tuple[str, ...]) -> set[str]:
    return {fold(n) for n in names}


def compare(before: list[TaskView], after: list[TaskView]) -> PlanChanges:
    """Tasks matched by code (in order when a code repeats): what changed, what came, what went."""
    pending: dict[str, list[TaskView]] = {}
    for view in before:
        pending.setdefault(view.code, []).append(view)
    out = PlanChanges()
    for view in after:
        olds = pending.get(view.code)
        if not olds:
            out.added.append(view.code)
            continue
        change = TaskChange(view.code, olds.pop(0), view)
        if change.lead_changed or change.support_changed or change.deadline_changed or change.content_changed:
            out.changed.append(change)
    out.removed = [view.code for views in pending.values() for view in views]
    return out

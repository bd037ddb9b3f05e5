"""A previewed plan waiting for confirmation, with the person's corrections, as plain JSON.

The preview lives in the database between messages (the bot may restart, several processes may
answer), so the parsed plan is stored whole and each correction is stored as it was decided:
agency references already resolved, deadlines already read. Applying them is then pure and
gives the same plan every time.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any, Literal

from plans.agencies import AgencyRef
from plans.deadlines import Deadline, Milestone
from plans.documents.model import OcrInfo, ParsedPlan, ParsedTask, PlanInfo
from plans.review import unknown_names
from plans.text import fold

FixKind = Literal["lead", "support", "deadline", "name"]


def _day(value: Any) -> date | None:
    return date.fromisoformat(value) if value else None


def ref_from(data: Mapping[str, Any]) -> AgencyRef:
    return AgencyRef(
        str(data["written"]), str(data["name"]), bool(data["known"]), bool(data["collective"]), bool(data.get("assumed"))
    )


def deadline_from(data: Mapping[str, Any]) -> Deadline:
    return Deadline(
        kind=data["kind"],
        due=_day(data.get("due")),
        starts=_day(data.get("starts")),
        recurring=bool(data.get("recurring")),
        milestones=tuple(Milestone(date.fromisoformat(m["due"]), str(m["note"])) for m in data.get("milestones", [])),
    )


def dump_task(task: ParsedTask) -> dict[str, Any]:
    return {
        "code": task.code,
        "section": task.section,
        "content": task.content,
        "lead": [r.to_json() for r in task.lead],
        "support": [r.to_json() for r in task.support],
        "deadline_text": task.deadline_text,
        "deadline": task.deadline.to_json(),
        "notes": dict(task.notes),
        "layout": task.layout,
    }


def load_task(data: Mapping[str, Any]) -> ParsedTask:
    return ParsedTask(
        code=str(data["code"]),
        section=str(data["section"]),
        content=str(data["content"]),
        lead=[ref_from(r) for r in data["lead"]],
        support=[ref_from(r) for r in data["support"]],
        deadline_text=str(data["deadline_text"]),
        deadline=deadline_from(data["deadline"]),
        notes={str(k): str(v) for k, v in data.get("notes", {}).items()},
        layout=str(data.get("layout", "")),
    )


def dump_plan(parsed: ParsedPlan) -> dict[str, Any]:
    return {
        "plan": parsed.plan.to_json(),
        "tasks": [dump_task(t) for t in parsed.tasks],
        "unknown_agencies": list(parsed.unknown_agencies),
        "warnings": list(parsed.warnings),
        "reporting": dict(parsed.reporting),
        "layout": parsed.layout,
        "skipped": list(parsed.skipped),
        "ocr": {"pages": parsed.ocr.pages, "confidence": parsed.ocr.confidence} if parsed.ocr else None,
    }


def load_plan(data: Mapping[str, Any]) -> ParsedPlan:
    info = dict(data["plan"])
    info["issued"] = _day(info.get("issued"))
    return ParsedPlan(
        plan=PlanInfo(**info),
        tasks=[load_task(t) for t in data["tasks"]],
        unknown_agencies=[str(n) for n in data["unknown_agencies"]],
        warnings=[str(w) for w in data["warnings"]],
        reporting=dict(data.get("reporting", {})),
        layout=str(data.get("layout", "")),
        ocr=OcrInfo(int(data["ocr"]["pages"]), float(data["ocr"]["confidence"])) if data.get("ocr") else None,
        skipped=[str(s) for s in data.get("skipped", [])],
    )


# --------------------------------------------------------------------------------------------
# Corrections


@dataclass(frozen=True)
class Fix:
    """One correction: a task's lead, support or deadline (by code), or a name everywhere."""

    kind: FixKind
    code: str = ""
    refs: tuple[AgencyRef, ...] = ()
    name: str = ""  # for "name": the name as written, replaced by refs[0] everywhere
    deadline_text: str = ""
    deadline: Deadline | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "code": self.code,
            "refs": [r.to_json() for r in self.refs],
            "name": self.name,
            "deadline_text": self.deadline_text,
            "deadline": self.deadline.to_json() if self.deadline else None,
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Fix:
        return cls(
            kind=data["kind"],
            code=str(data.get("code", "")),
            refs=tuple(ref_from(r) for r in data.get("refs", [])),
            name=str(data.get("name", "")),
            deadline_text=str(data.get("deadline_text", "")),
            deadline=deadline_from(data["deadline"]) if data.get("deadline") else None,
        )


def same_code(a: str, b: str) -> bool:
    """Codes as people type them: ``2.1``, ``(2.1)``, ``2.1.`` are one code."""
    return a.strip().strip("().").lower() == b.strip().strip("().").lower()


def find_task(parsed: ParsedPlan, code: str) -> ParsedTask | None:
    """The first task with this code (repeated codes are flagged in the preview)."""
    return next((t for t in parsed.tasks if same_code(t.code, code)), None)


def names_in(parsed: ParsedPlan, name: str) -> bool:
    """True when some task names ``name`` (as written, or by its directory name)."""
    key = fold(name)
    return any(key in (fold(r.written), fold(r.name)) for t in parsed.tasks for r in (*t.lead, *t.support))


def _renamed(refs: list[AgencyRef], name: str, to: AgencyRef) -> list[AgencyRef]:
    key = fold(name)
    out: list[AgencyRef] = []
    for ref in refs:
        new = to if key in (fold(ref.written), fold(ref.name)) else ref
        if all(fold(new.name) != fold(o.name) for o in out):
            out.append(new)
    return out


def _fixed(task: ParsedTask, fix: Fix) -> ParsedTask:
    if fix.kind == "name":
        return replace(task, lead=_renamed(task.lead, fix.name, fix.refs[0]), support=_renamed(task.support, fix.name, fix.refs[0]))
    if fix.kind == "lead":
        return replace(task, lead=list(fix.refs))
    if fix.kind == "support":
        return replace(task, support=list(fix.refs))
    assert fix.deadline is not None
    return replace(task, deadline_text=fix.deadline_text, deadline=fix.deadline)


def apply_fixes(parsed: ParsedPlan, fixes: list[Fix]) -> ParsedPlan:
    """The plan as corrected; a task code fix touches the first task with that code only."""
    tasks = list(parsed.tasks)
    for fix in fixes:
        first = next((i for i, t in enumerate(tasks) if same_code(t.code, fix.code)), None)
        if fix.kind == "name":
            tasks = [_fixed(t, fix) for t in tasks]
        elif first is not None:
            tasks[first] = _fixed(tasks[first], fix)
    return replace(parsed, tasks=tasks, unknown_agencies=unknown_names(tasks))


@dataclass
class Pending:
    """What the database keeps for a preview: the file's name, the plan as read, the fixes."""

    name: str
    parsed: ParsedPlan
    fixes: list[Fix] = field(default_factory=list)

    @property
    def plan(self) -> ParsedPlan:
        return apply_fixes(self.parsed, self.fixes)

    def to_json(self) -> dict[str, Any]:
        return {"name": self.name, "parsed": dump_plan(self.parsed), "fixes": [f.to_json() for f in self.fixes]}

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Pending:
        return cls(str(data["name"]), load_plan(data["parsed"]), [Fix.from_json(f) for f in data.get("fixes", [])])

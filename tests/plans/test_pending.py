"""A previewed plan kept as JSON, corrected by /sua and /sua_ten, compared with what it replaces."""

from __future__ import annotations

import json
from datetime import date

from plans.agencies import AgencyRef, default_registry
from plans.deadlines import read_deadline
from plans.documents.model import OcrInfo, ParsedPlan, ParsedTask, PlanInfo
from plans.pending import Fix, Pending, apply_fixes, find_task, names_in
from plans.review import compare, plan_doubts, view_of

REGISTRY = default_registry()


def _task(code: str, lead: list[AgencyRef], deadline: str, content: str = "") -> ParsedTask:
    return ParsedTask(code, "I", content or f"Nhiệm vụ {code}", lead, [], deadline, read_deadline(deadline, year=2024))


def sample() -> ParsedPlan:
    issuer = REGISTRY.ref("UBND tỉnh", assumed=True)
    tasks = [
        _task("1", REGISTRY.split("Phòng Tư pháp; Bru điện thị xã"), "Quý II/2024"),
        _task("2", [issuer], "chưa rõ lúc nào"),
        _task("2", REGISTRY.split("Sở Y tế"), "", content="Nhiệm vụ 1"),
    ]
    info = PlanInfo(number="5/KH", issued=date(2024, 1, 5), year=2024)
    return ParsedPlan(info, tasks, [], ["một cảnh báo"], ocr=OcrInfo(2, 87.5), skipped=["Đẩy mạnh tuyên truyền"])


def test_a_pending_preview_survives_json_unchanged() -> None:
    pending = Pending("ke-hoach.docx", sample(), [Fix("lead", "1", refs=tuple(REGISTRY.split("Sở Y tế")))])
    again = Pending.from_json(json.loads(json.dumps(pending.to_json())))
    assert again == pending
    assert again.plan == pending.plan


def test_fixes_change_one_task_and_a_name_everywhere() -> None:
    plan = sample()
    fixes = [
        Fix("deadline", "(2)", deadline_text="30/9/2024", deadline=read_deadline("30/9/2024", year=2024)),
        Fix("name", refs=(AgencyRef("Bưu điện thị xã", "Bưu điện thị xã", True, False),), name="bru điện thị xã"),
    ]
    fixed = apply_fixes(plan, fixes)
    assert fixed.tasks[1].deadline.due == date(2024, 9, 30)
    assert fixed.tasks[2].deadline_text == "", "only the first task with a repeated code is touched"
    assert [r.name for r in fixed.tasks[0].lead] == ["Phòng Tư pháp", "Bưu điện thị xã"]
    assert fixed.unknown_agencies == [] and plan.unknown_agencies == []
    assert names_in(plan, "BRU ĐIỆN THỊ XÃ") and not names_in(fixed, "Bru điện thị xã")
    assert find_task(plan, "9") is None
    changes = compare([view_of(t) for t in plan.tasks], [view_of(t) for t in fixed.tasks])
    assert [(c.code, c.lead_changed, c.deadline_changed) for c in changes.changed] == [("1", True, False), ("2", False, True)]


def test_the_doubts_name_each_kind_of_task_to_check() -> None:
    doubts = plan_doubts(sample().tasks)
    assert doubts.unknown == ["Bru điện thị xã"]
    assert doubts.assumed_lead == ["2"] and doubts.no_lead == []
    assert doubts.unread_deadline == ["2"] and doubts.no_deadline == ["2"]
    assert doubts.repeated_codes == ["2"] and doubts.repeated_contents == ["2"]


def test_added_and_removed_tasks_are_told_apart_from_changed_ones() -> None:
    before = [view_of(t) for t in sample().tasks[:2]]
    changes = compare(before, [before[0], view_of(_task("7", [], "2024"))])
    assert changes.added == ["7"] and changes.removed == ["2"] and changes.changed == []

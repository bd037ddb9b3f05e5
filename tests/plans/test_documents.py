"""The three sample documents, in every format, against their hand-made labels.

Labels come from tests/fixtures/expected/*.json (written by a person). Agency lists are compared
after resolution through the registry: two spellings of one agency are the same agency.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import pytest

from plans.agencies import AgencyRef, Registry, default_registry
from plans.documents import ParsedPlan, ParsedTask, read_document
from plans.documents.model import plain
from plans.text import clean, fold
from tests.plans.conftest import (
    LABELLED_PLAN,
    LABELLED_VARIANTS,
    NOTICE,
    NOTICE_VARIANTS,
    TABLE_PLAN,
    TABLE_VARIANTS,
    expected_labels,
)


@cache
def _parse(path: Path, filename: str) -> ParsedPlan:
    return read_document(path.read_bytes(), filename, default_registry())


def parsed(built_files: dict[str, tuple[Path, str]], variant: str) -> ParsedPlan:
    path, filename = built_files[variant]
    return _parse(path, filename)


def ident(registry: Registry, name: str) -> str:
    """The agency a name designates: its canonical name, or the folded text when unknown."""
    agency = registry.resolve(name)
    return agency.name if agency is not None else "?" + fold(name)


def idents(registry: Registry, names: list[str] | list[AgencyRef]) -> list[str]:
    return [ident(registry, n.written if isinstance(n, AgencyRef) else n) for n in names]


def same_text(a: str, b: str) -> bool:
    return clean(plain(a)).rstrip(" .") == clean(plain(b)).rstrip(" .")


def check_deadline(task: ParsedTask, label: dict[str, Any]) -> None:
    got = task.deadline.to_json()
    for key, want in label.items():
        if key == "milestones":
            assert [m["due"] for m in got["milestones"]] == want, (task.code, got)
        else:
            assert got[key] == want, (task.code, key, got)


def by_code(plan: ParsedPlan, layout: str | None = None) -> dict[str, ParsedTask]:
    """Tasks by code (codes are unique); with ``layout``, only the tasks read in that layout."""
    out: dict[str, ParsedTask] = {}
    for task in plan.tasks:
        if layout is not None and task.layout != layout:
            continue
        assert task.code not in out, f"code {task.code} twice"
        out[task.code] = task
    return out


def check_coded_task(
    task: ParsedTask, label: dict[str, Any], registry: Registry, *, with_section: bool
) -> None:
    code = label["code"]
    assert clean(task.content).startswith(clean(label["content_starts"])), (code, task.content[:80])
    assert idents(registry, task.lead) == idents(registry, label["lead"]), (
        code,
        [r.written for r in task.lead],
    )
    assert idents(registry, task.support) == idents(registry, label["support"]), (
        code,
        [r.written for r in task.support],
    )
    assert sorted(idents(registry, task.collective)) == sorted(idents(registry, label["collective"])), (
        code,
        [r.written for r in task.collective],
    )
    assert same_text(task.deadline_text, label["deadline_text"]), (code, task.deadline_text)
    if with_section:
        assert task.section == label["section"], (code, task.section)


# --------------------------------------------------------------------------------------------
# Layout 2 and 3: the appendix table (Markdown, Word, Excel, tab-separated)


@pytest.mark.parametrize("variant", TABLE_VARIANTS)
def test_table_plan_every_row_matches_the_labels(
    built_files: dict[str, tuple[Path, str]], variant: str, agency_registry: Registry
) -> None:
    labels = expected_labels(TABLE_PLAN)
    plan = parsed(built_files, variant)
    by_code(plan)  # codes stay unique across the table and the text
    tasks = by_code(plan, "bảng phụ lục")  # the labels cover the appendix
    assert list(tasks) == [t["code"] for t in labels["tasks"]]
    assert len(tasks) == 39
    for label in labels["tasks"]:
        check_coded_task(tasks[label["code"]], label, agency_registry, with_section=True)


@pytest.mark.parametrize("variant", TABLE_VARIANTS)
def test_table_plan_deadlines(built_files: dict[str, tuple[Path, str]], variant: str) -> None:
    tasks = by_code(parsed(built_files, variant))
    for label in expected_labels(TABLE_PLAN)["tasks"]:
        check_deadline(tasks[label["code"]], label["deadline"])


@pytest.mark.parametrize("variant", TABLE_VARIANTS)
def test_table_plan_heading_and_reporting(built_files: dict[str, tuple[Path, str]], variant: str) -> None:
    labels = expected_labels(TABLE_PLAN)
    plan = parsed(built_files, variant)
    assert plan.plan.title is not None
    assert fold(labels["plan"]["title_contains"]) in fold(plan.plan.title)
    assert plan.plan.year == labels["plan"]["year"]
    if variant != "table.xlsx":  # the sheet holds only the appendix
        assert plan.plan.issued_month == labels["plan"]["issued_month"]
        assert plan.plan.number is None  # "Số: /KH-UBND" is still blank
        assert plan.reporting == labels["reporting"]
        assert any("chưa ghi số" in w for w in plan.warnings)
    table = by_code(plan, "bảng phụ lục")
    assert sorted({r.written for t in table.values() for r in (*t.lead, *t.support) if not r.known}) == [
        "Bru điện thị xã"
    ]
    assert not [w for w in plan.warnings if "nhưng đọc được" in w]  # section counts agree


def test_tab_separated_extra_column_is_kept_as_a_note(built_files: dict[str, tuple[Path, str]]) -> None:
    tasks = by_code(parsed(built_files, "table.tsv"))
    assert tasks["36"].notes == {"Ghi chú": "Nhiệm vụ chuyển tiếp từ năm 2022"}
    assert tasks["1"].notes == {}


def test_built_word_file_has_real_tables(built_files: dict[str, tuple[Path, str]]) -> None:
    """The .docx really holds what the tests claim: Word tables with a header row marked for
    repetition, merged cells both ways, page breaks and continuation rows with an empty TT."""
    import io
    import zipfile

    from plans.documents import Table, read_blocks

    path, filename = built_files["table.docx"]
    xml = zipfile.ZipFile(io.BytesIO(path.read_bytes())).read("word/document.xml").decode()
    assert xml.count("<w:tbl>") >= 2
    assert "w:tblHeader" in xml and "w:vMerge" in xml and "w:gridSpan" in xml
    assert 'w:type="page"' in xml
    blocks = read_blocks(path.read_bytes(), filename)
    rows = [row for b in blocks.blocks if isinstance(b, Table) for row in b.rows]
    continuation = [r for r in rows if not r.cells[0].plain and r.cells[1].plain]
    assert continuation, "a row cut by a page break"
    assert any(c.merged_up for r in rows for c in r.cells)
    assert any(c.merged_left for r in rows for c in r.cells)


# --------------------------------------------------------------------------------------------
# Layout 1: labelled blocks


@pytest.mark.parametrize("variant", LABELLED_VARIANTS)
def test_labelled_plan_every_task_of_section_two(
    built_files: dict[str, tuple[Path, str]], variant: str, agency_registry: Registry
) -> None:
    labels = expected_labels(LABELLED_PLAN)
    plan = parsed(built_files, variant)
    tasks = by_code(plan)
    # the labels' scope is section II; tasks of the later sections carry their section's number
    section_two = [t.code for t in plan.tasks if not t.code.startswith(("III.", "IV."))]
    assert section_two == [t["code"] for t in labels["tasks"]]
    for label in labels["tasks"]:
        check_coded_task(tasks[label["code"]], label, agency_registry, with_section=False)
    assert [n for t in plan.tasks if t.code in section_two for n in (*t.lead, *t.support) if not n.known] == []


@pytest.mark.parametrize("variant", LABELLED_VARIANTS)
def test_labelled_plan_deadlines(built_files: dict[str, tuple[Path, str]], variant: str) -> None:
    tasks = by_code(parsed(built_files, variant))
    for label in expected_labels(LABELLED_PLAN)["tasks"]:
        check_deadline(tasks[label["code"]], label["deadline"])


@pytest.mark.parametrize("variant", LABELLED_VARIANTS)
def test_labelled_plan_heading_and_reporting(built_files: dict[str, tuple[Path, str]], variant: str) -> None:
    labels = expected_labels(LABELLED_PLAN)
    plan = parsed(built_files, variant)
    assert plan.plan.number is labels["plan"]["number"]
    assert plan.plan.title is not None
    assert labels["plan"]["title_contains"] in plan.plan.title
    assert plan.plan.year == labels["plan"]["year"]
    assert plan.reporting == labels["reporting"]
    tasks = by_code(plan)
    assert tasks["2.2.1"].section == "2.2. Về dịch vụ công"
    assert tasks["2.2.4.b"].section.startswith("2.2.4. Triển khai mô hình điểm")


# --------------------------------------------------------------------------------------------
# Layout 5: a conclusions notice


def _find(plan: ParsedPlan, contains: str) -> ParsedTask:
    found = [t for t in plan.tasks if fold(contains) in fold(t.content)]
    assert len(found) == 1, (contains, [t.code for t in found])
    return found[0]


@pytest.mark.parametrize("variant", NOTICE_VARIANTS)
def test_notice_dated_tasks(
    built_files: dict[str, tuple[Path, str]], variant: str, agency_registry: Registry
) -> None:
    labels = expected_labels(NOTICE)
    plan = parsed(built_files, variant)
    for label in labels["tasks"]:
        task = _find(plan, label["content_contains"])
        assert idents(agency_registry, task.lead) == idents(agency_registry, label["lead"]), task.code
        assert same_text(task.deadline_text, label["deadline_text"]), (task.code, task.deadline_text)
    # a bullet that states no time at all has an unknown deadline (DOMAIN.md: "nothing at all is
    # unknown"), never a guessed date; the labelled dated tasks are all among the dated ones
    assert all(t.deadline.kind == "unknown" for t in plan.tasks if not t.deadline_text)
    assert len([t for t in plan.tasks if t.deadline.kind == "due"]) >= len(labels["tasks"])
    assert len(plan.tasks) >= 30


@pytest.mark.parametrize("variant", NOTICE_VARIANTS)
def test_notice_deadlines(built_files: dict[str, tuple[Path, str]], variant: str) -> None:
    plan = parsed(built_files, variant)
    for label in expected_labels(NOTICE)["tasks"]:
        check_deadline(_find(plan, label["content_contains"]), label["deadline"])


@pytest.mark.parametrize("variant", NOTICE_VARIANTS)
def test_notice_heading_agencies_lead_their_bullets(
    built_files: dict[str, tuple[Path, str]], variant: str, agency_registry: Registry
) -> None:
    labels = expected_labels(NOTICE)
    plan = parsed(built_files, variant)
    assert plan.plan.issued is not None
    assert plan.plan.issued.isoformat() == labels["notice"]["issued"]
    assert plan.plan.issuer == labels["notice"]["issuer"]
    # "(4) Sở Tài nguyên và Môi trường" then three bullets: three tasks of that agency
    tnmt = [t for t in plan.tasks if idents(agency_registry, t.lead) == ["Sở Tài nguyên và Môi trường"]]
    assert len(tnmt) == 3
    # "(11) Đài Phát thanh và Truyền hình tỉnh; Báo Quảng Ngãi: Đổi mới …" — two leads, inline task
    media = _find(plan, "Đổi mới hình thức đưa tin tuyên truyền")
    assert idents(agency_registry, media.lead) == ["Đài Phát thanh và Truyền hình tỉnh", "Báo Quảng Ngãi"]
    # a bullet naming nobody is the issuer's, flagged as assumed
    general = _find(plan, "bám sát và nắm vững những nhiệm vụ trọng tâm")
    assert [r.assumed for r in general.lead] == [True]
    assert general.lead[0].written == labels["notice"]["issuer"]


# --------------------------------------------------------------------------------------------
# Across documents


@pytest.mark.parametrize("name", [TABLE_PLAN, LABELLED_PLAN, NOTICE])
def test_label_agency_names_resolve(name: str, agency_registry: Registry) -> None:
    """The default registry knows (nearly) every name the labels use, in every spelling."""
    names = {n for t in expected_labels(name)["tasks"] for n in (*t["lead"], *t.get("support", []))}
    unknown = sorted(n for n in names if agency_registry.resolve(n) is None)
    assert unknown == (["Bru điện thị xã"] if name == TABLE_PLAN else [])


def test_to_json_shape(built_files: dict[str, tuple[Path, str]]) -> None:
    data = parsed(built_files, "table.md").to_json()
    assert {"plan", "tasks", "unknown_agencies", "warnings", "reporting"} <= set(data)
    assert {"number", "title", "issued", "year"} <= set(data["plan"])
    task = next(t for t in data["tasks"] if t["code"] == "19")
    assert {"code", "section", "content", "lead", "support", "deadline_text", "deadline"} <= set(task)
    assert task["code"] == "19"
    assert task["lead"] == ["Văn phòng HĐND và UBND thị xã", "UBND các xã, phường"]
    assert task["collective"] == [
        "UBND các xã, phường",
        "UBND xã, phường",
        "các cơ quan, đơn vị có liên quan",
    ]
    assert set(task["deadline"]) >= {"kind", "due", "starts", "recurring", "milestones"}
    import json

    json.dumps(data, ensure_ascii=False)


def test_written_names_are_kept_as_written(
    built_files: dict[str, tuple[Path, str]], agency_registry: Registry
) -> None:
    tasks = by_code(parsed(built_files, "table.md"), "bảng phụ lục")
    five = tasks["5"].lead[0]
    two = tasks["2"].lead[0]
    assert five.written == "Văn phòng HĐND&UBND thị xã"
    assert two.written == "Văn phòng HĐND và UBND thị xã"
    assert five.name == two.name == "Văn phòng HĐND và UBND thị xã"
    assert five.known and not five.collective

"""What the dashboard's services show: counts and the weekly trend from the database, the working
groups' tree (a province sees its communes, a commune only itself), and the filters."""

from __future__ import annotations

from collections import Counter
from datetime import date

from services import dashboard
from services.clock import ManualClock
from services.status import Change, Origin, apply_change
from storage.db import Database
from tests.seed import seed_task
from tests.web.conftest import COMMUNES, admin_actor, fill, fill_communes

LeadFilter = dashboard.LeadFilter


async def test_the_trend_counts_overdue_at_each_weeks_end_and_what_was_finished_in_it(
    db: Database, clock: ManualClock
) -> None:
    (late,) = await seed_task(db, clock, "1", "Việc quá hạn từ thứ Năm 4/4", date(2024, 4, 3), ["Sở Tư pháp"])
    (finished,) = await seed_task(db, clock, "2", "Việc trễ, xong tuần sau", date(2024, 4, 1), ["Sở Y tế"])
    await seed_task(db, clock, "3", "Việc thường xuyên", None, ["Sở Y tế"])
    admin = await admin_actor(db, clock)
    async with db.transaction() as session:
        await apply_change(session, clock, admin, finished, Change("done", date=date(2024, 4, 9)), Origin("secretariat"))
    view = await dashboard.overview(db, clock, admin)
    assert [(w.start, w.overdue, w.done) for w in view.trend[-3:]] == [
        (date(2024, 4, 1), 2, 0),
        (date(2024, 4, 8), 1, 1),
        (date(2024, 4, 15), 1, 0),
    ]
    assert view.trend[-1].end == date(2024, 4, 15), "the current week ends today"
    assert len(view.trend) == 12
    assert (view.counts["overdue"], view.counts["done_late"], view.counts["no_deadline"]) == (1, 1, 1)
    assert late != finished


def _listed(view: dashboard.Overview) -> set[tuple[str, str]]:
    return {(debt.name, row.code) for debt in view.page.debts for row in debt.tasks}


async def test_a_province_sees_its_communes_and_a_commune_only_itself(db: Database, clock: ManualClock) -> None:
    province = await fill(db, clock)
    commune = await fill_communes(db, clock)
    everything = _listed(await dashboard.overview(db, clock, province))
    assert {("UBND xã Sơn Ninh", "X1"), ("UBND xã Sơn Kim", "K1"), ("Sở Tư pháp", "1")} <= everything

    own = await dashboard.overview(db, clock, commune)
    assert _listed(own) == {("UBND xã Sơn Ninh", "X1")}
    assert [c.name for c in own.scope.choices] == [COMMUNES[0]], "nothing above nor beside to choose"
    other = next(c for c in (await dashboard.overview(db, clock, province)).scope.choices if c.name == COMMUNES[1])
    assert _listed(await dashboard.overview(db, clock, commune, other.id)) == {("UBND xã Sơn Ninh", "X1")}, (
        "asking for another commune's group shows one's own"
    )
    assert _listed(await dashboard.overview(db, clock, province, other.id)) == {("UBND xã Sơn Kim", "K1")}

    kim = await dashboard.task_list(db, clock, province, LeadFilter(), other.id)
    assert [line.row.code for line in kim.lines] == ["K1"]
    assert await dashboard.task_page(db, clock, commune, kim.lines[0].row.task_id) is None
    assert await dashboard.agency_page(db, clock, commune, kim.lines[0].row.agency_id) is None
    assert await dashboard.task_page(db, clock, province, kim.lines[0].row.task_id) is not None
    assert await dashboard.agency_page(db, clock, province, kim.lines[0].row.agency_id) is not None


async def test_the_task_list_filters_by_section_standing_and_agency(db: Database, clock: ManualClock) -> None:
    province = await fill(db, clock)
    await fill_communes(db, clock)
    overdue = await dashboard.task_list(db, clock, province, LeadFilter(standing="overdue"))
    assert {line.standing for line in overdue.lines} == {"overdue"}
    assert overdue.total == (await dashboard.overview(db, clock, province)).page.tasks
    communes = await dashboard.task_list(db, clock, province, LeadFilter(section="Nhiệm vụ của xã"))
    assert sorted(line.row.code for line in communes.lines) == ["K1", "X1", "X2"]
    assert "Nhiệm vụ của xã" in communes.sections and "I. Về pháp lý" in communes.sections
    done = await dashboard.task_list(db, clock, province, LeadFilter(standing="done_on_time"))
    assert [(line.row.code, line.row.agency) for line in done.lines] == [("7", "Sở Y tế")]
    late = await dashboard.task_list(db, clock, province, LeadFilter(standing="done_late"))
    assert [(line.row.code, line.row.agency) for line in late.lines] == [("5", "Sở Thông tin và Truyền thông")]
    agency_id = done.lines[0].row.agency_id
    one = await dashboard.task_list(db, clock, province, LeadFilter(agency_id=agency_id))
    assert {line.row.agency_id for line in one.lines} == {agency_id} and one.agency is not None
    unknown = await dashboard.task_list(db, clock, province, LeadFilter(section="không có", standing="bất kỳ"))
    assert unknown.wanted == LeadFilter() and unknown.total == (await dashboard.task_list(db, clock, province, LeadFilter())).total


async def test_the_counts_from_the_database_agree_with_each_leads_standing(db: Database, clock: ManualClock) -> None:
    province = await fill(db, clock)
    await fill_communes(db, clock)
    every = await dashboard.task_list(db, clock, province, LeadFilter(), limit=None)
    by_lead = Counter(line.standing for line in every.lines)
    assert +Counter((await dashboard.overview(db, clock, province)).counts) == by_lead
    assert len(by_lead) == 5, "every standing is present in the data"

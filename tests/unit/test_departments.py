"""``Các sở, ban, ngành`` named by a province plan stands for the province's departments: on import,
a collective without members gets one per department the group knows, and its tasks cascade."""

from __future__ import annotations

from plans.documents.reading import ReadOptions
from services import imports
from services.agencies import find_agency
from services.clock import ManualClock
from services.collectives import members_of, remove_member
from services.group_tree import group_named
from storage.db import Database
from tests.conftest import FIXTURES
from tests.unit.test_group_tree import ROOT, _leads

PLAN = "ke-hoach-tinh-cac-so.txt"


async def _import(db: Database, clock: ManualClock) -> None:
    async with db.transaction() as session:
        target = await group_named(session, clock, ROOT, None)
        registry = await imports.registry_for(session, target.id)
        parsed = imports.parse((FIXTURES / PLAN).read_bytes(), PLAN, registry, ReadOptions())
        await imports.save(session, clock, target, parsed, PLAN)


async def test_a_task_of_the_departments_becomes_one_lead_per_department(db: Database, clock: ManualClock) -> None:
    await _import(db, clock)
    leads = await _leads(db, "2")
    assert sorted(leads) == ["Ban Dân tộc tỉnh", "Sở Tư pháp", "Sở Y tế"]
    assert all(lead.via_agency_id is not None for lead in leads.values())
    assert sorted(await _leads(db, "1")) == ["Sở Y tế"]


async def test_a_second_import_keeps_the_membership_the_secretariat_left(db: Database, clock: ManualClock) -> None:
    await _import(db, clock)
    async with db.transaction() as session:
        group = await group_named(session, clock, ROOT, None)
        collective = await find_agency(session, group.id, "Các sở, ban, ngành")
        ethnic = await find_agency(session, group.id, "Ban Dân tộc")
        assert collective is not None and ethnic is not None
        await remove_member(session, collective, ethnic)
    await _import(db, clock)
    async with db.transaction() as session:
        assert [a.name for a in await members_of(session, collective.id)] == ["Sở Tư pháp", "Sở Y tế"]

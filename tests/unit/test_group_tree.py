"""Working groups as a tree: adding communes, their People's Committees joining the province's
commune collectives, and province tasks led by a collective cascading to one lead per commune."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select

from plans.documents.reading import ReadOptions
from scheduler.preview import planned
from services import imports
from services.clock import ManualClock
from services.collectives import add_member, members_of, remove_member
from services.group_tree import (
    GroupError,
    Root,
    committee_name,
    create,
    find_group,
    group_named,
    level_of,
    listing,
)
from storage.db import Database
from storage.group_tree import subtree_ids
from storage.models import Agency, StatusChange, Task, TaskLead
from tests.conftest import FIXTURES
from tests.seed import seed_task

ROOT = Root("Tổ Công tác Đề án 06", "Asia/Ho_Chi_Minh")
PLAN = "ke-hoach-tinh-cac-xa.txt"


async def _import(db: Database, clock: ManualClock, group: str | None = None) -> imports.ImportSummary:
    async with db.transaction() as session:
        target = await group_named(session, clock, ROOT, group)
        registry = await imports.registry_for(session, target.id)
        parsed = imports.parse((FIXTURES / PLAN).read_bytes(), PLAN, registry, ReadOptions())
        return await imports.save(session, clock, target, parsed, PLAN)


async def _leads(db: Database, code: str) -> dict[str, TaskLead]:
    async with db.transaction() as session:
        rows = await session.execute(
            select(Agency.name, TaskLead).join(TaskLead, TaskLead.agency_id == Agency.id)
            .join(Task, Task.id == TaskLead.task_id).where(Task.code == code)
        )
        return {name: lead for name, lead in rows}


def test_a_groups_name_says_its_tier_and_its_peoples_committee() -> None:
    assert [level_of(n, None) for n in ("xã Sơn Ninh", "Phường 1", "thị xã Hương Trà", "huyện Kỳ Anh", "tỉnh Hà Tĩnh")] == [
        "xa", "xa", "huyen", "huyen", "tinh",
    ]
    assert level_of("Sơn Ninh", None) == "tinh"
    assert committee_name("xã Sơn Ninh", "xa") == "UBND xã Sơn Ninh"
    assert committee_name("phường An Hòa", "xa") == "UBND phường An Hòa"
    assert committee_name("Sơn Ninh", "xa") == "UBND xã Sơn Ninh"


async def test_communes_are_added_under_the_province_and_listed_as_a_tree(db: Database, clock: ManualClock) -> None:
    added = await create(db, clock, ROOT, "xã Sơn Ninh")
    assert (added.group, added.level, added.committee) == ("xã Sơn Ninh", "xa", "UBND xã Sơn Ninh")
    assert added.collectives == ["UBND cấp xã (Tổ Công tác Đề án 06)"]
    await create(db, clock, ROOT, "huyện Hương Sơn")
    district = await create(db, clock, ROOT, "xã Sơn Kim", "Hương Sơn")
    assert district.collectives == ["UBND cấp xã (huyện Hương Sơn)", "UBND cấp xã (Tổ Công tác Đề án 06)"]
    rows = await listing(db, clock, ROOT)
    assert [(r.name, r.level, r.depth) for r in rows] == [
        ("Tổ Công tác Đề án 06", "tinh", 0), ("huyện Hương Sơn", "huyen", 1), ("xã Sơn Kim", "xa", 2),
        ("xã Sơn Ninh", "xa", 1),
    ]
    for wrong, reason in (("xa son ninh", "exists"), ("  ", "empty")):
        try:
            await create(db, clock, ROOT, wrong)
        except GroupError as exc:
            assert exc.reason == reason
        else:
            raise AssertionError(wrong)
    async with db.transaction() as session:
        root = await group_named(session, clock, ROOT, None)
        hs = await find_group(session, "Huong Son")
        assert hs is not None and hs.level == "huyen"
        assert len(await subtree_ids(session, root.id)) == 4
        assert len(await subtree_ids(session, hs.id)) == 2


async def test_a_collective_lead_becomes_one_lead_per_commune_reminded_in_each_commune(
    db: Database, clock: ManualClock
) -> None:
    clock.set(clock.now().replace(month=3, day=1))
    for name in ("xã Sơn Ninh", "phường An Hòa"):
        await create(db, clock, ROOT, name)
    await _import(db, clock)
    leads = await _leads(db, "1")
    assert set(leads) == {"UBND xã Sơn Ninh", "UBND phường An Hòa"}
    assert all(lead.via_agency_id is not None and lead.next_remind_at is not None for lead in leads.values())
    assert set(await _leads(db, "2")) == {"Sở Tư pháp"}
    # a commune added later receives the open cascaded task, with its own lead
    later = await create(db, clock, ROOT, "xã Sơn Kim")
    assert later.tasks_received == 1
    assert set(await _leads(db, "1")) == {"UBND xã Sơn Ninh", "UBND phường An Hòa", "UBND xã Sơn Kim"}
    # one reminder per commune, each row naming its working group and the commune's UBND
    async with db.transaction() as session:
        rows = [p for p in await planned(session, date(2024, 3, 29), date(2024, 3, 29)) if p.task == "1"]
    assert sorted((r.group, r.agency) for r in rows) == [
        ("phường An Hòa", "UBND phường An Hòa"), ("xã Sơn Kim", "UBND xã Sơn Kim"), ("xã Sơn Ninh", "UBND xã Sơn Ninh"),
    ]
    # importing again keeps the communes' leads (and their statuses)
    summary = await _import(db, clock)
    assert summary.updated == 2
    assert set(await _leads(db, "1")) == {"UBND xã Sơn Ninh", "UBND phường An Hòa", "UBND xã Sơn Kim"}


async def test_a_collective_without_members_stays_one_lead_until_its_first_member_takes_it(
    db: Database, clock: ManualClock
) -> None:
    clock.set(clock.now().replace(month=3, day=1))
    await _import(db, clock)
    assert set(await _leads(db, "1")) == {"UBND cấp xã"}
    await create(db, clock, ROOT, "xã Sơn Ninh")
    await create(db, clock, ROOT, "xã Sơn Kim")
    leads = await _leads(db, "1")
    assert set(leads) == {"UBND xã Sơn Ninh", "UBND xã Sơn Kim"}
    async with db.transaction() as session:  # the collective's lead went to the first commune, with a history line
        handed = await session.scalar(select(StatusChange).where(StatusChange.task_lead_id == leads["UBND xã Sơn Ninh"].id))
        assert handed is not None and handed.new["agency"] == "UBND xã Sơn Ninh"


async def test_the_secretariat_edits_a_collectives_members(db: Database, clock: ManualClock) -> None:
    clock.set(clock.now().replace(month=3, day=1))
    await seed_task(db, clock, "5", "Việc của các sở", date(2024, 3, 29), ["Các sở, ban, ngành"])
    await seed_task(db, clock, "6", "Việc khác", date(2024, 3, 29), ["Sở Y tế", "Sở Tư pháp"])
    async with db.transaction() as session:
        agencies = {a.name: a for a in await session.scalars(select(Agency))}
        collective = agencies["Các sở, ban, ngành"]
        collective.collective = True
        assert await add_member(session, clock, collective, agencies["Sở Y tế"]) == 1
        assert await add_member(session, clock, collective, agencies["Sở Tư pháp"]) == 1
        assert await add_member(session, clock, collective, agencies["Sở Tư pháp"]) == 0
        assert [a.name for a in await members_of(session, collective.id)] == ["Sở Tư pháp", "Sở Y tế"]
        assert await remove_member(session, collective, agencies["Sở Y tế"])
        assert [a.name for a in await members_of(session, collective.id)] == ["Sở Tư pháp"]
    assert set(await _leads(db, "5")) == {"Sở Y tế", "Sở Tư pháp"}

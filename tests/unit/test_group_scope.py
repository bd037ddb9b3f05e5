"""Each level sees its own and below: the province's overdue list covers its communes (with a
drill-down by commune), a commune sees only itself, and the province binds a commune's chat into the
commune's group."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import select, update

from services import binding, leader_views
from services.access import Actor, RoleName
from services.clock import ManualClock
from services.group_tree import create, find_group, group_named
from storage.db import Database
from storage.models import Agency, BindingCode, TaskLead
from tests.unit.test_group_tree import ROOT, _import

COMMUNES = ("xã Sơn Ninh", "xã Sơn Kim", "phường An Hòa")


async def _province(db: Database, clock: ManualClock) -> dict[str, int]:
    """Three communes, the plan imported, Sơn Ninh's lead done; the groups' ids by name."""
    clock.set(datetime(2024, 3, 1, 1, tzinfo=UTC))
    for name in COMMUNES:
        await create(db, clock, ROOT, name)
    await _import(db, clock)
    async with db.transaction() as session:
        done = select(Agency.id).where(Agency.name == "UBND xã Sơn Ninh").scalar_subquery()
        await session.execute(update(TaskLead).where(TaskLead.agency_id == done).values(status="done"))
        ids = {name: (await group_named(session, clock, ROOT, name)).id for name in COMMUNES}
        ids["root"] = (await group_named(session, clock, ROOT, None)).id
    clock.set(datetime(2024, 4, 15, 1, tzinfo=UTC))
    return ids


def _staff(group_id: int) -> Actor:
    return Actor(1, None, group_id, frozenset({RoleName.SECRETARIAT, RoleName.LEADER}))


async def _late(db: Database, clock: ManualClock, actor: Actor, name: str = "") -> list[str] | None:
    view = await leader_views.overdue(db, clock, actor, 0, name=name)
    return sorted(debt.name for debt in view.page.debts) if isinstance(view, leader_views.OverdueView) else None


async def test_the_province_sees_every_late_commune_and_drills_down_to_one(db: Database, clock: ManualClock) -> None:
    ids = await _province(db, clock)
    province = _staff(ids["root"])
    assert await _late(db, clock, province) == ["Sở Tư pháp", "UBND phường An Hòa", "UBND xã Sơn Kim"]
    assert await _late(db, clock, province, "xã Sơn Kim") == ["UBND xã Sơn Kim"]
    assert await _late(db, clock, province, "UBND phường An Hòa") == ["UBND phường An Hòa"]


async def test_a_commune_sees_only_itself_and_never_another_commune(db: Database, clock: ManualClock) -> None:
    ids = await _province(db, clock)
    assert await _late(db, clock, _staff(ids["xã Sơn Kim"])) == ["UBND xã Sơn Kim"]
    assert await _late(db, clock, _staff(ids["xã Sơn Ninh"])) == []
    assert await _late(db, clock, _staff(ids["xã Sơn Kim"]), "phường An Hòa") is None
    assert await _late(db, clock, _staff(ids["xã Sơn Kim"]), "UBND phường An Hòa") is None
    assert (await binding.issue_for(db, clock, _staff(ids["xã Sơn Kim"]), "UBND phường An Hòa", False)).code is None


async def test_the_province_binds_a_communes_chat_into_the_communes_group(db: Database, clock: ManualClock) -> None:
    ids = await _province(db, clock)
    issued = await binding.issue_for(db, clock, _staff(ids["root"]), "UBND xã Sơn Kim", False)
    assert issued.code is not None and issued.agency == "UBND xã Sơn Kim"
    async with db.transaction() as session:
        row = await session.scalar(select(BindingCode))
        assert row is not None and row.working_group_id == ids["xã Sơn Kim"]
        assert (await find_group(session, "Sơn Kim")) is not None


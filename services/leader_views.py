"""What leaders and the secretariat ask to see (/tre_han, /sap_den_han, /tien_do, /bao_cao,
/viec_cua_toi, /nhiem_vu): each one read in one transaction, changing nothing."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from plans.cadence import PeriodKind
from services import oversight
from services.access import Actor
from services.agencies import find_agency
from services.clock import Clock, local_today
from services.group_tree import group_below, reach, within
from services.groups import group_by_id, group_of
from services.tasks import TaskCard, task_card, tasks_by_code
from services.unit import UnitOfWork
from storage.models import WorkingGroup


@dataclass(frozen=True)
class OverdueView:
    page: oversight.OverduePage
    agency_id: int | None  # the one agency shown, or None for all (the pager's buttons keep it)
    group_id: int | None = None  # the group below drilled down to (``xã Sơn Ninh``), kept by the pager too


@dataclass(frozen=True)
class OutOfReach:
    """The name is another branch's (another commune, or its UBND): not the asker's to see."""

    name: str
    group: str  # the asker's own working group


async def overdue(
    db: UnitOfWork, clock: Clock, actor: Actor, page: int, agency_id: int | None = None, name: str = "",
    group_id: int | None = None,
) -> OverdueView | OutOfReach | None:
    """One page of the overdue list, of one agency (by id, or by the name typed), of one group below
    (by id, or ``xã Sơn Ninh``) or of all the group sees; None when the name is nothing known."""
    async with db.transaction() as session:
        group = await group_of(session, actor)
        if agency_id is not None and not await within(session, group.id, agency_id):
            return OutOfReach("", group.name)
        if group_id is not None:
            below = await group_below(session, group.id, group_id)
            if below is None:
                return OutOfReach("", group.name)
            group = below
        if name:
            found = await reach(session, group.id, name)
            if found.refused:
                return OutOfReach(name, group.name)
            if found.target is None:
                return None
            if isinstance(found.target, WorkingGroup):
                group = found.target
            else:
                agency_id = found.target.id
        scope = group.id if group.id != actor.working_group_id else None
        return OverdueView(await oversight.overdue_page(session, clock, group, page, agency_id), agency_id, scope)


async def due_soon(db: UnitOfWork, clock: Clock, actor: Actor, days: int) -> list[oversight.LeadRow]:
    async with db.transaction() as session:
        return await oversight.due_soon(session, clock, await group_of(session, actor), days)


async def progress(db: UnitOfWork, clock: Clock, actor: Actor, name: str) -> oversight.Progress:
    """Progress of all, of one agency (when ``name`` is one) or of one section (otherwise)."""
    async with db.transaction() as session:
        group = await group_of(session, actor)
        agency = await find_agency(session, group.id, name) if name else None
        agency_ids = frozenset({agency.id}) if agency else None
        section = name if name and agency is None else None
        return await oversight.progress(session, clock, group, agency_ids, section)


async def report_status(db: UnitOfWork, clock: Clock, actor: Actor, kind: PeriodKind) -> oversight.ReportStatus | None:
    async with db.transaction() as session:
        return await oversight.report_status(session, clock, await group_of(session, actor), kind)


async def my_open_tasks(db: UnitOfWork, clock: Clock, actor: Actor, agency_ids: frozenset[int]) -> list[oversight.LeadRow]:
    async with db.transaction() as session:
        return await oversight.open_leads(session, clock, await group_of(session, actor), agency_ids)


@dataclass(frozen=True)
class CardView:
    card: TaskCard
    timezone: str
    today: date
    own_lead_id: int | None  # the lead the asker answers for, whose status buttons the card offers
    own_agency_id: int | None


async def task(db: UnitOfWork, clock: Clock, actor: Actor, code: str) -> CardView | None:
    """The card of the task ``code`` (the newest plan's), or None."""
    assert actor.working_group_id is not None
    async with db.transaction() as session:
        found = await tasks_by_code(session, actor.working_group_id, code, cascaded=True)
        card = await task_card(session, found[0], within=actor.working_group_id) if found else None
        group = await group_by_id(session, actor.working_group_id)
    if card is None or group is None:
        return None
    mine = [line.lead for line in card.leads if line.lead.agency_id in actor.agency_ids]
    return CardView(
        card, group.timezone, local_today(clock, group.timezone),
        mine[0].id if mine else None, mine[0].agency_id if mine else None,
    )

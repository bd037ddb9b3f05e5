"""A province's secretariat founding its communes from the chat: ``/them_xa`` adds one (its UBND
joins the province's commune collectives and receives their open tasks), ``/ma_xa`` gives the
commune's secretariat (or its leaders) a one-time code that binds their chat into the commune's group.

A commune's secretariat code binds the chat it is sent in to the commune's UBND (the reminders of
the tasks cascaded to the commune arrive there) and makes the sender the commune's secretariat."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from services.access import Actor, RoleName, may_found_below, reaches
from services.agencies import find_agency
from services.binding import issue_code
from services.clock import Clock
from services.group_tree import GroupAdded, add_group, committee_name, find_group
from services.groups import group_of
from services.unit import UnitOfWork
from storage.group_tree import lineage

Refusal = Literal["not_here", "elsewhere"]


@dataclass(frozen=True)
class Founded:
    """A commune added (``added``), or why not (``refused``: this group holds no communes, or the
    name is a group of another branch; a ``GroupError`` covers the rest)."""

    added: GroupAdded | None = None
    refused: Refusal | None = None
    here: str = ""  # the asker's group


@dataclass(frozen=True)
class CommuneCode:
    """A code for the commune's secretariat (or leaders); ``added`` when the commune was created for it."""

    group: str = ""
    code: str | None = None
    leaders: bool = False
    added: GroupAdded | None = None
    refused: Refusal | None = None
    here: str = ""


async def found(db: UnitOfWork, clock: Clock, actor: Actor, name: str) -> Founded:
    """``/them_xa Tên xã``: a commune under the asker's group (raises ``GroupError``)."""
    async with db.transaction() as session:
        parent = await group_of(session, actor)
        if not may_found_below(parent.level):
            return Founded(refused="not_here", here=parent.name)
        return Founded(await add_group(session, clock, name, parent), here=parent.name)


async def code_for(db: UnitOfWork, clock: Clock, actor: Actor, name: str, leaders: bool) -> CommuneCode:
    """``/ma_xa Tên xã [lanh_dao]``: the commune (created first if it is new) and a one-time code
    for its secretariat's chat, or its leaders'."""
    async with db.transaction() as session:
        parent = await group_of(session, actor)
        if not may_found_below(parent.level):
            return CommuneCode(refused="not_here", here=parent.name)
        commune = await find_group(session, name)
        added = None
        if commune is None:
            added = await add_group(session, clock, name, parent)
            commune = await find_group(session, added.group)
            assert commune is not None
        elif commune.id == parent.id or not reaches(parent.id, await lineage(session, commune.id)):
            return CommuneCode(refused="elsewhere", here=parent.name)
        if leaders:
            code = await issue_code(
                session, clock, commune.id, agency_id=None, role=RoleName.LEADER, created_by=actor.person_id
            )
        else:
            committee = await find_agency(session, commune.id, committee_name(commune.name, commune.level))
            code = await issue_code(
                session, clock, commune.id, agency_id=committee.id if committee else None,
                role=RoleName.SECRETARIAT, created_by=actor.person_id,
            )
        return CommuneCode(commune.name, code, leaders, added, here=parent.name)


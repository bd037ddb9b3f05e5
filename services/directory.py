"""The secretariat keeping its directory: agencies added, renamed, aliased, merged, removed, people
given roles, the reminder rules changed. Each command is one use case in one transaction."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from plans.group_settings import SettingError
from services import agencies, group_settings, roles
from services.access import Actor, RoleName
from services.agencies import AgencyRow, find_agency
from services.clock import Clock
from services.groups import Group, group_of
from services.people import find_person
from services.unit import UnitOfWork

Outcome = Literal["ok", "unknown", "exists", "same"]


@dataclass(frozen=True)
class Done:
    """What became of a directory command; ``name`` is the agency (or person) as stored, or the
    name that matched nothing when ``unknown``."""

    outcome: Outcome
    name: str = ""


def _group_id(actor: Actor) -> int:
    assert actor.working_group_id is not None
    return actor.working_group_id


async def listing(db: UnitOfWork, actor: Actor) -> list[AgencyRow]:
    async with db.transaction() as session:
        return await agencies.directory(session, _group_id(actor))


async def add(db: UnitOfWork, clock: Clock, actor: Actor, name: str) -> Done:
    async with db.transaction() as session:
        existing = await find_agency(session, _group_id(actor), name)
        if existing is not None:
            return Done("exists", existing.name)
        await agencies.create_agency(session, clock, _group_id(actor), name)
    return Done("ok", name)


async def rename(db: UnitOfWork, actor: Actor, old: str, new: str) -> Done:
    async with db.transaction() as session:
        agency = await find_agency(session, _group_id(actor), old)
        if agency is None:
            return Done("unknown", old)
        await agencies.rename(session, agency, new)
    return Done("ok", new)


async def add_alias(db: UnitOfWork, actor: Actor, name: str, other: str) -> Done:
    async with db.transaction() as session:
        agency = await find_agency(session, _group_id(actor), name)
        if agency is None:
            return Done("unknown", name)
        added = await agencies.add_alias(session, agency, other)
    return Done("ok" if added else "exists", agency.name)


async def merge(db: UnitOfWork, actor: Actor, duplicate_name: str, keep_name: str) -> Done:
    """``duplicate_name``'s tasks, history, chats and focal points go to ``keep_name``."""
    async with db.transaction() as session:
        duplicate = await find_agency(session, _group_id(actor), duplicate_name)
        keep = await find_agency(session, _group_id(actor), keep_name)
        if duplicate is None or keep is None:
            return Done("unknown", duplicate_name if duplicate is None else keep_name)
        if duplicate.id == keep.id:
            return Done("same", keep.name)
        await agencies.merge(session, duplicate, keep)
    return Done("ok", keep.name)


async def remove(db: UnitOfWork, clock: Clock, actor: Actor, name: str) -> Done:
    async with db.transaction() as session:
        agency = await find_agency(session, _group_id(actor), name)
        if agency is None:
            return Done("unknown", name)
        await agencies.delete(session, clock, agency)
    return Done("ok", agency.name)


@dataclass(frozen=True)
class RoleDone:
    outcome: Literal["granted", "revoked", "unknown_person", "unknown_agency", "no_role"]
    person: str = ""
    agency: str = ""
    revoked: int = 0


async def assign_role(
    db: UnitOfWork, clock: Clock, actor: Actor, who: str, role: RoleName | None, agency_name: str = "",
    *, revoke: bool = False,
) -> RoleDone:
    """Give ``who`` a role (a focal point names the agency), or take all their roles (``revoke``);
    ``no_role`` when neither was asked for a known person."""
    group_id = _group_id(actor)
    async with db.transaction() as session:
        person = await find_person(session, who)
        if person is None:
            return RoleDone("unknown_person", who)
        if revoke:
            count = await roles.revoke(session, person.id, group_id, None)
            return RoleDone("revoked", person.full_name, revoked=count)
        if role is None:
            return RoleDone("no_role", person.full_name)
        agency = None
        if role == RoleName.FOCAL:
            agency = await find_agency(session, group_id, agency_name) if agency_name else None
            if agency is None:
                return RoleDone("unknown_agency", person.full_name, agency_name)
        await roles.grant(session, clock, person.id, group_id, role, agency.id if agency else None, actor.person_id)
    return RoleDone("granted", person.full_name, agency.name if agency else "")


@dataclass(frozen=True)
class Rules:
    """The group's reminder rules after ``/cai_dat``, or why the change was refused."""

    in_force: group_settings.RulesInForce | None
    error: str | None = None


async def reminder_rules(db: UnitOfWork, clock: Clock, actor: Actor, key: str = "", value: str = "") -> Rules:
    """The rules as they stand, after changing ``key`` to ``value`` when given."""
    async with db.transaction() as session:
        group: Group = await group_of(session, actor)
        if key:
            try:
                await group_settings.change(session, clock, group, key, value)
            except SettingError as exc:
                return Rules(None, str(exc))
        return Rules(group_settings.in_force(group))

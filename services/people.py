"""People and how they appear in a chat: the actor every permission check starts from."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from services.access import Actor, RoleName
from services.clock import Clock
from services.groups import default_group
from services.roles import grant
from services.unit import UnitOfWork
from storage.models import DEFAULT_CHANNEL, Agency, Chat, Person, Role, WorkingGroup


@dataclass(frozen=True)
class Identity:
    """The little of an incoming message that services need: who (the messenger's user id), where,
    and on which messenger (ids of two messengers never mix)."""

    user_id: int
    full_name: str
    username: str | None
    chat_id: int
    chat_type: str
    chat_title: str | None = None
    channel: str = DEFAULT_CHANNEL


async def ensure_person(session: AsyncSession, clock: Clock, who: Identity) -> Person:
    person = await session.scalar(
        select(Person).where(Person.channel == who.channel, Person.external_id == who.user_id)
    )
    if person is None:
        person = Person(
            channel=who.channel, external_id=who.user_id, full_name=who.full_name, username=who.username,
            created_at=clock.now(),
        )
        session.add(person)
    elif person.erased_at is None:
        person.full_name, person.username = who.full_name, who.username
    if who.chat_type == "private":
        person.private_chat_id = who.chat_id
    await session.flush()
    return person


async def chat_by_external_id(session: AsyncSession, external_id: int, channel: str = DEFAULT_CHANNEL) -> Chat | None:
    return await session.scalar(select(Chat).where(Chat.channel == channel, Chat.external_id == external_id))


async def actor_for(
    session: AsyncSession, clock: Clock, who: Identity, admin_ids: Iterable[int]
) -> Actor:
    """Roles of ``who`` in this chat: their own roles, plus what the chat's binding gives.

    In a chat bound to an agency a person acts for that agency only (as its focal point, or as a
    member of its group), whatever other agencies they answer for elsewhere; in a private chat
    they act for the agencies whose focal point they are.
    """
    person = await ensure_person(session, clock, who)
    chat = await chat_by_external_id(session, who.chat_id, who.channel)
    bound = chat if chat is not None and chat.active and chat.working_group_id is not None else None
    roles_rows = list(await session.scalars(select(Role).where(Role.person_id == person.id)))
    group_id = bound.working_group_id if bound else (roles_rows[0].working_group_id if roles_rows else None)
    if group_id is None:
        group = await default_group(session)
        group_id = group.id if group else None
    roles: set[RoleName] = set()
    agency_ids: set[int] = set()
    for row in roles_rows:
        if row.working_group_id != group_id:
            continue
        roles.add(RoleName(row.role))
        if row.role == RoleName.FOCAL and row.agency_id is not None:
            agency_ids.add(row.agency_id)
    if who.channel == DEFAULT_CHANNEL and who.user_id in set(admin_ids):  # ADMIN_IDS are Telegram ids
        roles.add(RoleName.ADMIN)
        if group_id is not None:
            await grant(session, clock, person.id, group_id, RoleName.ADMIN, None, None)
    chat_agency = bound.agency_id if bound else None
    if chat_agency is not None:
        if chat_agency not in agency_ids:
            roles.discard(RoleName.FOCAL)
            roles.add(RoleName.MEMBER)
        agency_ids = {chat_agency}
    elif bound is not None and bound.role == RoleName.LEADER:
        roles.add(RoleName.LEADER)
    if not roles:
        roles.add(RoleName.STRANGER)
    return Actor(
        external_id=who.user_id,
        person_id=person.id,
        working_group_id=group_id,
        roles=frozenset(roles),
        agency_id=chat_agency,
        agency_ids=frozenset(agency_ids),
    )


@dataclass(frozen=True)
class RoleHeld:
    role: RoleName
    agency: str | None = None  # the agency a focal point or member answers for


@dataclass(frozen=True)
class Profile:
    group_name: str | None
    roles: list[RoleHeld]


async def describe(session: AsyncSession, actor: Actor) -> Profile:
    """What the bot knows of a person (for /toi): one role per agency it is held for."""
    group = await session.get(WorkingGroup, actor.working_group_id) if actor.working_group_id else None
    held: list[RoleHeld] = []
    for role in sorted(actor.roles - {RoleName.STRANGER}):
        if role in (RoleName.FOCAL, RoleName.MEMBER):
            ids = actor.agency_ids if role == RoleName.FOCAL else {actor.agency_id}
            names = [a.name for a in await session.scalars(select(Agency).where(Agency.id.in_([i for i in ids if i])))]
            held.extend(RoleHeld(role, name) for name in names)
        else:
            held.append(RoleHeld(role))
    return Profile(group_name=group.name if group else None, roles=held)


async def find_person(session: AsyncSession, handle: str) -> Person | None:
    """A person by Telegram user id or ``@username``."""
    handle = handle.strip()
    if handle.lstrip("-").isdigit():
        return await session.scalar(
            select(Person).where(Person.channel == DEFAULT_CHANNEL, Person.external_id == int(handle))
        )
    name = handle.removeprefix("@").lower()
    if not name:
        return None
    for person in await session.scalars(select(Person).where(Person.username.is_not(None))):
        if person.username and person.username.lower() == name:
            return person
    return None


async def actor_of(db: UnitOfWork, clock: Clock, who: Identity, admin_ids: Iterable[int]) -> Actor:
    """Who is asking, with their roles here (see :func:`actor_for`): every command starts so."""
    async with db.transaction() as session:
        return await actor_for(session, clock, who, admin_ids)


async def profile(db: UnitOfWork, actor: Actor) -> Profile:
    """``/toi``: the person's working group and roles."""
    async with db.transaction() as session:
        return await describe(session, actor)

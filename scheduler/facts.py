"""The plain facts the reminder planner decides on, read from the database the same way for the
engine and the preview: a group's rules, its reporting agencies and their chats."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from plans.reminder_plan import Reporter, Rules
from services.access import RoleName
from services.agencies import reporting_agencies
from services.chats import agency_chats
from services.group_tree import committees_below_each
from services.reminders import settings_of
from storage.models import Agency, Chat, Person, Role, WorkingGroup


def rules_of(group: WorkingGroup) -> Rules:
    return Rules(settings_of(group), group.timezone)


@dataclass(frozen=True)
class Reached:
    """Agencies' names and the chats a reminder to each goes to (none: not bound)."""

    names: dict[int, str]
    chats: dict[int, list[Chat]]


async def reporters_of(session: AsyncSession, group_id: int, rules: Rules) -> tuple[list[Reporter], Reached]:
    """One group's reporters (see :func:`reporters_by_group`), those of the groups below included."""
    return (await reporters_by_group(session, {group_id: rules}, {group_id}))[group_id]


async def reporters_by_group(
    session: AsyncSession, rules: dict[int, Rules], with_below: set[int]
) -> dict[int, tuple[list[Reporter], Reached]]:
    """The agencies of each group that owe periodic reports (real ones, still existing), with the
    day each was bound, and their chats, in a few queries for every group. For the groups in
    ``with_below``, the People's Committees of the groups just below (each commune's report to the
    province) are added: named when missing, reminded by their own group."""
    agencies = await reporting_agencies(session, list(rules))
    below = await committees_below_each(session, sorted(with_below)) if with_below else {}
    chats = await agency_chats(session, [a.id for a in (*agencies, *(a for found in below.values() for a in found))])
    by_group: dict[int, list[Agency]] = {}
    for agency in agencies:
        by_group.setdefault(agency.working_group_id, []).append(agency)
    found: dict[int, tuple[list[Reporter], Reached]] = {}
    for group_id, group_rules in rules.items():
        own = by_group.get(group_id, [])
        under = below.get(group_id, [])
        reporters = [Reporter(a.id, _bound_on(chats.get(a.id, []), group_rules)) for a in own]
        reporters += [Reporter(a.id, _bound_on(chats.get(a.id, []), group_rules), below=True) for a in under]
        names = {a.id: a.name for a in (*own, *under)}
        found[group_id] = reporters, Reached(names, {a.id: chats[a.id] for a in own if a.id in chats})
    return found


def _bound_on(chats: list[Chat], rules: Rules) -> date | None:
    """The local day the first of these chats was bound; a chat bound before that was recorded counts as always."""
    days = [date.min if c.bound_at is None else rules.local_day(c.bound_at) for c in chats]
    return min(days, default=None)


async def secretariat_reachable(session: AsyncSession, group_id: int) -> bool:
    """Whether a report-missing notice would reach anyone: a secretariat member or admin with a
    private chat that is not known to be closed (read only; the engine makes the chat rows)."""
    private = set(
        await session.scalars(
            select(Person.private_chat_id)
            .join(Role, Role.person_id == Person.id)
            .where(
                Role.working_group_id == group_id,
                Role.role.in_((RoleName.ADMIN, RoleName.SECRETARIAT)),
                Person.private_chat_id.is_not(None),
            )
        )
    )
    closed = set(await session.scalars(select(Chat.external_id).where(Chat.external_id.in_(private), Chat.active.is_(False))))
    return bool(private - closed)

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
from services.group_tree import committees_below
from services.reminders import settings_of
from storage.models import Chat, Person, Role, WorkingGroup


def rules_of(group: WorkingGroup) -> Rules:
    return Rules(settings_of(group), group.timezone)


@dataclass(frozen=True)
class Reached:
    """Agencies' names and the chats a reminder to each goes to (none: not bound)."""

    names: dict[int, str]
    chats: dict[int, list[Chat]]


async def reporters_of(session: AsyncSession, group_id: int, rules: Rules) -> tuple[list[Reporter], Reached]:
    """The agencies that owe periodic reports, with the day each was bound, and their chats; the
    People's Committees of the groups just below (each commune's report to the province) are named
    when missing but reminded by their own group."""
    agencies = await reporting_agencies(session, group_id)
    below = await committees_below(session, group_id)
    chats = await agency_chats(session, [a.id for a in agencies])
    below_chats = await agency_chats(session, [a.id for a in below])
    reporters = [Reporter(a.id, _bound_on(chats.get(a.id, []), rules)) for a in agencies]
    reporters += [Reporter(a.id, _bound_on(below_chats.get(a.id, []), rules), below=True) for a in below]
    return reporters, Reached({a.id: a.name for a in (*agencies, *below)}, chats)


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

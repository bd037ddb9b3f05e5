"""What the engine would send in a window of days, without sending or writing anything: the
same planner (``plans.reminder_plan``) over the window, fed the same facts."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from plans.reminder_plan import Lead, plan_between, report_periods
from scheduler.facts import reporters_of, rules_of, secretariat_reachable
from services.chats import agency_chats
from storage import reminders as repo
from storage.models import Agency, Task, TaskLead, WorkingGroup
from storage.reminders import OPEN_STATUSES

SECRETARIAT = "Thường trực Tổ công tác"


@dataclass(frozen=True)
class Planned:
    send_at: datetime
    group: str  # the working group the agency belongs to (a commune for a province task cascaded to it)
    agency: str
    chat_bound: bool
    kind: str
    task: str | None
    period: str | None

    def to_json(self) -> dict[str, Any]:
        return {
            "send_at": self.send_at.isoformat(),
            "group": self.group,
            "agency": self.agency,
            "chat_bound": self.chat_bound,
            "kind": self.kind,
            "task": self.task,
            "period": self.period,
        }


async def planned(session: AsyncSession, start: date, end: date, agency_id: int | None = None) -> list[Planned]:
    """Every reminder whose day lies in ``[start, end]``, in sending order, local times; with
    ``agency_id``, only those that agency receives."""
    found: list[Planned] = []
    for group in await session.scalars(select(WorkingGroup)):
        rules = rules_of(group)
        zone = ZoneInfo(group.timezone)
        codes, leads = await _open_leads(session, group.id, rules.settings.support_heads_up)
        reporters, _reached = await reporters_of(session, group.id, rules)
        submitted = {
            period.key: frozenset(await repo.submitted_agencies(session, group.id, period.key))
            for period in report_periods(rules, start, end)
        }
        reminders = plan_between(rules, leads, reporters, submitted, start, end)
        wanted = [r for r in reminders if agency_id is None or r.agency_id == agency_id]
        names = {a: n for a, n in await session.execute(select(Agency.id, Agency.name).where(Agency.working_group_id == group.id))}
        bound = set(await agency_chats(session, sorted({r.agency_id for r in wanted if r.agency_id is not None})))
        secretariat = agency_id is None and await secretariat_reachable(session, group.id)
        found.extend(
            Planned(
                r.send_at.astimezone(zone),
                group.name,
                SECRETARIAT if r.agency_id is None else names[r.agency_id],
                secretariat if r.agency_id is None else r.agency_id in bound,
                r.kind,
                codes[r.lead.lead_id] if r.lead else None,
                r.period.key if r.period else None,
            )
            for r in wanted
        )
    found.sort(key=lambda p: (p.send_at, p.agency, p.kind))
    return found


async def _open_leads(session: AsyncSession, group_id: int, with_supports: bool) -> tuple[dict[int, str], list[Lead]]:
    """The open, dated leads of the group's agencies (as the engine's query selects them) and their tasks' codes."""
    rows = list(
        await session.execute(
            select(TaskLead.id, Task.id, TaskLead.agency_id, TaskLead.due, Task.code)
            .join(Task, Task.id == TaskLead.task_id)
            .join(Agency, Agency.id == TaskLead.agency_id)
            .where(
                Agency.working_group_id == group_id,
                TaskLead.status.in_(OPEN_STATUSES),
                TaskLead.due.is_not(None),
                Task.removed_at.is_(None),
            )
        )
    )
    supports = await repo.supporters(session, sorted({row[1] for row in rows})) if with_supports else {}
    leads = [
        Lead(lead_id, task_id, agency, due, tuple(supports.get(task_id, ())))
        for lead_id, task_id, agency, due, _code in rows
        if due is not None
    ]
    return {row[0]: row[4] for row in rows}, leads


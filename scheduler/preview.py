"""What the engine would send in a window of days, without sending or writing anything."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from plans.cadence import periods_due_between
from plans.schedule import deadline_points, report_points, send_at
from services.agencies import reporting_agencies
from services.reminders import settings_of
from storage.models import Agency, Chat, Plan, Task, TaskLead, WorkingGroup
from storage.reminders import OPEN_STATUSES


@dataclass(frozen=True)
class Planned:
    send_at: datetime
    agency: str
    chat_bound: bool
    kind: str
    task: str | None
    period: str | None

    def to_json(self) -> dict[str, Any]:
        return {
            "send_at": self.send_at.isoformat(),
            "agency": self.agency,
            "chat_bound": self.chat_bound,
            "kind": self.kind,
            "task": self.task,
            "period": self.period,
        }


async def planned(session: AsyncSession, start: date, end: date, agency_id: int | None = None) -> list[Planned]:
    """Every reminder whose day lies in ``[start, end]``, in sending order, local times."""
    found: list[Planned] = []
    bound = set(await session.scalars(select(Chat.agency_id).where(Chat.active.is_(True), Chat.agency_id.is_not(None))))
    for group in await session.scalars(select(WorkingGroup)):
        rules = settings_of(group)
        calendar = rules.calendar()
        zone = ZoneInfo(group.timezone)

        leads = await session.execute(
            select(TaskLead.due, TaskLead.agency_id, Agency.name, Task.code)
            .join(Task, Task.id == TaskLead.task_id)
            .join(Plan, Plan.id == Task.plan_id)
            .join(Agency, Agency.id == TaskLead.agency_id)
            .where(
                Plan.working_group_id == group.id,
                TaskLead.status.in_(OPEN_STATUSES),
                TaskLead.due.is_not(None),
                Task.removed_at.is_(None),
            )
        )
        for due, lead_agency, name, code in leads:
            if due is None or (agency_id is not None and lead_agency != agency_id):
                continue
            for point in deadline_points(due, calendar, rules):
                if point.day > end:
                    break
                if point.day >= start:
                    found.append(Planned(send_at(point.day, rules, calendar, group.timezone).astimezone(zone), name, lead_agency in bound, point.kind, code, None))
        agencies = await reporting_agencies(session, group.id)
        for period in periods_due_between(rules.cadence, start - timedelta(days=10), end + timedelta(days=10)):
            for point in report_points(period, calendar, rules):
                if not start <= point.day <= end:
                    continue
                if point.kind == "report_missing":
                    if agency_id is None:
                        found.append(Planned(send_at(point.day, rules, calendar, group.timezone).astimezone(zone), "Thường trực Tổ công tác", True, point.kind, None, period.key))
                    continue
                for agency in agencies:
                    if agency_id is None or agency.id == agency_id:
                        found.append(Planned(send_at(point.day, rules, calendar, group.timezone).astimezone(zone), agency.name, agency.id in bound, point.kind, None, period.key))
    found.sort(key=lambda p: (p.send_at, p.agency, p.kind))
    return found

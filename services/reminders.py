"""Keeping each lead's next reminder moment right when its deadline or status changes."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import update
from sqlalchemy.ext.asyncio import AsyncSession

from plans.schedule import ReminderSettings, next_point
from storage.models import Outbox, TaskLead, WorkingGroup

DONE = "done"


# working days a group below another owes its reports before the group above's day, unless set
REPORT_AHEAD_BELOW = 2


def settings_of(group: WorkingGroup) -> ReminderSettings:
    stored = group.settings.get("reminders", {})
    if group.parent_id is not None:
        stored = {"report_ahead": REPORT_AHEAD_BELOW, **stored}
    return ReminderSettings.from_json(stored)


def reschedule(lead: TaskLead, group: WorkingGroup, now: datetime, settings: ReminderSettings | None = None) -> None:
    """Point the lead at its first reminder after ``now`` (none when done or undated)."""
    if lead.due is None or lead.status == DONE:
        lead.next_remind_at = None
        return
    rules = settings or settings_of(group)
    lead.next_remind_at = next_point(lead.due, rules.calendar(), rules, group.timezone, now)[1]


async def cancel_pending(session: AsyncSession, lead_id: int) -> None:
    """Reminders queued for a lead that is done (or re-dated) are not sent."""
    await session.execute(
        update(Outbox)
        .where(Outbox.task_lead_id == lead_id, Outbox.state == "pending")
        .values(state="cancelled")
    )

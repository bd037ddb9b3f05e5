"""Reading and changing a working group's reminder rules (``/cai_dat``, ``dondoc settings``)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from plans import group_settings
from plans.regime import WEEKDAYS
from plans.schedule import ReminderSettings
from services.clock import Clock
from services.reminders import reschedule, settings_of
from storage.models import Plan, Task, TaskLead, WorkingGroup

RESCHEDULING = ("before", "reminder_time", "window", "days_off", "working_saturdays")


@dataclass(frozen=True)
class RulesInForce:
    values: list[tuple[str, str]]  # (key, value), as /cai_dat takes them
    cadence_source: str | None  # "manual", "plan …", or None for the defaults


def in_force(group: WorkingGroup) -> RulesInForce:
    """The rules in force, each as the key people type and its value."""
    rules = settings_of(group)
    cadence = rules.cadence

    def pair(value: tuple[int, int] | None) -> str:
        return f"{value[0]:02d}-{value[1]:02d}" if value else "off"

    values = [
        ("before", ",".join(str(n) for n in rules.before)),
        ("report_before", ",".join(str(n) for n in rules.report_before)),
        ("reminder_time", f"{rules.reminder_time:%H:%M}"),
        ("window", f"{rules.window.start:%H:%M}-{rules.window.end:%H:%M}"),
        ("grace_hours", str(int(rules.grace.total_seconds() // 3600))),
        ("days_off", ",".join(sorted(d.isoformat() for d in rules.days_off)) or "-"),
        ("working_saturdays", ",".join(sorted(d.isoformat() for d in rules.working_saturdays)) or "-"),
        ("weekly", WEEKDAYS[cadence.weekly_weekday] if cadence.weekly_weekday is not None else "off"),
        ("monthly", str(cadence.monthly_day) if cadence.monthly_day is not None else "off"),
        ("half_year", pair(cadence.half_year_due)),
        ("annual", pair(cadence.annual_due)),
        ("support_heads_up", "on" if rules.support_heads_up else "off"),
        ("digest", f"{WEEKDAYS[rules.digest_weekday]} {rules.digest_time:%H:%M}"),
        ("ack_after_working_hours", str(rules.ack_after_working_hours)),
        ("report_ahead", str(rules.report_ahead)),
    ]
    return RulesInForce(values, group.settings.get("reminders", {}).get("cadence_source"))


async def change(session: AsyncSession, clock: Clock, group: WorkingGroup, key: str, value: str) -> None:
    """Set one rule (raises ``SettingError``); the deadline reminders already planned follow it."""
    rules = group_settings.apply(group.settings.get("reminders", {}), key, value)
    group.settings = {**group.settings, "reminders": rules}
    if key in RESCHEDULING:
        parsed = ReminderSettings.from_json(rules)
        leads = await session.scalars(
            select(TaskLead)
            .join(Task, Task.id == TaskLead.task_id)
            .join(Plan, Plan.id == Task.plan_id)
            .where(Plan.working_group_id == group.id, TaskLead.next_remind_at.is_not(None))
        )
        for lead in leads:
            reschedule(lead, group, clock.now(), parsed)

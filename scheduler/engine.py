"""The engine tick: which reminders are due now, turned into outbox rows. It never sends.

Deadline reminders are found through each lead's ``next_remind_at`` (indexed), so an idle
tick costs one query whatever the number of tasks. Report reminders are computed from the
cadence, and their idempotency keys make a second tick a no-op.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from plans.cadence import periods_due_between
from plans.calendar import WorkingCalendar, next_send_time
from plans.schedule import Point, ReminderSettings, moment, next_point, points_between, report_points
from render.reminders import (
    DeadlineFacts,
    deadline_reminder,
    report_reminder,
    reports_missing,
    support_heads_up,
)
from scheduler.digest import queue_digest
from services import notices
from services.agencies import reporting_agencies
from services.chats import agency_chats, secretariat_chats
from services.clock import Clock
from storage import reminders as repo
from storage.db import Database
from storage.models import Agency, Chat, WorkingGroup
from storage.outbox import OutboxItem, enqueue

log = logging.getLogger(__name__)

BATCH = 5000


@dataclass
class TickReport:
    """What one tick did, for logs, tests and benchmarks."""

    leads_seen: int = 0
    queued: int = 0
    skipped_late: int = 0
    without_chat: int = 0
    groups: list[int] = field(default_factory=list)


def group_settings(group: WorkingGroup) -> ReminderSettings:
    return ReminderSettings.from_json(group.settings.get("reminders", {}))


@dataclass(frozen=True)
class Slot:
    """When a reminder may go out and until when it is still worth sending."""

    not_before: datetime
    expires_at: datetime

    def item(
        self, key: str, chat_id: int, kind: str, payload: dict[str, Any], group_id: int, **links: Any
    ) -> OutboxItem:
        """An outbox row to go out in this slot."""
        return OutboxItem(
            key=key, chat_id=chat_id, kind=kind, payload=payload, not_before=self.not_before,
            expires_at=self.expires_at, working_group_id=group_id, **links,
        )


def slot(settings: ReminderSettings, calendar: WorkingCalendar, tz: str, at: datetime, now: datetime) -> Slot:
    send = next_send_time(calendar, settings.window, tz, max(at, now))
    return Slot(send, send + settings.grace)


async def tick(db: Database, clock: Clock) -> TickReport:
    """One pass over every working group."""
    report = TickReport()
    async with db.transaction() as session:
        groups = list(await session.scalars(select(WorkingGroup)))
    for group in groups:
        async with db.transaction() as session:
            await _deadlines(session, clock, group, report)
        async with db.transaction() as session:
            await _reports(session, clock, group, report)
        async with db.transaction() as session:
            report.queued += await queue_digest(session, clock, group)
        async with db.transaction() as session:
            await notices.remind_unacknowledged(session, clock, group, report)
        report.groups.append(group.id)
    return report


async def _deadlines(session: AsyncSession, clock: Clock, group: WorkingGroup, report: TickReport) -> None:
    settings = group_settings(group)
    calendar = settings.calendar()
    tz = group.timezone
    now = clock.now()
    while True:
        leads = await repo.leads_due(session, group.id, now, BATCH)
        if not leads:
            return
        report.leads_seen += len(leads)
        chats = await agency_chats(session, sorted({lead.agency_id for lead in leads}))
        items: list[OutboxItem] = []
        moments: dict[int, datetime | None] = {}
        heads_up: list[tuple[repo.DueLead, Slot]] = []
        for lead in leads:
            due_points = points_between(lead.due, calendar, settings, tz, lead.next_remind_at, now)
            fresh = [(p, at) for p, at in due_points if at >= now - settings.grace]
            report.skipped_late += len(due_points) - len(fresh)
            if len(due_points) > len(fresh):
                log.info("lead %s: %d reminders older than the grace period skipped", lead.lead_id, len(due_points) - len(fresh))
            moments[lead.lead_id] = next_point(lead.due, calendar, settings, tz, now)[1]
            if not fresh:
                continue
            point, at = fresh[-1]
            if settings.support_heads_up and point.kind == "deadline_before" and point.offset == max(settings.before):
                heads_up.append((lead, slot(settings, calendar, tz, at, now)))
            targets = chats.get(lead.agency_id, [])
            if not targets:
                report.without_chat += 1
                continue
            when = slot(settings, calendar, tz, at, now)
            payload = deadline_reminder(_facts(lead, point, calendar, when.not_before, tz), lead.lead_id)
            payload["link"] = {"agency_id": lead.agency_id}
            items.extend(
                when.item(f"dl:{lead.lead_id}:{point.kind}:{point.day.isoformat()}:{chat.id}", chat.id, point.kind,
                          payload, group.id, task_lead_id=lead.lead_id)
                for chat in targets
            )
        items.extend(await _heads_up(session, group, heads_up))
        report.queued += await enqueue(session, items, now)
        await repo.set_next(session, moments)
        if len(leads) < BATCH:
            return


async def _heads_up(session: AsyncSession, group: WorkingGroup, leads: list[tuple[repo.DueLead, Slot]]) -> list[OutboxItem]:
    """With the first reminder of a task, its supporting agencies hear what is coming (optional)."""
    if not leads:
        return []
    supports = await repo.supporters(session, sorted({lead.task_id for lead, _slot in leads}))
    chats = await agency_chats(session, sorted({a for ids in supports.values() for a in ids}))
    items: list[OutboxItem] = []
    for lead, when in leads:
        for agency_id in supports.get(lead.task_id, []):
            payload = support_heads_up(lead.agency_name, lead.code, lead.content, lead.due)
            items.extend(
                when.item(f"hu:{lead.task_id}:{agency_id}:{chat.id}", chat.id, "support_heads_up", payload, group.id)
                for chat in chats.get(agency_id, [])
            )
    return items


def _facts(lead: repo.DueLead, point: Point, calendar: WorkingCalendar, send_at: datetime, tz: str) -> DeadlineFacts:
    send_day = send_at.astimezone(ZoneInfo(tz)).date()
    return DeadlineFacts(
        agency=lead.agency_name,
        code=lead.code,
        content=lead.content,
        due=lead.due,
        kind=point.kind,
        working_days_left=max(0, calendar.working_days_between(send_day, calendar.on_or_before(lead.due))),
        days_late=max(0, (send_day - lead.due).days),
    )


async def _reports(session: AsyncSession, clock: Clock, group: WorkingGroup, report: TickReport) -> None:
    settings = group_settings(group)
    calendar = settings.calendar()
    tz = group.timezone
    now = clock.now()
    today = now.astimezone(ZoneInfo(tz)).date()
    periods = periods_due_between(settings.cadence, today - timedelta(days=12), today + timedelta(days=20))
    agencies: list[Agency] | None = None
    for period in periods:
        due_now = [
            (p, at)
            for p in report_points(period, calendar, settings)
            if now - settings.grace <= (at := moment(p.day, settings, tz)) <= now
        ]
        if not due_now:
            continue
        point, at = due_now[-1]
        if agencies is None:
            agencies = await reporting_agencies(session, group.id)
        chats = await agency_chats(session, [a.id for a in agencies])
        done = await repo.submitted_agencies(session, group.id, period.key)
        missing = [a for a in agencies if a.id in chats and a.id not in done]
        when = slot(settings, calendar, tz, at, now)
        items: list[OutboxItem] = []
        if point.kind == "report_missing":
            # an agency that registered after the due day did not owe that report
            owed = [a for a in missing if _bound_by(chats[a.id], period.due, tz)]
            if owed:
                payload = reports_missing(period.label_vi, period.due, sorted(a.name for a in owed))
                items.extend(
                    when.item(f"rpm:{period.key}:{chat.id}", chat.id, point.kind, payload, group.id, period_key=period.key)
                    for chat in await secretariat_chats(session, clock, group.id)
                )
        else:
            send_day = when.not_before.astimezone(ZoneInfo(tz)).date()
            left = calendar.working_days_between(send_day, calendar.on_or_before(period.due))
            for agency in missing:
                payload = report_reminder(agency.name, period.label_vi, period.due, point.kind, max(0, left))
                payload["link"] = {"agency_id": agency.id, "period_kind": period.kind}
                items.extend(
                    when.item(f"rp:{period.key}:{point.kind}:{point.day.isoformat()}:{chat.id}", chat.id, point.kind,
                              payload, group.id, period_key=period.key)
                    for chat in chats[agency.id]
                )
        report.queued += await enqueue(session, items, now)


def _bound_by(chats: list[Chat], day: date, tz: str) -> bool:
    zone = ZoneInfo(tz)
    return any(c.bound_at is None or c.bound_at.astimezone(zone).date() <= day for c in chats)

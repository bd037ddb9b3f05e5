"""The engine tick: which reminders are due now, turned into outbox rows. It never sends.

Deadline reminders are found through each lead's ``next_remind_at`` (indexed), so an idle
tick costs one query whatever the number of tasks. Report reminders are computed from the
cadence, and their idempotency keys make a second tick a no-op. What is due, and to whom,
is decided by ``plans.reminder_plan``, which the preview shares.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from plans.cadence import Period
from plans.reminder_plan import (
    HEADS_UP,
    Lead,
    Reminder,
    Reporter,
    Rules,
    lead_due,
    report_periods,
    report_point_due,
    report_reminders,
)
from render.notices import MESSAGES as NOTICE_MESSAGES
from render.reminders import (
    DeadlineFacts,
    deadline_reminder,
    report_reminder,
    reports_missing,
    support_heads_up,
)
from scheduler.digest import queue_digest
from scheduler.facts import Reached, reporters_of, rules_of
from services.chats import agency_chats, ensure_secretariat_chats
from services.clock import Clock
from services.notices.follow_up import remind_unacknowledged
from storage import reminders as repo
from storage.db import Database
from storage.models import Chat, WorkingGroup
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
            await remind_unacknowledged(session, clock, group, report, NOTICE_MESSAGES)
        report.groups.append(group.id)
    return report


def _items(reminder: Reminder, chats: list[Chat], payload: dict[str, Any], rules: Rules, group_id: int) -> list[OutboxItem]:
    """One outbox row per chat; a reminder is worth sending until the grace period after its slot."""
    lead = reminder.lead if reminder.kind != HEADS_UP else None
    return [
        OutboxItem(
            key=f"{reminder.key}:{chat.id}", chat_id=chat.id, kind=reminder.kind, payload=payload,
            not_before=reminder.send_at, expires_at=reminder.send_at + rules.settings.grace, working_group_id=group_id,
            task_lead_id=lead.lead_id if lead else None, period_key=reminder.period.key if reminder.period else None,
        )
        for chat in chats
    ]


async def _deadlines(session: AsyncSession, clock: Clock, group: WorkingGroup, report: TickReport) -> None:
    rules = rules_of(group)
    now = clock.now()
    while True:
        leads = await repo.leads_due(session, group.id, now, BATCH)
        if not leads:
            return
        report.leads_seen += len(leads)
        supports = await repo.supporters(session, sorted({lead.task_id for lead in leads})) if rules.settings.support_heads_up else {}
        decided: list[tuple[repo.DueLead, Reminder]] = []
        moments: dict[int, datetime | None] = {}
        for row in leads:
            lead = Lead(row.lead_id, row.task_id, row.agency_id, row.due, tuple(supports.get(row.task_id, ())))
            decision = lead_due(lead, rules, row.next_remind_at, now)
            moments[row.lead_id] = decision.next_at
            if decision.skipped:
                report.skipped_late += decision.skipped
                log.info("lead %s: %d reminders older than the grace period skipped", row.lead_id, decision.skipped)
            decided.extend((row, reminder) for reminder in decision.reminders)
        chats = await agency_chats(session, sorted({r.agency_id for _row, r in decided if r.agency_id is not None}))
        items: list[OutboxItem] = []
        for row, reminder in decided:
            assert reminder.agency_id is not None
            targets = chats.get(reminder.agency_id, [])
            if reminder.kind == HEADS_UP:
                payload = support_heads_up(row.agency_name, row.code, row.content, row.due)
            elif not targets:
                report.without_chat += 1
                continue
            else:
                payload = deadline_reminder(_facts(row, reminder, rules), row.lead_id)
                payload["link"] = {"agency_id": row.agency_id}
            items.extend(_items(reminder, targets, payload, rules, group.id))
        report.queued += await enqueue(session, items, now)
        await repo.set_next(session, moments)
        if len(leads) < BATCH:
            return


def _facts(lead: repo.DueLead, reminder: Reminder, rules: Rules) -> DeadlineFacts:
    send_day = rules.local_day(reminder.send_at)
    calendar = rules.calendar
    return DeadlineFacts(
        agency=lead.agency_name,
        code=lead.code,
        content=lead.content,
        due=lead.due,
        kind=reminder.kind,
        working_days_left=max(0, calendar.working_days_between(send_day, calendar.on_or_before(lead.due))),
        days_late=max(0, (send_day - lead.due).days),
    )


async def _reports(session: AsyncSession, clock: Clock, group: WorkingGroup, report: TickReport) -> None:
    rules = rules_of(group)
    now = clock.now()
    known: tuple[list[Reporter], Reached] | None = None
    for period in report_periods(rules, rules.local_day(now - rules.settings.grace), rules.local_day(now)):
        due = report_point_due(period, rules, now)
        if due is None:
            continue
        point, at = due
        known = known or await reporters_of(session, group.id, rules)
        reporters, chats = known
        done = frozenset(await repo.submitted_agencies(session, group.id, period.key))
        items: list[OutboxItem] = []
        for reminder in report_reminders(period, point, at, now, reporters, done, rules):
            if reminder.agency_id is None:
                names = sorted(chats.names[a] for a in reminder.owed)
                payload = reports_missing(period.label_vi, period.due, names)
                items.extend(_items(reminder, await ensure_secretariat_chats(session, clock, group.id), payload, rules, group.id))
            else:
                payload = _report_payload(reminder, period, chats.names[reminder.agency_id], rules)
                items.extend(_items(reminder, chats.chats.get(reminder.agency_id, []), payload, rules, group.id))
        report.queued += await enqueue(session, items, now)


def _report_payload(reminder: Reminder, period: Period, agency: str, rules: Rules) -> dict[str, Any]:
    calendar = rules.calendar
    left = calendar.working_days_between(rules.local_day(reminder.send_at), calendar.on_or_before(period.due))
    payload = report_reminder(agency, period.label_vi, period.due, reminder.kind, max(0, left))
    payload["link"] = {"agency_id": reminder.agency_id, "period_kind": period.kind}
    return payload

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
    Rules,
    lead_due,
    report_periods,
    report_point_due,
    report_reminders,
)
from plans.schedule import Point
from render.notices import MESSAGES as NOTICE_MESSAGES
from render.reminders import (
    DeadlineFacts,
    deadline_reminder,
    report_reminder,
    reports_missing,
    support_heads_up,
)
from scheduler.digest import digest_due, queue_digest
from scheduler.facts import reporters_by_group, rules_of
from services.chats import agency_chats, ensure_secretariat_chats_by_group
from services.clock import Clock
from services.notices.follow_up import remind_unacknowledged
from services.notices.states import OPEN
from storage import reminders as repo
from storage.db import Database
from storage.models import Chat, Notice, WorkingGroup
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
    """One pass over every working group: the deadlines and the periodic reports of all groups in
    one transaction each (a few queries whatever the number of groups: a province of 150 communes
    ticks as fast as one group), then the digest and the notices' follow-up of the groups they
    concern."""
    report = TickReport()
    async with db.transaction() as session:
        groups = list(await session.scalars(select(WorkingGroup).order_by(WorkingGroup.id)))
        noticed = set(await session.scalars(select(Notice.working_group_id).where(Notice.state == OPEN).distinct()))
    rules = {group.id: rules_of(group) for group in groups}
    async with db.transaction() as session:
        await _deadlines(session, clock, rules, report)
    async with db.transaction() as session:
        await _reports(session, clock, groups, rules, report)
    for group in groups:
        if digest_due(group, clock):
            async with db.transaction() as session:
                report.queued += await queue_digest(session, clock, group)
        if group.id in noticed:
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


async def _deadlines(session: AsyncSession, clock: Clock, rules_by_group: dict[int, Rules], report: TickReport) -> None:
    """Every group's due leads, each decided by its agency's group's rules."""
    now = clock.now()
    heads_up = {group_id for group_id, rules in rules_by_group.items() if rules.settings.support_heads_up}
    while True:
        leads = [row for row in await repo.leads_due(session, now, BATCH) if row.group_id in rules_by_group]
        if not leads:
            return
        report.leads_seen += len(leads)
        supports = await repo.supporters(session, sorted({r.task_id for r in leads if r.group_id in heads_up})) if heads_up else {}
        decided: list[tuple[repo.DueLead, Reminder]] = []
        moments: dict[int, datetime | None] = {}
        for row in leads:
            rules = rules_by_group[row.group_id]
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
            rules = rules_by_group[row.group_id]
            targets = chats.get(reminder.agency_id, [])
            if reminder.kind == HEADS_UP:
                payload = support_heads_up(row.agency_name, row.code, row.content, row.due)
            elif not targets:
                report.without_chat += 1
                continue
            else:
                payload = deadline_reminder(_facts(row, reminder, rules), row.lead_id)
                payload["link"] = {"agency_id": row.agency_id}
            items.extend(_items(reminder, targets, payload, rules, row.group_id))
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


@dataclass(frozen=True)
class _ReportPoint:
    group: WorkingGroup
    period: Period
    point: Point
    at: datetime


def _report_points(rules: Rules, now: datetime) -> list[tuple[Period, Point, datetime]]:
    """A group's report points whose moment has come (within the grace period): calendar only."""
    found = []
    for period in report_periods(rules, rules.local_day(now - rules.settings.grace), rules.local_day(now)):
        due = report_point_due(period, rules, now)
        if due is not None:
            found.append((period, *due))
    return found


async def _reports(
    session: AsyncSession, clock: Clock, groups: list[WorkingGroup], rules_by_group: dict[int, Rules], report: TickReport
) -> None:
    """The report points of every group, their reporters and submissions read once for all."""
    now = clock.now()
    same: dict[Rules, list[tuple[Period, Point, datetime]]] = {}  # groups with the same rules have the same points
    points: list[_ReportPoint] = []
    for group in groups:
        rules = rules_by_group[group.id]
        if rules not in same:
            same[rules] = _report_points(rules, now)
        points.extend(_ReportPoint(group, *due) for due in same[rules])
    if not points:
        return
    missing = {p.group.id for p in points if p.point.kind == "report_missing"}
    known = await reporters_by_group(session, {p.group.id: rules_by_group[p.group.id] for p in points}, missing)
    reporting = {r.agency_id for reporters, _reached in known.values() for r in reporters}
    done = await repo.submitted_by_period(session, {p.period.key for p in points}, reporting)
    decided = [
        (p, reminder)
        for p in points
        for reminder in report_reminders(
            p.period, p.point, p.at, now, known[p.group.id][0], frozenset(done.get(p.period.key, set())),
            rules_by_group[p.group.id],
        )
    ]
    told = {p.group.id for p, reminder in decided if reminder.agency_id is None}
    secretariat = await ensure_secretariat_chats_by_group(session, clock, sorted(told)) if told else {}
    items: list[OutboxItem] = []
    for p, reminder in decided:
        rules = rules_by_group[p.group.id]
        chats = known[p.group.id][1]
        if reminder.agency_id is None:
            names = sorted(chats.names[a] for a in reminder.owed)
            payload = reports_missing(p.period.label_vi, p.period.due, names)
            items.extend(_items(reminder, secretariat[p.group.id], payload, rules, p.group.id))
        else:
            payload = _report_payload(reminder, p.period, chats.names[reminder.agency_id], rules)
            items.extend(_items(reminder, chats.chats.get(reminder.agency_id, []), payload, rules, p.group.id))
    report.queued += await enqueue(session, items, now)


def _report_payload(reminder: Reminder, period: Period, agency: str, rules: Rules) -> dict[str, Any]:
    calendar = rules.calendar
    left = calendar.working_days_between(rules.local_day(reminder.send_at), calendar.on_or_before(period.due))
    payload = report_reminder(agency, period.label_vi, period.due, reminder.kind, max(0, left))
    payload["link"] = {"agency_id": reminder.agency_id, "period_kind": period.kind}
    return payload

"""Notices from the secretariat: the draft, its recipients, the fan-out, acknowledgements, follow-up.

The draft lives in a ``Conversation`` row (kind ``notice``) until the secretariat confirms it;
nothing reaches an agency before that. On confirmation one transaction writes the ``Notice``, one
``NoticeDelivery`` per recipient chat, the outbox rows (``notice:{notice_id}:{chat_id}``, with
``notice_delivery_id``) and, when the attached notice file assigns tasks, the tasks themselves
(:func:`services.imports.save`, linked by ``Notice.plan_id``). The outbox sender does the rest
within Telegram's limits; its idempotency keys and claim leases make a restart in the middle of a
fan-out resume where it stopped instead of starting again.

Recipient groups offered as buttons (besides "all agencies" and a hand-picked list):

* by name prefix, on the stored names folded (no diacritics, lower case):
  "Các sở, ban, ngành" = names starting with "Sở " or "Ban ";
  "UBND các xã, phường" = names starting with "UBND xã", "UBND phường", "UBND thị trấn"
  (or "Ủy ban nhân dân xã/phường/thị trấn");
* the collective names known with their members: a stored collective agency's ``members``
  (names or ids), and the built-in registry's collectives (``Các sở, ban, ngành``,
  ``Các phòng, ban UBND thị xã`` …) expanded to the stored agencies they name.
  A collective whose label or member set repeats an earlier group is left out; groups with no
  stored agency are not offered.

Delivery state (``NoticeDelivery.state``) follows the outbox, read by idempotency key (the outbox's
unique index) on every follow-up pass: ``pending`` → ``sent`` or ``failed`` (with the sender's
error); ``sent`` → ``reminded`` once the one reminder is queued; any → ``acknowledged`` when
someone of the agency presses "Đã nhận". A notice is ``open`` while any delivery is pending or
sent, then ``settled``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any, Literal, Protocol

from sqlalchemy import delete, func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from plans.agencies import default_registry
from plans.calendar import next_send_time
from plans.documents.model import ParsedPlan
from plans.text import fold
from plans.working_hours import add_working_time
from render.notices import (
    NoticeSummary,
    PreviewFacts,
    TaskLine,
    TasksFound,
    acknowledged_text,
    failure_report,
    file_payload,
    notice_payload,
    reminder_payload,
)
from services import imports
from services.access import Actor
from services.agencies import active_agencies
from services.chats import agency_chats, ensure_chat, notify_secretariat_with_buttons
from services.clock import Clock
from services.reminders import settings_of
from storage.models import (
    Agency,
    Chat,
    Conversation,
    Notice,
    NoticeDelivery,
    Outbox,
    Person,
    Plan,
    Task,
    TaskLead,
    WorkingGroup,
)
from storage.outbox import OutboxItem, enqueue

KIND = "notice"
DRAFT_TTL = timedelta(hours=3)
MAX_FILES = 10
PAGE_SIZE = 8
MAX_GROUPS = 8
TASK_FILE_SUFFIXES = (".docx", ".txt", ".md")

# delivery states
PENDING, SENT, REMINDED, FAILED, ACKNOWLEDGED = "pending", "sent", "reminded", "failed", "acknowledged"
# notice states
OPEN, SETTLED = "open", "settled"

ALL_LABEL = "Tất cả đơn vị"
PREFIX_GROUPS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("Các sở, ban, ngành", ("so ", "ban ")),
    (
        "UBND các xã, phường",
        (
            "ubnd xa ",
            "ubnd phuong ",
            "ubnd thi tran ",
            "uy ban nhan dan xa ",
            "uy ban nhan dan phuong ",
            "uy ban nhan dan thi tran ",
        ),
    ),
)


def notice_key(notice_id: int, chat_id: int) -> str:
    return f"notice:{notice_id}:{chat_id}"


def reminder_key(notice_id: int, chat_id: int) -> str:
    return f"notice-remind:{notice_id}:{chat_id}"


# -- the draft ------------------------------------------------------------------------------------


@dataclass
class Draft:
    """A notice being composed (kept as JSON in its ``Conversation``)."""

    step: Literal["text", "recipients", "pick", "preview"] = "text"
    text: str | None = None
    files: list[dict[str, Any]] = field(default_factory=list)
    tasks: dict[str, Any] | None = None  # the file whose tasks will be saved, and what was found
    groups: list[dict[str, Any]] = field(default_factory=list)  # the recipient buttons offered
    label: str | None = None
    agency_ids: list[int] = field(default_factory=list)
    page: int = 0
    asks: list[int] = field(default_factory=list)  # the bot's messages of this draft (replies to them belong here)

    def to_json(self) -> dict[str, Any]:
        return {
            "step": self.step,
            "text": self.text,
            "files": list(self.files),
            "tasks": self.tasks,
            "groups": list(self.groups),
            "label": self.label,
            "agency_ids": list(self.agency_ids),
            "page": self.page,
            "asks": list(self.asks),
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Draft:
        return cls(
            step=data.get("step", "text"),
            text=data.get("text"),
            files=list(data.get("files") or []),
            tasks=data.get("tasks"),
            groups=list(data.get("groups") or []),
            label=data.get("label"),
            agency_ids=[int(i) for i in data.get("agency_ids") or []],
            page=int(data.get("page", 0)),
            asks=[int(i) for i in data.get("asks") or []],
        )

    def found(self) -> TasksFound | None:
        if not self.tasks:
            return None
        return TasksFound(
            name=str(self.tasks["name"]),
            count=int(self.tasks["count"]),
            dated=int(self.tasks["dated"]),
            lines=[
                TaskLine(
                    code=str(line["code"]),
                    agencies=str(line["agencies"]),
                    due=date.fromisoformat(line["due"]) if line.get("due") else None,
                    content=str(line["content"]),
                )
                for line in self.tasks.get("lines", [])
            ],
        )


async def open_draft(session: AsyncSession, clock: Clock, chat_id: int, person_tg: int, draft: Draft) -> int:
    """Start a draft (any earlier dialogue of this person in this chat ends); returns its id."""
    await session.execute(
        delete(Conversation).where(Conversation.chat_telegram_id == chat_id, Conversation.person_telegram_id == person_tg)
    )
    row = Conversation(
        chat_telegram_id=chat_id, person_telegram_id=person_tg, kind=KIND, data=draft.to_json(),
        expires_at=clock.now() + DRAFT_TTL,
    )
    session.add(row)
    await session.flush()
    return row.id


async def load_draft(
    session: AsyncSession, clock: Clock, chat_id: int, person_tg: int, draft_id: int | None = None
) -> tuple[Conversation, Draft] | None:
    """The person's open draft in this chat (and with this id, when given), if still fresh."""
    row = await session.scalar(
        select(Conversation).where(
            Conversation.chat_telegram_id == chat_id,
            Conversation.person_telegram_id == person_tg,
            Conversation.kind == KIND,
        )
    )
    if row is None or row.expires_at <= clock.now() or (draft_id is not None and row.id != draft_id):
        return None
    return row, Draft.from_json(row.data)


def store_draft(clock: Clock, row: Conversation, draft: Draft) -> None:
    """Write the draft back; each change keeps it alive for another :data:`DRAFT_TTL`."""
    row.data = draft.to_json()
    row.expires_at = clock.now() + DRAFT_TTL


async def take_draft(session: AsyncSession, clock: Clock, draft_id: int, person_tg: int) -> Draft | None:
    """End the draft and return it; only one caller ever gets it (a double press sends once)."""
    taken = (
        await session.execute(
            delete(Conversation)
            .where(
                Conversation.id == draft_id,
                Conversation.person_telegram_id == person_tg,
                Conversation.kind == KIND,
                Conversation.expires_at > clock.now(),
            )
            .returning(Conversation.data)
        )
    ).first()
    return Draft.from_json(taken[0]) if taken is not None else None


def tasks_found(parsed: ParsedPlan, name: str, file_id: str) -> dict[str, Any]:
    """What the preview says of the tasks of an attached file (dated tasks first)."""
    ordered = sorted(parsed.tasks, key=lambda t: (t.deadline.due is None, t.deadline.due or date.max))
    return {
        "file_id": file_id,
        "name": name,
        "count": len(parsed.tasks),
        "dated": sum(1 for t in parsed.tasks if t.deadline.due is not None),
        "lines": [
            {
                "code": t.code,
                "agencies": ", ".join(r.name for r in t.lead),
                "due": t.deadline.due.isoformat() if t.deadline.due else None,
                "content": t.content[:200],
            }
            for t in ordered[:8]
        ],
    }


# -- recipients -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class RecipientGroup:
    label: str
    agency_ids: tuple[int, ...]

    def to_json(self) -> dict[str, Any]:
        return {"label": self.label, "ids": list(self.agency_ids)}


async def _agencies(session: AsyncSession, group_id: int) -> list[Agency]:
    """The agencies a notice can go to: active ones, not collective names."""
    return [a for a in await active_agencies(session, group_id) if not a.collective]


async def recipient_groups(session: AsyncSession, group_id: int) -> list[RecipientGroup]:
    """"All agencies", then the groups described in the module docstring (at most :data:`MAX_GROUPS`)."""
    stored = await active_agencies(session, group_id)
    agencies = [a for a in stored if not a.collective]
    groups = [RecipientGroup(ALL_LABEL, tuple(a.id for a in agencies))]
    seen_labels = {fold(ALL_LABEL)}
    seen_sets = {frozenset(groups[0].agency_ids)}

    def offer(label: str, ids: list[int]) -> None:
        members = frozenset(ids)
        if not members or fold(label) in seen_labels or members in seen_sets or len(groups) > MAX_GROUPS:
            return
        seen_labels.add(fold(label))
        seen_sets.add(members)
        groups.append(RecipientGroup(label, tuple(dict.fromkeys(ids))))

    for label, prefixes in PREFIX_GROUPS:
        offer(label, [a.id for a in agencies if a.folded.startswith(prefixes)])
    registry = default_registry()
    index: dict[str, int] = {}
    for a in agencies:
        for name in (a.name, *a.aliases):
            index.setdefault(fold(str(name)), a.id)
        known = registry.resolve(a.name)
        if known is not None:
            index.setdefault(fold(known.name), a.id)
    valid = {a.id for a in agencies}

    def ids_of(members: list[Any]) -> list[int]:
        out: list[int] = []
        for member in members:
            found = member if isinstance(member, int) and member in valid else index.get(fold(str(member)))
            if found is not None and found not in out:
                out.append(found)
        return out

    for collective in stored:
        if collective.collective and collective.members:
            offer(collective.name, ids_of(list(collective.members)))
    for known in registry.agencies:
        if known.collective and known.members:
            offer(known.name, ids_of([m.name for m in registry.expand(known.name)]))
    return groups


async def agencies_page(session: AsyncSession, group_id: int, page: int) -> tuple[list[Agency], int, int]:
    """One page of the hand-picked list: (agencies, the page shown, number of pages)."""
    agencies = await _agencies(session, group_id)
    pages = max(1, -(-len(agencies) // PAGE_SIZE))
    page = min(max(page, 0), pages - 1)
    return agencies[page * PAGE_SIZE : (page + 1) * PAGE_SIZE], page, pages


async def _chosen(session: AsyncSession, group_id: int, agency_ids: list[int]) -> list[Agency]:
    wanted = set(agency_ids)
    return [a for a in await _agencies(session, group_id) if a.id in wanted]


def _silent(clock: Clock, group: WorkingGroup) -> bool:
    """Outside the sending window a notice still goes at once (the secretariat chose to send it),
    but without a sound."""
    settings = settings_of(group)
    now = clock.now()
    return next_send_time(settings.calendar(), settings.window, group.timezone, now) != now


async def preview(session: AsyncSession, clock: Clock, group: WorkingGroup, draft: Draft) -> PreviewFacts:
    agencies = await _chosen(session, group.id, draft.agency_ids)
    chats = await agency_chats(session, [a.id for a in agencies])
    return PreviewFacts(
        text=draft.text or "",
        files=draft.files,
        tasks=draft.found(),
        label=draft.label or ALL_LABEL,
        reached=[a.name for a in agencies if chats.get(a.id)],
        chats=sum(len(chats.get(a.id, [])) for a in agencies),
        unreached=[a.name for a in agencies if not chats.get(a.id)],
        silent=_silent(clock, group),
    )


# -- sending ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Sent:
    notice_id: int
    chats: int
    agencies: int
    queued: int
    tasks_saved: int = 0
    plan_title: str | None = None


async def _tasks_per_agency(session: AsyncSession, plan_id: int) -> dict[int, int]:
    rows = await session.execute(
        select(TaskLead.agency_id, func.count())
        .join(Task, Task.id == TaskLead.task_id)
        .where(Task.plan_id == plan_id, Task.removed_at.is_(None))
        .group_by(TaskLead.agency_id)
    )
    return {agency_id: int(n) for agency_id, n in rows.all()}


async def send(
    session: AsyncSession, clock: Clock, group: WorkingGroup, person_id: int | None, draft: Draft,
    parsed: ParsedPlan | None = None,
) -> Sent | None:
    """Write the notice, its deliveries, its outbox rows and its tasks (call in one transaction).

    None when no chosen agency has a chat (nothing is written)."""
    agencies = await _chosen(session, group.id, draft.agency_ids)
    chats = await agency_chats(session, [a.id for a in agencies])
    targets = [(agency, chat) for agency in agencies for chat in chats.get(agency.id, [])]
    if not targets:
        return None
    now = clock.now()
    plan_id: int | None = None
    plan_title: str | None = None
    saved = 0
    if parsed is not None and parsed.tasks and draft.tasks:
        summary = await imports.save(session, clock, group, parsed, str(draft.tasks["name"]))
        plan_id, saved = summary.plan_id, summary.created + summary.updated
        plan = await session.get(Plan, plan_id)
        plan_title = plan.title if plan is not None else None
    notice = Notice(
        working_group_id=group.id, text=draft.text or "", files=list(draft.files), created_by=person_id,
        plan_id=plan_id, state=OPEN, created_at=now, sent_at=now,
    )
    session.add(notice)
    await session.flush()
    deliveries = [
        NoticeDelivery(notice_id=notice.id, chat_id=chat.id, agency_id=agency.id, state=PENDING)
        for agency, chat in targets
    ]
    session.add_all(deliveries)
    await session.flush()
    per_agency = await _tasks_per_agency(session, plan_id) if plan_id is not None else {}
    silent = _silent(clock, group)
    items: list[OutboxItem] = []
    for delivery, (agency, chat) in zip(deliveries, targets, strict=True):
        items.append(
            OutboxItem(
                key=notice_key(notice.id, chat.id),
                chat_id=chat.id,
                kind="notice",
                payload=notice_payload(
                    notice.text, agency.name, agency.id, delivery.id, notice.files, per_agency.get(agency.id, 0), silent
                ),
                not_before=now,
                working_group_id=group.id,
                notice_delivery_id=delivery.id,
            )
        )
        items.extend(
            OutboxItem(
                key=f"{notice_key(notice.id, chat.id)}:file:{n}",
                chat_id=chat.id,
                kind="notice_file",
                payload=file_payload(file, agency.id, silent),
                not_before=now,
                working_group_id=group.id,
            )
            for n, file in enumerate(notice.files)
        )
    queued = await enqueue(session, items, now)
    return Sent(notice.id, len(targets), len({a.id for a, _c in targets}), queued, saved, plan_title)


# -- acknowledging ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Ack:
    outcome: Literal["ok", "already", "refused", "unknown"]
    name: str = ""
    at: datetime | None = None
    tz: str = "Asia/Ho_Chi_Minh"
    edits: list[tuple[int, int, str]] = field(default_factory=list)  # chat, message, new text


async def _sent_messages(session: AsyncSession, delivery: NoticeDelivery, chat: Chat) -> list[Outbox]:
    keys = [notice_key(delivery.notice_id, chat.id), reminder_key(delivery.notice_id, chat.id)]
    return list(
        await session.scalars(
            select(Outbox).where(Outbox.idempotency_key.in_(keys), Outbox.telegram_message_id.is_not(None))
        )
    )


async def acknowledge(session: AsyncSession, clock: Clock, actor: Actor, delivery_id: int) -> Ack:
    """Someone of the agency says the notice was received. Only people acting for that agency
    (its group's members, its focal points) may; the secretariat may not acknowledge for it."""
    delivery = await session.get(NoticeDelivery, delivery_id)
    if delivery is None:
        return Ack("unknown")
    notice = await session.get(Notice, delivery.notice_id)
    group = await session.get(WorkingGroup, notice.working_group_id) if notice is not None else None
    tz = group.timezone if group is not None else "Asia/Ho_Chi_Minh"
    if delivery.agency_id is None or delivery.agency_id not in actor.agency_ids:
        return Ack("refused", tz=tz)
    now = clock.now()
    done = await session.execute(
        update(NoticeDelivery)
        .where(NoticeDelivery.id == delivery_id, NoticeDelivery.acknowledged_at.is_(None))
        .values(state=ACKNOWLEDGED, acknowledged_by=actor.person_id, acknowledged_at=now)
        .returning(NoticeDelivery.id)
    )
    if done.first() is None:
        await session.refresh(delivery)
        who = await session.get(Person, delivery.acknowledged_by) if delivery.acknowledged_by else None
        return Ack("already", who.full_name if who else "", delivery.acknowledged_at, tz)
    person = await session.get(Person, actor.person_id) if actor.person_id else None
    name = person.full_name if person is not None else str(actor.telegram_id)
    chat = await session.get(Chat, delivery.chat_id)
    edits: list[tuple[int, int, str]] = []
    if chat is not None:
        for row in await _sent_messages(session, delivery, chat):
            assert row.telegram_message_id is not None
            edits.append((chat.telegram_id, row.telegram_message_id, acknowledged_text(row.payload["text"], name, now, tz)))
    return Ack("ok", name, now, tz, edits)


# -- follow-up --------------------------------------------------------------------------------------


class Counts(Protocol):
    queued: int


@dataclass
class _Tally:
    queued: int = 0


@dataclass(frozen=True)
class _Row:
    delivery: NoticeDelivery
    notice: Notice
    agency: str


async def _open_rows(session: AsyncSession, group_id: int) -> list[_Row]:
    rows = await session.execute(
        select(NoticeDelivery, Notice, Agency.name)
        .join(Notice, Notice.id == NoticeDelivery.notice_id)
        .outerjoin(Agency, Agency.id == NoticeDelivery.agency_id)
        .where(
            Notice.working_group_id == group_id,
            Notice.state == OPEN,
            NoticeDelivery.state.in_((PENDING, SENT)),
        )
        .order_by(NoticeDelivery.id)
    )
    return [_Row(d, n, name or "") for d, n, name in rows.all()]


async def _outbox_by_key(session: AsyncSession, keys: list[str]) -> dict[str, Outbox]:
    found: dict[str, Outbox] = {}
    for start in range(0, len(keys), 500):
        for row in await session.scalars(select(Outbox).where(Outbox.idempotency_key.in_(keys[start : start + 500]))):
            found[row.idempotency_key] = row
    return found


async def _report_failures(
    session: AsyncSession, clock: Clock, notice: Notice, failures: list[tuple[int, str, str]]
) -> int:
    """Tell the notice's sender, once, which chats could not be reached (secretariat otherwise)."""
    text = failure_report(notice.id, notice.text, [(name, error) for _id, name, error in failures])
    key = f"notice-failed:{notice.id}:{min(i for i, _n, _e in failures)}"
    person = await session.get(Person, notice.created_by) if notice.created_by is not None else None
    if person is not None and person.private_chat_id is not None:
        chat = await ensure_chat(session, clock, person.private_chat_id, "private", person.full_name)
        if chat.active:
            item = OutboxItem(
                key=f"{key}:to:{chat.id}", chat_id=chat.id, kind="secretariat",
                payload={"text": text, "parse_mode": "HTML"}, not_before=clock.now(),
                working_group_id=notice.working_group_id,
            )
            return await enqueue(session, [item], clock.now())
    return await notify_secretariat_with_buttons(session, clock, notice.working_group_id, key, text, None)


async def follow_up(
    session: AsyncSession, clock: Clock, group: WorkingGroup, report: Counts | None = None, *, remind: bool = True
) -> None:
    """Bring delivery states up to date from the outbox, report failures to the notice's sender
    once, queue the one reminder to chats that have not acknowledged after
    ``ack_after_working_hours`` working hours, and settle notices nothing is left to do for."""
    tally = report if report is not None else _Tally()
    now = clock.now()
    rows = await _open_rows(session, group.id)
    outbox = await _outbox_by_key(session, [notice_key(r.notice.id, r.delivery.chat_id) for r in rows])
    settings = settings_of(group)
    calendar, window, tz = settings.calendar(), settings.window, group.timezone
    after = timedelta(hours=settings.ack_after_working_hours)
    failures: dict[int, list[tuple[int, str, str]]] = {}
    notices: dict[int, Notice] = {}
    reminders: list[OutboxItem] = []
    for row in rows:
        delivery, notice = row.delivery, row.notice
        sent = outbox.get(notice_key(notice.id, delivery.chat_id))
        if sent is None:
            continue
        if delivery.state == PENDING:
            if sent.state == "sent":
                delivery.state = SENT
            elif sent.state in ("failed", "expired"):
                delivery.state, delivery.error = FAILED, sent.last_error or sent.state
                failures.setdefault(notice.id, []).append((delivery.id, row.agency, delivery.error))
                notices[notice.id] = notice
        if not remind or delivery.state != SENT or sent.sent_at is None:
            continue
        if add_working_time(calendar, window, tz, sent.sent_at, after) > now:
            continue
        send_at = next_send_time(calendar, window, tz, now)
        reminders.append(
            OutboxItem(
                key=reminder_key(notice.id, delivery.chat_id),
                chat_id=delivery.chat_id,
                kind="notice_reminder",
                payload=reminder_payload(notice.text, row.agency, delivery.agency_id or 0, delivery.id, sent.sent_at, tz),
                not_before=send_at,
                expires_at=send_at + settings.grace,
                working_group_id=group.id,
                notice_delivery_id=delivery.id,
            )
        )
        delivery.state = REMINDED
    tally.queued += await enqueue(session, reminders, now)
    for notice_id, failed in failures.items():
        tally.queued += await _report_failures(session, clock, notices[notice_id], failed)
    still_open = {r.notice.id for r in rows if r.delivery.state in (PENDING, SENT)}
    await session.execute(
        update(Notice)
        .where(Notice.working_group_id == group.id, Notice.state == OPEN, Notice.id.not_in(still_open))
        .values(state=SETTLED)
    )


async def remind_unacknowledged(session: AsyncSession, clock: Clock, group: WorkingGroup, report: Counts) -> None:
    """The engine's pass for notices (see :func:`follow_up`)."""
    await follow_up(session, clock, group, report)


async def summaries(
    session: AsyncSession, clock: Clock, group: WorkingGroup, notice_id: int | None = None, limit: int = 5
) -> list[NoticeSummary]:
    """The latest notices (or one) with their counts, after bringing states up to date."""
    await follow_up(session, clock, group, remind=False)
    query = select(Notice).where(Notice.working_group_id == group.id)
    if notice_id is not None:
        query = query.where(Notice.id == notice_id)
    notices = list(await session.scalars(query.order_by(Notice.id.desc()).limit(limit)))
    if not notices:
        return []
    rows = (
        await session.execute(
            select(NoticeDelivery, Agency.name)
            .outerjoin(Agency, Agency.id == NoticeDelivery.agency_id)
            .where(NoticeDelivery.notice_id.in_([n.id for n in notices]))
            .order_by(Agency.name, NoticeDelivery.id)
        )
    ).all()
    plans = [n.plan_id for n in notices if n.plan_id is not None]
    task_counts: dict[int, int] = {}
    if plans:
        counted = await session.execute(
            select(Task.plan_id, func.count())
            .where(Task.plan_id.in_(plans), Task.removed_at.is_(None))
            .group_by(Task.plan_id)
        )
        task_counts = {plan_id: int(n) for plan_id, n in counted.all()}
    out: list[NoticeSummary] = []
    for notice in notices:
        mine = [(d, name or "") for d, name in rows if d.notice_id == notice.id]
        states = [d.state for d, _name in mine]
        waiting = [name for d, name in mine if d.state in (SENT, REMINDED)]
        out.append(
            NoticeSummary(
                id=notice.id,
                created_at=notice.created_at,
                text=notice.text,
                chats=len(mine),
                pending=states.count(PENDING),
                sent=sum(1 for s in states if s in (SENT, REMINDED, ACKNOWLEDGED)),
                failed=states.count(FAILED),
                acknowledged=states.count(ACKNOWLEDGED),
                waiting=len(waiting),
                not_acknowledged=sorted(set(waiting)),
                failures=[(name, d.error or "") for d, name in mine if d.state == FAILED],
                tasks=task_counts.get(notice.plan_id, 0) if notice.plan_id is not None else 0,
            )
        )
    return out

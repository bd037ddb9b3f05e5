"""Agencies answering the bot: a reply to a reminder, a press of its buttons, ``/cap_nhat``.

Each is one use case in one transaction: it finds what the answer is about (the replied message's
link, or the task code), checks who may answer, reads the words into a change and applies it, or
says what to ask next. The caller renders the result; nothing here writes text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from plans.replies import read_extension_answer, read_reply
from services import links, reports
from services.access import Actor
from services.clock import Clock, local_today
from services.people import Identity, actor_for
from services.status import Applied, Change, Origin, apply_change, decide_extension, lead_context
from services.tasks import lead_for
from services.unit import UnitOfWork
from storage.models import MessageLink, Task, TaskLead

# the follow-up questions a status button asks: the purpose of the question's link
QUESTIONS: dict[str, str] = {"prog": "ask_percent", "block": "ask_reason", "ext": "ask_date"}

Outcome = Literal[
    "applied",  # ``applied`` holds the change's result (which may itself be refused or a bad date)
    "not_linked",  # a reply to a bot message that is about nothing we keep
    "ignored",  # nothing to say (an edit of such a reply, a reply by someone unknown)
    "refused",  # the person may not answer for this agency
    "report_saved",
    "notice_hint",  # a reply to a notice: acknowledging is the button's job
    "evidence_saved",  # a file for the task, with no words
    "not_understood",  # ask again with the status choices (``lead_id``)
    "ask",  # ask the question ``question`` about ``lead_id``
    "unknown_code",  # /cap_nhat: no task of this code for the person's agencies
    "several_agencies",  # /cap_nhat: the person leads this task for several agencies
    "stale",  # a button whose subject is gone
    "which",  # words about a task, in a chat with several open reminders and no code: ask which (``codes``)
]


@dataclass(frozen=True)
class Answer:
    """A message answering one of the bot's messages, as the channel adapter read it."""

    who: Identity
    message_id: int
    replied_to: int
    text: str | None
    file: reports.FileInfo | None
    edited: bool


@dataclass(frozen=True)
class ReplyResult:
    outcome: Outcome
    lead_id: int | None = None
    question: str | None = None  # the purpose of the question to ask (``ask_percent``…)
    period_key: str | None = None
    applied: Applied | None = None
    codes: tuple[str, ...] = ()  # "which": the tasks the words may be about


def _change(purpose: str, text: str, clock: Clock, timezone: str) -> Change | None:
    """What the words say about the task, read in the light of the question they answer."""
    today = local_today(clock, timezone)
    reply = read_reply(text, today.year, today)
    if purpose == "ask_percent" and reply.percent is not None:
        return Change("done" if reply.percent >= 100 else "in_progress", percent=reply.percent, raw_text=text)
    if purpose == "ask_reason":
        return Change("blocked", reason=reply.reason or text.strip(), raw_text=text)
    if purpose == "ask_date":  # the words answer "until when?": read them as an extension request
        asked = read_extension_answer(text, today.year, today)
        if asked.date is not None:
            return Change("extension", date=asked.date, reason=asked.reason, raw_text=text)
    if reply.status in ("done", "in_progress", "blocked", "extension", "not_started"):
        return Change(status=reply.status, percent=reply.percent, reason=reply.reason, date=reply.date, raw_text=text)
    return None


async def _on_task(
    session: AsyncSession, clock: Clock, timezone: str, actor: Actor, lead_id: int, purpose: str, text: str,
    origin: Origin,
) -> ReplyResult:
    change = _change(purpose, text, clock, timezone)
    if change is None:
        return ReplyResult("not_understood", lead_id)
    if change.status == "extension" and change.date is None:
        return ReplyResult("ask", lead_id, question="ask_date")
    return ReplyResult("applied", lead_id, applied=await apply_change(session, clock, actor, lead_id, change, origin))


async def record_reply(
    db: UnitOfWork, clock: Clock, admin_ids: frozenset[int], timezone: str, answer: Answer
) -> ReplyResult:
    """A reply to a reminder, a task card, a report reminder, a notice or one of our questions."""
    chat = answer.who.chat_id
    async with db.transaction() as session:
        link = await links.find(session, chat, answer.replied_to, answer.who.channel)
        if link is None:
            return ReplyResult("ignored" if answer.edited else "not_linked")
        actor = await actor_for(session, clock, answer.who, admin_ids)
        action = "report_file" if link.period_key else "status_reply"
        if not actor.may(action) or (link.agency_id is not None and not actor.acts_for(link.agency_id)):
            return ReplyResult("refused")
        if link.period_key is not None:
            assert link.agency_id is not None
            saved = await reports.submit(
                session, clock, actor, link.agency_id, link.period_kind or "", link.period_key, answer.text,
                answer.file, chat,
            )
            return ReplyResult("report_saved" if saved is not None else "refused", period_key=link.period_key)
        if link.task_lead_id is None:
            hint = link.notice_delivery_id is not None and not answer.edited
            return ReplyResult("notice_hint" if hint else "ignored")
        if answer.file is not None:
            await reports.attach_evidence(session, clock, actor, link.task_lead_id, answer.file, chat)
            if not answer.text:
                return ReplyResult("evidence_saved", link.task_lead_id)
        if not answer.text:
            return ReplyResult("ignored")
        source = "edit" if answer.edited else ("file" if answer.file else "reply")
        origin = Origin("edit" if source == "edit" else "reply", chat, answer.message_id)
        return await _on_task(session, clock, timezone, actor, link.task_lead_id, link.purpose, answer.text, origin)


async def record_update(
    db: UnitOfWork, clock: Clock, timezone: str, actor: Actor, chat_id: int, message_id: int, code: str, text: str
) -> ReplyResult:
    """``/cap_nhat <mã> <nội dung>``: the same words, about the task named by its code."""
    assert actor.working_group_id is not None
    async with db.transaction() as session:
        leads = await lead_for(session, actor.working_group_id, code, actor.agency_ids)
        if not leads:
            return ReplyResult("unknown_code")
        if len({lead.agency_id for lead in leads}) > 1:
            return ReplyResult("several_agencies")
        origin = Origin("reply", chat_id, message_id)
        return await _on_task(session, clock, timezone, actor, leads[0].id, "command", text, origin)


async def press_status(
    db: UnitOfWork, clock: Clock, actor: Actor, lead_id: int, choice: str, chat_id: int, message_id: int,
    done_words: str,
) -> ReplyResult:
    """A status button of a reminder: "done" is recorded at once, the others ask a question."""
    async with db.transaction() as session:
        if choice == "done":
            origin = Origin("button", chat_id, message_id)
            applied = await apply_change(session, clock, actor, lead_id, Change("done", raw_text=done_words), origin)
            return ReplyResult("refused" if applied.outcome == "refused" else "applied", lead_id, applied=applied)
        if choice not in QUESTIONS:
            return ReplyResult("stale")
        found = await lead_context(session, lead_id)
    if found is None or not actor.acts_for(found[2].id):
        return ReplyResult("refused")
    return ReplyResult("ask", lead_id, question=QUESTIONS[choice])


async def decide(db: UnitOfWork, clock: Clock, actor: Actor, change_id: int, approve: bool) -> Applied:
    """The secretariat's answer to an extension request (see :func:`services.status.decide_extension`)."""
    async with db.transaction() as session:
        return await decide_extension(session, clock, actor, change_id, approve)


@dataclass(frozen=True)
class ChatAnswer:
    """Words written in a chat without reply links (Zalo): about one of the chat's open reminders.

    ``choice`` is a typed status choice (``done``, ``prog``, ``block``, ``ext``) when the words
    began with its number; ``text`` is then the rest of them."""

    who: Identity
    message_id: int
    text: str
    choice: str | None = None


@dataclass(frozen=True)
class _Open:
    lead_id: int
    agency_id: int
    code: str


async def _open_reminders(session: AsyncSession, who: Identity) -> list[_Open]:
    """Leads reminded in this chat that are not done yet, newest reminder first."""
    rows = await session.execute(
        select(TaskLead.id, TaskLead.agency_id, Task.code)
        .join(MessageLink, MessageLink.task_lead_id == TaskLead.id)
        .join(Task, Task.id == TaskLead.task_id)
        .where(
            MessageLink.channel == who.channel,
            MessageLink.chat_external_id == who.chat_id,
            TaskLead.status != "done",
            Task.removed_at.is_(None),
        )
        .order_by(MessageLink.id.desc())
    )
    found: dict[int, _Open] = {}
    for lead, agency, code in rows:
        found.setdefault(lead, _Open(lead, agency, code))
    return list(found.values())


def _named(text: str, code: str) -> bool:
    return re.search(rf"(?<![\w.]){re.escape(code)}(?![\w]|\.\w)", text, re.IGNORECASE) is not None


def _by_code(text: str, candidates: list[_Open]) -> list[_Open]:
    """The candidates whose task code the words name; the longest code wins (``1.2`` over ``1``)."""
    named = [c for c in candidates if _named(text, c.code)]
    longest = max((len(c.code) for c in named), default=0)
    return [c for c in named if len(c.code) == longest]


def _typed_change(choice: str, text: str, clock: Clock, timezone: str) -> Change:
    """A typed status choice with the words after it (``2 đạt 60%``)."""
    if choice == "done":
        return Change("done", raw_text=text or None)
    found = _change(QUESTIONS[choice], text, clock, timezone) if text else None
    if found is not None:
        return found
    return {"prog": Change("in_progress", raw_text=text), "block": Change("blocked", reason=text or None, raw_text=text)}.get(
        choice, Change("extension", raw_text=text)
    )


async def record_chat_reply(
    db: UnitOfWork, clock: Clock, admin_ids: frozenset[int], timezone: str, answer: ChatAnswer
) -> ReplyResult:
    """Words about a task in a chat where nothing says which message they answer: the task is the
    one whose code they name, else the chat's only open reminder; with several, ask which. Words
    that say nothing about progress are left alone (people talk in their groups)."""
    if answer.choice is None:
        if _change("reply", answer.text, clock, timezone) is None:
            return ReplyResult("ignored")
    elif answer.choice not in ("done", *QUESTIONS):
        return ReplyResult("ignored")
    async with db.transaction() as session:
        actor = await actor_for(session, clock, answer.who, admin_ids)
        if not actor.may("status_reply"):
            return ReplyResult("ignored")
        candidates = [c for c in await _open_reminders(session, answer.who) if actor.acts_for(c.agency_id)]
        if not candidates:
            return ReplyResult("ignored")
        chosen = _by_code(answer.text, candidates) or candidates
        if len(chosen) > 1:
            return ReplyResult("which", codes=tuple(sorted({c.code for c in chosen})))
        lead_id = chosen[0].lead_id
        origin = Origin("reply", answer.who.chat_id, answer.message_id)
        if answer.choice is None:
            return await _on_task(session, clock, timezone, actor, lead_id, "reply", answer.text, origin)
        change = _typed_change(answer.choice, answer.text, clock, timezone)
        if change.status == "extension" and change.date is None:
            return ReplyResult("ask", lead_id, question="ask_date")
        return ReplyResult("applied", lead_id, applied=await apply_change(session, clock, actor, lead_id, change, origin))

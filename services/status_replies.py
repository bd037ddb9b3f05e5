"""Agencies answering the bot: a reply to a reminder, a press of its buttons, ``/cap_nhat``.

Each is one use case in one transaction: it finds what the answer is about (the replied message's
link, or the task code), checks who may answer, reads the words into a change and applies it, or
says what to ask next. The caller renders the result; nothing here writes text.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from sqlalchemy.ext.asyncio import AsyncSession

from plans.replies import read_reply
from services import links, reports
from services.access import Actor
from services.clock import Clock, local_today
from services.people import Identity, actor_for
from services.status import Applied, Change, Origin, apply_change, decide_extension, lead_context
from services.tasks import lead_for
from services.unit import UnitOfWork

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


def _change(purpose: str, text: str, clock: Clock, timezone: str) -> Change | None:
    """What the words say about the task, read in the light of the question they answer."""
    today = local_today(clock, timezone)
    reply = read_reply(text, today.year, today)
    if purpose == "ask_percent" and reply.percent is not None:
        return Change("done" if reply.percent >= 100 else "in_progress", percent=reply.percent, raw_text=text)
    if purpose == "ask_reason":
        return Change("blocked", reason=reply.reason or text.strip(), raw_text=text)
    if purpose == "ask_date" and reply.date is not None:
        return Change("extension", date=reply.date, reason=reply.reason, raw_text=text)
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

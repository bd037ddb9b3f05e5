"""Composing a notice, step by step: the draft's state machine.

``/thong_bao`` opens a draft; its text and files come as messages, its recipients and the
confirmation as button presses. Each step is one use case: it loads the draft, changes it and says
what to show next (:class:`Next`); the caller renders that and, once its messages are sent,
:func:`remember` makes replies to them part of the draft.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any, Literal

from sqlalchemy.ext.asyncio import AsyncSession

from plans.agencies import Registry
from plans.documents.model import ParsedPlan
from services import links
from services.access import Actor
from services.clock import Clock
from services.groups import group_by_id
from services.imports import registry_for
from services.notices import drafts, fan_out, recipients
from services.notices.messages import NoticeMessages
from services.notices.results import PreviewFacts, TasksFound
from services.unit import UnitOfWork

DRAFT_LINK = "notice_draft"  # MessageLink.purpose of the draft's own messages

#: Reads the tasks of an attached file with the group's agencies; None when it has none.
ReadTasks = Callable[[str, str, Registry], Awaitable[ParsedPlan | None]]  # file id, name, registry

Shown = Literal[
    "ask_text",  # ask for the notice's text
    "ask_text_after_file",  # a file came first: ask for the text
    "too_long",  # the text is too long: ask again
    "busy",  # a text came while the draft waits for recipients or confirmation
    "recipients",  # ask where it goes (``draft.groups``)
    "no_agencies",  # no agency to send to
    "picking",  # one page of agencies to tick (``page``)
    "none_chosen",  # "Xong" with nothing ticked
    "chosen",  # the recipients are set (``label``, ``count``), then the preview (``preview``)
    "preview",  # the preview again (after a file was added at that step)
    "cancelled",
    "unreadable",  # the tasks' file cannot be read again at confirmation (``name``)
    "nothing_to_send",  # no chosen agency has a chat
    "sent",  # ``sent``
    "gone",  # the draft expired, was sent or cancelled
    "stale",  # a button this draft does not know
    "none",  # nothing to show
]


@dataclass(frozen=True)
class AgencyPage:
    agencies: list[tuple[int, str]]
    chosen: frozenset[int]
    page: int
    pages: int


@dataclass(frozen=True)
class Next:
    """What to show after a step."""

    shown: Shown
    draft_id: int = 0
    draft: drafts.Draft | None = None
    preview: PreviewFacts | None = None
    page: AgencyPage | None = None
    label: str = ""
    count: int = 0
    name: str = ""
    sent: fan_out.Sent | None = None


@dataclass(frozen=True)
class Attached:
    """A file added to the draft, and what comes next."""

    next: Next
    name: str = ""
    files: int = 0
    tasks: TasksFound | None = None  # the tasks this file assigns (read now)
    tasks_file: str | None = None  # the file the tasks come from, when it is another one
    too_many: bool = False


def _owner(actor: Actor) -> int:
    return actor.external_id


async def _load(session: AsyncSession, clock: Clock, actor: Actor, chat_id: int, draft_id: int) -> tuple[Any, drafts.Draft] | None:
    return await drafts.load_draft(session, clock, chat_id, _owner(actor), draft_id)


async def _ask_recipients(session: AsyncSession, clock: Clock, actor: Actor, chat_id: int, draft_id: int) -> Next:
    assert actor.working_group_id is not None
    found = await _load(session, clock, actor, chat_id, draft_id)
    if found is None:
        return Next("none", draft_id)
    row, draft = found
    groups = await recipients.recipient_groups(session, actor.working_group_id)
    draft.groups = [g.to_json() for g in groups]
    draft.step = "recipients"
    drafts.store_draft(clock, row, draft)
    return Next("recipients" if groups[0].agency_ids else "no_agencies", draft_id, draft)


async def _preview(session: AsyncSession, clock: Clock, actor: Actor, chat_id: int, draft_id: int, shown: Shown, **more: Any) -> Next:
    group = await group_by_id(session, actor.working_group_id)
    assert group is not None
    found = await _load(session, clock, actor, chat_id, draft_id)
    if found is None:
        return Next("none", draft_id)
    return Next(shown, draft_id, found[1], await fan_out.preview(session, clock, group, found[1]), **more)


async def start(db: UnitOfWork, clock: Clock, actor: Actor, chat_id: int, text: str) -> Next:
    """``/thong_bao [nội dung]``: a new draft (any earlier one of this person here ends)."""
    draft = drafts.Draft()
    if text and len(text) <= drafts.TEXT_LIMIT:
        draft.text, draft.step = text, "recipients"
    async with db.transaction() as session:
        draft_id = await drafts.open_draft(session, clock, chat_id, _owner(actor), draft)
        if draft.text:
            return await _ask_recipients(session, clock, actor, chat_id, draft_id)
    return Next("too_long" if text else "ask_text", draft_id)


async def remember(db: UnitOfWork, clock: Clock, actor: Actor, chat_id: int, draft_id: int, message_ids: list[int]) -> None:
    """Replies to these messages of the bot belong to the draft (and, once it is gone, are told so)."""
    async with db.transaction() as session:
        found = await _load(session, clock, actor, chat_id, draft_id)
        if found is not None:
            row, draft = found
            draft.asks = [*draft.asks, *message_ids][-20:]
            drafts.store_draft(clock, row, draft)
        for message_id in message_ids:
            await links.record(session, clock, chat_id, message_id, purpose=DRAFT_LINK)


@dataclass(frozen=True)
class Route:
    """Whether a message in a private chat belongs to a draft of its author."""

    draft_id: int | None  # the draft it belongs to
    expired: bool = False  # it answers a message of a draft that is gone


async def route(db: UnitOfWork, clock: Clock, chat_id: int, person_external_id: int, replied_to: int | None) -> Route:
    async with db.transaction() as session:
        found = await drafts.load_draft(session, clock, chat_id, person_external_id)
        if found is None:
            link = await links.find(session, chat_id, replied_to) if replied_to is not None else None
            return Route(None, expired=link is not None and link.purpose == DRAFT_LINK)
    row, draft = found
    if replied_to is not None and replied_to not in draft.asks:
        return Route(None)
    return Route(row.id)


async def take_text(db: UnitOfWork, clock: Clock, actor: Actor, chat_id: int, draft_id: int, text: str) -> Next:
    """The notice's text, typed (or answering the bot's question)."""
    async with db.transaction() as session:
        found = await _load(session, clock, actor, chat_id, draft_id)
        if found is None:
            return Next("none", draft_id)
        row, draft = found
        if draft.step != "text":
            return Next("busy", draft_id)
        if len(text) > drafts.TEXT_LIMIT:
            return Next("too_long", draft_id)
        draft.text = text
        drafts.store_draft(clock, row, draft)
        return await _ask_recipients(session, clock, actor, chat_id, draft_id)


@dataclass(frozen=True)
class File:
    file_id: str
    name: str
    size: int | None
    caption: str = ""
    readable: bool = False  # of a kind whose tasks the reader can find


async def attach(
    db: UnitOfWork, clock: Clock, actor: Actor, chat_id: int, draft_id: int, file: File, read_tasks: ReadTasks
) -> Attached:
    """A file for the draft; the first file that assigns tasks gives the notice its tasks."""
    assert actor.working_group_id is not None
    async with db.transaction() as session:
        found = await _load(session, clock, actor, chat_id, draft_id)
        registry = await registry_for(session, actor.working_group_id) if found is not None else None
    if found is None or registry is None:
        return Attached(Next("none", draft_id))
    if len(found[1].files) >= drafts.MAX_FILES:
        return Attached(Next("none", draft_id), too_many=True)
    wanted = file.readable and found[1].tasks is None
    parsed = await read_tasks(file.file_id, file.name, registry) if wanted else None
    async with db.transaction() as session:
        found = await _load(session, clock, actor, chat_id, draft_id)
        if found is None:
            return Attached(Next("none", draft_id))
        row, draft = found
        draft.files = [*draft.files, {"file_id": file.file_id, "name": file.name, "size": file.size}]
        tasks = None
        if parsed is not None and draft.tasks is None:
            draft.tasks = drafts.tasks_found(parsed, file.name, file.file_id)
            tasks = draft.found()
        if draft.step == "text" and not draft.text and file.caption and len(file.caption) <= drafts.TEXT_LIMIT:
            draft.text = file.caption
        drafts.store_draft(clock, row, draft)
        other = str(draft.tasks["name"]) if file.readable and tasks is None and draft.tasks is not None else None
        if draft.step == "text" and draft.text:
            shown = await _ask_recipients(session, clock, actor, chat_id, draft_id)
        elif draft.step == "text":
            shown = Next("ask_text_after_file", draft_id)
        elif draft.step == "preview":
            shown = await _preview(session, clock, actor, chat_id, draft_id, "preview")
        else:
            shown = Next("none", draft_id)
    return Attached(shown, file.name, len(draft.files), tasks, other)


async def press(
    db: UnitOfWork, clock: Clock, actor: Actor, chat_id: int, draft_id: int, choice: str, picked_label: str,
    messages: NoticeMessages, read_tasks: ReadTasks,
) -> Next:
    """A button of the draft: a recipient group (``g<n>``), a page of agencies (``p<n>``), an
    agency ticked (``t<id>``), done ticking (``d``), choose again (``r``), send (``ok``), cancel (``no``)."""
    assert actor.working_group_id is not None
    number = int(choice[1:]) if choice[1:].isdigit() else None
    async with db.transaction() as session:
        found = await _load(session, clock, actor, chat_id, draft_id)
        if found is None:
            return Next("gone", draft_id)
        row, draft = found
        if choice == "no":
            await drafts.take_draft(session, clock, draft_id, _owner(actor))
            return Next("cancelled", draft_id)
        if choice.startswith("g") and number is not None and number < len(draft.groups):
            group = draft.groups[number]
            return await _choose(session, clock, actor, chat_id, row, draft, str(group["label"]), [int(i) for i in group["ids"]])
        if choice.startswith(("p", "t")) and number is not None:
            page = number if choice.startswith("p") else draft.page
            if choice.startswith("t"):
                draft.agency_ids = sorted(set(draft.agency_ids) ^ {number})
            agencies, page, pages = await recipients.agencies_page(session, actor.working_group_id, page)
            draft.step, draft.page = "pick", page
            drafts.store_draft(clock, row, draft)
            shown = AgencyPage([(a.id, a.name) for a in agencies], frozenset(draft.agency_ids), page, pages)
            return Next("picking", draft_id, draft, page=shown)
        if choice == "d":
            if not draft.agency_ids:
                return Next("none_chosen", draft_id)
            return await _choose(session, clock, actor, chat_id, row, draft, picked_label, None)
        if choice == "r":
            return await _ask_recipients(session, clock, actor, chat_id, draft_id)
    if choice == "ok":
        return await _confirm(db, clock, actor, chat_id, draft_id, draft, messages, read_tasks)
    return Next("stale", draft_id)


async def _choose(
    session: AsyncSession, clock: Clock, actor: Actor, chat_id: int, row: Any, draft: drafts.Draft, label: str,
    ids: list[int] | None,
) -> Next:
    if ids is not None:
        draft.agency_ids = ids
    draft.label, draft.step = label, "preview"
    drafts.store_draft(clock, row, draft)
    return await _preview(session, clock, actor, chat_id, row.id, "chosen", label=label, count=len(draft.agency_ids))


class _NothingToSend(Exception):
    """Rolls the confirming transaction back (the draft stays) when no chat would receive it."""


async def _confirm(
    db: UnitOfWork, clock: Clock, actor: Actor, chat_id: int, draft_id: int, draft: drafts.Draft,
    messages: NoticeMessages, read_tasks: ReadTasks,
) -> Next:
    """Send: the notice, its deliveries, outbox rows and tasks in one transaction (see ``fan_out``)."""
    assert actor.working_group_id is not None
    parsed = None
    if draft.tasks:
        name = str(draft.tasks["name"])
        async with db.transaction() as session:
            registry = await registry_for(session, actor.working_group_id)
        parsed = await read_tasks(str(draft.tasks["file_id"]), name, registry)
        if parsed is None:
            return Next("unreadable", draft_id, name=name)
    try:
        async with db.transaction() as session:
            group = await group_by_id(session, actor.working_group_id)
            assert group is not None
            taken = await drafts.take_draft(session, clock, draft_id, _owner(actor))
            if taken is None:
                return Next("gone", draft_id)
            sent = await fan_out.send(session, clock, group, actor.person_id, taken, messages, parsed)
            if sent is None:
                raise _NothingToSend
    except _NothingToSend:
        return Next("nothing_to_send", draft_id)
    return Next("sent", draft_id, sent=sent)


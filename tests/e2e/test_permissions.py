"""Every command and every button as every role: allowed or refused exactly as the table says."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pytest

from bot.sandbox import Sandbox
from handlers.buttons import ROUTES
from handlers.commands import catalogue
from services.access import PERMISSIONS, RoleName
from services.chats import ensure_chat
from services.clock import ManualClock
from storage.outbox import OutboxItem, enqueue
from tests.e2e.flows import bind_group
from tests.e2e.test_reminders import at
from tests.seed import seed_task
from tgserver.people import Chat, User

REFUSAL = "không có quyền"


@dataclass
class Seat:
    role: RoleName
    user: User
    chat: Chat


async def seats(box: Sandbox) -> list[Seat]:
    """One person per role, each in the chat where that role is used."""
    admin_dm = box.dm(box.admin)
    bound = await bind_group(box, "Sở Y tế")
    member = box.tg.add_user("Thành viên", "nhóm")
    box.tg.add_member(bound.group, member, by=bound.focal)
    people = {}
    for role, word in ((RoleName.SECRETARIAT, "thu_ky"), (RoleName.LEADER, "lanh_dao")):
        person = box.tg.add_user("Người", word)
        await box.ask(box.dm(person), person, "/start")
        answer = await box.ask(admin_dm, box.admin, f"/vai_tro {person.id} {word}", contains="vai trò")
        assert "Đã cấp" in answer.shown_text
        people[role] = person
    stranger = box.tg.add_user("Người", "lạ")
    await box.ask(box.dm(stranger), stranger, "/start")
    return [
        Seat(RoleName.ADMIN, box.admin, admin_dm),
        Seat(RoleName.SECRETARIAT, people[RoleName.SECRETARIAT], box.dm(people[RoleName.SECRETARIAT])),
        Seat(RoleName.LEADER, people[RoleName.LEADER], box.dm(people[RoleName.LEADER])),
        Seat(RoleName.FOCAL, bound.focal, bound.group),
        Seat(RoleName.MEMBER, member, bound.group),
        Seat(RoleName.STRANGER, stranger, box.dm(stranger)),
    ]


@pytest.fixture
async def seated(sandbox: Sandbox, clock: ManualClock) -> list[Seat]:
    clock.set(at(date(2024, 4, 15), 8, 0))
    return await seats(sandbox)


async def test_every_command_as_every_role(sandbox: Sandbox, seated: list[Seat]) -> None:
    wrong: list[str] = []
    for seat in seated:
        for command in catalogue():
            answer = await sandbox.ask(seat.chat, seat.user, f"/{command.name}", timeout=15)
            refused = REFUSAL in answer.shown_text
            allowed = seat.role in PERMISSIONS[command.action]
            if refused == allowed:
                wrong.append(f"/{command.name} as {seat.role}: {'refused' if refused else 'allowed'}")
    assert wrong == [], "zero escalations and zero wrongful refusals"


async def test_every_button_as_every_role(sandbox: Sandbox, clock: ManualClock, seated: list[Seat]) -> None:
    """Each role receives a message carrying every kind of button (as reminders and notices do)
    and presses each; the press is authorized again on the server of the bot, whatever it carries."""
    (lead,) = await seed_task(sandbox.db, clock, "7", "Nhiệm vụ thử quyền", date(2024, 4, 30), ["Sở Y tế"])
    data = {"st": f"st:{lead}:done", "ext": "ext:999999:no", "od": "od:0:0", "ox": "ox:0", "imp": "imp:999999:no"}
    for prefix in ROUTES:
        data.setdefault(prefix, f"{prefix}:999999:x")
    actions = [[{"label": prefix, "data": value}] for prefix, value in sorted(data.items())]
    async with sandbox.db.transaction() as session:
        items = []
        for chat_tg in {seat.chat.id for seat in seated}:
            chat = await ensure_chat(session, clock, chat_tg, "private" if chat_tg > 0 else "group", None)
            items.append(OutboxItem(key=f"perm:{chat_tg}", chat_id=chat.id, kind="test",
                                    payload={"text": "Các nút thử quyền", "actions": actions}, not_before=clock.now()))
        await enqueue(session, items, clock.now())
    await sandbox.runtime.sender.drain()
    wrong: list[str] = []
    for seat in seated:
        message = next(m for m in sandbox.tg.messages_in(seat.chat.id) if m.text == "Các nút thử quyền")
        for prefix, value in sorted(data.items(), key=lambda kv: kv[0] == "od"):  # paging edits the message: last
            action = ROUTES[prefix][0]
            answer = await sandbox.press(seat.chat, seat.user, message, value)
            refused = REFUSAL in answer
            allowed = seat.role in PERMISSIONS[action]
            if refused == allowed:
                wrong.append(f"{prefix} as {seat.role}: {'refused' if refused else 'allowed'}")
    assert wrong == []

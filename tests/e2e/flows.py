"""Multi-step things people do, written once for every end-to-end test."""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.sandbox import Sandbox
from tgserver.people import Chat, User

CODE = re.compile(r"\b([A-Z0-9]{4}-[A-Z0-9]{4})\b")


def code_in(text: str) -> str:
    found = CODE.search(text)
    assert found, f"no code in {text!r}"
    return found.group(1)


async def issue_code(box: Sandbox, target: str) -> str:
    """The secretariat asks for a code for ``target`` (an agency, or ``lanh_dao``)."""
    answer = await box.ask(box.dm(box.admin), box.admin, f"/ma_don_vi {target}", contains="Mã đăng ký")
    return code_in(answer.shown_text)


async def add_agency(box: Sandbox, name: str) -> None:
    answer = await box.ask(box.dm(box.admin), box.admin, f"/them_don_vi {name}", contains="đơn vị")
    assert name in answer.shown_text


@dataclass
class BoundAgency:
    name: str
    group: Chat
    focal: User


async def bind_group(box: Sandbox, name: str, *, create: bool = True) -> BoundAgency:
    """An agency with its group chat bound by code, as a real focal point would do it."""
    if create:
        await add_agency(box, name)
    code = await issue_code(box, name)
    return await join_with_code(box, name, code, box.tg.add_user("Cán bộ", "đầu mối"), f"{name} - Đề án 06")


async def join_with_code(box: Sandbox, name: str, code: str, person: User, title: str) -> BoundAgency:
    """``person`` makes a group chat ``title``, adds the bot and sends the code there."""
    group = box.tg.add_group(title, members=[person])
    after = box.mark()
    box.tg.add_bot_to_group(group, by=person)
    await box.next_in(group, after)
    answer = await box.ask(group, person, f"/dang_ky {code}")
    assert "Đã đăng ký" in answer.shown_text, answer.shown_text
    return BoundAgency(name, group, person)


async def register_commune(box: Sandbox, name: str) -> BoundAgency:
    """The province's secretariat asks for a commune's code (the commune is created with it); the
    commune's secretariat adds the bot to the commune's chat and sends the code there."""
    answer = await box.ask(box.dm(box.admin), box.admin, f"/ma_xa {name}", contains="Mã đăng ký")
    code = code_in(answer.shown_text)
    return await join_with_code(box, name, code, box.tg.add_user("Thường trực", name), f"Tổ công tác Đề án 06 {name}")

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
    focal = box.tg.add_user("Cán bộ", "đầu mối")
    group = box.tg.add_group(f"{name} - Đề án 06", members=[focal])
    after = box.mark()
    box.tg.add_bot_to_group(group, by=focal)
    await box.next_in(group, after)
    answer = await box.ask(group, focal, f"/dang_ky {code}")
    assert "Đã đăng ký" in answer.shown_text, answer.shown_text
    return BoundAgency(name, group, focal)

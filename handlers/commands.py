"""The commands the bot knows, with what each needs and how /help describes it."""

from __future__ import annotations

from dataclasses import dataclass

from locales import _
from services.access import Actor


@dataclass(frozen=True)
class Command:
    name: str
    action: str
    usage: str
    summary: str


def catalogue() -> list[Command]:
    """Every command, in the order /help lists them (texts looked up in the active language)."""
    return [
        Command("start", "start", "/start", _("giới thiệu và hướng dẫn bắt đầu")),
        Command("help", "help", "/help", _("danh sách lệnh bạn được dùng")),
        Command("toi", "toi", "/toi", _("vai trò và đơn vị của bạn")),
        Command("dang_ky", "dang_ky", "/dang_ky <mã>", _("gắn nhóm chat với đơn vị bằng mã đăng ký")),
    ]


def allowed_for(actor: Actor) -> list[Command]:
    return [command for command in catalogue() if actor.may(command.action)]

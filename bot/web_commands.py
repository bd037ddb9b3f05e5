"""``dondoc web`` (the leaders' dashboard alone) and ``dondoc web-link`` (a personal sign-in link)."""

from __future__ import annotations

import argparse
import asyncio
import sys
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from bot.settings import FIX_HINTS, load_settings

if TYPE_CHECKING:
    from storage.db import Database

LINK_REFUSALS = {
    "unknown_person": "Bot chưa từng gặp người dùng Telegram mã {id}: đề nghị người đó nhắn /start cho bot trước.",
    "no_group": "Chưa có tổ công tác nào: đề nghị chạy bot (dondoc run) một lần trước.",
    "not_allowed": "Người dùng Telegram mã {id} không phải lãnh đạo hay Thường trực Tổ công tác "
    "(cấp vai trò bằng lệnh /vai_tro {id} lanh_dao).",
}


def _web(args: argparse.Namespace) -> int:
    from bot.bootstrap import Core, web_config
    from bot.logs import setup_logging
    from web.server import server

    settings = load_settings()
    config = web_config(settings, args.listen, args.port)
    setup_logging(settings.secrets(), fmt=settings.log_format)
    core = Core.build(settings)

    async def serve() -> None:
        try:
            await core.db.migrate()
            print(f"Bảng điều khiển tại http://{args.listen}:{args.port} (địa chỉ công khai {config.base_url}).")
            await server(core.db, core.clock, config, args.listen, args.port).serve()
        finally:
            await core.close()

    asyncio.run(serve())
    return 0


def _web_link(args: argparse.Namespace) -> int:
    from bot.bootstrap import system_clock
    from bot.cli import with_database
    from services.web_access import Refusal, issue_link

    settings = load_settings()
    if settings.web_base_url is None:
        print(f"Thiếu WEB_BASE_URL: {FIX_HINTS['WEB_BASE_URL']}.", file=sys.stderr)
        return 1
    base_url = settings.web_base_url

    async def work(db: Database) -> int:
        issued = await issue_link(db, system_clock(), args.telegram_id, settings.admin_ids)
        if isinstance(issued, Refusal):
            print(LINK_REFUSALS[issued].format(id=args.telegram_id), file=sys.stderr)
            return 1
        print(issued.address(base_url))
        until = issued.expires_at.astimezone(ZoneInfo(settings.timezone))
        print(f"Đường dẫn dùng được một lần, đến {until:%H:%M %d/%m/%Y}.", file=sys.stderr)
        return 0

    return with_database(work)


def web_commands(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    web = sub.add_parser("web", help="chạy riêng bảng điều khiển cho lãnh đạo (trang web)")
    web.add_argument("--port", type=int, default=8082, help="cổng nghe (mặc định 8082)")
    web.add_argument("--listen", default="127.0.0.1", help="địa chỉ nghe (mặc định 127.0.0.1, sau reverse proxy)")
    web.set_defaults(func=_web)
    link = sub.add_parser("web-link", help="in đường dẫn đăng nhập bảng điều khiển cho một người (15 phút, một lần)")
    link.add_argument("telegram_id", type=int, metavar="TELEGRAM_ID")
    link.set_defaults(func=_web_link)

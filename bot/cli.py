"""The ``dondoc`` command line: run, demo, migrate, and the tools the secretariat scripts."""

from __future__ import annotations

import argparse
import asyncio
import sys
from collections.abc import Callable, Sequence

from bot.settings import SettingsError, load_settings

Command = Callable[[argparse.Namespace], int]


def _run(args: argparse.Namespace) -> int:
    from bot.logs import setup_logging
    from bot.runner import run_polling

    settings = load_settings()
    token = settings.token()
    setup_logging([token, settings.database_url])
    return run_polling(settings)


def _migrate(args: argparse.Namespace) -> int:
    from storage.db import Database

    settings = load_settings()

    async def go() -> None:
        db = Database(settings.database_url)
        try:
            await db.migrate()
        finally:
            await db.close()

    asyncio.run(go())
    print("Đã cập nhật cấu trúc cơ sở dữ liệu.")
    return 0


def _demo(args: argparse.Namespace) -> int:
    from bot.demo import run_demo

    return asyncio.run(run_demo())


def parser() -> argparse.ArgumentParser:
    root = argparse.ArgumentParser(prog="dondoc", description="Trợ lý đôn đốc nhiệm vụ Đề án 06 trên Telegram.")
    sub = root.add_subparsers(dest="command", required=True)
    sub.add_parser("run", help="chạy bot (long polling)").set_defaults(func=_run)
    sub.add_parser("demo", help="chạy thử với máy chủ Telegram cục bộ, không cần mã bot").set_defaults(func=_demo)
    sub.add_parser("migrate", help="tạo hoặc cập nhật cơ sở dữ liệu").set_defaults(func=_migrate)
    return root


def main(argv: Sequence[str] | None = None) -> int:
    args = parser().parse_args(argv)
    func: Command = args.func
    try:
        return func(args)
    except SettingsError as exc:
        print(str(exc), file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())

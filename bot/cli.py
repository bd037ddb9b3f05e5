"""The ``dondoc`` command line: run, demo, migrate, and the tools the secretariat scripts."""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
from collections.abc import Awaitable, Callable, Sequence
from typing import TYPE_CHECKING

from bot.settings import SettingsError, load_settings
from bot.web_commands import web_commands

if TYPE_CHECKING:
    from pathlib import Path

    from plans.documents.model import ParsedPlan
    from plans.documents.reading import ReadOptions
    from render.report_model import CompiledReport
    from services.group_tree import GroupError, Root
    from storage.db import Database

Command = Callable[[argparse.Namespace], int]


def _run(args: argparse.Namespace) -> int:
    from bot.logs import setup_logging
    from bot.runner import run_polling, run_webhook

    settings = load_settings()
    settings.messenger_check()
    if args.webhook is None and (args.listen is not None or args.port is not None):
        print("Tùy chọn --listen và --port chỉ dùng cùng --webhook.", file=sys.stderr)
        return 2
    if args.webhook is not None:
        settings.token()
        settings.webhook_secret_value()
        if settings.has_zalo:
            settings.zalo_webhook_secret_value()
    if args.web_port is not None:
        settings.web_secret_value()
        if settings.web_base_url is None:
            print("Chưa đặt WEB_BASE_URL: bot sẽ trả lời /bang_dieu_khien rằng bảng điều khiển chưa bật.", file=sys.stderr)
    setup_logging(settings.secrets(), fmt=settings.log_format)
    if args.webhook is not None:
        return run_webhook(settings, args.webhook, args.listen or "127.0.0.1", args.port or 8080, args.web_port)
    return run_polling(settings, health_port=args.health_port, web_port=args.web_port)


def _worker(args: argparse.Namespace) -> int:
    from bot.logs import setup_logging
    from bot.worker import WorkerOptions, run_worker

    settings = load_settings()
    settings.token()
    setup_logging(settings.secrets(), fmt=settings.log_format)
    options = WorkerOptions(
        per_second=args.per_second, batch=args.batch, lease_seconds=args.lease, tick_seconds=args.tick
    )
    return run_worker(settings, options)


def with_database(work: Callable[[Database], Awaitable[int]]) -> int:
    """Run ``work`` on the configured database, migrated first."""
    from bot.bootstrap import Core

    core = Core.build(load_settings())

    async def go() -> int:
        try:
            await core.db.migrate()
            return await work(core.db)
        finally:
            await core.close()

    return asyncio.run(go())


def _migrate(args: argparse.Namespace) -> int:
    async def done(db: Database) -> int:
        print("Đã cập nhật cấu trúc cơ sở dữ liệu.")
        return 0

    return with_database(done)


def _reminders(args: argparse.Namespace) -> int:
    from datetime import date, timedelta

    from bot.bootstrap import system_clock
    from render.oversight import kind_name
    from scheduler.preview import planned
    from services.clock import local_today

    today = local_today(system_clock(), load_settings().timezone)
    start = date.fromisoformat(args.start) if args.start else today
    end = date.fromisoformat(args.end) if args.end else start + timedelta(days=30)

    async def show(db: Database) -> int:
        async with db.transaction() as session:
            rows = await planned(session, start, end)
        if args.json:
            for row in rows:
                print(json.dumps(row.to_json(), ensure_ascii=False))
            return 0
        print(f"{'Thời điểm':<17} {'Loại':<21} {'Nhiệm vụ/kỳ':<12} {'Nhóm':<5} Đơn vị")
        for row in rows:
            subject = row.task or row.period or ""
            bound = "có" if row.chat_bound else "chưa"
            print(f"{row.send_at:%d/%m/%Y %H:%M} {kind_name(row.kind):<21} {subject:<12} {bound:<5} {row.agency}")
        print(f"Tổng cộng: {len(rows)} lời nhắc.")
        return 0

    return with_database(show)


def _demo(args: argparse.Namespace) -> int:
    from bot.demo import run_demo

    return asyncio.run(run_demo())


def _deadline(args: argparse.Namespace) -> int:
    from datetime import date

    from bot.lines import each_input, emit
    from plans.deadlines import read_deadline

    issued = date.fromisoformat(args.issued) if args.issued else None
    year = args.year or (issued.year if issued else None)
    for text in each_input(args.text):
        result = read_deadline(text, year=year, issued=issued).to_json()
        emit(result, args.json or args.text is None, _human_deadline)
    return 0


def _human_deadline(d: dict[str, object]) -> str:
    kinds = {
        "due": "có hạn",
        "ongoing": "thường xuyên",
        "on_demand": "khi có yêu cầu",
        "conditional": "có điều kiện",
        "unknown": "không đọc được",
    }
    parts = [f"Loại: {kinds[str(d['kind'])]}"]
    if d["due"]:
        parts.append(f"hạn: {d['due']}")
    if d["starts"]:
        parts.append(f"bắt đầu: {d['starts']}")
    if d["recurring"]:
        parts.append("tiếp tục sau hạn")
    milestones = d["milestones"]
    assert isinstance(milestones, list)
    parts.extend(f"mốc {m['due']}: {m['note']}" for m in milestones)
    return "; ".join(parts)


def _reply(args: argparse.Namespace) -> int:
    from datetime import date

    from bot.bootstrap import system_clock
    from bot.lines import each_input, emit
    from plans.replies import read_reply
    from services.clock import local_today

    today = date.fromisoformat(args.today) if args.today else local_today(system_clock(), "Asia/Ho_Chi_Minh")
    for text in each_input(args.text):
        result = read_reply(text, args.year or today.year, today).to_json()
        emit(result, args.json or args.text is None, lambda r: ", ".join(f"{k}: {v}" for k, v in r.items() if v is not None))
    return 0


def _import(args: argparse.Namespace) -> int:
    from pathlib import Path

    from bot.bootstrap import system_clock
    from plans.agencies import Registry
    from plans.documents.errors import DocumentError
    from render.plans import saved_text
    from services import imports
    from services.group_tree import GroupError, group_named

    path = Path(args.file)
    if not path.is_file():
        print(f"Không tìm thấy tệp {path}.", file=sys.stderr)
        return 2
    root = _root()
    clock = system_clock()
    registries: list[Registry] = []

    async def load_registry(db: Database) -> int:
        async with db.transaction() as session:
            group = await group_named(session, clock, root, args.group)
            registries.append(await imports.registry_for(session, group.id))
        return 0

    try:
        with_database(load_registry)
    except GroupError as exc:
        return _group_error(exc)
    try:
        parsed = imports.parse(path.read_bytes(), path.name, registries[0], _bar_options())
    except DocumentError as exc:
        print(exc.message, file=sys.stderr)
        return 1
    if args.sheet:
        return _write_sheet(parsed, sorted({a.name for a in registries[0].agencies}), Path(args.sheet))
    if args.json:
        print(json.dumps(parsed.to_json(), ensure_ascii=False, indent=1))
    else:
        _print_preview(parsed)
    if args.dry_run:
        return 0
    if not args.yes and input("Lưu kế hoạch này? (c/k) ").strip().lower() not in ("c", "co", "có", "y", "yes"):
        print("Đã hủy. Không có gì được lưu.", file=sys.stderr)
        return 1

    async def store(db: Database) -> int:
        async with db.transaction() as session:
            group = await group_named(session, clock, root, args.group)
            summary = await imports.save(session, clock, group, parsed, path.name)
        print(
            saved_text(summary.created, summary.updated, summary.removed, summary.new_agencies, summary.to_review),
            file=sys.stderr if args.json else sys.stdout,
        )
        return 0

    return with_database(store)


def _root() -> Root:
    from services.group_tree import Root

    settings = load_settings()
    return Root(settings.working_group_name, settings.timezone)


def _group_error(exc: GroupError) -> int:
    messages = {
        "empty": "Tên tổ công tác không được để trống.",
        "exists": f"Đã có tổ công tác „{exc.name}”.",
        "unknown": f"Không tìm thấy tổ công tác „{exc.name}”. Xem danh sách: dondoc group list",
    }
    print(messages[exc.reason], file=sys.stderr)
    return 2


def _group_add(args: argparse.Namespace) -> int:
    from bot.bootstrap import system_clock
    from services.group_tree import GroupError, create

    async def work(db: Database) -> int:
        added = await create(db, system_clock(), _root(), args.name, args.parent)
        print(f"Đã tạo tổ công tác {added.group}, đơn vị {added.committee}.")
        for collective in added.collectives:
            print(f"  thành viên của {collective}")
        print(f"  nhận {added.tasks_received} nhiệm vụ đang thực hiện.")
        return 0

    try:
        return with_database(work)
    except GroupError as exc:
        return _group_error(exc)


def _group_list(args: argparse.Namespace) -> int:
    from bot.bootstrap import system_clock
    from services.group_tree import listing

    async def work(db: Database) -> int:
        for row in await listing(db, system_clock(), _root()):
            print(f"{'  ' * row.depth}{row.name} [{row.level}]")
        return 0

    return with_database(work)


def _code(args: argparse.Namespace) -> int:
    """``dondoc code AGENCY [--group NAME]``, ``dondoc code lanh_dao``: a one-time binding code."""
    from bot.bootstrap import system_clock
    from services.binding import CODE_TTL, issue_on_server
    from services.group_tree import GroupError

    async def work(db: Database) -> int:
        issued = await issue_on_server(db, system_clock(), _root(), args.target, args.group)
        if issued.code is None:
            print(f"Không tìm thấy đơn vị „{args.target}”. Xem danh sách đơn vị bằng lệnh /don_vi trong bot.", file=sys.stderr)
            return 2
        label = issued.agency or "nhóm Lãnh đạo"
        print(f"Mã đăng ký cho {label}: {issued.code}")
        print(f"Mã dùng được một lần, có hiệu lực {CODE_TTL.days} ngày. Trong nhóm chat cần gắn (Telegram hoặc Zalo),")
        print(f"thêm bot vào nhóm rồi gửi: /dang_ky {issued.code}")
        return 0

    try:
        return with_database(work)
    except GroupError as exc:
        return _group_error(exc)


def _group_commands(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    group = sub.add_parser("group", help="các tổ công tác: tỉnh, huyện, xã")
    actions = group.add_subparsers(dest="action", required=True)
    add = actions.add_parser("add", help="thêm một tổ công tác (xã, phường…) và UBND của nó")
    add.add_argument("name", metavar="NAME", help="tên, ví dụ „xã Sơn Ninh”")
    add.add_argument("--parent", metavar="NAME", help="tổ công tác cấp trên (mặc định: cấp tỉnh)")
    add.set_defaults(func=_group_add)
    actions.add_parser("list", help="liệt kê các tổ công tác theo cây").set_defaults(func=_group_list)


def _write_sheet(parsed: ParsedPlan, known: list[str], out: Path) -> int:
    """``--sheet``: the review sheet to correct in Excel and import again; nothing is saved."""
    from render.review_sheet import review_sheet_xlsx

    out.write_bytes(review_sheet_xlsx(parsed, known))
    print(f"Đã ghi bảng rà soát {len(parsed.tasks)} nhiệm vụ vào {out}. Sửa trong Excel rồi nhập lại: "
          f"dondoc import {out} --dry-run", file=sys.stderr)
    return 0


def _bar_options() -> ReadOptions:
    """Reading options that draw a progress bar on stderr while pages are recognized."""
    import engines

    def bar(done: int, total: int) -> None:
        filled = round(30 * done / total) if total else 30
        end = "\n" if done >= total else ""
        print(f"\rNhận dạng chữ [{'#' * filled}{'.' * (30 - filled)}] {done}/{total} trang", end=end, file=sys.stderr)

    return engines.options(progress=bar)


def _doctor(args: argparse.Namespace) -> int:
    """Which readers this machine has, and what to install for the missing ones."""
    import engines

    readers = engines.report()
    for reader in readers:
        print(f"{'✓' if reader.available else '✗'} {reader.name}: {reader.detail}")
    return 0 if all(r.available for r in readers) else 1


def _print_preview(parsed: ParsedPlan) -> None:
    import html
    import re

    from render.plans import preview_lines

    for line in preview_lines(parsed):
        print(html.unescape(re.sub(r"</?b>", "", line)))


def _export(args: argparse.Namespace) -> int:
    from pathlib import Path

    from bot.bootstrap import system_clock
    from render.docx import compiled_docx
    from render.xlsx import compiled_xlsx
    from services.compile import compile_report, find_period
    from services.groups import ensure_default_group

    settings = load_settings()
    reports: list[CompiledReport] = []

    async def work(db: Database) -> int:
        clock = system_clock()
        async with db.transaction() as session:
            group = await ensure_default_group(session, clock, settings.working_group_name, settings.timezone)
            period = find_period(group, args.period)
            if period is None:
                print(f"Kỳ báo cáo «{args.period}» không đúng. Ví dụ: 2024-06, 2024-W23, 2024-H1, 2024.", file=sys.stderr)
                return 2
            reports.append(await compile_report(session, clock, group, period))
        return 0

    if with_database(work) != 0:
        return 2
    report = reports[0]
    data = compiled_docx(report) if args.format == "docx" else compiled_xlsx(report)
    out = Path(args.out or f"bao-cao-{report.period_key}.{args.format}")
    out.write_bytes(data)
    print(f"Đã ghi {out} ({len(data)} byte).")
    return 0


def _backup(args: argparse.Namespace) -> int:
    from pathlib import Path

    from bot import ops
    from bot.bootstrap import system_clock
    from services.clock import local_now

    settings = load_settings()
    now = local_now(system_clock(), settings.timezone)
    try:
        source = ops.sqlite_file(settings.database_url)
        if source is None:
            print(ops.pg_backup_help(settings.database_url, args.out, now))
            return 0
        out = ops.backup_sqlite(source, Path(args.out) if args.out else ops.default_backup(now))
    except ops.OpsError as exc:
        print(str(exc), file=sys.stderr)
        return 1
    print(f"Đã sao lưu cơ sở dữ liệu vào {out} ({out.stat().st_size} byte).")
    return 0


def _restore(args: argparse.Namespace) -> int:
    from pathlib import Path

    from bot import ops
    from bot.bootstrap import Core, system_clock
    from services.clock import local_now

    settings = load_settings()
    now = local_now(system_clock(), settings.timezone)
    try:
        target = ops.sqlite_file(settings.database_url)
        if target is None:
            print(ops.pg_restore_help(settings.database_url, args.file))
            return 0
        file = Path(args.file)
        ops.check_dondoc_file(file)
        if not args.yes and input(
            f"Khôi phục sẽ thay cơ sở dữ liệu {target} bằng {file} (bản hiện tại được giữ lại trong backups/). "
            "Tiếp tục? (c/k) "
        ).strip().lower() not in ("c", "co", "có", "y", "yes"):
            print("Đã hủy. Cơ sở dữ liệu không thay đổi.", file=sys.stderr)
            return 1
        kept = ops.restore_sqlite(file, target, now)
    except ops.OpsError as exc:
        print(str(exc), file=sys.stderr)
        return 1

    async def migrate() -> None:
        core = Core.build(settings)
        try:
            await core.db.migrate()
        finally:
            await core.close()

    asyncio.run(migrate())
    if kept is not None:
        print(f"Bản cơ sở dữ liệu trước khi khôi phục được giữ tại {kept}.")
    print(f"Đã khôi phục {target} từ {file} và cập nhật cấu trúc; có thể khởi động lại bot.")
    return 0


def _privacy_export(args: argparse.Namespace) -> int:
    from pathlib import Path

    from services.privacy import export_person

    found: list[dict[str, object]] = []

    async def work(db: Database) -> int:
        async with db.transaction() as session:
            found.append(await export_person(session, args.telegram_id))
        return 0

    with_database(work)
    if not found[0]:
        print(f"Không có dữ liệu nào về người dùng Telegram mã {args.telegram_id}.", file=sys.stderr)
        return 1
    text = json.dumps(found[0], ensure_ascii=False, indent=1)
    if args.out:
        Path(args.out).write_text(text + "\n", encoding="utf-8")
        print(f"Đã ghi dữ liệu của người dùng {args.telegram_id} vào {args.out}.")
    else:
        print(text)
    return 0


def _privacy_erase(args: argparse.Namespace) -> int:
    from bot.bootstrap import system_clock
    from services.privacy import erase_person

    if not args.yes and input(
        f"Xoá thông tin cá nhân của người dùng Telegram mã {args.telegram_id}? Tên, vai trò và nội dung họ viết "
        "sẽ bị xoá vĩnh viễn, trạng thái nhiệm vụ được giữ nguyên. (c/k) "
    ).strip().lower() not in ("c", "co", "có", "y", "yes"):
        print("Đã hủy. Không có gì bị xoá.", file=sys.stderr)
        return 1

    async def work(db: Database) -> int:
        async with db.transaction() as session:
            erased = await erase_person(session, system_clock(), args.telegram_id)
        if not erased:
            print(f"Không có dữ liệu nào về người dùng Telegram mã {args.telegram_id}.", file=sys.stderr)
            return 1
        print(f"Đã xoá thông tin cá nhân của người dùng {args.telegram_id}; lịch sử trạng thái nhiệm vụ được giữ nguyên.")
        return 0

    return with_database(work)


def _ops_commands(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    backup = sub.add_parser("backup", help="sao lưu cơ sở dữ liệu (SQLite: sao chép trực tuyến; PostgreSQL: chỉ dẫn pg_dump)")
    backup.add_argument("--out", help="tệp ghi ra (mặc định backups/dondoc-<thời điểm>.sqlite3)")
    backup.set_defaults(func=_backup)
    restore = sub.add_parser("restore", help="khôi phục cơ sở dữ liệu từ một bản sao lưu (dừng bot trước)")
    restore.add_argument("file")
    restore.add_argument("--yes", action="store_true", help="khôi phục không cần hỏi lại")
    restore.set_defaults(func=_restore)
    privacy = sub.add_parser("privacy", help="yêu cầu về dữ liệu cá nhân: xuất hoặc xoá dữ liệu của một người")
    actions = privacy.add_subparsers(dest="privacy_command", required=True)
    export = actions.add_parser("export", help="xuất mọi dữ liệu về một người (JSON)")
    export.add_argument("telegram_id", type=int, metavar="TELEGRAM_ID")
    export.add_argument("--out", help="tệp JSON ghi ra (mặc định in ra màn hình)")
    export.set_defaults(func=_privacy_export)
    erase = actions.add_parser("erase", help="xoá thông tin cá nhân của một người, giữ lịch sử nhiệm vụ")
    erase.add_argument("telegram_id", type=int, metavar="TELEGRAM_ID")
    erase.add_argument("--yes", action="store_true", help="xoá không cần hỏi lại")
    erase.set_defaults(func=_privacy_erase)


def parser() -> argparse.ArgumentParser:
    root = argparse.ArgumentParser(prog="dondoc", description="Trợ lý đôn đốc nhiệm vụ Đề án 06 trên Telegram.")
    sub = root.add_subparsers(dest="command", required=True)
    run = sub.add_parser("run", help="chạy bot (mặc định long polling; --webhook sau reverse proxy)")
    run.add_argument("--webhook", metavar="URL", help="địa chỉ công khai Telegram gọi tới, ví dụ https://bot.example.gov.vn/telegram")
    run.add_argument("--listen", help="địa chỉ nghe của webhook (mặc định 127.0.0.1)")
    run.add_argument("--port", type=int, help="cổng nghe của webhook (mặc định 8080)")
    run.add_argument("--health-port", type=int, help="chế độ polling: phục vụ /healthz tại 127.0.0.1:<cổng> (mặc định tắt)")
    run.add_argument("--web-port", type=int, help="phục vụ cả bảng điều khiển tại 127.0.0.1:<cổng> (sau reverse proxy; mặc định tắt)")
    run.set_defaults(func=_run)
    worker = sub.add_parser(
        "worker", help="tiến trình gửi thêm: tính lời nhắc và gửi hàng đợi, không nhận tin nhắn (PostgreSQL)"
    )
    worker.add_argument("--per-second", type=int, default=30, help="số tin tối đa mỗi giây của tiến trình này (mặc định 30)")
    worker.add_argument("--batch", type=int, default=50, help="số tin nhận về mỗi lượt (mặc định 50)")
    worker.add_argument(
        "--lease", type=float, default=120.0, help="giây giữ tin đã nhận; quá hạn thì tiến trình khác gửi thay (mặc định 120)"
    )
    worker.add_argument("--tick", type=float, default=60.0, help="giây giữa hai lượt tính lời nhắc (mặc định 60)")
    worker.set_defaults(func=_worker)
    sub.add_parser("demo", help="chạy thử với máy chủ Telegram cục bộ, không cần mã bot").set_defaults(func=_demo)
    sub.add_parser("migrate", help="tạo hoặc cập nhật cơ sở dữ liệu").set_defaults(func=_migrate)
    deadline = sub.add_parser("deadline", help="đọc một biểu thức thời hạn (không có TEXT: mỗi dòng stdin một biểu thức)")
    deadline.add_argument("text", nargs="?")
    deadline.add_argument("--year", type=int)
    deadline.add_argument("--issued", help="ngày ban hành YYYY-MM-DD")
    deadline.add_argument("--json", action="store_true")
    deadline.set_defaults(func=_deadline)
    sub.add_parser("doctor", help="liệt kê các định dạng đọc được trên máy này (PDF, nhận dạng chữ, .doc)").set_defaults(
        func=_doctor
    )
    imp = sub.add_parser("import", help="nhập kế hoạch từ tệp .docx, .xlsx, .pdf, ảnh chụp, .doc, .txt hoặc .md")
    imp.add_argument("file")
    imp.add_argument("--dry-run", action="store_true", help="chỉ đọc và in ra, không lưu")
    imp.add_argument("--json", action="store_true")
    imp.add_argument("--yes", action="store_true", help="lưu không cần hỏi lại")
    imp.add_argument("--sheet", metavar="OUT.xlsx", help="ghi bảng rà soát (Excel) để sửa rồi nhập lại; không lưu gì")
    imp.add_argument("--group", metavar="NAME", help="nhập vào tổ công tác này (mặc định: cấp tỉnh)")
    imp.set_defaults(func=_import)
    export = sub.add_parser("export", help="xuất báo cáo tổng hợp của một kỳ (Word hoặc Excel)")
    export.add_argument("--period", required=True, help="kỳ báo cáo: 2024-06, 2024-W23, 2024-H1 hoặc 2024")
    export.add_argument("--format", choices=["xlsx", "docx"], default="docx")
    export.add_argument("--out", help="tệp ghi ra (mặc định bao-cao-<kỳ>.<định dạng>)")
    export.set_defaults(func=_export)
    reminders = sub.add_parser("reminders", help="xem trước các lời nhắc sẽ gửi trong một khoảng ngày")
    reminders.add_argument("--from", dest="start", help="từ ngày YYYY-MM-DD (mặc định: hôm nay)")
    reminders.add_argument("--to", dest="end", help="đến ngày YYYY-MM-DD (mặc định: 30 ngày sau)")
    reminders.add_argument("--json", action="store_true")
    reminders.set_defaults(func=_reminders)
    reply = sub.add_parser("reply", help="đọc một câu trả lời tiến độ (không có TEXT: mỗi dòng stdin một câu)")
    reply.add_argument("text", nargs="?")
    reply.add_argument("--year", type=int)
    reply.add_argument("--today", help="ngày hôm nay YYYY-MM-DD (mặc định: hôm nay)")
    reply.add_argument("--json", action="store_true")
    reply.set_defaults(func=_reply)
    _ops_commands(sub)
    _group_commands(sub)
    code = sub.add_parser("code", help="cấp mã đăng ký một lần cho nhóm chat của một đơn vị hoặc của Lãnh đạo")
    code.add_argument("target", metavar="AGENCY", help="tên đơn vị, hoặc lanh_dao cho nhóm Lãnh đạo")
    code.add_argument("--group", metavar="NAME", help="tổ công tác của đơn vị (mặc định: cấp tỉnh)")
    code.set_defaults(func=_code)
    web_commands(sub)
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

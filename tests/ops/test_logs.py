"""Structured logs: one JSON object per line, context ids as fields, and never a secret or a message body."""

from __future__ import annotations

import io
import json
import logging
from collections.abc import Iterator

import pytest

from bot.logs import JsonFormatter, TextFormatter, setup_logging
from bot.sandbox import TOKEN, Sandbox
from bot.settings import Settings
from services.clock import ManualClock
from storage.db import Database
from tests.e2e.test_status import reminded

BODY = "vướng mắc: chưa có kinh phí mua máy đọc thẻ ZQX-4471"


@pytest.fixture
def restore_logging() -> Iterator[None]:
    root = logging.getLogger()
    handlers, level = root.handlers[:], root.level
    levels = {name: logging.getLogger(name).level for name in ("httpx", "httpcore", "apscheduler", "aiohttp.access", "aiosqlite", "asyncio")}
    yield
    root.handlers[:] = handlers
    root.setLevel(level)
    for name, value in levels.items():
        logging.getLogger(name).setLevel(value)


def lines_of(stream: io.StringIO) -> list[dict[str, object]]:
    return [json.loads(line) for line in stream.getvalue().splitlines()]


async def test_an_exchange_logged_as_json_holds_no_token_no_database_url_and_no_message_body(
    db: Database, clock: ManualClock, restore_logging: None
) -> None:
    stream = io.StringIO()
    settings = Settings(telegram_bot_token=TOKEN, database_url=db.url)  # type: ignore[arg-type]
    setup_logging(settings.secrets(), fmt="json", stream=stream)
    assert logging.getLogger("httpx").level == logging.WARNING, "httpx request lines (token in the URL) are silenced"
    logging.getLogger("httpx").setLevel(logging.INFO)  # ... and redacted even when let through
    async with Sandbox(db, clock) as box:
        bound, reminder = await reminded(box, clock)
        answer = await box.ask(bound.group, bound.focal, BODY, reply_to=reminder)
        assert "vướng mắc" in answer.shown_text
        lan = box.tg.add_user("Lan", "Nguyễn")
        await box.ask(box.dm(lan), lan, "/start")
        logging.getLogger("dondoc.test").error("token %s in a message", TOKEN, extra={"chat": bound.group.id, "task": 7})
        try:
            raise RuntimeError(f"cannot reach {db.url} with {TOKEN}")
        except RuntimeError:
            logging.getLogger("dondoc.test").exception("failure", extra={"outbox": 12, "working_group": 1})
    text = stream.getvalue()
    records = lines_of(stream)
    assert len(records) > 10
    for record in records:
        assert {"time", "level", "logger", "message"} <= set(record)
    assert TOKEN not in text and TOKEN.split(":")[1] not in text
    assert db.url not in text
    assert BODY not in text and "ZQX-4471" not in text, "agencies' messages are not logged at info level"
    assert any(r["logger"] == "httpx" and "/bot***/" in str(r["message"]) for r in records), "httpx lines were redacted"
    told = next(r for r in records if r["message"] == "token *** in a message")
    assert told["chat"] == bound.group.id and told["task"] == 7 and told["level"] == "ERROR"
    failed = next(r for r in records if r["message"] == "failure")
    assert failed["outbox"] == 12 and failed["working_group"] == 1
    assert "RuntimeError: cannot reach *** with ***" in str(failed["exception"])


def test_the_text_format_masks_secrets_in_tracebacks_and_shows_the_ids() -> None:
    secret = "postgresql+asyncpg://dondoc:hunter22@db/dondoc"
    formatter = TextFormatter([secret, "hunter22"])
    try:
        raise ValueError("password hunter22 refused")
    except ValueError:
        import sys

        record = logging.LogRecord("x", logging.ERROR, __file__, 1, "connect %s", (secret,), sys.exc_info())
    record.chat = -100123
    line = formatter.format(record)
    assert "hunter22" not in line and "connect ***" in line and "[chat=-100123]" in line
    json_line = JsonFormatter([secret, "hunter22"]).format(record)
    assert "hunter22" not in json_line and json.loads(json_line)["chat"] == -100123


def test_the_database_password_is_a_secret_of_its_own() -> None:
    settings = Settings(database_url="postgresql+asyncpg://dondoc:hunter22@db:5432/dondoc", webhook_secret="abcdef-123")  # type: ignore[arg-type]
    secrets = settings.secrets()
    assert "hunter22" in secrets and "abcdef-123" in secrets and settings.database_url in secrets


def test_database_errors_do_not_print_their_parameters_nor_other_extras_get_lost() -> None:
    import sys

    from sqlalchemy.exc import IntegrityError

    try:
        raise IntegrityError("INSERT INTO status_changes (raw_text) VALUES (?)", (BODY,), Exception("NOT NULL constraint failed"))
    except IntegrityError:
        record = logging.LogRecord("telegram.ext.Application", logging.ERROR, __file__, 1, "No error handlers", None, sys.exc_info())
    record.action = "status.update"
    record.roles = ["focal"]
    for formatter in (TextFormatter(), JsonFormatter()):
        line = formatter.format(record)
        assert BODY not in line and "[parameters: hidden]" in line and "INSERT INTO status_changes" in line
    data = json.loads(JsonFormatter().format(record))
    assert data["action"] == "status.update" and data["roles"] == ["focal"]

"""Logging set-up: one line per event, and never a secret in it.

Two formats: ``text`` for a person at a terminal, ``json`` (one JSON object per line) for journald
and log collectors. Ids given through ``extra`` (``working_group``, ``chat``, ``task``, ``outbox``,
and any other extra such as ``action`` or ``user``) become fields of their own. The parameters
SQLAlchemy prints in a database error are hidden: they may hold what an agency wrote. Secrets (the bot token, the database URL and its password, the webhook
secret) are replaced by ``***`` in the final line, whatever carried them: the message, its
arguments, an exception's traceback or an extra field.

Message bodies of agencies are never logged at info level: python-telegram-bot prints updates and
request parameters only at debug level, and httpx's request lines (whose URL holds the token) are
kept at warning.
"""

from __future__ import annotations

import json
import logging
import re
import sys
from collections.abc import Iterable
from datetime import UTC, datetime
from typing import IO, Any

CONTEXT_FIELDS = ("working_group", "chat", "task", "outbox")
QUIET = ("httpx", "httpcore", "apscheduler", "aiohttp.access", "aiosqlite", "asyncio")
MASK = "***"


class Redactor:
    """Replaces each secret (longest first, so a URL goes before the password inside it)."""

    def __init__(self, secrets: Iterable[str]) -> None:
        self.secrets = sorted({s for s in secrets if s and len(s) >= 6}, key=len, reverse=True)

    def __call__(self, text: str) -> str:
        for secret in self.secrets:
            if secret in text:
                text = text.replace(secret, MASK)
        return text


class RedactSecrets(logging.Filter):
    """Replaces the token and the database password wherever they would be printed in the message."""

    def __init__(self, secrets: Iterable[str]) -> None:
        super().__init__()
        self.redact = Redactor(secrets)
        self.secrets = self.redact.secrets

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        redacted = self.redact(message)
        if redacted != message:
            record.msg, record.args = redacted, None
        return True


_STANDARD = set(logging.LogRecord("", 0, "", 0, "", None, None).__dict__) | {"message", "asctime", "taskName"}
# SQLAlchemy puts the statement's parameters (which may be what an agency wrote) in its errors
_SQL_PARAMETERS = re.compile(r"\[parameters: [^\n]*\]")


def _context(record: logging.LogRecord) -> dict[str, Any]:
    """The ids given through ``extra`` (working_group, chat, task, outbox first), then any other extra."""
    found = {name: getattr(record, name) for name in CONTEXT_FIELDS if getattr(record, name, None) is not None}
    for name, value in record.__dict__.items():
        if name not in _STANDARD and name not in found and not name.startswith("_") and value is not None:
            found[name] = value
    return found


def _plain(value: Any) -> Any:
    if isinstance(value, bool | int | float | str) or value is None:
        return value
    if isinstance(value, list | tuple | set | frozenset):
        return [_plain(v) for v in value]
    return str(value)


def hide_sql_parameters(text: str) -> str:
    return _SQL_PARAMETERS.sub("[parameters: hidden]", text)


class TextFormatter(logging.Formatter):
    """``time LEVEL logger: message [chat=… task=…]``, secrets masked in the whole line."""

    def __init__(self, secrets: Iterable[str] = ()) -> None:
        super().__init__("%(asctime)s %(levelname)s %(name)s: %(message)s")
        self.redact = Redactor(secrets)

    def format(self, record: logging.LogRecord) -> str:
        line = super().format(record)
        context = _context(record)
        if context:
            first, newline, rest = line.partition("\n")
            line = first + " [" + " ".join(f"{k}={v}" for k, v in context.items()) + "]" + newline + rest
        return self.redact(hide_sql_parameters(line))


class JsonFormatter(logging.Formatter):
    """One JSON object per line: time, level, logger, message, the context ids, and an exception."""

    def __init__(self, secrets: Iterable[str] = ()) -> None:
        super().__init__()
        self.redact = Redactor(secrets)

    def format(self, record: logging.LogRecord) -> str:
        data: dict[str, Any] = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": self.redact(hide_sql_parameters(record.getMessage())),
        }
        for name, value in _context(record).items():
            plain = _plain(value)
            data.setdefault(name, self.redact(plain) if isinstance(plain, str) else plain)
        if record.exc_info:
            data["exception"] = self.redact(hide_sql_parameters(self.formatException(record.exc_info)))
        elif record.exc_text:
            data["exception"] = self.redact(hide_sql_parameters(record.exc_text))
        return self.redact(json.dumps(data, ensure_ascii=False))


def make_handler(secrets: Iterable[str], fmt: str = "text", stream: IO[str] | None = None) -> logging.Handler:
    """A stream handler in ``fmt`` (text or json) that masks ``secrets``."""
    secrets = list(secrets)
    handler = logging.StreamHandler(stream or sys.stderr)
    handler.setFormatter(JsonFormatter(secrets) if fmt == "json" else TextFormatter(secrets))
    handler.addFilter(RedactSecrets(secrets))
    return handler


def setup_logging(
    secrets: Iterable[str], level: int = logging.INFO, fmt: str = "text", stream: IO[str] | None = None
) -> logging.Handler:
    """Send every log record to one handler on stderr (or ``stream``); returns that handler."""
    handler = make_handler(secrets, fmt, stream)
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)
    for noisy in QUIET:
        logging.getLogger(noisy).setLevel(logging.WARNING)
    return handler

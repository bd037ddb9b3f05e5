"""A handler that fails: the person gets one Vietnamese sentence, the log gets the ids."""

from __future__ import annotations

import logging

import pytest
from telegram.ext import CommandHandler

from bot.sandbox import Sandbox
from handlers.deps import Context


async def test_a_failing_handler_answers_one_sentence_and_logs_ids(
    sandbox: Sandbox, caplog: pytest.LogCaptureFixture
) -> None:
    async def broken(update: object, context: Context) -> None:
        raise RuntimeError("boom")

    sandbox.app.add_handler(CommandHandler("hong", broken))
    admin = sandbox.admin
    with caplog.at_level(logging.ERROR, logger="handlers.errors"):
        answer = await sandbox.ask(sandbox.dm(admin), admin, "/hong")
    assert answer.shown_text == "Xin lỗi, đã có lỗi khi xử lý yêu cầu này; đề nghị thử lại sau ít phút."
    (record,) = [r for r in caplog.records if r.name == "handlers.errors"]
    assert record.__dict__["chat"] == admin.id and record.__dict__["user"] == admin.id
    assert "7000001" not in record.getMessage()  # never the token

"""The `dondoc` command as a person runs it: the demo, and `run` against a Bot API server."""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
from pathlib import Path

from tgserver.server import TelegramServer


def test_demo_prints_a_vietnamese_transcript_without_token_or_network(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TELEGRAM_", "DATABASE_"))}
    result = subprocess.run(
        [sys.executable, "-m", "bot", "demo"], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 0, result.stderr[-2000:]
    out = result.stdout
    for expected in (
        "Xin chào! Tôi là dondoc",
        "Xem trước kế hoạch",
        "Đã lưu kế hoạch",
        "Đã đăng ký: Phòng Tư pháp",
        "🔔 Nhắc việc — Kính gửi",
        "⏰ Quá hạn",
        "Đã ghi nhận: Phòng Tư pháp",
        "/tre_han",
        "Nhiệm vụ trễ hạn",
        "Kết thúc chạy thử",
    ):
        assert expected in out, expected
    assert "Traceback" not in result.stderr


async def test_dondoc_run_answers_start_from_any_bot_api_server(tmp_path: Path) -> None:
    async with TelegramServer(token="4242:run-test-token", bot_username="dondoc_bot") as server:
        env = {
            **{k: v for k, v in os.environ.items() if not k.startswith(("TELEGRAM_", "DATABASE_"))},
            "TELEGRAM_BOT_TOKEN": server.token,
            "TELEGRAM_API_BASE_URL": server.base_url,
            "DATABASE_URL": f"sqlite+aiosqlite:///{tmp_path / 'run.sqlite3'}",
        }
        process = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "bot", "run", cwd=tmp_path, env=env,
            stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
        )
        try:
            await server.wait_until_polling(timeout=60)  # the first start migrates a new database
            lan = server.add_user("Lan", "Nguyễn")
            said = server.send_text(server.private_chat(lan), lan, "/start")
            answer = await server.wait_for(lambda m: m.reply_to_message_id == said.message_id, timeout=30)
            assert "Xin chào" in answer.shown_text
        finally:
            process.send_signal(signal.SIGTERM)
            _out, err = await asyncio.wait_for(process.communicate(), 60)
        assert process.returncode == 0, err.decode()[-2000:]
        assert server.token not in err.decode(), "the token never appears in the logs"

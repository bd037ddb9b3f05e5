"""Settings: defaults, parsing, and one clear line for each bad value."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from bot.settings import SettingsError, load_settings

ENV_KEYS = (
    "TELEGRAM_BOT_TOKEN", "TELEGRAM_API_BASE_URL", "DATABASE_URL", "TIMEZONE", "ADMIN_IDS", "LOCALE",
)


@pytest.fixture(autouse=True)
def clean_env(monkeypatch: pytest.MonkeyPatch) -> None:
    for key in ENV_KEYS:
        monkeypatch.delenv(key, raising=False)


def test_defaults_point_at_telegram_and_a_local_sqlite_file() -> None:
    settings = load_settings(None)
    assert settings.telegram_api_base_url == "https://api.telegram.org/bot"
    assert settings.database_url.startswith("sqlite+aiosqlite:///") and "data" in settings.database_url
    assert settings.timezone == "Asia/Ho_Chi_Minh"
    assert settings.locale == "vi"
    assert settings.admin_ids == []


def test_admin_ids_are_read_from_a_comma_separated_list(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ADMIN_IDS", "101, 202,303")
    assert load_settings(None).admin_ids == [101, 202, 303]


def test_env_file_is_read(tmp_path: Path) -> None:
    env = tmp_path / ".env"
    env.write_text("TELEGRAM_BOT_TOKEN=123:abc\nTELEGRAM_API_BASE_URL=http://127.0.0.1:9000/bot\n", encoding="utf-8")
    settings = load_settings(env)
    assert settings.token() == "123:abc"
    assert settings.file_base_url == "http://127.0.0.1:9000/file/bot"


@pytest.mark.parametrize(
    ("key", "value"),
    [
        ("TIMEZONE", "Sao/Hoa"),
        ("ADMIN_IDS", "12,abc"),
        ("LOCALE", "fr"),
        ("DATABASE_URL", "mysql://x"),
        ("TELEGRAM_API_BASE_URL", "ftp://x"),
    ],
)
def test_a_bad_setting_names_itself_in_vietnamese(monkeypatch: pytest.MonkeyPatch, key: str, value: str) -> None:
    monkeypatch.setenv(key, value)
    with pytest.raises(SettingsError) as caught:
        load_settings(None)
    message = str(caught.value)
    assert key in message and "không hợp lệ" in message and "\n" not in message


def test_missing_token_points_to_the_demo() -> None:
    with pytest.raises(SettingsError) as caught:
        load_settings(None).token()
    assert "TELEGRAM_BOT_TOKEN" in str(caught.value) and "dondoc demo" in str(caught.value)


def test_dondoc_run_without_token_stops_with_one_line(tmp_path: Path) -> None:
    env = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path)}
    result = subprocess.run(
        [sys.executable, "-m", "bot", "run"], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "TELEGRAM_BOT_TOKEN" in lines[0] and "dondoc demo" in lines[0]

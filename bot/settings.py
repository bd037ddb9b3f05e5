"""Settings from the environment and ``.env``; a bad one stops start-up with one clear line."""

from __future__ import annotations

import re
from datetime import datetime
from pathlib import Path
from typing import Annotated
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import Field, SecretStr, ValidationError, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

DEFAULT_DB = "sqlite+aiosqlite:///" + str(Path("data") / "dondoc.sqlite3")

FIX_HINTS = {
    "TELEGRAM_BOT_TOKEN": "đặt TELEGRAM_BOT_TOKEN=<mã của BotFather> trong tệp .env "
    "(chưa có mã thì chạy 'dondoc demo' để dùng thử không cần mã)",
    "TELEGRAM_API_BASE_URL": "ví dụ http://127.0.0.1:9000/bot",
    "DATABASE_URL": "ví dụ sqlite+aiosqlite:///data/dondoc.sqlite3 hoặc postgresql+asyncpg://user@host/db",
    "TIMEZONE": "ví dụ Asia/Ho_Chi_Minh",
    "ADMIN_IDS": "các mã người dùng Telegram cách nhau bằng dấu phẩy, ví dụ 12345,67890",
    "LOCALE": "vi hoặc en",
    "WEBHOOK_SECRET": "1–256 ký tự gồm chữ cái không dấu, chữ số, _ hoặc -, ví dụ tạo bằng lệnh: openssl rand -hex 32",
    "WEB_SECRET": "ít nhất 32 ký tự ngẫu nhiên, ví dụ tạo bằng lệnh: openssl rand -hex 32",
    "WEB_BASE_URL": "địa chỉ mọi người mở bảng điều khiển, ví dụ https://bot.example.gov.vn",
    "ZALO_BOT_TOKEN": "đặt ZALO_BOT_TOKEN=<mã bot do Zalo Bot Platform cấp, dạng số:chuỗi> trong tệp .env",
    "ZALO_API_BASE_URL": "ví dụ https://bot-api.zaloplatforms.com/bot (gồm cả /bot ở cuối)",
    "ZALO_WEBHOOK_SECRET": "8–256 ký tự chữ cái không dấu, chữ số, _ hoặc -, ví dụ tạo bằng lệnh: openssl rand -hex 32",
    "ZALO_MESSAGES_PER_SECOND": "số tin nhắn tối đa mỗi giây gửi qua Zalo, ví dụ 1 (lớn hơn 0, tối đa 30)",
    "CLOCK_START": "để trống khi chạy thật; khi diễn tập: thời điểm có múi giờ, ví dụ 2024-03-20T08:00:00+07:00",
    "LOG_FORMAT": "text (dễ đọc tại màn hình) hoặc json (một dòng JSON mỗi sự kiện, cho systemd/journald)",
}

WEBHOOK_SECRET_PATTERN = re.compile(r"[A-Za-z0-9_-]{1,256}")
ZALO_SECRET_PATTERN = re.compile(r"[A-Za-z0-9_-]{8,256}")  # Zalo's secret_token: 8-256 characters


class SettingsError(Exception):
    """A setting is missing or wrong; the message is one line saying which and how to fix it."""


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_file=".env", env_file_encoding="utf-8", extra="ignore")

    telegram_bot_token: SecretStr | None = None
    telegram_api_base_url: str = "https://api.telegram.org/bot"
    telegram_api_file_url: str | None = None
    database_url: str = DEFAULT_DB
    timezone: str = "Asia/Ho_Chi_Minh"
    admin_ids: Annotated[list[int], NoDecode] = Field(default_factory=list)
    locale: str = "vi"
    working_group_name: str = "Tổ Công tác Đề án 06"
    webhook_secret: SecretStr | None = None
    log_format: str = "text"
    web_base_url: str | None = None  # unset: the bot gives no dashboard link
    web_secret: SecretStr | None = None
    zalo_bot_token: SecretStr | None = None
    zalo_api_base_url: str = "https://bot-api.zaloplatforms.com/bot"
    zalo_webhook_secret: SecretStr | None = None
    clock_start: datetime | None = None  # rehearsals only: the bot's clock starts at this moment
    zalo_messages_per_second: float = Field(default=1.0, gt=0, le=30)  # Zalo publishes no limit: stay slow

    @field_validator("admin_ids", mode="before")
    @classmethod
    def _split_ids(cls, value: object) -> object:
        if isinstance(value, str):
            return [part.strip() for part in value.split(",") if part.strip()]
        if isinstance(value, int):
            return [value]
        return value

    @field_validator("timezone")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError) as exc:
            raise ValueError("unknown time zone") from exc
        return value

    @field_validator("locale")
    @classmethod
    def _known_locale(cls, value: str) -> str:
        if value not in ("vi", "en"):
            raise ValueError("unsupported locale")
        return value

    @field_validator("webhook_secret", "web_secret", "web_base_url", "zalo_bot_token", "zalo_webhook_secret", mode="before")
    @classmethod
    def _empty_is_none(cls, value: object) -> object:
        if isinstance(value, str) and not value.strip():
            return None
        return value

    @field_validator("webhook_secret")
    @classmethod
    def _telegram_secret_alphabet(cls, value: SecretStr | None) -> SecretStr | None:
        if value is not None and not WEBHOOK_SECRET_PATTERN.fullmatch(value.get_secret_value()):
            raise ValueError("the secret token allows 1-256 characters A-Z, a-z, 0-9, _ and -")
        return value

    @field_validator("zalo_webhook_secret")
    @classmethod
    def _zalo_secret_alphabet(cls, value: SecretStr | None) -> SecretStr | None:
        if value is not None and not ZALO_SECRET_PATTERN.fullmatch(value.get_secret_value()):
            raise ValueError("the Zalo secret token allows 8-256 characters A-Z, a-z, 0-9, _ and -")
        return value

    @field_validator("clock_start", mode="before")
    @classmethod
    def _empty_clock_is_real_time(cls, value: object) -> object:
        return None if isinstance(value, str) and not value.strip() else value

    @field_validator("clock_start")
    @classmethod
    def _aware_start(cls, value: datetime | None) -> datetime | None:
        if value is not None and value.tzinfo is None:
            raise ValueError("the clock start needs a time zone")
        return value

    @field_validator("log_format")
    @classmethod
    def _known_log_format(cls, value: str) -> str:
        if value.strip().lower() not in ("text", "json"):
            raise ValueError("unsupported log format")
        return value.strip().lower()

    @field_validator("database_url")
    @classmethod
    def _async_driver(cls, value: str) -> str:
        if not value.startswith(("sqlite+aiosqlite://", "postgresql+asyncpg://")):
            raise ValueError("unsupported database url")
        return value

    @field_validator("web_secret")
    @classmethod
    def _long_web_secret(cls, value: SecretStr | None) -> SecretStr | None:
        if value is not None and len(value.get_secret_value()) < 32:
            raise ValueError("the web secret needs at least 32 characters")
        return value

    @field_validator("telegram_api_base_url", "web_base_url", "zalo_api_base_url")
    @classmethod
    def _http_url(cls, value: str | None) -> str | None:
        if value is not None and not value.startswith(("http://", "https://")):
            raise ValueError("not an http url")
        return value

    @property
    def file_base_url(self) -> str:
        """Where files are downloaded: ``…/file/bot`` beside the API's ``…/bot``."""
        if self.telegram_api_file_url:
            return self.telegram_api_file_url
        base = self.telegram_api_base_url
        return base[: -len("bot")] + "file/bot" if base.endswith("/bot") else base.rstrip("/") + "/file/bot"

    def token(self) -> str:
        """The bot token; a missing one is a settings error that points to the demo."""
        if self.telegram_bot_token is None or not self.telegram_bot_token.get_secret_value().strip():
            raise SettingsError(f"Thiếu TELEGRAM_BOT_TOKEN: {FIX_HINTS['TELEGRAM_BOT_TOKEN']}.")
        return self.telegram_bot_token.get_secret_value().strip()

    @property
    def has_telegram(self) -> bool:
        return self.telegram_bot_token is not None and bool(self.telegram_bot_token.get_secret_value().strip())

    @property
    def has_zalo(self) -> bool:
        return self.zalo_bot_token is not None

    def zalo_token(self) -> str:
        if self.zalo_bot_token is None:
            raise SettingsError(f"Thiếu ZALO_BOT_TOKEN: {FIX_HINTS['ZALO_BOT_TOKEN']}.")
        return self.zalo_bot_token.get_secret_value().strip()

    def messenger_check(self) -> None:
        """At least one messenger to serve: Telegram, Zalo or both."""
        if not self.has_telegram and not self.has_zalo:
            raise SettingsError(
                f"Thiếu TELEGRAM_BOT_TOKEN hoặc ZALO_BOT_TOKEN: {FIX_HINTS['TELEGRAM_BOT_TOKEN']}; "
                f"hoặc {FIX_HINTS['ZALO_BOT_TOKEN']}."
            )

    def zalo_webhook_secret_value(self) -> str:
        """The secret Zalo sends back in ``X-Bot-Api-Secret-Token``; required to receive Zalo by webhook."""
        if self.zalo_webhook_secret is None:
            raise SettingsError(
                f"Thiếu ZALO_WEBHOOK_SECRET (bắt buộc khi nhận Zalo qua webhook): {FIX_HINTS['ZALO_WEBHOOK_SECRET']}."
            )
        return self.zalo_webhook_secret.get_secret_value()

    def webhook_secret_value(self) -> str:
        """The secret Telegram sends back with every webhook call; required in webhook mode."""
        if self.webhook_secret is None:
            raise SettingsError(f"Thiếu WEBHOOK_SECRET (bắt buộc khi chạy webhook): {FIX_HINTS['WEBHOOK_SECRET']}.")
        return self.webhook_secret.get_secret_value()

    def web_address(self, listen: str, port: int) -> str:
        """Where people open the dashboard: WEB_BASE_URL, else the address it listens on."""
        return self.web_base_url or f"http://{listen}:{port}"

    def web_secret_value(self) -> str:
        """The key that signs the dashboard's session cookies; required to serve the dashboard."""
        if self.web_secret is None:
            raise SettingsError(f"Thiếu WEB_SECRET (bắt buộc khi chạy bảng điều khiển): {FIX_HINTS['WEB_SECRET']}.")
        return self.web_secret.get_secret_value()

    def secrets(self) -> list[str]:
        """Everything that must never reach a log line: the tokens, the database URL and its password,
        the webhook and web secrets."""
        from urllib.parse import quote

        from sqlalchemy.engine import make_url

        found: list[str] = [self.database_url]
        if self.telegram_bot_token is not None and self.telegram_bot_token.get_secret_value().strip():
            token = self.telegram_bot_token.get_secret_value().strip()
            found += [token, quote(token, safe="")]
        password = make_url(self.database_url).password
        if password:
            found += [str(password), quote(str(password), safe="")]
        if self.zalo_bot_token is not None:
            token = self.zalo_bot_token.get_secret_value().strip()
            found += [token, quote(token, safe="")]
        secrets = (self.webhook_secret, self.web_secret, self.zalo_webhook_secret)
        found += [s.get_secret_value() for s in secrets if s is not None]
        return found


def load_settings(env_file: str | Path | None = ".env") -> Settings:
    """Settings, or a SettingsError naming the first bad setting and how to fix it."""
    try:
        return Settings(_env_file=env_file)  # type: ignore[call-arg]
    except ValidationError as exc:
        error = exc.errors()[0]
        name = str(error["loc"][0]).upper() if error["loc"] else "?"
        hint = FIX_HINTS.get(name, "xem .env.example")
        raise SettingsError(f"Giá trị {name} không hợp lệ: {hint}.") from None

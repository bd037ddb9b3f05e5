"""What the web app needs from the settings, so that it never imports ``bot/``."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

SESSION_TTL = timedelta(hours=8)


@dataclass(frozen=True)
class WebConfig:
    secret: str  # signs the session cookie; never logged
    base_url: str  # the address people open, e.g. https://bot.example.gov.vn/bang-dieu-khien
    admin_ids: tuple[int, ...]

    @property
    def secure_cookie(self) -> bool:
        """Send the session cookie over HTTPS only, when the public address is HTTPS."""
        return self.base_url.startswith("https://")

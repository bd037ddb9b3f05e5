"""Small shared pieces of the tgserver tests."""

from __future__ import annotations

from typing import Any

import httpx

from tgserver import TelegramServer

TOKEN = "123:ABC"


class ManualClock:
    """A monotonic clock the test moves by hand, for deterministic flood-limit tests."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


def api_client(server: TelegramServer) -> httpx.AsyncClient:
    """Raw HTTP to the server's Bot API: `await client.post("sendMessage", json={...})`."""
    return httpx.AsyncClient(base_url=f"{server.base_url}{TOKEN}/")


async def call(client: httpx.AsyncClient, method: str, **params: Any) -> tuple[int, dict[str, Any]]:
    response = await client.post(method, json=params)
    return response.status_code, response.json()

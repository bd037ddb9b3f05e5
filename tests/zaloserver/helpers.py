"""Small shared pieces of the zaloserver tests."""

from __future__ import annotations

from typing import Any

import httpx

from zaloserver import ZaloServer


def api_client(server: ZaloServer, token: str | None = None) -> httpx.AsyncClient:
    """Raw HTTP to the server as the bot: `await client.post("sendMessage", json={...})`."""
    return httpx.AsyncClient(base_url=f"{server.base_url}{token or server.token}/", timeout=10)


async def call(client: httpx.AsyncClient, method: str, **params: Any) -> tuple[int, dict[str, Any]]:
    response = await client.post(method, json=params)
    return response.status_code, response.json()


async def error(client: httpx.AsyncClient, method: str, **params: Any) -> tuple[int, str]:
    """(error_code, description) of a call expected to be refused; the HTTP status must agree."""
    status, body = await call(client, method, **params)
    assert body["ok"] is False and body["error_code"] == status, body
    return status, body["description"]

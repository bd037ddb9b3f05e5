"""Calling the Zalo Bot API: ``POST {base}{token}/{method}`` with a JSON body, answers in an
``{"ok", "result" | "error_code", "description"}`` envelope; refusals as the port's error kinds."""

from __future__ import annotations

from typing import Any

import httpx

from channels.port import DeliveryError, ErrorKind

NO_UPDATE = 408  # a long poll that ended with nothing new
# a 400 that means the chat is gone for the bot, not that this one message was wrong
CHAT_GONE = ("chat not found", "user not found")
DEFAULT_RETRY_AFTER = 5.0  # a 429 without a delay: Zalo publishes none


class ZaloError(Exception):
    """An answer with ``ok: false`` (or no JSON answer at all: ``code`` 0)."""

    def __init__(self, code: int, description: str, retry_after: float | None = None) -> None:
        super().__init__(f"{code} {description}".strip())
        self.code, self.description, self.retry_after = code, description, retry_after


def delivery_error(exc: ZaloError) -> DeliveryError:
    """What the sender must do about a refusal. Zalo documents almost no errors: anything that does
    not clearly say the chat is gone or the message is wrong is worth trying again."""
    text = str(exc)
    if exc.code == 429:
        return DeliveryError(ErrorKind.RETRY_AFTER, text, retry_after=exc.retry_after or DEFAULT_RETRY_AFTER)
    if exc.code == 403:
        return DeliveryError(ErrorKind.BLOCKED, text)
    if exc.code == 400:
        gone = any(p in exc.description.lower() for p in CHAT_GONE)
        return DeliveryError(ErrorKind.CHAT_GONE if gone else ErrorKind.REJECTED, text)
    return DeliveryError(ErrorKind.TRANSIENT, text)


class ZaloApi:
    """One bot's calls; ``timeout`` is how long a call may take beyond a long poll's own wait."""

    def __init__(self, token: str, base_url: str, timeout: float = 20.0) -> None:
        self.url = f"{base_url}{token}/"
        self.timeout = timeout
        self.client = httpx.AsyncClient(timeout=timeout)

    async def call(self, method: str, params: dict[str, Any] | None = None, *, wait: float = 0.0) -> Any:
        """The call's result; ``ZaloError`` when refused, ``DeliveryError`` (transient) when the
        network or the server failed without an answer."""
        try:
            response = await self.client.post(self.url + method, json=params or {}, timeout=self.timeout + wait)
        except httpx.HTTPError as exc:
            raise DeliveryError(ErrorKind.TRANSIENT, f"{method}: {type(exc).__name__}") from exc
        try:
            body = response.json()
        except ValueError:
            raise ZaloError(0 if response.status_code < 400 else response.status_code, "no JSON answer") from None
        if not isinstance(body, dict):
            raise ZaloError(0, "unexpected answer")
        if body.get("ok") is True:
            return body.get("result")
        params_out = body.get("parameters") if isinstance(body.get("parameters"), dict) else {}
        retry = params_out.get("retry_after") if params_out else None
        raise ZaloError(
            int(body.get("error_code") or response.status_code), str(body.get("description") or ""),
            float(retry) if isinstance(retry, int | float) else None,
        )

    async def send(self, method: str, params: dict[str, Any]) -> Any:
        """A sending call, its refusals as ``DeliveryError``."""
        try:
            return await self.call(method, params)
        except ZaloError as exc:
            raise delivery_error(exc) from exc

    async def close(self) -> None:
        await self.client.aclose()

"""What the bot asked of the server, kept for assertions."""

from __future__ import annotations

from typing import Any, NamedTuple


class Call(NamedTuple):
    """One API request, also unpackable as (method, params, status, response).

    `params` are the checked parameters when they passed validation, the raw ones otherwise. `status` is
    the HTTP status answered and `response` the JSON body (None for fault "502", whose body is HTML).
    A dropped connection has status None; for "lost_response" `response` keeps the answer never sent.
    """

    method: str
    params: dict[str, Any]
    status: int | None
    response: dict[str, Any] | None

    @property
    def ok(self) -> bool:
        """Answered with success (an API may answer a refusal with HTTP 200, so the body decides)."""
        return self.status is not None and self.response is not None and self.response.get("ok") is True

"""What the bot asked of the server, kept for assertions (its messages are `messages.Message`)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, NamedTuple


class Call(NamedTuple):
    """One Bot API request, also unpackable as (method, params, status, response).

    `params` are typed when they passed validation, raw otherwise.

    `status` is the HTTP status answered, `response` the JSON body (None for fault "502", whose body
    is nginx's HTML page). Both are None when a fault dropped the connection without an answer, except
    that for "lost_response" `response` holds the answer the client never got.
    """

    method: str
    params: dict[str, Any]
    status: int | None
    response: dict[str, Any] | None

    @property
    def ok(self) -> bool:
        return self.status == 200


@dataclass(frozen=True)
class CallbackAnswer:
    """One answerCallbackQuery call."""

    callback_query_id: str
    text: str | None
    show_alert: bool
    url: str | None
    cache_time: int

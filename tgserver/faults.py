"""The failures a test can inject into the Telegram stand-in: the shared connection faults and Telegram's errors."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, get_args

from serverkit import faults

FaultKind = Literal["429", "500", "502", "timeout", "lost_response", "blocked", "chat_not_found", "kicked"]


@dataclass
class Fault(faults.Fault):
    """One armed failure. `times=None` keeps it armed until `TelegramServer.clear_faults()`.

    kinds: "429" (Too Many Requests with `retry_after`), "500" (Internal Server Error JSON),
    "502" (nginx's HTML Bad Gateway page), "timeout" (held `delay` seconds, default 10, longer than
    PTB's 5 s read timeout, then the connection is dropped; nothing delivered), "lost_response"
    (delivered, then held `delay` seconds, default 0, and the connection dropped without an answer),
    "blocked", "chat_not_found", "kicked" (Telegram's errors).
    """

    kind: FaultKind
    retry_after: int = 3

    def same_method(self, method: str) -> bool:
        """Bot API method names are case-insensitive."""
        return (self.method or "").lower() == method.lower()


class FaultPlan(faults.FaultPlan[Fault]):
    def __init__(self) -> None:
        super().__init__(get_args(FaultKind))

"""Failures injected on demand, so a test can make exactly the next N matching calls misbehave."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Literal

FaultKind = Literal["429", "500", "502", "timeout", "lost_response", "blocked", "chat_not_found", "kicked"]
FAULT_KINDS: tuple[FaultKind, ...] = (
    "429",
    "500",
    "502",
    "timeout",
    "lost_response",
    "blocked",
    "chat_not_found",
    "kicked",
)

TIMEOUT_HOLD = 10.0


@dataclass
class Fault:
    """One armed failure. `times=None` keeps it armed until `TelegramServer.clear_faults()`.

    kinds: "429" (Too Many Requests with `retry_after`), "500" (Internal Server Error JSON),
    "502" (nginx's HTML Bad Gateway page), "timeout" (held `delay` seconds, default 10, then the
    connection is dropped; nothing delivered), "lost_response" (delivered, then held `delay` seconds,
    default 0, and the connection dropped without an answer), "blocked", "chat_not_found", "kicked" (Telegram's errors).
    """

    kind: FaultKind
    method: str | None = None
    chat_id: int | str | None = None
    times: int | None = 1
    retry_after: int = 3
    delay: float | None = None
    hits: int = 0

    @property
    def hold(self) -> float:
        """Seconds to keep the connection open; a "timeout" defaults to longer than PTB's 5 s read timeout."""
        if self.delay is not None:
            return self.delay
        return TIMEOUT_HOLD if self.kind == "timeout" else 0.0

    def matches(self, method: str, params: Mapping[str, Any]) -> bool:
        if self.times is not None and self.hits >= self.times:
            return False
        if self.method is not None and self.method.lower() != method.lower():
            return False
        return self.chat_id is None or str(params.get("chat_id")) == str(self.chat_id)


class FaultPlan:
    """The armed faults, consulted for every request in the order they were armed."""

    def __init__(self) -> None:
        self.faults: list[Fault] = []

    def arm(self, fault: Fault) -> Fault:
        if fault.kind not in FAULT_KINDS:
            raise ValueError(f"unknown fault kind {fault.kind!r}; expected one of {FAULT_KINDS}")
        self.faults.append(fault)
        return fault

    def take(self, method: str, params: Mapping[str, Any]) -> Fault | None:
        """The first armed fault matching this call, spending one of its `times`."""
        for fault in self.faults:
            if fault.matches(method, params):
                fault.hits += 1
                return fault
        return None

    def clear(self) -> None:
        self.faults.clear()

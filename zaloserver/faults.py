"""Failures injected on demand, so a test can make exactly the next N matching calls misbehave."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Literal, get_args

FaultKind = Literal["429", "500", "502", "timeout", "lost_response", "chat_gone"]
TIMEOUT_HOLD = 10.0


@dataclass
class Fault:
    """One armed failure; `times=None` keeps it armed until `ZaloServer.clear_faults()`.

    "429" rate limited and "500" server error (JSON envelope, nothing done); "502" a proxy's HTML page;
    "timeout": nothing done, the connection held `delay` s (default 10) then dropped; "lost_response":
    done, then held `delay` s (default 0) and dropped without an answer; "chat_gone": the chat no longer
    exists for the bot (the refusal a blocked private chat or a group the bot left gets).
    """

    kind: FaultKind
    method: str | None = None
    chat_id: str | None = None
    times: int | None = 1
    delay: float | None = None
    hits: int = 0

    @property
    def hold(self) -> float:
        """Seconds the connection stays open before it is dropped."""
        if self.delay is not None:
            return self.delay
        return TIMEOUT_HOLD if self.kind == "timeout" else 0.0

    def matches(self, method: str, params: Mapping[str, Any]) -> bool:
        spent = self.times is not None and self.hits >= self.times
        return (
            not spent
            and self.method in (None, method)
            and (self.chat_id is None or params.get("chat_id") == self.chat_id)
        )


class FaultPlan:
    """The armed faults, consulted for every request in the order they were armed."""

    def __init__(self) -> None:
        self.faults: list[Fault] = []

    def arm(self, fault: Fault) -> Fault:
        if fault.kind not in get_args(FaultKind):
            raise ValueError(f"unknown fault kind {fault.kind!r}; expected one of {get_args(FaultKind)}")
        self.faults.append(fault)
        return fault

    def take(self, method: str, params: Mapping[str, Any]) -> Fault | None:
        """The first armed fault matching this call, spending one of its `times`."""
        fault = next((f for f in self.faults if f.matches(method, params)), None)
        if fault is not None:
            fault.hits += 1
        return fault

    def clear(self) -> None:
        self.faults.clear()

"""Failures injected on demand, so a test can make exactly the next N matching calls misbehave.

The kinds "timeout", "lost_response" and "502" are about the connection and mean the same for every API
(`endpoints.Endpoints` applies them); each server adds the refusals of its own API.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

TIMEOUT_HOLD = 10.0


@dataclass
class Fault:
    """One armed failure of `kind` for calls of `method` (any if None) into `chat_id` (any if None).

    `times=None` keeps it armed until cleared. "timeout": nothing done, the connection held `delay` s
    (default 10, longer than clients' read timeouts) then dropped; "lost_response": done, then held
    `delay` s (default 0) and dropped without an answer; "502": a proxy's HTML page.
    """

    kind: str
    method: str | None = None
    chat_id: int | str | None = None
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
            and (self.method is None or self.same_method(method))
            and (self.chat_id is None or str(params.get("chat_id")) == str(self.chat_id))
        )

    def same_method(self, method: str) -> bool:
        """Whether this fault names `method`; an API whose method names ignore case overrides this."""
        return self.method == method


F = TypeVar("F", bound=Fault)


class FaultPlan(Generic[F]):
    """The armed faults, consulted for every request in the order they were armed."""

    def __init__(self, kinds: Iterable[str]) -> None:
        self.kinds = tuple(kinds)
        self.faults: list[F] = []

    def arm(self, fault: F) -> F:
        if fault.kind not in self.kinds:
            raise ValueError(f"unknown fault kind {fault.kind!r}; expected one of {self.kinds}")
        self.faults.append(fault)
        return fault

    def take(self, method: str, params: Mapping[str, Any]) -> F | None:
        """The first armed fault matching this call, spending one of its `times`."""
        fault = next((f for f in self.faults if f.matches(method, params)), None)
        if fault is not None:
            fault.hits += 1
        return fault

    def clear(self) -> None:
        self.faults.clear()

"""The bot's queue of updates: kept until confirmed, filtered by allowed_updates when they happen."""

from __future__ import annotations

from typing import Any

from serverkit.updates import PendingUpdates
from serverkit.waiting import Pulse

# What a bot gets when it never chose (or chose an empty list), per the getUpdates documentation.
_NOT_BY_DEFAULT = frozenset({"chat_member", "message_reaction", "message_reaction_count"})


class UpdateQueue(PendingUpdates):
    def __init__(self, pulse: Pulse) -> None:
        super().__init__(pulse)
        self._next_id = 1
        self.allowed: frozenset[str] = frozenset()

    def push(self, kind: str, payload: dict[str, Any]) -> None:
        """Queue an update, unless the bot's allowed_updates excludes its kind (Telegram drops those)."""
        wanted = kind in self.allowed if self.allowed else kind not in _NOT_BY_DEFAULT
        if not wanted:
            return
        self.append({"update_id": self._next_id, kind: payload})
        self._next_id += 1

    def choose(self, allowed: list[str] | None) -> None:
        """Apply allowed_updates; None keeps the previous choice, as in Telegram."""
        if allowed is not None:
            self.allowed = frozenset(allowed)

    def confirm(self, offset: int) -> None:
        """getUpdates offset semantics: positive confirms lower ids, negative keeps only the last -offset."""
        if offset < 0:
            while len(self._pending) > -offset:
                self._pending.popleft()
            return
        while self._pending and self._pending[0]["update_id"] < offset:
            self._pending.popleft()

    def peek(self, limit: int) -> list[dict[str, Any]]:
        return list(self._pending)[:limit]

    def clear(self) -> None:
        self._pending.clear()

"""The bot's pending updates. The summary has no update ids or offsets: an update leaves the queue when it
is handed out (a poll's answer or a webhook's 2XX), so an answer lost on the way loses the update."""

from __future__ import annotations

from typing import Any

from serverkit.updates import PendingUpdates


class UpdateQueue(PendingUpdates):
    def take(self, most: int | None = None) -> list[dict[str, Any]]:
        """Remove and return the oldest `most` updates (all when None)."""
        count = len(self._pending) if most is None else min(most, len(self._pending))
        return [self._pending.popleft() for _ in range(count)]

"""Integer handles for a messenger's opaque string ids (Zalo's chat and user ids).

Our tables keep people and chats as (channel, integer external id). A messenger whose ids are
strings gets, per string, the id of a row of ``external_handles``: given once, never reused, the
same in every process sharing the database.
"""

from __future__ import annotations

from sqlalchemy import select

from storage.db import Database, dialect_insert
from storage.models import ExternalHandle


class Handles:
    """The handles of one channel, both ways, remembered once looked up."""

    def __init__(self, db: Database, channel: str) -> None:
        self.db, self.channel = db, channel
        self._by_key: dict[str, int] = {}
        self._by_handle: dict[int, str] = {}

    def _remember(self, key: str, handle: int) -> int:
        self._by_key[key], self._by_handle[handle] = handle, key
        return handle

    async def handle(self, key: str) -> int:
        """The handle of ``key``, given now if it has none yet."""
        if (known := self._by_key.get(key)) is not None:
            return known
        async with self.db.transaction() as session:
            await session.execute(
                dialect_insert(session)(ExternalHandle)
                .values(channel=self.channel, key=key)
                .on_conflict_do_nothing(index_elements=["channel", "key"])
            )
            found = await session.scalar(
                select(ExternalHandle.id).where(ExternalHandle.channel == self.channel, ExternalHandle.key == key)
            )
        assert found is not None
        return self._remember(key, found)

    async def key(self, handle: int) -> str | None:
        """The string id a handle stands for (None: no such handle of this channel)."""
        if (known := self._by_handle.get(handle)) is not None:
            return known
        async with self.db.transaction() as session:
            found = await session.scalar(
                select(ExternalHandle.key).where(ExternalHandle.channel == self.channel, ExternalHandle.id == handle)
            )
        if found is not None:
            self._remember(found, handle)
        return found

"""The unit of work a use case runs in: one transaction, committed together or not at all."""

from __future__ import annotations

from contextlib import AbstractAsyncContextManager
from typing import Protocol

from sqlalchemy.ext.asyncio import AsyncSession


class UnitOfWork(Protocol):
    """What services need from the database (``storage.db.Database`` is one)."""

    def transaction(self) -> AbstractAsyncContextManager[AsyncSession]: ...

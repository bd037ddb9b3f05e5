"""Sign-in links: only leaders and the secretariat get one, it is stored hashed, a new one replaces
the previous one, and a session ends as soon as the person loses the role."""

from __future__ import annotations

from sqlalchemy import select

from services.clock import ManualClock
from services.roles import revoke
from services.web_access import Link, Refusal, Visitor, issue_link, redeem, web_actor
from storage.db import Database
from storage.models import Conversation, Person
from tests.web.conftest import LEADER_ID, STRANGER_ID, fill


async def test_links_go_to_leaders_and_the_secretariat_only(db: Database, clock: ManualClock) -> None:
    await fill(db, clock)
    assert await issue_link(db, clock, STRANGER_ID, ()) is Refusal.NOT_ALLOWED
    assert await issue_link(db, clock, 999, ()) is Refusal.UNKNOWN_PERSON
    assert isinstance(await issue_link(db, clock, STRANGER_ID, (STRANGER_ID,)), Link), "an ADMIN_IDS user"


async def test_a_link_is_stored_hashed_and_a_new_one_replaces_it(db: Database, clock: ManualClock) -> None:
    await fill(db, clock)
    first = await issue_link(db, clock, LEADER_ID, ())
    second = await issue_link(db, clock, LEADER_ID, ())
    assert isinstance(first, Link) and isinstance(second, Link)
    async with db.transaction() as session:
        stored = [row.data for row in await session.scalars(select(Conversation))]
    assert len(stored) == 1 and second.token.split(".")[1] not in str(stored)
    assert await redeem(db, clock, first.token) is Refusal.USED
    assert await redeem(db, clock, second.token) == Visitor(LEADER_ID, 0)
    assert await redeem(db, clock, "12.forged") is Refusal.USED


async def test_a_session_closes_when_the_role_is_taken_away(db: Database, clock: ManualClock) -> None:
    leader = await fill(db, clock)
    visitor = Visitor(LEADER_ID, 0)
    assert await web_actor(db, clock, visitor, ()) is not None
    async with db.transaction() as session:
        person = await session.scalar(select(Person).where(Person.external_id == LEADER_ID))
        assert person is not None and leader.working_group_id is not None
        await revoke(session, person.id, leader.working_group_id, None)
    assert await web_actor(db, clock, visitor, ()) is None

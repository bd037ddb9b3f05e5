"""Where the latest notices stand (/thong_bao_trang_thai): a read, it changes nothing.

A delivery the engine has not yet brought up to date is shown as its outbox row says."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from services.access import Actor
from services.groups import group_of
from services.notices.results import NoticeSummary
from services.notices.states import ACKNOWLEDGED, FAILED, PENDING, REMINDED, SENT, notice_key
from services.unit import UnitOfWork
from storage.models import Agency, Notice, NoticeDelivery, Outbox, Task, WorkingGroup


async def _as_sent(session: AsyncSession, pending: list[NoticeDelivery]) -> None:
    """Pending deliveries as their outbox rows stand now: on these objects, detached first so
    that nothing is written back."""
    keys = {notice_key(d.notice_id, d.chat_id): d for d in pending}
    for delivery in pending:
        session.expunge(delivery)
    if not keys:
        return
    for row in await session.scalars(select(Outbox).where(Outbox.idempotency_key.in_(keys))):
        delivery = keys[row.idempotency_key]
        if row.state == "sent":
            delivery.state = SENT
        elif row.state in ("failed", "expired"):
            delivery.state, delivery.error = FAILED, row.last_error or row.state


async def summaries(
    session: AsyncSession, group: WorkingGroup, notice_id: int | None = None, limit: int = 5
) -> list[NoticeSummary]:
    """The latest notices (or one) with their counts."""
    query = select(Notice).where(Notice.working_group_id == group.id)
    if notice_id is not None:
        query = query.where(Notice.id == notice_id)
    notices = list(await session.scalars(query.order_by(Notice.id.desc()).limit(limit)))
    if not notices:
        return []
    rows = (
        await session.execute(
            select(NoticeDelivery, Agency.name)
            .outerjoin(Agency, Agency.id == NoticeDelivery.agency_id)
            .where(NoticeDelivery.notice_id.in_([n.id for n in notices]))
            .order_by(Agency.name, NoticeDelivery.id)
        )
    ).all()
    await _as_sent(session, [d for d, _name in rows if d.state == PENDING])
    plans = [n.plan_id for n in notices if n.plan_id is not None]
    task_counts: dict[int, int] = {}
    if plans:
        counted = await session.execute(
            select(Task.plan_id, func.count())
            .where(Task.plan_id.in_(plans), Task.removed_at.is_(None))
            .group_by(Task.plan_id)
        )
        task_counts = {plan_id: int(n) for plan_id, n in counted.all()}
    out: list[NoticeSummary] = []
    for notice in notices:
        mine = [(d, name or "") for d, name in rows if d.notice_id == notice.id]
        states = [d.state for d, _name in mine]
        waiting = [name for d, name in mine if d.state in (SENT, REMINDED)]
        out.append(
            NoticeSummary(
                id=notice.id,
                created_at=notice.created_at,
                text=notice.text,
                chats=len(mine),
                pending=states.count(PENDING),
                sent=sum(1 for s in states if s in (SENT, REMINDED, ACKNOWLEDGED)),
                failed=states.count(FAILED),
                acknowledged=states.count(ACKNOWLEDGED),
                waiting=len(waiting),
                not_acknowledged=sorted(set(waiting)),
                failures=[(name, d.error or "") for d, name in mine if d.state == FAILED],
                tasks=task_counts.get(notice.plan_id, 0) if notice.plan_id is not None else 0,
            )
        )
    return out


@dataclass(frozen=True)
class Latest:
    notices: list[NoticeSummary]
    timezone: str


async def latest(db: UnitOfWork, actor: Actor, notice_id: int | None = None) -> Latest:
    """``/thong_bao_trang_thai [số]``: the latest notices, or one, in the actor's working group."""
    async with db.transaction() as session:
        group = await group_of(session, actor)
        return Latest(await summaries(session, group, notice_id), group.timezone)

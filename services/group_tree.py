"""Working groups as a tree (province → district → commune): finding them, their subtrees, and
adding a commune with its People's Committee, which joins the collectives above it that stand for
every commune (``UBND cấp xã``) and receives the open tasks those collectives lead."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import Select, select
from sqlalchemy.ext.asyncio import AsyncSession

from plans.agencies import default_registry
from plans.text import fold
from services.access import reaches
from services.agencies import create_agency, find_agency
from services.clock import Clock
from services.collectives import add_member
from services.groups import ensure_default_group
from services.unit import UnitOfWork
from storage.group_tree import lineage, subtree_query
from storage.models import Agency, WorkingGroup

PROVINCE, DISTRICT, COMMUNE = "tinh", "huyen", "xa"
_RANK = {PROVINCE: 0, DISTRICT: 1, COMMUNE: 2}

# the words a group's name opens with, longest first (``thị xã`` is a district, ``xã`` a commune)
_LEVEL_WORDS = (
    ("thi xa", DISTRICT), ("thanh pho", DISTRICT), ("huyen", DISTRICT), ("quan", DISTRICT),
    ("thi tran", COMMUNE), ("dac khu", COMMUNE), ("phuong", COMMUNE), ("xa", COMMUNE),
    ("tinh", PROVINCE),
)

# the collectives of a group's tiers that a new group's People's Committee belongs to
_COLLECTIVES_OF = {COMMUNE: ("UBND cấp xã",), DISTRICT: ("UBND cấp huyện",)}


class GroupError(Exception):
    """A group that cannot be added or found; ``reason`` says which case, for the caller's wording."""

    def __init__(self, reason: str, name: str) -> None:
        super().__init__(f"{reason}: {name}")
        self.reason, self.name = reason, name


def level_of(name: str, parent: WorkingGroup | None) -> str:
    """The tier a group's name says (``xã Sơn Ninh``, ``phường 1``, ``huyện Hương Sơn``); a root is
    the province and an unqualified child a commune."""
    folded = fold(name)
    for words, level in _LEVEL_WORDS:
        if folded == words or folded.startswith(words + " "):
            return level
    return PROVINCE if parent is None else COMMUNE


def committee_name(name: str, level: str) -> str:
    """The People's Committee of a group: ``UBND xã Sơn Ninh`` for ``xã Sơn Ninh`` (or ``Sơn Ninh``)."""
    if level_of(name, None) == level:
        return f"UBND {name}"
    return f"UBND {'xã' if level == COMMUNE else 'huyện'} {name}"


async def all_groups(session: AsyncSession) -> list[WorkingGroup]:
    return list(await session.scalars(select(WorkingGroup).order_by(WorkingGroup.id)))


async def find_group(session: AsyncSession, name: str) -> WorkingGroup | None:
    """The group called ``name``, with or without diacritics or its tier word (``Sơn Ninh``)."""
    wanted = fold(name)
    groups = await all_groups(session)
    for group in groups:
        if fold(group.name) == wanted:
            return group
    for group in groups:
        folded = fold(group.name)
        if any(folded == f"{words} {wanted}" for words, _level in _LEVEL_WORDS):
            return group
    return None


async def ancestors(session: AsyncSession, group: WorkingGroup) -> list[WorkingGroup]:
    """The groups above ``group``, nearest first."""
    found: list[WorkingGroup] = []
    parent_id = group.parent_id
    while parent_id is not None:
        parent = await session.get(WorkingGroup, parent_id)
        if parent is None:
            break
        found.append(parent)
        parent_id = parent.parent_id
    return found


@dataclass
class GroupAdded:
    group: str
    level: str
    committee: str
    collectives: list[str] = field(default_factory=list)  # "UBND cấp xã (Tổ công tác tỉnh)"
    tasks_received: int = 0


async def add_group(session: AsyncSession, clock: Clock, name: str, parent: WorkingGroup) -> GroupAdded:
    """A group under ``parent`` with its People's Committee; the reminder settings start as the
    parent's (same days off and sending hours), and can be changed per group afterwards."""
    name = " ".join(name.split())
    if not name:
        raise GroupError("empty", name)
    if await find_group(session, name) is not None:
        raise GroupError("exists", name)
    level = level_of(name, parent)
    group = WorkingGroup(
        name=name, parent_id=parent.id, level=level, timezone=parent.timezone, is_default=False,
        settings=dict(parent.settings), created_at=clock.now(),
    )
    session.add(group)
    await session.flush()
    committee = await create_agency(
        session, clock, group.id, committee_name(name, level), aliases=[f"UBND {'xã' if level == COMMUNE else 'huyện'}"]
    )
    committee.level = level
    added = GroupAdded(group.name, level, committee.name)
    for above in await ancestors(session, group):
        if _RANK[above.level] >= _RANK[level]:  # a commune under a commune joins nothing there
            continue
        for collective_name in _COLLECTIVES_OF.get(level, ()):
            collective = await _collective(session, clock, above.id, collective_name)
            added.tasks_received += await add_member(session, clock, collective, committee)
            added.collectives.append(f"{collective.name} ({above.name})")
    return added


async def _collective(session: AsyncSession, clock: Clock, group_id: int, name: str) -> Agency:
    """The group's collective ``name`` (as the registry spells it, with its aliases), created if
    no plan has named it yet, so that a plan imported later finds its members."""
    found = await find_agency(session, group_id, name)
    if found is not None:
        return found
    known = default_registry().get(name)
    aliases = list(known.aliases) if known else []
    agency = await create_agency(session, clock, group_id, name, collective=True, aliases=aliases)
    agency.level = known.level if known else None
    return agency


async def committees_below(session: AsyncSession, group_id: int) -> list[Agency]:
    """The People's Committee of each group just below (``UBND xã Sơn Ninh``): the agency that
    answers for that commune to the group above, its reports included."""
    return (await committees_below_each(session, [group_id]))[group_id]


async def committees_below_each(session: AsyncSession, group_ids: list[int]) -> dict[int, list[Agency]]:
    """:func:`committees_below` of several groups, in two queries."""
    children = list(await session.scalars(select(WorkingGroup).where(WorkingGroup.parent_id.in_(group_ids))))
    wanted = {(g.id, fold(committee_name(g.name, g.level))): g.parent_id for g in children}
    candidates = await session.scalars(
        select(Agency).where(
            Agency.working_group_id.in_([g.id for g in children]), Agency.folded.in_({name for _id, name in wanted}),
            Agency.deleted_at.is_(None), Agency.merged_into_id.is_(None),
        )
    )
    found: dict[int, list[Agency]] = {group_id: [] for group_id in group_ids}
    for agency in sorted(candidates, key=lambda a: fold(a.name)):
        parent = wanted.get((agency.working_group_id, agency.folded))
        if parent is not None:
            found[parent].append(agency)
    return found


@dataclass(frozen=True)
class GroupRow:
    name: str
    level: str
    depth: int
    parent: str | None


def tree_rows(groups: list[WorkingGroup]) -> list[GroupRow]:
    """The groups depth first, each after its parent, siblings by name."""
    children: dict[int | None, list[WorkingGroup]] = {}
    for group in groups:
        children.setdefault(group.parent_id, []).append(group)
    names = {g.id: g.name for g in groups}
    rows: list[GroupRow] = []

    def walk(parent_id: int | None, depth: int) -> None:
        for group in sorted(children.get(parent_id, []), key=lambda g: fold(g.name)):
            rows.append(GroupRow(group.name, group.level, depth, names.get(group.parent_id) if group.parent_id else None))
            walk(group.id, depth + 1)

    walk(None, 0)
    return rows


@dataclass(frozen=True)
class Root:
    """The root group as the deployment's settings name it (created on first use)."""

    name: str
    timezone: str


async def group_named(session: AsyncSession, clock: Clock, root: Root, name: str | None) -> WorkingGroup:
    """The group called ``name``, or the root when no name is given."""
    top = await ensure_default_group(session, clock, root.name, root.timezone)
    if name is None:
        return top
    found = await find_group(session, name)
    if found is None:
        raise GroupError("unknown", name)
    return found


async def create(uow: UnitOfWork, clock: Clock, root: Root, name: str, parent: str | None = None) -> GroupAdded:
    """Add a group under ``parent`` (the root by default): ``dondoc group add``."""
    async with uow.transaction() as session:
        return await add_group(session, clock, name, await group_named(session, clock, root, parent))


async def listing(uow: UnitOfWork, clock: Clock, root: Root) -> list[GroupRow]:
    """Every group, as a tree: ``dondoc group list``."""
    async with uow.transaction() as session:
        await ensure_default_group(session, clock, root.name, root.timezone)
        return tree_rows(await all_groups(session))


@dataclass(frozen=True)
class Reach:
    """What a name typed by a group's people means: ``target`` when it is theirs or below them;
    ``refused`` when it names a group or an agency of another branch of the tree."""

    target: Agency | WorkingGroup | None
    refused: bool = False


async def reach(session: AsyncSession, group_id: int, name: str) -> Reach:
    """One of the group's agencies, else an agency of a group below it (a commune's UBND), else a
    group (``xã Sơn Ninh``); what lies in another branch is refused (``services.access.reaches``)."""
    wanted = fold(name)
    found: Agency | WorkingGroup | None = await find_agency(session, group_id, name)
    if found is None:
        found = _named(await _active_in(session, subtree_query(group_id)), wanted)
    if found is None:
        found = await find_group(session, name)
    if found is None:
        found = await session.scalar(
            select(Agency).where(Agency.folded == wanted, Agency.deleted_at.is_(None), Agency.merged_into_id.is_(None)).limit(1)
        )
    if found is None:
        return Reach(None)
    owner = found.working_group_id if isinstance(found, Agency) else found.id
    if not reaches(group_id, await lineage(session, owner)):
        return Reach(None, refused=True)
    return Reach(found)


async def group_below(session: AsyncSession, group_id: int, below_id: int) -> WorkingGroup | None:
    """The group ``below_id`` when it is ``group_id`` or below it (say, one a pressed button carries)."""
    below = await session.get(WorkingGroup, below_id)
    return below if below is not None and reaches(group_id, await lineage(session, below.id)) else None


async def within(session: AsyncSession, group_id: int, agency_id: int) -> bool:
    """Whether the agency (say, one a pressed button carries) is the group's or below it."""
    agency = await session.get(Agency, agency_id)
    return agency is not None and reaches(group_id, await lineage(session, agency.working_group_id))


async def find_below(session: AsyncSession, group_id: int, name: str) -> Agency | WorkingGroup | None:
    """What ``name`` means to a group's people (see :func:`reach`); nothing of another branch."""
    return (await reach(session, group_id, name)).target


async def _active_in(session: AsyncSession, group_ids: Select[tuple[int]]) -> list[Agency]:
    return list(
        await session.scalars(
            select(Agency)
            .where(Agency.working_group_id.in_(group_ids), Agency.deleted_at.is_(None), Agency.merged_into_id.is_(None))
            .order_by(Agency.working_group_id, Agency.name)
        )
    )


def _named(agencies: list[Agency], wanted: str) -> Agency | None:
    for agency in agencies:
        if agency.folded == wanted or wanted in {fold(a) for a in agency.aliases}:
            return agency
    return None

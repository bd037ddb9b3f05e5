"""The tables of dondoc. Rules live in services; this module only says what is kept."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, ClassVar

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Date,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from storage.types import UTCDateTime

DEFAULT_CHANNEL = "telegram"  # the first messenger: every row written before the channel port is from it

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)
    type_annotation_map: ClassVar[dict[Any, Any]] = {datetime: UTCDateTime(), dict[str, Any]: JSON(), list[Any]: JSON()}


class WorkingGroup(Base):
    """A Tổ công tác: owns plans, agencies, chats, roles and settings. Groups form a tree (province →
    district → commune): ``parent_id`` is None for the root, ``level`` says which tier (tinh, huyen, xa)."""

    __tablename__ = "working_groups"
    id: Mapped[int] = mapped_column(primary_key=True)
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("working_groups.id"), index=True)
    level: Mapped[str] = mapped_column(String(16), default="tinh", server_default="tinh")
    name: Mapped[str] = mapped_column(String(300))
    timezone: Mapped[str] = mapped_column(String(64), default="Asia/Ho_Chi_Minh")
    settings: Mapped[dict[str, Any]] = mapped_column(default=dict)
    is_default: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime]


class Agency(Base):
    """An agency (Sở, Phòng, UBND xã…) or a collective name standing for several."""

    __tablename__ = "agencies"
    id: Mapped[int] = mapped_column(primary_key=True)
    working_group_id: Mapped[int] = mapped_column(ForeignKey("working_groups.id"), index=True)
    name: Mapped[str] = mapped_column(String(300))
    folded: Mapped[str] = mapped_column(String(300))
    aliases: Mapped[list[Any]] = mapped_column(default=list)
    level: Mapped[str | None] = mapped_column(String(32))
    collective: Mapped[bool] = mapped_column(Boolean, default=False)
    members: Mapped[list[Any]] = mapped_column(default=list)
    needs_review: Mapped[bool] = mapped_column(Boolean, default=False)
    merged_into_id: Mapped[int | None] = mapped_column(ForeignKey("agencies.id"))
    deleted_at: Mapped[datetime | None]
    created_at: Mapped[datetime]
    __table_args__ = (UniqueConstraint("working_group_id", "folded", name="uq_agencies_wg_folded"),)


class AgencyMember(Base):
    """A collective's member (``UBND cấp xã`` → each commune's UBND, possibly in a child group):
    a task led by the collective becomes one lead per member."""

    __tablename__ = "agency_members"
    id: Mapped[int] = mapped_column(primary_key=True)
    collective_id: Mapped[int] = mapped_column(ForeignKey("agencies.id"), index=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("agencies.id"), index=True)
    __table_args__ = (UniqueConstraint("collective_id", "member_id", name="uq_agency_members"),)


class Chat(Base):
    """A messenger chat the bot is in, bound to an agency or to a role (leaders, secretariat)."""

    __tablename__ = "chats"
    id: Mapped[int] = mapped_column(primary_key=True)
    channel: Mapped[str] = mapped_column(String(16), default=DEFAULT_CHANNEL, server_default=DEFAULT_CHANNEL)
    external_id: Mapped[int] = mapped_column(BigInteger)
    working_group_id: Mapped[int | None] = mapped_column(ForeignKey("working_groups.id"), index=True)
    kind: Mapped[str] = mapped_column(String(16))
    title: Mapped[str | None] = mapped_column(String(300))
    agency_id: Mapped[int | None] = mapped_column(ForeignKey("agencies.id"), index=True)
    role: Mapped[str | None] = mapped_column(String(16))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    inactive_reason: Mapped[str | None] = mapped_column(String(200))
    bound_at: Mapped[datetime | None]
    created_at: Mapped[datetime]
    __table_args__ = (UniqueConstraint("channel", "external_id", name="uq_chats_channel_external"),)


class Person(Base):
    """A messenger user the bot has met."""

    __tablename__ = "people"
    id: Mapped[int] = mapped_column(primary_key=True)
    channel: Mapped[str] = mapped_column(String(16), default=DEFAULT_CHANNEL, server_default=DEFAULT_CHANNEL)
    external_id: Mapped[int] = mapped_column(BigInteger)
    full_name: Mapped[str] = mapped_column(String(300))
    username: Mapped[str | None] = mapped_column(String(64))
    private_chat_id: Mapped[int | None] = mapped_column(BigInteger)
    erased_at: Mapped[datetime | None]
    created_at: Mapped[datetime]
    __table_args__ = (UniqueConstraint("channel", "external_id", name="uq_people_channel_external"),)


class Role(Base):
    """A person's role in a working group; focal points name their agency."""

    __tablename__ = "roles"
    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id"), index=True)
    working_group_id: Mapped[int] = mapped_column(ForeignKey("working_groups.id"))
    role: Mapped[str] = mapped_column(String(16))
    agency_id: Mapped[int | None] = mapped_column(ForeignKey("agencies.id"))
    granted_by: Mapped[int | None] = mapped_column(ForeignKey("people.id"))
    created_at: Mapped[datetime]
    __table_args__ = (UniqueConstraint("person_id", "working_group_id", "role", "agency_id", name="uq_roles"),)


class BindingCode(Base):
    """A one-time code that binds a chat to an agency or a role; only its hash is kept."""

    __tablename__ = "binding_codes"
    id: Mapped[int] = mapped_column(primary_key=True)
    code_hash: Mapped[str] = mapped_column(String(64), unique=True)
    working_group_id: Mapped[int] = mapped_column(ForeignKey("working_groups.id"))
    agency_id: Mapped[int | None] = mapped_column(ForeignKey("agencies.id"))
    role: Mapped[str | None] = mapped_column(String(16))
    created_by: Mapped[int | None] = mapped_column(ForeignKey("people.id"))
    expires_at: Mapped[datetime]
    used_at: Mapped[datetime | None]
    used_by_chat: Mapped[int | None] = mapped_column(BigInteger)
    created_at: Mapped[datetime]


class BindingAttempt(Base):
    """Failed code attempts per chat, to refuse guessing."""

    __tablename__ = "binding_attempts"
    id: Mapped[int] = mapped_column(primary_key=True)
    channel: Mapped[str] = mapped_column(String(16), default=DEFAULT_CHANNEL, server_default=DEFAULT_CHANNEL)
    chat_external_id: Mapped[int] = mapped_column(BigInteger, index=True)
    at: Mapped[datetime]


class Plan(Base):
    """An implementation plan (Kế hoạch) or a notice that assigns tasks."""

    __tablename__ = "plans"
    id: Mapped[int] = mapped_column(primary_key=True)
    working_group_id: Mapped[int] = mapped_column(ForeignKey("working_groups.id"), index=True)
    number: Mapped[str | None] = mapped_column(String(64))
    title: Mapped[str] = mapped_column(Text)
    issued: Mapped[date | None] = mapped_column(Date)
    year: Mapped[int | None] = mapped_column(Integer)
    source_name: Mapped[str | None] = mapped_column(String(300))
    settings: Mapped[dict[str, Any]] = mapped_column(default=dict)
    imported_at: Mapped[datetime]
    tasks: Mapped[list[Task]] = relationship(back_populates="plan", order_by="Task.position")


class Task(Base):
    """One task of a plan; its deadline as read from the document."""

    __tablename__ = "tasks"
    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plans.id"), index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    code: Mapped[str] = mapped_column(String(32))
    section: Mapped[str | None] = mapped_column(Text)
    content: Mapped[str] = mapped_column(Text)
    deadline_text: Mapped[str | None] = mapped_column(Text)
    kind: Mapped[str] = mapped_column(String(16))
    due: Mapped[date | None] = mapped_column(Date)
    starts: Mapped[date | None] = mapped_column(Date)
    recurring: Mapped[bool] = mapped_column(Boolean, default=False)
    milestones: Mapped[list[Any]] = mapped_column(default=list)
    notes: Mapped[dict[str, Any]] = mapped_column(default=dict)
    removed_at: Mapped[datetime | None]
    plan: Mapped[Plan] = relationship(back_populates="tasks")
    leads: Mapped[list[TaskLead]] = relationship(back_populates="task")


class TaskLead(Base):
    """A lead agency's answerability for a task: each lead has its own status."""

    __tablename__ = "task_leads"
    id: Mapped[int] = mapped_column(primary_key=True)
    task_id: Mapped[int] = mapped_column(ForeignKey("tasks.id"), index=True)
    agency_id: Mapped[int] = mapped_column(ForeignKey("agencies.id"), index=True)
    via_agency_id: Mapped[int | None] = mapped_column(ForeignKey("agencies.id"), index=True)  # the collective it came from
    status: Mapped[str] = mapped_column(String(16), default="not_started")
    percent: Mapped[int | None] = mapped_column(Integer)
    reason: Mapped[str | None] = mapped_column(Text)
    done_on: Mapped[date | None] = mapped_column(Date)
    requested_due: Mapped[date | None] = mapped_column(Date)
    due: Mapped[date | None] = mapped_column(Date, index=True)
    next_remind_at: Mapped[datetime | None] = mapped_column(index=True)
    updated_at: Mapped[datetime | None]
    task: Mapped[Task] = relationship(back_populates="leads")
    __table_args__ = (
        UniqueConstraint("task_id", "agency_id", name="uq_task_leads"),
        Index("ix_task_leads_open_due", "status", "due"),
    )


class TaskSupport(Base):
    """A supporting agency of a task."""

    __tablename__ = "task_supports"
    id: Mapped[int] = mapped_column(primary_key=True)
    task_id: Mapped[int] = mapped_column(ForeignKey("tasks.id"), index=True)
    agency_id: Mapped[int] = mapped_column(ForeignKey("agencies.id"), index=True)
    __table_args__ = (UniqueConstraint("task_id", "agency_id", name="uq_task_supports"),)


class StatusChange(Base):
    """Append-only history of every change to a lead's status, with where it came from."""

    __tablename__ = "status_changes"
    id: Mapped[int] = mapped_column(primary_key=True)
    task_lead_id: Mapped[int] = mapped_column(ForeignKey("task_leads.id"), index=True)
    person_id: Mapped[int | None] = mapped_column(ForeignKey("people.id"))
    at: Mapped[datetime]
    chat_external_id: Mapped[int | None] = mapped_column(BigInteger)
    message_id: Mapped[int | None] = mapped_column(BigInteger)
    raw_text: Mapped[str | None] = mapped_column(Text)
    source: Mapped[str] = mapped_column(String(16))
    old: Mapped[dict[str, Any]] = mapped_column(default=dict)
    new: Mapped[dict[str, Any]] = mapped_column(default=dict)


class Attachment(Base):
    """A file an agency sent as evidence or as its periodic report (the messenger keeps the bytes)."""

    __tablename__ = "attachments"
    id: Mapped[int] = mapped_column(primary_key=True)
    file_id: Mapped[str] = mapped_column(String(200))
    file_name: Mapped[str | None] = mapped_column(String(300))
    file_size: Mapped[int | None] = mapped_column(BigInteger)
    person_id: Mapped[int | None] = mapped_column(ForeignKey("people.id"))
    chat_external_id: Mapped[int] = mapped_column(BigInteger)
    task_lead_id: Mapped[int | None] = mapped_column(ForeignKey("task_leads.id"))
    submission_id: Mapped[int | None] = mapped_column(ForeignKey("report_submissions.id"))
    at: Mapped[datetime]


class ReportSubmission(Base):
    """An agency's periodic report for one period (week, month, half-year, year)."""

    __tablename__ = "report_submissions"
    id: Mapped[int] = mapped_column(primary_key=True)
    working_group_id: Mapped[int] = mapped_column(ForeignKey("working_groups.id"))
    agency_id: Mapped[int] = mapped_column(ForeignKey("agencies.id"))
    period_kind: Mapped[str] = mapped_column(String(16))
    period_key: Mapped[str] = mapped_column(String(16))
    text: Mapped[str | None] = mapped_column(Text)
    person_id: Mapped[int | None] = mapped_column(ForeignKey("people.id"))
    chat_external_id: Mapped[int | None] = mapped_column(BigInteger)
    submitted_at: Mapped[datetime]
    __table_args__ = (Index("ix_report_submissions_period", "working_group_id", "period_key", "agency_id"),)


class Outbox(Base):
    """Every message the bot sends on its own initiative; the idempotency key makes it once."""

    __tablename__ = "outbox"
    id: Mapped[int] = mapped_column(primary_key=True)
    idempotency_key: Mapped[str] = mapped_column(String(200), unique=True)
    working_group_id: Mapped[int | None] = mapped_column(ForeignKey("working_groups.id"))
    chat_id: Mapped[int] = mapped_column(ForeignKey("chats.id"), index=True)
    kind: Mapped[str] = mapped_column(String(32))
    payload: Mapped[dict[str, Any]] = mapped_column(default=dict)
    not_before: Mapped[datetime]
    expires_at: Mapped[datetime | None]
    state: Mapped[str] = mapped_column(String(16), default="pending")
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    last_error: Mapped[str | None] = mapped_column(Text)
    claimed_by: Mapped[str | None] = mapped_column(String(64))
    claimed_until: Mapped[datetime | None]
    sent_at: Mapped[datetime | None]
    external_message_id: Mapped[int | None] = mapped_column(BigInteger)
    task_lead_id: Mapped[int | None] = mapped_column(ForeignKey("task_leads.id"))
    notice_delivery_id: Mapped[int | None] = mapped_column(ForeignKey("notice_deliveries.id"))
    period_key: Mapped[str | None] = mapped_column(String(16))
    created_at: Mapped[datetime]
    __table_args__ = (Index("ix_outbox_due", "state", "not_before"),)


class MessageLink(Base):
    """What a bot message in a chat was about, so replies and buttons find their subject."""

    __tablename__ = "message_links"
    id: Mapped[int] = mapped_column(primary_key=True)
    channel: Mapped[str] = mapped_column(String(16), default=DEFAULT_CHANNEL, server_default=DEFAULT_CHANNEL)
    chat_external_id: Mapped[int] = mapped_column(BigInteger)
    message_id: Mapped[int] = mapped_column(BigInteger)
    task_lead_id: Mapped[int | None] = mapped_column(ForeignKey("task_leads.id"))
    agency_id: Mapped[int | None] = mapped_column(ForeignKey("agencies.id"))
    period_kind: Mapped[str | None] = mapped_column(String(16))
    period_key: Mapped[str | None] = mapped_column(String(16))
    notice_delivery_id: Mapped[int | None] = mapped_column(ForeignKey("notice_deliveries.id"))
    purpose: Mapped[str] = mapped_column(String(16), default="reminder")
    created_at: Mapped[datetime]
    __table_args__ = (UniqueConstraint("channel", "chat_external_id", "message_id", name="uq_message_links"),)


class Notice(Base):
    """A notice broadcast by the secretariat."""

    __tablename__ = "notices"
    id: Mapped[int] = mapped_column(primary_key=True)
    working_group_id: Mapped[int] = mapped_column(ForeignKey("working_groups.id"))
    text: Mapped[str] = mapped_column(Text)
    files: Mapped[list[Any]] = mapped_column(default=list)
    created_by: Mapped[int | None] = mapped_column(ForeignKey("people.id"))
    plan_id: Mapped[int | None] = mapped_column(ForeignKey("plans.id"))
    state: Mapped[str] = mapped_column(String(16), default="draft")
    created_at: Mapped[datetime]
    sent_at: Mapped[datetime | None]


class NoticeDelivery(Base):
    """A notice's delivery to one agency chat and its acknowledgement."""

    __tablename__ = "notice_deliveries"
    id: Mapped[int] = mapped_column(primary_key=True)
    notice_id: Mapped[int] = mapped_column(ForeignKey("notices.id"), index=True)
    chat_id: Mapped[int] = mapped_column(ForeignKey("chats.id"))
    agency_id: Mapped[int | None] = mapped_column(ForeignKey("agencies.id"))
    state: Mapped[str] = mapped_column(String(16), default="pending")
    error: Mapped[str | None] = mapped_column(Text)
    acknowledged_by: Mapped[int | None] = mapped_column(ForeignKey("people.id"))
    acknowledged_at: Mapped[datetime | None]
    __table_args__ = (UniqueConstraint("notice_id", "chat_id", name="uq_notice_deliveries"),)


class Conversation(Base):
    """A short dialogue waiting for a person's next message (a follow-up question, a draft)."""

    __tablename__ = "conversations"
    id: Mapped[int] = mapped_column(primary_key=True)
    channel: Mapped[str] = mapped_column(String(16), default=DEFAULT_CHANNEL, server_default=DEFAULT_CHANNEL)
    chat_external_id: Mapped[int] = mapped_column(BigInteger)
    person_external_id: Mapped[int] = mapped_column(BigInteger)
    kind: Mapped[str] = mapped_column(String(32))
    data: Mapped[dict[str, Any]] = mapped_column(default=dict)
    expires_at: Mapped[datetime]
    __table_args__ = (UniqueConstraint("channel", "chat_external_id", "person_external_id", name="uq_conversations"),)


class ExternalHandle(Base):
    """A messenger's opaque string id (Zalo's chat, user and message ids) as the integer our tables
    keep in their ``external_id`` columns: the row's id is the handle, unique per channel."""

    __tablename__ = "external_handles"
    id: Mapped[int] = mapped_column(BigInteger().with_variant(Integer, "sqlite"), primary_key=True)
    channel: Mapped[str] = mapped_column(String(16))
    key: Mapped[str] = mapped_column(String(200))
    __table_args__ = (UniqueConstraint("channel", "key", name="uq_external_handles_channel_key"),)

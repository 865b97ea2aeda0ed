"""The schema. Identity of a post is ``(source, post_id)`` everywhere, as in the observation spec."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Column,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    Text,
    TypeDecorator,
    UniqueConstraint,
    false,
    text,
)
from sqlalchemy.engine import Dialect
from sqlmodel import Field, SQLModel


class UTCDateTime(TypeDecorator[datetime]):
    """Stores UTC without a zone (SQLite has none) and always hands back aware UTC datetimes."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime reached the store; use aware UTC datetimes")
        return value.astimezone(UTC).replace(tzinfo=None)

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        return value.replace(tzinfo=UTC) if value is not None else None


def _when(*, index: bool = False, nullable: bool = False) -> Any:
    return Field(default=None, sa_column=Column(UTCDateTime(), index=index, nullable=nullable))


class Post(SQLModel, table=True):
    __tablename__ = "posts"
    __table_args__ = (
        # Re-polling asks for a source's recent upset posts, newest first: a partial index holds only
        # upset posts, so the lookup costs the same with 10k posts stored or 10M.
        Index(
            "ix_posts_upset_by_created",
            "source",
            "created_at",
            sqlite_where=text("upset = 1"),
            postgresql_where=text("upset"),
        ),
        Index(
            "ix_posts_failure_by_created",
            "source",
            "created_at",
            sqlite_where=text("failure = 1"),
            postgresql_where=text("failure"),
        ),
        Index("ix_posts_cluster", "cluster"),
        # the weekly digest: a week's posts of one label, and counts per source, label and day, as index ranges
        Index("ix_posts_label_time", "label", "created_at"),
        Index("ix_posts_brand_label_time", "brand", "label", "created_at"),
        Index("ix_posts_label_source_time", "label", "source", "created_at"),
        Index("ix_posts_brand_mix", "brand", "source", "label", "created_at"),
    )

    source: str = Field(primary_key=True, max_length=64)
    post_id: str = Field(primary_key=True, max_length=255)
    # The configured source (its name) that first yielded the post: only that source re-polls it, so a
    # replayed post is never asked of a live API and two sources of one platform keep their own posts.
    # NULL: no source instance yielded it (import, backtest, retry); the first source that does adopts it.
    found_by: str | None = Field(default=None, max_length=64)
    url: str | None = Field(default=None, sa_column=Column(Text))
    created_at: datetime = _when()
    first_seen_at: datetime = _when()
    last_observed_at: datetime = _when(index=True)
    author_id: str | None = Field(default=None, max_length=255)
    author_handle: str | None = Field(default=None, max_length=255)
    author_followers: int | None = Field(default=None, sa_type=BigInteger)
    text: str = Field(default="", sa_column=Column(Text, nullable=False))
    text_hash: int = Field(default=0, sa_type=BigInteger)  # crc32: unsigned 32-bit
    in_reply_to: str | None = Field(default=None, max_length=255)
    lang: str | None = Field(default=None, max_length=35)
    rating: int | None = None
    brand: str | None = Field(default=None, max_length=128)
    compound: float | None = None
    pos: float | None = None
    neu: float | None = None
    neg: float | None = None
    label: str = Field(default="unscored", max_length=16)
    upset: bool = False
    # reports a service failure in the first person, whatever its sentiment score (the server default is
    # the one migration 0006 gave the rows it added the column to)
    failure: bool = Field(default=False, sa_column_kwargs={"server_default": false()})
    abusive: bool = False
    topics: str = Field(default="", max_length=255)
    likes: int | None = Field(default=None, sa_type=BigInteger)
    reposts: int | None = Field(default=None, sa_type=BigInteger)
    replies: int | None = Field(default=None, sa_type=BigInteger)
    quotes: int | None = Field(default=None, sa_type=BigInteger)
    views: int | None = Field(default=None, sa_type=BigInteger)
    cluster: str | None = Field(default=None, max_length=330)
    signature: str | None = Field(default=None, sa_column=Column(Text))
    extra: dict[str, Any] | None = Field(default=None, sa_column=Column(JSON))


class Snapshot(SQLModel, table=True):
    """Engagement of one post at one moment; the history velocity is computed from."""

    __tablename__ = "snapshots"
    __table_args__ = (Index("ix_snapshots_observed_at", "observed_at"),)  # retention finds old ones by time

    source: str = Field(primary_key=True, max_length=64)
    post_id: str = Field(primary_key=True, max_length=255)
    observed_at: datetime = Field(sa_column=Column(UTCDateTime(), primary_key=True))
    likes: int | None = Field(default=None, sa_type=BigInteger)
    reposts: int | None = Field(default=None, sa_type=BigInteger)
    replies: int | None = Field(default=None, sa_type=BigInteger)
    quotes: int | None = Field(default=None, sa_type=BigInteger)
    views: int | None = Field(default=None, sa_type=BigInteger)


class EchoBand(SQLModel, table=True):
    """Index of complaints by their rarest words (``band`` is a word key): echoes are found by shared words."""

    __tablename__ = "echo_bands"
    __table_args__ = (Index("ix_echo_bands_band_time", "band", "seen_at"),)

    band: str = Field(primary_key=True, max_length=32)
    source: str = Field(primary_key=True, max_length=64)
    post_id: str = Field(primary_key=True, max_length=255)
    seen_at: datetime = _when()


class EchoTerm(SQLModel, table=True):
    """Decaying document frequency of a word in one brand's traffic (see ``monitor.spread.content``)."""

    __tablename__ = "echo_terms"

    scope: str = Field(primary_key=True, max_length=128)
    term: str = Field(primary_key=True, max_length=200)
    weight: float = 0.0
    as_of: datetime = _when()


class SourceState(SQLModel, table=True):
    """Cursor, schedule, lease and health of one configured source."""

    __tablename__ = "source_state"

    name: str = Field(primary_key=True, max_length=64)
    type: str = Field(default="", max_length=64)
    cursor: dict[str, Any] | None = Field(default=None, sa_column=Column(JSON))
    cursor_updated_at: datetime | None = _when(nullable=True)
    baseline: dict[str, Any] | None = Field(default=None, sa_column=Column(JSON))
    last_poll_started_at: datetime | None = _when(nullable=True)
    last_success_at: datetime | None = _when(nullable=True)
    last_error: str | None = Field(default=None, sa_column=Column(Text))
    last_error_at: datetime | None = _when(nullable=True)
    consecutive_failures: int = 0
    posts_stored: int = 0
    next_due_at: datetime | None = _when(nullable=True)
    lease_owner: str | None = Field(default=None, max_length=128)
    lease_until: datetime | None = _when(nullable=True)


class Incident(SQLModel, table=True):
    """One spreading complaint: one Slack message, updated as it escalates."""

    __tablename__ = "incidents"
    __table_args__ = (Index("ix_incidents_first_alert", "first_alert_at"),)

    id: int | None = Field(default=None, primary_key=True)
    key: str = Field(max_length=330, unique=True)
    brand: str | None = Field(default=None, max_length=128)
    root_source: str = Field(max_length=64)
    root_post_id: str = Field(max_length=255)
    status: str = Field(default="open", max_length=16, index=True)
    level: str = Field(default="warning", max_length=16)
    score: float = 0.0
    reasons: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    signals: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    abusive: bool = False
    draft: str = Field(default="", sa_column=Column(Text, nullable=False))
    version: int = 1
    first_alert_at: datetime = _when()  # event time the incident first reached an alerting level
    last_change_at: datetime = _when()
    opened_at: datetime | None = _when(nullable=True)  # event time of the first signal, watch included
    last_activity_at: datetime | None = _when(nullable=True)  # event time of the latest signal
    closed_at: datetime | None = _when(nullable=True)
    last_sent_version: int = 0
    slack_channel: str | None = Field(default=None, max_length=64)
    slack_ts: str | None = Field(default=None, max_length=32)
    # how the team handled it, set from the Slack buttons (user IDs as Slack gives them, names for people)
    acknowledged_by: str | None = Field(default=None, max_length=64)
    acknowledged_by_name: str | None = Field(default=None, max_length=255)
    acknowledged_at: datetime | None = _when(nullable=True)
    snoozed_until: datetime | None = _when(nullable=True)
    resolved_by: str | None = Field(default=None, max_length=64)
    resolved_at: datetime | None = _when(nullable=True)
    replied_by: str | None = Field(default=None, max_length=64)
    replied_at: datetime | None = _when(nullable=True)
    reply_url: str | None = Field(default=None, sa_column=Column(Text))
    draft_by: str | None = Field(default=None, max_length=64)  # who wrote the accepted draft, if a person
    reminder_sent_at: datetime | None = _when(nullable=True)


class IncidentFeedback(SQLModel, table=True):
    """Why the team said an alert was not relevant: what `repmon backtest` and tuning learn from."""

    __tablename__ = "incident_feedback"

    id: int | None = Field(default=None, primary_key=True)
    incident_id: int = Field(foreign_key="incidents.id", index=True)
    user_id: str = Field(max_length=64)
    user_name: str | None = Field(default=None, max_length=255)
    reason: str = Field(max_length=32)  # not_about_us, not_a_complaint, already_handled, spam
    created_at: datetime = _when()


class SlackRequest(SQLModel, table=True):
    """Digests of Slack requests already handled, so a replayed click changes nothing twice."""

    __tablename__ = "slack_requests"

    digest: str = Field(primary_key=True, max_length=64)
    seen_at: datetime = _when(index=True)


class IncidentPost(SQLModel, table=True):
    __tablename__ = "incident_posts"
    __table_args__ = (Index("ix_incident_posts_post", "source", "post_id"),)  # "is this post in an incident?"

    incident_id: int = Field(primary_key=True, foreign_key="incidents.id")
    source: str = Field(primary_key=True, max_length=64)
    post_id: str = Field(primary_key=True, max_length=255)
    added_at: datetime = _when()


class Delivery(SQLModel, table=True):
    """The outbox: an alert waits here until Slack (or the console) has it, exactly once per version."""

    __tablename__ = "deliveries"
    __table_args__ = (
        UniqueConstraint("incident_id", "version", name="uq_delivery_incident_version"),
        Index("ix_deliveries_due", "status", "next_attempt_at"),
    )

    id: int | None = Field(default=None, primary_key=True)
    incident_id: int = Field(foreign_key="incidents.id")
    version: int
    kind: str = Field(max_length=16)  # monitor.core.statuses.ChangeKind: "opened" or "updated"
    reason: str = Field(sa_column=Column(Text, nullable=False))
    status: str = Field(default="pending", max_length=16)  # DeliveryStatus: pending, sending, sent, held, failed
    attempts: int = 0
    created_at: datetime = _when()
    next_attempt_at: datetime = _when()
    sent_at: datetime | None = _when(nullable=True)
    last_error: str | None = Field(default=None, sa_column=Column(Text))
    channel: str | None = Field(default=None, max_length=64)
    # the level rose with this change: it breaks through quiet hours and the budget (server default: 0008's)
    rising: bool = Field(default=False, sa_column_kwargs={"server_default": false()})
    hold: str | None = Field(default=None, max_length=16)  # Decision that held it: quiet_hours or budget
    summary_id: int | None = Field(  # the summary that listed it; the key is named as migration 0008 names it
        default=None, sa_column=Column(Integer, ForeignKey("held_summaries.id", name="fk_deliveries_summary"))
    )


class HeldSummary(SQLModel, table=True):
    """One message listing a channel's held alerts, sent through the outbox like an alert: exactly once."""

    __tablename__ = "held_summaries"
    __table_args__ = (Index("ix_held_summaries_due", "status", "next_attempt_at"),)

    id: int | None = Field(default=None, primary_key=True)
    channel: str | None = Field(default=None, max_length=64)  # as configured; None: the notifier's default
    status: str = Field(default="pending", max_length=16)  # DeliveryStatus: pending, sending, sent, failed
    attempts: int = 0
    created_at: datetime = _when()
    next_attempt_at: datetime = _when()
    sent_at: datetime | None = _when(nullable=True)
    last_error: str | None = Field(default=None, sa_column=Column(Text))
    slack_channel: str | None = Field(default=None, max_length=64)
    slack_ts: str | None = Field(default=None, max_length=32)


class NotifyDecision(SQLModel, table=True):
    """Every decision to ping the team or not, with its reason: "why was I not pinged about X?".

    ``subject`` is an incident key or a post's ``source:post_id`` (the same form: an incident is keyed
    by its root post). Identical consecutive decisions about one subject are one row with ``repeats``.
    """

    __tablename__ = "notify_decisions"
    __table_args__ = (
        Index("ix_notify_decisions_subject", "subject", "id"),
        Index("ix_notify_decisions_channel_time", "channel", "decided_at"),  # the budget: sends per channel per hour
        Index("ix_notify_decisions_time", "decided_at"),
    )

    id: int | None = Field(default=None, primary_key=True)
    subject: str = Field(max_length=330)
    incident_id: int | None = Field(default=None, foreign_key="incidents.id")
    version: int | None = None
    kind: str = Field(max_length=16)  # monitor.core.statuses.Decision
    reason: str = Field(sa_column=Column(Text, nullable=False))
    channel: str | None = Field(default=None, max_length=64)
    decided_at: datetime = _when()
    last_at: datetime = _when()  # the latest of the identical decisions this row stands for
    repeats: int = 1


class PollRun(SQLModel, table=True):
    """One poll of one source, kept so the digest can show a week of source health (and gaps)."""

    __tablename__ = "poll_runs"
    __table_args__ = (Index("ix_poll_runs_source_time", "source", "started_at"),)

    id: int | None = Field(default=None, primary_key=True)
    source: str = Field(max_length=64)
    started_at: datetime = _when()
    finished_at: datetime = _when()
    ok: bool = True
    error: str | None = Field(default=None, sa_column=Column(Text))
    items: int = 0  # observations the source returned
    new_posts: int = 0


class DigestRun(SQLModel, table=True):
    """The claim on one week's digest post: its unique key makes the weekly Slack post happen once."""

    __tablename__ = "digest_runs"

    key: str = Field(primary_key=True, max_length=200)  # "2026-W47" or "2026-W47:<brand>"
    status: str = Field(default="sending", max_length=16)  # sending, sent, failed
    owner: str = Field(default="", max_length=128)
    claimed_at: datetime = _when()
    sent_at: datetime | None = _when(nullable=True)
    attempts: int = 0
    channel: str | None = Field(default=None, max_length=64)
    ts: str | None = Field(default=None, max_length=32)
    error: str | None = Field(default=None, sa_column=Column(Text))


class Quarantined(SQLModel, table=True):
    """A record that could not be stored, kept as received with the reason, for a person to look at.

    ``raw`` is ASCII JSON (lone surrogates and NUL escaped, so any database takes it): an object for
    an observation, a string for a line that did not parse. ``repmon quarantine retry`` reads it back.
    """

    __tablename__ = "quarantine"

    id: int | None = Field(default=None, primary_key=True)
    source: str = Field(max_length=64, index=True)  # the configured source name, or the import's file
    origin: str = Field(max_length=16)  # poll, import, backtest
    post_id: str | None = Field(default=None, max_length=255)
    reason: str = Field(sa_column=Column(Text, nullable=False))
    raw: str = Field(sa_column=Column(Text, nullable=False))
    quarantined_at: datetime = _when()
    retries: int = 0

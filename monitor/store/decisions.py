"""The notify decisions aggregate: every "ping" and "don't ping" with its reason, per incident or post.

Written by the ingest's notify stage (below the alerting level, a quiet update, throttled,
snoozed, resolved, muted, digest only, queued) and by the outbox (sent, held for quiet hours or
the budget, broke through, summarised, failed), so "why was I not pinged about X?" is one query:
:func:`why`. A subject is an incident key or a post's ``source:post_id``; an incident is keyed by
its root post, so the two meet. Identical consecutive decisions about one subject (a complaint
refreshed quietly fifty times) are one row with a count, not fifty.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import and_, case, delete, func, select, update

from monitor.core.statuses import Decision, DeliveryStatus
from monitor.store.database import Database, UnitOfWork, transaction
from monitor.store.tables import Delivery, Incident, IncidentPost, NotifyDecision, Post

DECISIONS = NotifyDecision.__table__  # type: ignore[attr-defined]
_INCIDENTS = Incident.__table__  # type: ignore[attr-defined]
_MEMBERS = IncidentPost.__table__  # type: ignore[attr-defined]
_DELIVERIES = Delivery.__table__  # type: ignore[attr-defined]
_POSTS = Post.__table__  # type: ignore[attr-defined]


@dataclass(frozen=True)
class Note:
    """A decision to store together with the change it explains (a send, a hold, a failure)."""

    subject: str
    kind: Decision
    reason: str
    incident_id: int | None = None
    version: int | None = None
    channel: str | None = None

    def write(self, uow: UnitOfWork, at: datetime) -> None:
        record(
            uow,
            self.subject,
            self.kind,
            self.reason,
            at,
            incident_id=self.incident_id,
            version=self.version,
            channel=self.channel,
        )


def record(
    uow: UnitOfWork,
    subject: str,
    kind: Decision,
    reason: str,
    at: datetime,
    *,
    incident_id: int | None = None,
    version: int | None = None,
    channel: str | None = None,
) -> None:
    """Store one decision; the same decision as the subject's last one only counts it again.

    The usual case (a quiet refresh like the one before) is one guarded UPDATE of the subject's
    latest row; only a different decision adds a row.
    """
    if not kind.notified:
        latest = select(func.max(DECISIONS.c.id)).where(DECISIONS.c.subject == subject).scalar_subquery()
        counted = uow.execute(
            update(DECISIONS)
            .where(
                DECISIONS.c.id == latest,
                DECISIONS.c.kind == kind.value,
                DECISIONS.c.reason == reason,
                DECISIONS.c.version.is_not_distinct_from(version),
                DECISIONS.c.channel.is_not_distinct_from(channel),
            )
            .values(
                repeats=DECISIONS.c.repeats + 1,
                last_at=case((DECISIONS.c.last_at < at, at), else_=DECISIONS.c.last_at),
            )
        )
        if counted.rowcount:
            return
    uow.execute(
        DECISIONS.insert(),
        {
            "subject": subject,
            "incident_id": incident_id,
            "version": version,
            "kind": kind.value,
            "reason": reason,
            "channel": channel,
            "decided_at": at,
            "last_at": at,
            "repeats": 1,
        },
    )


def record_new_subjects(uow: UnitOfWork, subjects: list[tuple[str, Decision, str]], at: datetime) -> None:
    """One decision each about subjects seen for the first time (new posts): one statement, no look-up."""
    if subjects:
        uow.execute(
            DECISIONS.insert(),
            [
                {
                    "subject": subject,
                    "kind": kind.value,
                    "reason": reason,
                    "decided_at": at,
                    "last_at": at,
                    "repeats": 1,
                }
                for subject, kind, reason in subjects
            ],
        )


def sends_to(uow: UnitOfWork, channel: str | None, since: datetime) -> int:
    """Alert messages (posts and updates, not summaries) sent to ``channel`` since ``since``."""
    where = and_(
        DECISIONS.c.kind.in_([Decision.SENT.value, Decision.BREAKTHROUGH.value]),
        DECISIONS.c.channel.is_(None) if channel is None else DECISIONS.c.channel == channel,
        DECISIONS.c.decided_at >= since,
    )
    return int(uow.execute(select(func.count()).select_from(DECISIONS).where(where)).scalar_one())


def held_in(uow: UnitOfWork, start: datetime, end: datetime, brand: str | None) -> int:
    """Alerts held back (quiet hours, budget) in the period: each incident version counted once."""
    where = and_(
        DECISIONS.c.kind.in_([Decision.QUIET_HOURS.value, Decision.BUDGET.value]),
        DECISIONS.c.decided_at >= start,
        DECISIONS.c.decided_at < end,
    )
    held = select(DECISIONS.c.incident_id, DECISIONS.c.version).where(where).distinct()
    if brand is not None:
        held = held.join(_INCIDENTS, _INCIDENTS.c.id == DECISIONS.c.incident_id).where(_INCIDENTS.c.brand == brand)
    return int(uow.execute(select(func.count()).select_from(held.subquery())).scalar_one())


def forget_post_decisions_before(db: Database, cutoff: datetime) -> int:
    """Retention: decisions about lone posts (digest only) older than ``cutoff``; incidents keep theirs."""
    with transaction(db) as uow:
        gone = uow.execute(delete(DECISIONS).where(DECISIONS.c.incident_id.is_(None), DECISIONS.c.last_at < cutoff))
        return int(gone.rowcount or 0)


@dataclass(frozen=True)
class DecisionRow:
    at: datetime
    last_at: datetime
    kind: str
    reason: str
    subject: str
    version: int | None
    channel: str | None
    repeats: int

    @property
    def notified(self) -> bool:
        return Decision(self.kind).notified


@dataclass
class Why:
    """Everything the database knows about why ``key`` did or did not ping the team."""

    key: str
    incident: dict[str, Any] | None = None  # the incident of that key, or the one the post belongs to
    member_of: str | None = None  # the post is an echo in this incident (not its root)
    post: dict[str, Any] | None = None  # the post of that key, when it is one
    decisions: list[DecisionRow] = field(default_factory=list)
    waiting: list[dict[str, Any]] = field(default_factory=list)  # deliveries not in Slack yet

    @property
    def known(self) -> bool:
        return bool(self.incident or self.post or self.decisions)


def why(db: Database, key: str) -> Why:
    """The decisions about ``key`` (an incident key or ``source:post_id``), oldest first."""
    found = Why(key)
    with db.connect() as uow:
        source, _, post_id = key.partition(":")
        post = uow.execute(
            select(_POSTS.c.source, _POSTS.c.post_id, _POSTS.c.url, _POSTS.c.label, _POSTS.c.compound).where(
                _POSTS.c.source == source, _POSTS.c.post_id == post_id
            )
        ).mappings()
        found.post = next((dict(row) for row in post), None)
        incident = _incident_of(uow, key, source, post_id)
        subjects = [key]
        if incident is not None:
            found.incident = incident
            if incident["key"] != key:
                found.member_of = incident["key"]
                subjects.append(incident["key"])
            found.waiting = _waiting(uow, int(incident["id"]))
        rows = uow.execute(
            select(DECISIONS).where(DECISIONS.c.subject.in_(subjects)).order_by(DECISIONS.c.decided_at, DECISIONS.c.id)
        ).mappings()
        found.decisions = [
            DecisionRow(
                at=r["decided_at"],
                last_at=r["last_at"],
                kind=r["kind"],
                reason=r["reason"],
                subject=r["subject"],
                version=r["version"],
                channel=r["channel"],
                repeats=r["repeats"],
            )
            for r in rows
        ]
    return found


def _incident_of(uow: UnitOfWork, key: str, source: str, post_id: str) -> dict[str, Any] | None:
    columns = [_INCIDENTS.c[c] for c in ("id", "key", "level", "status", "root_source", "root_post_id", "brand")]
    row = uow.execute(select(*columns).where(_INCIDENTS.c.key == key)).mappings().first()
    if row is None:
        row = (
            uow.execute(
                select(*columns)
                .join(_MEMBERS, _MEMBERS.c.incident_id == _INCIDENTS.c.id)
                .where(_MEMBERS.c.source == source, _MEMBERS.c.post_id == post_id)
                .order_by(_INCIDENTS.c.id.desc())
                .limit(1)
            )
            .mappings()
            .first()
        )
    return dict(row) if row is not None else None


def _waiting(uow: UnitOfWork, incident_id: int) -> list[dict[str, Any]]:
    rows = uow.execute(
        select(
            _DELIVERIES.c.version,
            _DELIVERIES.c.kind,
            _DELIVERIES.c.status,
            _DELIVERIES.c.attempts,
            _DELIVERIES.c.last_error,
            _DELIVERIES.c.next_attempt_at,
        )
        .where(_DELIVERIES.c.incident_id == incident_id, _DELIVERIES.c.status != DeliveryStatus.SENT.value)
        .order_by(_DELIVERIES.c.id)
    ).mappings()
    return [dict(r) for r in rows]

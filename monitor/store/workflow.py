"""How the team handles an incident, as named state transitions (the Slack buttons land here).

Every transition is idempotent: a second click (or a replayed request) on an incident already in
the target state changes nothing and says so, and the first person's name and time are kept.
Statuses follow :class:`~monitor.core.statuses.IncidentStatus`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import and_, func, or_, select, update
from sqlalchemy.exc import IntegrityError

from monitor.core.statuses import DeliveryStatus, IncidentStatus
from monitor.store.database import UnitOfWork
from monitor.store.tables import Delivery, Incident, IncidentFeedback, Post, SlackRequest

_INC = Incident.__table__  # type: ignore[attr-defined]
_FEEDBACK = IncidentFeedback.__table__  # type: ignore[attr-defined]
_REQUESTS = SlackRequest.__table__  # type: ignore[attr-defined]
_DELIVERIES = Delivery.__table__  # type: ignore[attr-defined]
_POSTS = Post.__table__  # type: ignore[attr-defined]
_ACTIVE = (IncidentStatus.OPEN, IncidentStatus.ACKNOWLEDGED, IncidentStatus.SNOOZED)
REQUEST_MEMORY = timedelta(days=1)  # Slack rejects requests older than 5 minutes; a day is ample


@dataclass(frozen=True)
class Transition:
    changed: bool
    status: str | None  # where the incident stands now (None: no such incident)
    note: str  # one line for the person who clicked


@dataclass(frozen=True)
class IncidentRow:
    """One incident as `repmon incidents`, `repmon status` and `/repmon incidents` list it."""

    key: str
    brand: str | None
    status: str
    level: str
    first_alert_at: datetime
    acknowledged_by: str | None
    acknowledged_by_name: str | None
    acknowledged_at: datetime | None
    snoozed_until: datetime | None
    replied_at: datetime | None
    reply_url: str | None
    delivery_error: str | None  # the latest fatal delivery error, if the alert could not be delivered

    @property
    def minutes_to_first_reply(self) -> float | None:
        if self.replied_at is None:
            return None
        return round((self.replied_at - self.first_alert_at).total_seconds() / 60, 1)

    def as_dict(self) -> dict[str, Any]:
        def iso(value: datetime | None) -> str | None:
            return value.isoformat(timespec="seconds") if value else None

        return {
            "key": self.key,
            "brand": self.brand,
            "status": self.status,
            "level": self.level,
            "first_alert_at": iso(self.first_alert_at),
            "acknowledged_by": self.acknowledged_by,
            "acknowledged_by_name": self.acknowledged_by_name,
            "acknowledged_at": iso(self.acknowledged_at),
            "snoozed_until": iso(self.snoozed_until),
            "replied_at": iso(self.replied_at),
            "reply_url": self.reply_url,
            "minutes_to_first_reply": self.minutes_to_first_reply,
            "delivery_error": self.delivery_error,
        }


def _row(conn: UnitOfWork, key: str) -> Any:
    return conn.execute(select(_INC).where(_INC.c.key == key)).mappings().first()


_GONE = Transition(False, None, "this incident is no longer in repmon's database")


def _active(conn: UnitOfWork, key: str, inactive: str) -> tuple[Any, Transition | None]:
    """The incident's row if it is active; else why not, ``inactive`` formatted with its status."""
    row = _row(conn, key)
    if row is None:
        return None, _GONE
    if row["status"] not in _ACTIVE:
        return row, Transition(False, row["status"], inactive.format(status=row["status"]))
    return row, None


def _set(conn: UnitOfWork, key: str, **values: Any) -> None:
    conn.execute(update(_INC).where(_INC.c.key == key).values(**values))


def incident_key_for_message(conn: UnitOfWork, channel: str, ts: str) -> str | None:
    """The incident whose alert is the Slack message (channel, ts)."""
    key: str | None = conn.execute(
        select(_INC.c.key).where(_INC.c.slack_channel == channel, _INC.c.slack_ts == ts)
    ).scalar_one_or_none()
    return key


def acknowledge(conn: UnitOfWork, key: str, user: str, user_name: str | None, now: datetime) -> Transition:
    row = _row(conn, key)
    if row is None:
        return _GONE
    if row["status"] == IncidentStatus.ACKNOWLEDGED:
        return Transition(False, row["status"], "already taken")
    if row["status"] not in _ACTIVE:
        return Transition(False, row["status"], f"it is {row['status']}; reopen it first")
    values: dict[str, Any] = {"status": IncidentStatus.ACKNOWLEDGED, "snoozed_until": None}
    if row["acknowledged_by"] is None:
        values |= {"acknowledged_by": user, "acknowledged_by_name": user_name, "acknowledged_at": now}
    _set(conn, key, **values)
    return Transition(True, IncidentStatus.ACKNOWLEDGED, "taken")


def resolve(conn: UnitOfWork, key: str, user: str, now: datetime) -> Transition:
    _, refused = _active(conn, key, "already {status}")
    if refused:
        return refused
    _set(conn, key, status=IncidentStatus.RESOLVED, resolved_by=user, resolved_at=now, snoozed_until=None)
    return Transition(True, IncidentStatus.RESOLVED, "resolved")


def reopen(conn: UnitOfWork, key: str) -> Transition:
    row = _row(conn, key)
    if row is None:
        return _GONE
    if row["status"] in _ACTIVE:
        return Transition(False, row["status"], f"it is still {row['status']}")
    status = IncidentStatus.ACKNOWLEDGED if row["acknowledged_by"] else IncidentStatus.OPEN
    _set(conn, key, status=status, resolved_by=None, resolved_at=None)
    return Transition(True, status, "reopened")


def snooze(conn: UnitOfWork, key: str, until: datetime) -> Transition:
    """Quiet until ``until``: no reminder, no update, unless the level rises (see incidents.apply)."""
    _, refused = _active(conn, key, "it is {status}; nothing to snooze")
    if refused:
        return refused
    _set(conn, key, status=IncidentStatus.SNOOZED, snoozed_until=until)
    return Transition(True, IncidentStatus.SNOOZED, "snoozed")


def close_not_relevant(
    conn: UnitOfWork, key: str, user: str, user_name: str | None, reason: str, now: datetime
) -> Transition:
    """Close it and keep the team's verdict (who, why) for `repmon backtest` and tuning."""
    row, refused = _active(conn, key, "already {status}")
    if refused:
        return refused
    _set(conn, key, status=IncidentStatus.CLOSED, resolved_by=user, resolved_at=now, snoozed_until=None)
    conn.execute(
        _FEEDBACK.insert().values(
            incident_id=row["id"], user_id=user, user_name=user_name, reason=reason, created_at=now
        )
    )
    return Transition(True, IncidentStatus.CLOSED, "closed as not relevant")


def record_reply(conn: UnitOfWork, key: str, user: str, url: str | None, now: datetime) -> Transition:
    """The team replied publicly; the first reply's time is what time-to-first-reply measures."""
    row = _row(conn, key)
    if row is None:
        return _GONE
    if row["replied_at"] is not None:
        return Transition(False, row["status"], "a reply was already recorded")
    _set(conn, key, replied_by=user, replied_at=now, reply_url=url or None)
    return Transition(True, row["status"], "reply recorded")


def accept_draft(conn: UnitOfWork, key: str, user: str, text: str) -> Transition:
    row = _row(conn, key)
    if row is None:
        return _GONE
    if row["draft"] == text and row["draft_by"] == user:
        return Transition(False, row["status"], "that text is already the reply")
    _set(conn, key, draft=text, draft_by=user)
    return Transition(True, row["status"], "reply text saved")


def feedback(conn: UnitOfWork) -> list[dict[str, Any]]:
    """Every 'not relevant' verdict with its incident key, oldest first (for backtest and tuning)."""
    rows = conn.execute(
        select(_INC.c.key, _FEEDBACK.c.user_id, _FEEDBACK.c.user_name, _FEEDBACK.c.reason, _FEEDBACK.c.created_at)
        .join(_INC, _INC.c.id == _FEEDBACK.c.incident_id)
        .order_by(_FEEDBACK.c.id)
    ).mappings()
    return [dict(r) for r in rows]


def first_sight(conn: UnitOfWork, digest: str, now: datetime) -> bool:
    """True the first time a request digest is seen; a replayed request is then ignored."""
    conn.execute(_REQUESTS.delete().where(_REQUESTS.c.seen_at < now - REQUEST_MEMORY))
    try:
        with conn.begin_nested():
            conn.execute(_REQUESTS.insert().values(digest=digest, seen_at=now))
    except IntegrityError:
        return False
    return True


def due_reminders(conn: UnitOfWork, now: datetime, after: timedelta) -> list[tuple[str, str, str]]:
    """(key, channel, ts) of alerts in Slack for ``after`` that nobody took, not snoozed, not yet reminded."""
    snooze_over = or_(_INC.c.snoozed_until.is_(None), _INC.c.snoozed_until <= now)
    posted = (
        select(_DELIVERIES.c.incident_id, func.min(_DELIVERIES.c.sent_at).label("posted_at"))
        .where(_DELIVERIES.c.status == DeliveryStatus.SENT)
        .group_by(_DELIVERIES.c.incident_id)
        .subquery()
    )
    rows = conn.execute(
        select(_INC.c.key, _INC.c.slack_channel, _INC.c.slack_ts)
        .join(posted, posted.c.incident_id == _INC.c.id)
        .where(
            or_(_INC.c.status == IncidentStatus.OPEN, and_(_INC.c.status == IncidentStatus.SNOOZED, snooze_over)),
            _INC.c.acknowledged_by.is_(None),
            _INC.c.reminder_sent_at.is_(None),
            _INC.c.slack_ts.is_not(None),
            posted.c.posted_at <= now - after,
        )
        .order_by(_INC.c.id)
    ).all()
    return [(r[0], r[1], r[2]) for r in rows]


def mark_reminded(conn: UnitOfWork, key: str, now: datetime) -> None:
    _set(conn, key, reminder_sent_at=now)


def list_incidents(conn: UnitOfWork, statuses: tuple[str, ...] = ()) -> list[IncidentRow]:
    """Incidents newest first, with who took each and any delivery error that needs a person."""
    failed = (
        select(_DELIVERIES.c.incident_id, func.max(_DELIVERIES.c.id).label("last_failed"))
        .where(_DELIVERIES.c.status == DeliveryStatus.FAILED)
        .group_by(_DELIVERIES.c.incident_id)
        .subquery()
    )
    query = (
        select(_INC, _DELIVERIES.c.last_error)
        .outerjoin(failed, failed.c.incident_id == _INC.c.id)
        .outerjoin(_DELIVERIES, _DELIVERIES.c.id == failed.c.last_failed)
        .order_by(_INC.c.first_alert_at.desc(), _INC.c.id.desc())
    )
    if statuses:
        query = query.where(_INC.c.status.in_(statuses))
    return [
        IncidentRow(
            key=r["key"],
            brand=r["brand"],
            status=r["status"],
            level=r["level"],
            first_alert_at=r["first_alert_at"],
            acknowledged_by=r["acknowledged_by"],
            acknowledged_by_name=r["acknowledged_by_name"],
            acknowledged_at=r["acknowledged_at"],
            snoozed_until=r["snoozed_until"],
            replied_at=r["replied_at"],
            reply_url=r["reply_url"],
            delivery_error=r["last_error"],
        )
        for r in conn.execute(query).mappings()
    ]


def failed_deliveries(conn: UnitOfWork) -> list[tuple[str, str]]:
    """(incident key, error) of deliveries stopped by an error only a person can fix."""
    rows = conn.execute(
        select(_INC.c.key, _DELIVERIES.c.last_error)
        .join(_INC, _INC.c.id == _DELIVERIES.c.incident_id)
        .where(_DELIVERIES.c.status == DeliveryStatus.FAILED)
        .order_by(_DELIVERIES.c.id)
    ).all()
    return [(r[0], r[1] or "unknown error") for r in rows]


def waiting_deliveries(conn: UnitOfWork) -> int:
    """Deliveries not yet in Slack and still being retried (failed ones are counted apart)."""
    return int(
        conn.execute(
            select(func.count()).where(
                _DELIVERIES.c.status.in_((DeliveryStatus.PENDING, DeliveryStatus.SENDING, DeliveryStatus.HELD))
            )
        ).scalar_one()
    )


def status_counts(conn: UnitOfWork) -> dict[str, int]:
    """How many incidents stand in each status."""
    rows = conn.execute(select(_INC.c.status, func.count()).group_by(_INC.c.status)).all()
    return {str(status): int(count) for status, count in rows}


def post_by_url(conn: UnitOfWork, url: str) -> dict[str, Any] | None:
    """A stored post by its public URL (for `/repmon draft <url>`)."""
    row = conn.execute(select(_POSTS).where(_POSTS.c.url == url).limit(1)).mappings().first()
    return dict(row) if row is not None else None


def incident_id(conn: UnitOfWork, key: str) -> int | None:
    found: int | None = conn.execute(select(_INC.c.id).where(_INC.c.key == key)).scalar_one_or_none()
    return found

"""Deliver pending alerts: each incident's message is sent once and then updated, never repeated.

Deliveries are claimed with a short lease (so two daemon instances never send the same one),
the network call happens outside any database transaction, and the result is recorded after.
A failed send stays pending with a backoff (or Slack's Retry-After) and is tried again later;
several pending versions of one incident are folded into a single post or update that shows the
latest state, with every reason recorded.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import Engine, and_, or_, select, update

from alerts.notify import Notifier
from monitor.incidents import view_of
from monitor.store.database import transaction
from monitor.store.tables import Delivery, Incident

log = logging.getLogger("repmon.outbox")

DELIVERIES = Delivery.__table__  # type: ignore[attr-defined]
INCIDENTS = Incident.__table__  # type: ignore[attr-defined]
CLAIM_LEASE = timedelta(minutes=2)
MAX_BACKOFF = timedelta(minutes=30)


@dataclass
class DispatchReport:
    sent: int = 0
    failed: int = 0
    folded: int = 0


def _utcnow() -> datetime:
    return datetime.now(UTC)


class Outbox:
    def __init__(self, engine: Engine, notifier: Notifier, *, clock: Callable[[], datetime] = _utcnow) -> None:
        self.engine = engine
        self.notifier = notifier
        self.clock = clock

    def pending(self) -> int:
        with self.engine.connect() as conn:
            return len(conn.execute(select(DELIVERIES.c.id).where(DELIVERIES.c.status != "sent")).all())

    def dispatch(self, limit: int = 100) -> DispatchReport:
        report = DispatchReport()
        for incident_id, delivery_ids in self._claim(limit).items():
            self._deliver(incident_id, delivery_ids, report)
        return report

    def _claim(self, limit: int) -> dict[int, list[int]]:
        now = self.clock()
        with transaction(self.engine) as conn:
            due = and_(
                or_(DELIVERIES.c.status == "pending", DELIVERIES.c.status == "sending"),
                DELIVERIES.c.next_attempt_at <= now,
            )
            query = select(DELIVERIES.c.id, DELIVERIES.c.incident_id).where(due).order_by(DELIVERIES.c.id).limit(limit)
            if conn.dialect.name == "postgresql":
                query = query.with_for_update(skip_locked=True)
            rows = conn.execute(query).all()
            claimed: dict[int, list[int]] = defaultdict(list)
            for delivery_id, incident_id in rows:
                claimed[incident_id].append(delivery_id)
            if rows:
                conn.execute(
                    update(DELIVERIES)
                    .where(DELIVERIES.c.id.in_([r[0] for r in rows]))
                    .values(
                        status="sending",
                        next_attempt_at=now + CLAIM_LEASE,
                        attempts=DELIVERIES.c.attempts + 1,
                    )
                )
        return claimed

    def _deliver(self, incident_id: int, delivery_ids: list[int], report: DispatchReport) -> None:
        with self.engine.connect() as conn:
            incident = conn.execute(select(INCIDENTS).where(INCIDENTS.c.id == incident_id)).mappings().one()
            deliveries = (
                conn.execute(select(DELIVERIES).where(DELIVERIES.c.id.in_(delivery_ids)).order_by(DELIVERIES.c.id))
                .mappings()
                .all()
            )
            changes = [d["reason"] for d in deliveries if d["kind"] == "update"]
            view = view_of(conn, incident_id, changes)
        if incident["slack_ts"]:
            result = self.notifier.update(view, incident["slack_channel"], incident["slack_ts"])
        else:
            result = self.notifier.post(view)
        now = self.clock()
        with transaction(self.engine) as conn:
            if result.ok:
                conn.execute(
                    update(DELIVERIES)
                    .where(DELIVERIES.c.id.in_(delivery_ids))
                    .values(status="sent", sent_at=now, last_error=None)
                )
                values = {"last_sent_version": max(d["version"] for d in deliveries)}
                if not incident["slack_ts"]:
                    values |= {"slack_channel": result.channel, "slack_ts": result.ts}
                conn.execute(update(INCIDENTS).where(INCIDENTS.c.id == incident_id).values(**values))
                report.sent += 1
                report.folded += len(delivery_ids) - 1
                return
            attempts = max(d["attempts"] for d in deliveries)
            wait = _backoff(attempts, result.retry_after)
            if incident["slack_ts"] and result.error and "message_not_found" in result.error:
                # someone deleted the alert in Slack: the next attempt posts a fresh message
                conn.execute(update(INCIDENTS).where(INCIDENTS.c.id == incident_id).values(slack_ts=None))
                wait = timedelta(0)
            conn.execute(
                update(DELIVERIES)
                .where(DELIVERIES.c.id.in_(delivery_ids))
                .values(status="pending", next_attempt_at=now + wait, last_error=result.error)
            )
        report.failed += 1
        log.warning(
            "alert %s not delivered (attempt %d): %s; retrying in %ds",
            incident["key"],
            attempts,
            result.error,
            int(wait.total_seconds()),
        )


def _backoff(attempts: int, retry_after: float | None) -> timedelta:
    if retry_after is not None:
        return timedelta(seconds=max(1.0, retry_after))
    return min(timedelta(seconds=15 * 2 ** max(0, attempts - 1)), MAX_BACKOFF)

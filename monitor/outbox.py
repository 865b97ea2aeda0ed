"""Deliver pending alerts: each incident's message is sent once and then updated, never repeated.

Deliveries are claimed with a short lease (so two daemon instances never send the same one),
the network call happens outside any database transaction, and the result is recorded after.
A failed send stays pending with a backoff (or Slack's Retry-After) and is tried again later;
several pending versions of one incident are folded into a single post or update that shows the
latest state, with every reason recorded.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from alerts.notify import Notifier
from monitor.core.statuses import ChangeKind
from monitor.store import deliveries, incidents
from monitor.store.database import Database

log = logging.getLogger("repmon.outbox")

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
    def __init__(self, engine: Database, notifier: Notifier, *, clock: Callable[[], datetime] = _utcnow) -> None:
        self.engine = engine
        self.notifier = notifier
        self.clock = clock

    def pending(self) -> int:
        return deliveries.backlog(self.engine)

    def dispatch(self, limit: int = 100) -> DispatchReport:
        report = DispatchReport()
        claimed = deliveries.claim_due_deliveries(self.engine, self.clock(), limit, CLAIM_LEASE)
        for incident_id, delivery_ids in claimed.items():
            self._deliver(incident_id, delivery_ids, report)
        return report

    def _deliver(self, incident_id: int, delivery_ids: list[int], report: DispatchReport) -> None:
        with self.engine.connect() as uow:
            incident = incidents.incident_by_id(uow, incident_id)
            batch = deliveries.deliveries_by_id(uow, delivery_ids)
            changes = [d["reason"] for d in batch if d["kind"] == ChangeKind.UPDATED]
            view = incidents.incident_view(uow, incident_id, changes)
        if incident["slack_ts"]:
            result = self.notifier.update(view, incident["slack_channel"], incident["slack_ts"])
        else:
            result = self.notifier.post(view)
        now = self.clock()
        if result.ok:
            new_message = None if incident["slack_ts"] else (result.channel, result.ts)
            version = max(d["version"] for d in batch)
            deliveries.record_sent(self.engine, delivery_ids, incident_id, version, now, new_message)
            report.sent += 1
            report.folded += len(delivery_ids) - 1
            return
        attempts = max(d["attempts"] for d in batch)
        wait = _backoff(attempts, result.retry_after)
        # someone deleted the alert in Slack: the next attempt posts a fresh message
        deleted = bool(incident["slack_ts"] and result.error and "message_not_found" in result.error)
        if deleted:
            wait = timedelta(0)
        deliveries.schedule_retry(
            self.engine, delivery_ids, incident_id, now + wait, result.error, forget_message=deleted
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

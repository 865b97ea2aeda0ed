"""Deliver pending alerts: each incident's message is sent once and then updated, never repeated.

Deliveries are claimed with a short lease (so two daemon instances never send the same one),
the network call happens outside any database transaction, and the result is recorded after.
A failed send stays pending with a backoff (or Slack's Retry-After) and is tried again later;
an error only a person can fix (revoked token, missing channel) marks it ``failed`` instead, shown
by `repmon status` and logged with the fix. Several pending versions of one incident are folded
into a single post or update that shows the latest state, with every reason recorded.

A new alert whose earlier attempt may have reached Slack (the answer was lost, or the process
died) is first looked up by its message metadata, so a dropped connection never doubles it.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from alerts.notify import Notifier, SendResult
from monitor import telemetry
from monitor.core.statuses import ChangeKind
from monitor.store import deliveries, incidents, workflow
from monitor.store.database import Database, transaction

log = logging.getLogger("repmon.outbox")

CLAIM_LEASE = timedelta(minutes=2)
MIN_CLAIM_LEASE = timedelta(seconds=20)  # longer than a Slack call may take (the notifier's 15 s timeout)
MAX_BACKOFF = timedelta(minutes=30)


@dataclass
class DispatchReport:
    sent: int = 0
    failed: int = 0  # will be retried
    folded: int = 0
    fatal: int = 0  # stopped: a person must fix something (see errors)
    reconciled: int = 0  # found already in Slack and recorded instead of posted again
    reminded: int = 0
    errors: list[str] = field(default_factory=list)


def _utcnow() -> datetime:
    return datetime.now(UTC)


class Outbox:
    def __init__(
        self,
        engine: Database,
        notifier: Notifier,
        *,
        clock: Callable[[], datetime] = _utcnow,
        claim_lease: timedelta = CLAIM_LEASE,
        shutdown: threading.Event | None = None,
    ) -> None:
        self.engine = engine
        self.notifier = notifier
        self.clock = clock
        self.claim_lease = claim_lease
        self.shutdown = shutdown

    def pending(self) -> int:
        """Deliveries not (yet) in Slack: waiting for a retry, or stopped by a fatal error."""
        return deliveries.backlog(self.engine)

    def retry_failed(self) -> int:
        """At start-up: deliveries a fatal error stopped get one more try (the token or channel may be fixed)."""
        count = deliveries.requeue_failed(self.engine, self.clock())
        if count:
            log.info("outbox: retrying %d alert(s) that failed fatally before", count)
        return count

    def waiting(self) -> int:
        """Deliveries that will still be retried by themselves."""
        with self.engine.connect() as uow:
            return workflow.waiting_deliveries(uow)

    def remind(self, after: timedelta | None) -> int:
        """One thread reminder for each alert nobody acknowledged within ``after``; never a second one."""
        if after is None:
            return 0
        now = self.clock()
        with self.engine.connect() as uow:
            due = workflow.due_reminders(uow, now, after)
        sent = 0
        for key, channel, ts in due:
            minutes = int(after.total_seconds() // 60)
            text = f"⏰ Nobody has taken this one yet ({minutes} min). Press *Acknowledge* if it's yours."
            result = self.notifier.note(channel, ts, text)
            if not result.ok:
                log.warning("reminder for %s not sent: %s", key, result.error)
                continue
            with transaction(self.engine) as uow:
                workflow.mark_reminded(uow, key, now)
            sent += 1
        return sent

    def dispatch(self, limit: int = 100) -> DispatchReport:
        report = DispatchReport()
        claimed = deliveries.claim_due_deliveries(self.engine, self.clock(), limit, self.claim_lease)
        for incident_id, delivery_ids in claimed.items():
            if self.shutdown is not None and self.shutdown.is_set():
                # not sent yet: hand it back at once rather than leave it claimed until the lease ends
                deliveries.schedule_retry(self.engine, delivery_ids, incident_id, self.clock(), None)
                continue
            self._deliver(incident_id, delivery_ids, report)
        return report

    def _deliver(self, incident_id: int, delivery_ids: list[int], report: DispatchReport) -> None:
        with self.engine.connect() as uow:
            incident = incidents.incident_by_id(uow, incident_id)
            batch = deliveries.deliveries_by_id(uow, delivery_ids)
            changes = [d["reason"] for d in batch if d["kind"] == ChangeKind.UPDATED]
            view = incidents.incident_view(uow, incident_id, changes)
        channel = next((d["channel"] for d in batch if d["channel"]), None)
        result: SendResult | None = None
        if incident["slack_ts"]:
            result = self.notifier.update(view, incident["slack_channel"], incident["slack_ts"])
        elif max(d["attempts"] for d in batch) > 1:
            result = self.notifier.find(view, channel)  # an earlier attempt may have reached Slack
            report.reconciled += result is not None and result.ok
        if result is None:
            result = self.notifier.post(view, channel)
        now = self.clock()
        if result.ok:
            new_message = None if incident["slack_ts"] else (result.channel, result.ts)
            version = max(d["version"] for d in batch)
            deliveries.record_sent(self.engine, delivery_ids, incident_id, version, now, new_message)
            report.sent += 1
            report.folded += len(delivery_ids) - 1
            telemetry.delivery_sent()
            return
        attempts = max(d["attempts"] for d in batch)
        if result.fatal:
            deliveries.record_failed(self.engine, delivery_ids, result.error)
            report.fatal += 1
            report.errors.append(f"{incident['key']}: {result.error}")
            telemetry.delivery_failed(result.error)
            log.error("alert %s NOT delivered and not retried, a person must act: %s", incident["key"], result.error)
            return
        wait = _backoff(attempts, result.retry_after)
        # someone deleted the alert in Slack: the next attempt posts a fresh message
        deleted = bool(incident["slack_ts"] and result.error and "message_not_found" in result.error)
        if deleted:
            wait = timedelta(0)
        deliveries.schedule_retry(
            self.engine, delivery_ids, incident_id, now + wait, result.error, forget_message=deleted
        )
        report.failed += 1
        telemetry.delivery_failed(result.error, result.retry_after)
        log.warning(
            "alert %s not delivered (attempt %d): %s; retrying in %ds",
            incident["key"],
            attempts,
            result.error,
            int(wait.total_seconds()),
        )


def claim_lease_for(lease: timedelta) -> timedelta:
    """How long a claimed delivery is an instance's: ``[daemon] lease``, kept between 20 s and 2 min.

    An instance killed mid-delivery holds its claim this long; then another sends it.
    """
    return max(MIN_CLAIM_LEASE, min(lease, CLAIM_LEASE))


def _backoff(attempts: int, retry_after: float | None) -> timedelta:
    if retry_after is not None:
        return timedelta(seconds=max(1.0, retry_after))
    return min(timedelta(seconds=15 * 2 ** max(0, attempts - 1)), MAX_BACKOFF)

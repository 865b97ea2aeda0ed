"""Deliver pending alerts: each incident's message is sent once and then updated, never repeated.

Deliveries are claimed with a short lease (so two daemon instances never send the same one),
the network call happens outside any database transaction, and the result is recorded after.
A failed send stays pending with a backoff (or Slack's Retry-After) and is tried again later;
an error only a person can fix (revoked token, missing channel) marks it ``failed`` instead, shown
by `repmon status` and logged with the fix. Several pending versions of one incident are folded
into a single post or update that shows the latest state, with every reason recorded.

A new alert whose earlier attempt may have reached Slack (the answer was lost, or the process
died) is first looked up by its message metadata, so a dropped connection never doubles it.

Each dispatch runs the named stages of Alertmanager's notify pipeline, each recording what it
decided (``monitor/store/decisions.py``): **summarise** (a channel whose quiet hours ended or
whose budget has room again gets one message listing what was held, ``monitor/summarising.py``)
→ **claim** → **gate** (quiet hours, then the channel's budget per hour; a rising level breaks
through, recorded as such) → **send** (folding in the incident's held versions) → **record**.
Held alerts stay in the database, so a restart loses and doubles nothing.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from alerts.notify import Notifier, SendResult
from alerts.policy import BUDGET_WINDOW, Hold, NotifyPolicy
from monitor import telemetry
from monitor.core.durations import backoff
from monitor.core.statuses import ChangeKind, Decision
from monitor.store import deliveries, incidents, summaries, workflow
from monitor.store.database import Database, transaction
from monitor.store.decisions import Note
from monitor.summarising import Summariser

log = logging.getLogger("repmon.outbox")

CLAIM_LEASE = timedelta(minutes=2)
MIN_CLAIM_LEASE = timedelta(seconds=20)  # longer than a Slack call may take (the notifier's 15 s timeout)


@dataclass
class DispatchReport:
    sent: int = 0
    failed: int = 0  # will be retried
    folded: int = 0
    fatal: int = 0  # stopped: a person must fix something (see errors)
    reconciled: int = 0  # found already in Slack and recorded instead of posted again
    reminded: int = 0
    held: int = 0  # kept back by quiet hours or the budget, for a summary
    broke_through: int = 0  # sent although held back: the level rose
    summaries: int = 0  # summary messages of held alerts sent
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
        policy: NotifyPolicy | None = None,
    ) -> None:
        self.engine = engine
        self.notifier = notifier
        self.clock = clock
        self.claim_lease = claim_lease
        self.shutdown = shutdown
        self.policy = policy or NotifyPolicy()
        self.summariser = Summariser(engine, notifier, self.policy, self._gate, claim_lease)

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
        if self.policy.quiet_hours is not None and self.policy.quiet_hours.contains(now):
            return 0  # a reminder is a ping too: it waits for the quiet hours to end (it stays due)
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
        report.summaries, errors = self.summariser.run(self.clock(), self.shutdown)
        report.errors += errors
        claimed = deliveries.claim_due_deliveries(self.engine, self.clock(), limit, self.claim_lease)
        for incident_id, delivery_ids in claimed.items():
            if self.shutdown is not None and self.shutdown.is_set():
                # not sent yet: hand it back at once rather than leave it claimed until the lease ends
                deliveries.schedule_retry(self.engine, delivery_ids, incident_id, self.clock(), None)
                continue
            self._deliver(incident_id, delivery_ids, report)
        return report

    def _gate(self, channel: str | None) -> Hold | None:
        """Whether quiet hours or the channel's budget hold a message to ``channel`` now."""
        if not self.policy.active:
            return None
        now = self.clock()
        with self.engine.connect() as uow:
            sent = summaries.messages_sent(uow, channel, now - BUDGET_WINDOW)
        return self.policy.hold(now, channel, sent)

    def _deliver(self, incident_id: int, delivery_ids: list[int], report: DispatchReport) -> None:
        with self.engine.connect() as uow:
            incident = incidents.incident_by_id(uow, incident_id)
            batch = deliveries.deliveries_by_id(uow, delivery_ids)
        channel = next((d["channel"] for d in batch if d["channel"]), None)
        version = max(d["version"] for d in batch)
        # the gate is asked once per delivery: a retry after a Slack failure was already let through
        held = self._gate(channel) if max(d["attempts"] for d in batch) == 1 else None
        rising = any(d["rising"] for d in batch)
        if held is not None and not rising:
            note = Note(incident["key"], held.decision, held.reason, incident_id, version, channel)
            deliveries.hold(self.engine, delivery_ids, note, self.clock())
            report.held += 1
            log.info("alert %s held: %s", incident["key"], held.reason)
            return
        with self.engine.connect() as uow:
            folded = deliveries.held_for(uow, incident_id)  # earlier versions held back: this send shows them
            batch += deliveries.deliveries_by_id(uow, folded) if folded else []
            changes = [d["reason"] for d in batch if d["kind"] == ChangeKind.UPDATED]
            view = incidents.incident_view(uow, incident_id, changes)
        delivery_ids = [*delivery_ids, *folded]
        note = self._sent_note(incident, batch, channel, held)
        report.broke_through += held is not None
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
            deliveries.record_sent(self.engine, delivery_ids, incident_id, version, now, new_message, note)
            report.sent += 1
            report.folded += len(delivery_ids) - 1
            telemetry.delivery_sent()
            return
        attempts = max(d["attempts"] for d in batch)
        if result.fatal:
            failed = Note(
                incident["key"], Decision.FAILED, f"not delivered: {result.error}", incident_id, version, channel
            )
            deliveries.record_failed(self.engine, delivery_ids, result.error, failed, now)
            report.fatal += 1
            report.errors.append(f"{incident['key']}: {result.error}")
            telemetry.delivery_failed(result.error)
            log.error("alert %s NOT delivered and not retried, a person must act: %s", incident["key"], result.error)
            return
        wait = backoff(attempts, result.retry_after)
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

    @staticmethod
    def _sent_note(
        incident: dict[str, Any], batch: list[dict[str, Any]], channel: str | None, held: Hold | None
    ) -> Note:
        """The decision a successful send records: sent, or broke through what would have held it."""
        version = max(d["version"] for d in batch)
        where = channel or "the default channel"
        verb = "updated in" if incident["slack_ts"] else "posted to"
        if held is None:
            return Note(incident["key"], Decision.SENT, f"{verb} {where}", int(incident["id"]), version, channel)
        rose = next((d["reason"] for d in batch if d["rising"]), "")
        why = f"broke through {held.decision.value.replace('_', ' ')}: the level rose ({rose}); {verb} {where}"
        return Note(incident["key"], Decision.BREAKTHROUGH, why, int(incident["id"]), version, channel)


def claim_lease_for(lease: timedelta) -> timedelta:
    """How long a claimed delivery is an instance's: ``[daemon] lease``, kept between 20 s and 2 min.

    An instance killed mid-delivery holds its claim this long; then another sends it.
    """
    return max(MIN_CLAIM_LEASE, min(lease, CLAIM_LEASE))

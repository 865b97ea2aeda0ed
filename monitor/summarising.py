"""The outbox's first stage: once a channel may be pinged again, one message lists what was held.

Alerts that quiet hours or the channel's budget held back wait in the database (status
``held``). At each dispatch, a channel whose gate is open again (the quiet hours ended, the
budget has a free slot) gets a summary: opening it takes every held alert of the channel in the
same transaction, and the summary is then claimed and sent like an alert, reconciled by its
message metadata after a lost answer. So the held alerts are listed once, in one message, and a
crash or a second instance neither loses nor repeats them.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from datetime import datetime, timedelta

from alerts.notify import Notifier, SendResult
from alerts.policy import Hold, NotifyPolicy
from alerts.summary import HeldAlert, HeldSummary
from monitor.core.durations import backoff
from monitor.core.statuses import ChangeKind, Decision
from monitor.store import incidents, summaries
from monitor.store.database import Database
from monitor.store.summaries import SummaryRow

log = logging.getLogger("repmon.outbox")


class Summariser:
    def __init__(
        self,
        engine: Database,
        notifier: Notifier,
        policy: NotifyPolicy,
        gate: Callable[[str | None], Hold | None],
        lease: timedelta,
    ) -> None:
        self.engine = engine
        self.notifier = notifier
        self.policy = policy
        self.gate = gate
        self.lease = lease

    def run(self, now: datetime, shutdown: threading.Event | None = None) -> tuple[int, list[str]]:
        """Open a summary for each channel whose gate opened, then send the summaries due.

        Returns how many summaries were sent, and the errors a person must act on.
        """
        for channel in summaries.held_channels(self.engine):
            if self.gate(channel) is None:
                summaries.open_summary(self.engine, channel, now)
        sent, errors = 0, []
        for summary_id in summaries.claim_due_summaries(self.engine, now, self.lease):
            if shutdown is not None and shutdown.is_set():
                summaries.schedule_summary_retry(self.engine, summary_id, now, None)  # hand it back at once
                continue
            ok, error = self._send(summary_id, now)
            sent += ok
            if error:
                errors.append(error)
        return sent, errors

    def _send(self, summary_id: int, now: datetime) -> tuple[bool, str | None]:
        with self.engine.connect() as uow:
            row = summaries.summary(uow, summary_id)
            alerts = [
                HeldAlert(
                    view=incidents.incident_view(uow, item.incident_id),
                    holds=frozenset(item.holds),
                    held_since=item.held_since or row.created_at,
                    new=item.slack_ts is None,
                    slack_channel=item.slack_channel,
                    slack_ts=item.slack_ts,
                    changes=[r for r, k in zip(item.reasons, item.kinds, strict=True) if k == ChangeKind.UPDATED],
                )
                for item in row.incidents
            ]
        summary = self._summary(row, alerts)
        result: SendResult | None = None
        if row.attempts > 1:
            result = self.notifier.find_summary(summary, row.channel)  # an earlier attempt may have reached Slack
        if result is None:
            result = self.notifier.post_summary(summary, row.channel)
        if result.ok:
            summaries.record_summary_sent(self.engine, row, now, (result.channel, result.ts))
            log.info("summary of %d held alert(s) sent to %s", len(alerts), row.channel or "the default channel")
            return True, None
        if result.fatal:
            summaries.record_summary_failed(self.engine, summary_id, result.error)
            log.error("summary of held alerts NOT delivered, a person must act: %s", result.error)
            return False, f"summary of {len(alerts)} held alert(s): {result.error}"
        wait = backoff(row.attempts, result.retry_after)
        summaries.schedule_summary_retry(self.engine, summary_id, now + wait, result.error)
        log.warning("summary of held alerts not delivered (attempt %d): %s", row.attempts, result.error)
        return False, None

    def _summary(self, row: SummaryRow, alerts: list[HeldAlert]) -> HeldSummary:
        quiet = str(self.policy.quiet_hours) if self.policy.quiet_hours is not None else None
        budget = self.policy.budget_for(row.channel) or None
        held = {h for a in alerts for h in a.holds}
        return HeldSummary(
            row.summary_id,
            alerts,
            quiet_hours=quiet if Decision.QUIET_HOURS in held else None,
            budget=budget if Decision.BUDGET in held else None,
        )

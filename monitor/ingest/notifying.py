"""Stage 8: decide whether each incident change is announced, queue it, and record every decision.

Opened and escalated incidents go to the outbox with the reason they are sent (and whether the
level rose, which breaks through quiet hours and the budget later). Every change that pings
nobody is recorded with its reason (below the alerting level, nothing material changed,
throttled, snoozed, resolved, muted), and so is every new negative post that is not spreading
(digest only), so "why was I not pinged?" is answered from the database (``repmon incidents
why KEY``). Quiet hours and the budget are the outbox's decisions, taken when it would send.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from datetime import datetime

from alerts.config import SlackConfig
from monitor.core.statuses import Decision
from monitor.incidents import Change
from monitor.ingest.assessing import Finding
from monitor.ingest.batch import Batch
from monitor.store import decisions, deliveries
from monitor.store.database import UnitOfWork
from monitor.store.posts import PostKey

log = logging.getLogger("repmon.notify")


def enqueue_notifications(uow: UnitOfWork, changes: list[Change], slack: SlackConfig, now: datetime) -> None:
    """Queue each announced change for the channel it belongs in (priority, the brand's, or the default)."""
    for change in changes:
        if not change.notifies:
            log.debug("incident %s not announced: %s", change.key, change.reason or "nothing material changed")
            decisions.record(
                uow,
                change.key,
                change.quiet,
                change.reason,
                now,
                incident_id=change.incident_id,
                version=change.version,
            )
            continue
        channel = slack.channel_for(change.brand, change.priority)
        deliveries.enqueue(
            uow, change.incident_id, change.version, change.kind, change.reason, now, channel, rising=change.rising
        )
        rose = " (the level rose: breaks through quiet hours and the budget)" if change.rising else ""
        what = change.reason if change.reason.startswith(change.kind) else f"{change.kind}: {change.reason}"
        decisions.record(
            uow,
            change.key,
            Decision.QUEUED,
            f"for {channel or 'the console'}: {what}{rose}",
            now,
            incident_id=change.incident_id,
            version=change.version,
            channel=channel,
        )


def record_digest_only(uow: UnitOfWork, batch: Batch, findings: Iterable[Finding], now: datetime) -> int:
    """New negative posts that no finding of this page touched: the weekly digest's, not a ping.

    The reply method's "don't over-service" tier: a mildly negative post that is not spreading
    belongs in the digest (its complaint themes and most-engaged negative posts), so the decision
    is recorded here and nobody is interrupted. If the post spreads later, its incident's own
    decisions follow this one.
    """
    touched: set[PostKey] = set()
    for finding in findings:
        source, _, post_id = finding.unit.partition(":")
        touched.update([(source, post_id), finding.post, *finding.members])
    digest_only: list[tuple[str, Decision, str]] = []
    for key in sorted(batch.new_keys - touched):
        row = batch.rows.get(key)
        if row is None or not (row.get("label") == "negative" or row.get("upset")):
            continue
        compound = row.get("compound")
        score = f"compound {compound:+.2f}" if compound is not None else "a low rating"
        mood = "upset" if row.get("upset") else "mildly negative"
        reason = f"{mood} ({score}) but not spreading: in the weekly digest, no ping"
        digest_only.append((f"{key[0]}:{key[1]}", Decision.DIGEST_ONLY, reason))
    decisions.record_new_subjects(uow, digest_only, now)  # new posts: nothing to coalesce with
    return len(digest_only)

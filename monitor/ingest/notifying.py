"""Stage 8: decide whether each incident change is announced, and queue the announcement.

Opened and escalated incidents go to the outbox with the reason they are sent; a quiet refresh
(nothing material changed, or the update interval has not passed and the level did not rise)
is logged with its reason instead, so "why was I not pinged?" has an answer.
"""

from __future__ import annotations

import logging
from datetime import datetime

from alerts.config import SlackConfig
from monitor.incidents import Change
from monitor.store import deliveries
from monitor.store.database import UnitOfWork

log = logging.getLogger("repmon.notify")


def enqueue_notifications(uow: UnitOfWork, changes: list[Change], slack: SlackConfig, now: datetime) -> None:
    """Queue each announced change for the channel it belongs in (priority, the brand's, or the default)."""
    for change in changes:
        if not change.notifies:
            log.debug("incident %s not announced: %s", change.key, change.reason or "nothing material changed")
            continue
        channel = slack.channel_for(change.brand, change.priority)
        deliveries.enqueue(uow, change.incident_id, change.version, change.kind, change.reason, now, channel)

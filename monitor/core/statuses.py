"""The words for where an incident and a delivery stand, as ``StrEnum`` so a typo fails type-checking.

They are stored as their string values, so the database stays readable with plain SQL.
"""

from __future__ import annotations

from enum import StrEnum


class IncidentStatus(StrEnum):
    OPEN = "open"
    ACKNOWLEDGED = "acknowledged"
    SNOOZED = "snoozed"
    RESOLVED = "resolved"
    CLOSED = "closed"  # cooled down by itself, or marked not relevant

    @property
    def is_active(self) -> bool:
        """Still the team's business: alerts, updates and re-polls continue."""
        return self in (IncidentStatus.OPEN, IncidentStatus.ACKNOWLEDGED, IncidentStatus.SNOOZED)


class Level(StrEnum):
    """How loudly an incident speaks, lowest first. Compare with :func:`level_rank`.

    ``watch`` is recorded and shown in ``repmon incidents`` but pings nobody; ``spreading`` and
    ``viral`` alert. ``warning`` and ``critical`` are the names incidents stored before levels had
    their present meaning; they still read, ranked as spreading and viral.
    """

    WATCH = "watch"
    SPREADING = "spreading"
    VIRAL = "viral"
    WARNING = "warning"  # stored by earlier versions: same rank as spreading
    CRITICAL = "critical"  # stored by earlier versions: same rank as viral


LEVEL_RANK: dict[str, int] = {
    Level.WATCH: 1,
    Level.SPREADING: 2,
    Level.WARNING: 2,
    Level.VIRAL: 3,
    Level.CRITICAL: 3,
}


def level_rank(level: str) -> int:
    return LEVEL_RANK.get(level, 0)


def alerts(level: str) -> bool:
    """Whether an incident at this level pings the team (watch is bookkeeping)."""
    return level_rank(level) >= LEVEL_RANK[Level.SPREADING]


class ChangeKind(StrEnum):
    """What happened to an incident; a delivery carries the kind of change it announces.

    One vocabulary for both: an incident is ``opened`` or ``updated`` and so is its delivery. A
    ``quiet`` change refreshed the incident without announcing anything.
    """

    OPENED = "opened"
    UPDATED = "updated"
    QUIET = "quiet"


class DeliveryStatus(StrEnum):
    PENDING = "pending"
    SENDING = "sending"
    SENT = "sent"
    HELD = "held"
    FAILED = "failed"  # a fatal notifier error: needs a person, never retried by itself


class Decision(StrEnum):
    """Why an incident change (or a new post) did or did not ping the team: one row each in the store.

    Modelled on Alertmanager's notify pipeline, where every stage that stops a notification says
    so. The first three reached the channel; ``queued`` is on its way; the rest are reasons for
    *not* pinging, so "why was I not pinged about X?" has an answer in the database.
    """

    SENT = "sent"  # posted or updated in Slack
    BREAKTHROUGH = "breakthrough"  # sent although quiet hours or the budget held the channel: the level rose
    SUMMARISED = "summarised"  # held, then listed in the channel's summary message
    QUEUED = "queued"  # handed to the outbox, not yet in Slack
    BELOW_LEVEL = "below_level"  # on watch: recorded, nobody pinged
    QUIET_UPDATE = "quiet_update"  # nothing changed that is worth a ping
    THROTTLED = "throttled"  # changed, but the update interval has not passed and the level did not rise
    SNOOZED = "snoozed"  # the team snoozed it and the level did not rise
    RESOLVED = "resolved"  # the team resolved it and the level did not rise
    MUTED = "muted"  # the team closed it as not relevant
    QUIET_HOURS = "quiet_hours"  # held until the quiet hours end, then summarised
    BUDGET = "budget"  # held: the channel's alerts per hour were used up; summarised when a slot frees
    DIGEST_ONLY = "digest_only"  # negative but not spreading: the weekly digest's business, not a ping
    FAILED = "failed"  # Slack refused it for good (token, channel): a person must act

    @property
    def notified(self) -> bool:
        """Whether the team was pinged by this decision (directly or in a summary)."""
        return self in (Decision.SENT, Decision.BREAKTHROUGH, Decision.SUMMARISED)

    @property
    def holds(self) -> bool:
        """Held back for a summary: quiet hours or the budget."""
        return self in (Decision.QUIET_HOURS, Decision.BUDGET)

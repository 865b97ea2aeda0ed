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

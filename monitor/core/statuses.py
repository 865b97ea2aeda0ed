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
    """How loudly an incident speaks. Ordered: compare with :func:`level_rank`."""

    WARNING = "warning"
    CRITICAL = "critical"


LEVEL_RANK: dict[str, int] = {Level.WARNING: 1, Level.CRITICAL: 2}


def level_rank(level: str) -> int:
    return LEVEL_RANK.get(level, 0)


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

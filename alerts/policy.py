"""When a channel may be pinged: an alert budget per hour and optional quiet hours.

The gate the outbox asks before each send, after Alertmanager's notify pipeline: it answers
either "go" or a :class:`Hold` with the reason. A held alert is never dropped: the outbox keeps
it in the database and, once the quiet hours end or the budget has room again, sends one summary
message per channel listing what was held. A rising level is not asked here at all: it always
breaks through (the outbox records that it did).

Pure functions of the time and a count, so the rules read and test without a database or Slack.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from monitor.core.statuses import Decision

BUDGET_WINDOW = timedelta(hours=1)
_CLOCK = r"([01]?\d|2[0-3]):([0-5]\d)"
_WINDOW = re.compile(rf"\s*{_CLOCK}\s*-\s*{_CLOCK}\s*")


def zone_named(name: str) -> ZoneInfo:
    """An IANA time zone, or a one-line ``ValueError`` saying what is expected."""
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise ValueError(f"unknown time zone {name!r} (use an IANA name such as 'Europe/Paris')") from None


@dataclass(frozen=True)
class QuietHours:
    """A daily window of local time (``22:00-07:00`` crosses midnight) in which alerts wait."""

    start: time
    end: time
    zone: ZoneInfo

    @classmethod
    def parse(cls, window: str, zone: str = "UTC") -> QuietHours:
        match = _WINDOW.fullmatch(window)
        if match is None:
            raise ValueError(f"expected HH:MM-HH:MM such as '22:00-07:00', got {window!r}")
        start = time(int(match.group(1)), int(match.group(2)))
        end = time(int(match.group(3)), int(match.group(4)))
        if start == end:
            raise ValueError(f"start and end are the same ({window.strip()!r}): the window would be empty")
        return cls(start, end, zone_named(zone))

    def __str__(self) -> str:
        return f"{self.start:%H:%M}-{self.end:%H:%M} {self.zone.key}"

    def contains(self, moment: datetime) -> bool:
        local = moment.astimezone(self.zone).time().replace(tzinfo=None)
        if self.start < self.end:
            return self.start <= local < self.end
        return local >= self.start or local < self.end  # crosses midnight

    def ends_after(self, moment: datetime) -> datetime:
        """The first end of the window after ``moment`` (aware, UTC)."""
        local = moment.astimezone(self.zone)
        end = datetime.combine(local.date(), self.end, tzinfo=self.zone)
        if end <= local:
            end = datetime.combine(local.date() + timedelta(days=1), self.end, tzinfo=self.zone)
        return end.astimezone(UTC)


@dataclass(frozen=True)
class Hold:
    """Why a send waits: quiet hours or the budget, in words for the team and the database."""

    decision: Decision
    reason: str


@dataclass(frozen=True)
class NotifyPolicy:
    """The channel gate: ``budget_per_hour`` messages per channel (0: unlimited) and quiet hours."""

    budget_per_hour: int = 0
    channel_budgets: Mapping[str, int] = field(default_factory=dict)
    quiet_hours: QuietHours | None = None

    @property
    def active(self) -> bool:
        """Whether anything is ever held (no budget and no quiet hours: every alert goes at once)."""
        return self.quiet_hours is not None or self.budget_per_hour > 0 or any(self.channel_budgets.values())

    def budget_for(self, channel: str | None) -> int:
        """Messages per hour this channel may get; 0 is unlimited."""
        if channel is not None and channel in self.channel_budgets:
            return self.channel_budgets[channel]
        return self.budget_per_hour

    def hold(self, now: datetime, channel: str | None, sent_last_hour: int) -> Hold | None:
        """None when a message may go to ``channel`` now; else why it waits."""
        if self.quiet_hours is not None and self.quiet_hours.contains(now):
            until = self.quiet_hours.ends_after(now).astimezone(self.quiet_hours.zone)
            why = f"quiet hours ({self.quiet_hours}): held until {until:%H:%M}, then summarised"
            return Hold(Decision.QUIET_HOURS, why)
        budget = self.budget_for(channel)
        if budget and sent_last_hour >= budget:
            where = channel or "the console"
            why = (
                f"budget: {sent_last_hour} of {budget} alerts an hour already sent to {where}; "
                "held until a slot frees, then summarised"
            )
            return Hold(Decision.BUDGET, why)
        return None

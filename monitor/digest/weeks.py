"""ISO weeks in a time zone: a week's local days as UTC instants, so DST weeks have 23/25-hour days."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

WEEK_PATTERN = re.compile(r"(\d{4})-?W(\d{1,2})", re.IGNORECASE)


class WeekError(ValueError):
    """A --week value that is not an ISO week."""


@dataclass(frozen=True)
class Week:
    year: int
    number: int

    @classmethod
    def parse(cls, text: str) -> Week:
        match = WEEK_PATTERN.fullmatch(text.strip())
        if match is None:
            raise WeekError(f"{text!r} is not an ISO week; write it like 2026-W47")
        year, number = int(match.group(1)), int(match.group(2))
        try:
            date.fromisocalendar(year, number, 1)
        except ValueError:
            raise WeekError(f"{year} has no week {number}") from None
        return cls(year, number)

    @classmethod
    def containing(cls, day: date) -> Week:
        iso = day.isocalendar()
        return cls(iso.year, iso.week)

    @classmethod
    def last_complete(cls, now: datetime, zone: ZoneInfo) -> Week:
        """The most recent week that has ended, in ``zone``."""
        return cls.containing(now.astimezone(zone).date() - timedelta(days=7))

    def __str__(self) -> str:
        return f"{self.year}-W{self.number:02d}"

    @property
    def monday(self) -> date:
        return date.fromisocalendar(self.year, self.number, 1)

    def shifted(self, weeks: int) -> Week:
        return Week.containing(self.monday + timedelta(weeks=weeks))

    def days(self) -> list[date]:
        return [self.monday + timedelta(days=i) for i in range(7)]


def midnight(day: date, zone: ZoneInfo) -> datetime:
    """The UTC instant a local day starts."""
    return datetime.combine(day, time(0), tzinfo=zone).astimezone(UTC)


def day_bounds(first: date, count: int, zone: ZoneInfo) -> list[datetime]:
    """``count + 1`` UTC instants: the local midnights that start (and end) ``count`` days."""
    return [midnight(first + timedelta(days=i), zone) for i in range(count + 1)]

"""The ``[digest]`` config section: when and where the weekly digest is posted, in which time zone."""

from __future__ import annotations

import datetime as dt
import re
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import BaseModel, ConfigDict, Field, field_validator

DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


class DigestConfig(BaseModel):
    model_config = ConfigDict(extra="forbid", validate_default=True)

    timezone: str = Field(default="UTC", description="IANA time zone weeks and days are counted in.")
    channel: str | None = Field(
        default=None, description="Slack channel ID or #name for the weekly post; none means no scheduled post."
    )
    day: str = Field(default="mon", description="Day of the week the digest is posted (mon..sun).")
    time: str = Field(default="09:00", description="Local time (HH:MM, in `timezone`) the digest is posted.")
    brand: str | None = Field(default=None, description="Post the digest of one brand only; none means all brands.")

    @field_validator("timezone")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueError(f"unknown time zone {value!r} (use an IANA name such as 'Europe/Paris')") from None
        return value

    @field_validator("day")
    @classmethod
    def _known_day(cls, value: str) -> str:
        day = value.strip().lower()[:3]
        if day not in DAYS:
            raise ValueError(f"must be one of {', '.join(DAYS)}")
        return day

    @field_validator("time")
    @classmethod
    def _clock_time(cls, value: str) -> str:
        match = re.fullmatch(r"([01]?\d|2[0-3]):([0-5]\d)", value.strip())
        if match is None:
            raise ValueError("must be a 24-hour time such as '09:00'")
        return f"{int(match.group(1)):02d}:{match.group(2)}"

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    @property
    def weekday(self) -> int:
        return DAYS.index(self.day)

    @property
    def clock(self) -> dt.time:
        hours, minutes = self.time.split(":")
        return dt.time(int(hours), int(minutes))

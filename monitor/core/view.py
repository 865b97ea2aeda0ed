"""What an alert shows, independent of where it is shown (Slack blocks, console, digest)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime


@dataclass(frozen=True)
class PostView:
    source: str
    post_id: str
    url: str | None
    author_handle: str | None
    author_followers: int | None
    text: str
    compound: float | None
    label: str
    created_at: datetime
    likes: int | None = None
    reposts: int | None = None
    replies: int | None = None
    quotes: int | None = None


@dataclass(frozen=True)
class IncidentView:
    key: str
    brand: str | None
    level: str  # "warning" | "critical"
    status: str  # "open" | "acknowledged" | "resolved" | "snoozed"
    score: float
    reasons: list[str]
    root: PostView
    post_count: int
    author_count: int
    sources: list[str]
    draft: str
    abusive: bool
    first_alert_at: datetime
    version: int
    changes: list[str] = field(default_factory=list)  # what changed since the last message (updates only)

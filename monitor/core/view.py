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
class Handling:
    """What the team did about an incident (from the Slack buttons); empty until someone acts.

    User fields hold Slack user IDs (``U0123``), which Slack renders as the person's name.
    """

    acknowledged_by: str | None = None
    acknowledged_at: datetime | None = None
    snoozed_until: datetime | None = None
    resolved_by: str | None = None
    resolved_at: datetime | None = None
    replied_by: str | None = None
    replied_at: datetime | None = None
    reply_url: str | None = None
    draft_by: str | None = None


@dataclass(frozen=True)
class IncidentView:
    key: str
    brand: str | None
    level: str  # "warning" | "critical"
    status: str  # IncidentStatus: open, acknowledged, snoozed, resolved, closed
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
    handling: Handling = field(default_factory=Handling)

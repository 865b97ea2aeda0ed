"""What the Slack app may do to incidents, as a protocol the application implements.

The handlers never touch a database: they call these methods with the Slack user who clicked,
and re-render the alert from the fresh :class:`IncidentView` that comes back.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from typing import Protocol

from monitor.core.view import IncidentView


@dataclass(frozen=True)
class Outcome:
    changed: bool  # False: nothing changed (already in that state); ``note`` says why
    note: str  # one line for the person who clicked
    view: IncidentView | None = None  # the incident as it stands now, to re-render the alert


@dataclass(frozen=True)
class IncidentSummary:
    """One line of `/repmon incidents`."""

    key: str
    brand: str | None
    status: str
    level: str
    acknowledged_by: str | None
    delivery_error: str | None


class IncidentActions(Protocol):
    """The application's side of every button, modal and command (see ``monitor/slack_app.py``)."""

    def key_for_message(self, channel: str, ts: str) -> str | None:
        """The incident whose alert is the message (channel, ts)."""
        ...

    def current(self, key: str) -> IncidentView | None: ...

    def acknowledge(self, key: str, user: str, user_name: str | None) -> Outcome: ...

    def resolve(self, key: str, user: str) -> Outcome: ...

    def reopen(self, key: str, user: str) -> Outcome: ...

    def snooze(self, key: str, user: str, duration: timedelta) -> Outcome: ...

    def not_relevant(self, key: str, user: str, user_name: str | None, reason: str) -> Outcome: ...

    def mark_replied(self, key: str, user: str, url: str | None) -> Outcome: ...

    def accept_draft(self, key: str, user: str, text: str) -> Outcome: ...

    def first_sight(self, digest: str) -> bool:
        """True the first time a request is seen; False for a replay, which must change nothing."""
        ...

    def status_lines(self) -> list[str]:
        """Sources' health and the incident counts, one line each."""
        ...

    def incidents(self) -> list[IncidentSummary]: ...

    def draft(self, text_or_url: str) -> str | None:
        """A reply draft for a stored post's URL or for pasted text; None when a URL is unknown."""
        ...

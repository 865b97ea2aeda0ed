"""What every notifier promises: one result per send, never an exception, and the operations the outbox uses.

Notifiers follow apprise's shape: small, checked when they are built, and they never raise when
delivery fails. Every failure comes back as ``SendResult(ok=False, error="<one readable line>")``,
with the service's ``Retry-After`` when it rate-limits, so the outbox can decide when to try
again; ``fatal=True`` when only a person can fix it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Protocol

from alerts.summary import HeldSummary
from monitor.core.view import IncidentView

ERROR_MAX = 300


@dataclass(frozen=True)
class SendResult:
    ok: bool
    channel: str | None = None
    ts: str | None = None
    error: str | None = None  # one readable line, never a token
    retry_after: float | None = None  # seconds, when the service said when to come back
    fatal: bool = False  # retrying cannot help: a person must fix the token, channel or scopes
    data: dict[str, Any] | None = field(default=None, repr=False, compare=False)  # the raw answer, when read


class Notifier(Protocol):
    def post(self, view: IncidentView, channel: str | None = None) -> SendResult:
        """Send a new alert message (to ``channel``, else the configured one)."""
        ...

    def update(self, view: IncidentView, channel: str, ts: str) -> SendResult:
        """Edit the alert message at (channel, ts) to the latest state and say what changed in its thread."""
        ...

    def find(self, view: IncidentView, channel: str | None = None) -> SendResult | None:
        """The alert already posted for ``view.key`` (after a lost answer): None when Slack has none.

        A failed result means the history could not be read: the caller must not post blindly.
        """
        ...

    def note(self, channel: str, ts: str, text: str) -> SendResult:
        """A reply in the alert's thread (a reminder, an accepted reply text)."""
        ...

    def post_summary(self, summary: HeldSummary, channel: str | None = None) -> SendResult:
        """One message listing the alerts quiet hours or the budget held back."""
        ...

    def find_summary(self, summary: HeldSummary, channel: str | None = None) -> SendResult | None:
        """The summary already posted (after a lost answer), like :meth:`find` for an alert."""
        ...


def one_line(text: str, limit: int = ERROR_MAX) -> str:
    line = " ".join(str(text).split())
    return line if len(line) <= limit else line[: limit - 1] + "…"

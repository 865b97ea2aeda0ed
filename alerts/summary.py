"""The one message that lists a channel's held alerts, once quiet hours end or the budget has room.

Held alerts are never dropped: each is listed with its level, brand, where and by whom, a short
escaped quote, a link to the post and, when the incident already has an alert message, a link to
that message. Every piece of user text is escaped like the alerts themselves, so a held post can
no more ping ``@channel`` or spoof a link than a sent one.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from alerts.slack_format import SECTION_MAX, archive_link, clip, escape, level_icon, link, shorten
from monitor.core.statuses import Decision
from monitor.core.view import IncidentView

LISTED_MAX = 40  # alerts listed one by one; the rest are counted (Slack allows 50 blocks)
QUOTE_CHARS = 140


@dataclass(frozen=True)
class HeldAlert:
    """One incident whose alert (or updates) waited."""

    view: IncidentView
    holds: frozenset[str]  # Decision values: quiet_hours, budget
    held_since: datetime
    new: bool  # no alert message yet: the team first hears of it here
    slack_channel: str | None = None
    slack_ts: str | None = None
    changes: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class HeldSummary:
    summary_id: int
    alerts: list[HeldAlert]
    quiet_hours: str | None = None  # "22:00-07:00 Europe/Paris", when quiet hours held any
    budget: int | None = None  # the channel's budget per hour, when the budget held any


def _cause(summary: HeldSummary) -> str:
    holds = {h for alert in summary.alerts for h in alert.holds}
    parts = []
    if Decision.QUIET_HOURS in holds:
        parts.append(
            f"during quiet hours ({escape(summary.quiet_hours)})" if summary.quiet_hours else "during quiet hours"
        )
    if Decision.BUDGET in holds:
        parts.append(f"over the budget of {summary.budget} an hour" if summary.budget else "over the budget")
    return " and ".join(parts) or "while the channel was held"


def _clock(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%H:%M UTC")


def _line(alert: HeldAlert) -> str:
    view, post = alert.view, alert.view.root
    icon = level_icon(view.level, "⚪")
    brand = escape(" ".join((view.brand or "").split())) or "your brand"
    who = escape(shorten(" ".join((post.author_handle or "unknown author").split()), 60))
    quote = escape(shorten(" ".join(post.text.split()), QUOTE_CHARS)) or "(no text)"
    what = "new alert" if alert.new else "update"
    if view.status != "open":  # the team may have handled it meanwhile (acknowledged, resolved...)
        what += f" ({escape(view.status)})"
    head = f"{icon} *{escape(view.level)}* · {brand} · {escape(post.source)} · {who} · {what}"
    links = [link(post.url, "open the post")]
    message = archive_link(alert.slack_channel, alert.slack_ts)
    if message:
        links.append(link(message, "the alert"))
    body = f"{head}\n> “{quote}”\n{' · '.join(links)} · held since {_clock(alert.held_since)} · `{escape(view.key)}`"
    changes = [escape(" ".join(c.split())) for c in alert.changes if c.strip()]
    if not alert.new and changes:
        body += "\n_what changed:_ " + shorten("; ".join(changes), 300)
    return clip(body, SECTION_MAX)


def build_summary(summary: HeldSummary) -> tuple[str, list[dict[str, Any]]]:
    """The fallback ``text`` and Block Kit ``blocks`` of a held-alerts summary."""
    count = len(summary.alerts)
    noun = "alert was" if count == 1 else "alerts were"
    title = f"🔕 {count} {noun} held {_cause(summary)}"
    text = clip(title + ": " + ", ".join(escape(a.view.key) for a in summary.alerts), SECTION_MAX)
    blocks: list[dict[str, Any]] = [{"type": "section", "text": {"type": "mrkdwn", "text": f"*{title}*"}}]
    for alert in summary.alerts[:LISTED_MAX]:
        blocks.append({"type": "section", "text": {"type": "mrkdwn", "text": _line(alert)}})
    rest = count - LISTED_MAX
    footer = "Each is listed once; a rising level is never held. `repmon incidents why KEY` says why for any one."
    if rest > 0:
        footer = f"…and {rest} more: `repmon incidents --status all` lists them. " + footer
    blocks.append({"type": "context", "elements": [{"type": "mrkdwn", "text": footer}]})
    return text, blocks

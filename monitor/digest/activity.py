"""What happened and what the team did: the week's incidents, response times, and source health.

Workflow columns (who acknowledged, when the first public reply went out, how it ended) are
added to incidents by the Slack workflow; when a database does not have them yet, the figures
say ``recorded: false`` and the renderers print "not recorded" instead of a misleading zero.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from statistics import median
from typing import Any

from alerts.slack_format import archive_link
from monitor.config import Config
from monitor.store import digest as store
from monitor.store import poll_history
from monitor.store.database import UnitOfWork

EXCERPT = 200
DEFAULT_GAP = timedelta(hours=1)
MIN_GAP = timedelta(minutes=15)
OUTCOMES = {
    "resolved": "resolved",
    "snoozed": "snoozed",
    "acknowledged": "still open (acknowledged)",
    "open": "still open",
}
NOT_RELEVANT = ("not_relevant", "not relevant", "not-relevant")


def _iso(value: datetime | None) -> str | None:
    return value.isoformat(timespec="seconds").replace("+00:00", "Z") if value else None


def _minutes(later: datetime | None, earlier: datetime | None) -> float | None:
    if later is None or earlier is None:
        return None
    return round((later - earlier).total_seconds() / 60.0, 1)


def _outcome(row: dict[str, Any]) -> str:
    resolution = str(row.get("resolution") or "").lower()
    feedback = str(row.get("feedback") or "").lower()
    if row.get("not_relevant_reason") or resolution in NOT_RELEVANT or any(m in feedback for m in NOT_RELEVANT):
        return "not relevant"
    if row["status"] == "closed":
        return "closed by cooling down"
    return OUTCOMES.get(str(row["status"]), str(row["status"]))


def incidents(conn: UnitOfWork, span: tuple[datetime, datetime], brand: str | None) -> list[dict[str, Any]]:
    """The incidents first alerted in the week: what spread, where, how far and fast, who took it."""
    present = store.incident_columns(conn)
    out = []
    for row in store.incidents_between(conn, *span, brand):
        text = str(row.get("root_text") or "")
        signals = row.get("signals") or {}
        out.append(
            {
                "key": row["key"],
                "brand": row["brand"],
                "level": row["level"],
                "status": row["status"],
                "outcome": _outcome(row),
                "score": round(float(row["score"]), 2),
                "reasons": list(row.get("reasons") or []),
                "root": {
                    "source": row.get("root_source"),
                    "url": row.get("root_url"),
                    "author": row.get("root_author"),
                    "followers": row.get("root_followers"),
                    "created_at": _iso(row.get("root_created_at")),
                    "text": text if len(text) <= EXCERPT else text[: EXCERPT - 1].rstrip() + "\u2026",
                },
                "sources": row["sources"],
                "posts": row["posts"],
                "authors": row["authors"],
                "engagement": row["engagement"],
                "reach": row["reach"],
                "velocity_ratio": signals.get("velocity_ratio") if isinstance(signals, dict) else None,
                "first_alert_at": _iso(row["first_alert_at"]),
                "minutes_post_to_alert": _minutes(row["first_alert_at"], row.get("root_created_at")),
                "acknowledged_by": row.get("acknowledged_by_name") or row.get("acknowledged_by"),
                "acknowledged_at": _iso(row.get("acknowledged_at")),
                "minutes_to_acknowledge": _minutes(row.get("acknowledged_at"), row["first_alert_at"]),
                "replied_at": _iso(row.get("replied_at")),
                "reply_url": row.get("reply_url"),
                "not_relevant_reason": row.get("not_relevant_reason"),
                "minutes_to_first_reply": _minutes(row.get("replied_at"), row["first_alert_at"]),
                "recorded": {"acknowledged": "acknowledged_at" in present, "replied": "replied_at" in present},
                "slack_link": archive_link(row.get("slack_channel"), row.get("slack_ts")),
            }
        )
    return out


def response(
    conn: UnitOfWork, span: tuple[datetime, datetime], brand: str | None, raised: list[dict[str, Any]]
) -> dict[str, Any]:
    """Incidents raised, how fast the team acknowledged and replied, how many were resolved."""
    present = store.incident_columns(conn)
    acks = [i["minutes_to_acknowledge"] for i in raised if i["minutes_to_acknowledge"] is not None]
    replies = [i["minutes_to_first_reply"] for i in raised if i["minutes_to_first_reply"] is not None]
    feedback_recorded = bool(present.intersection({"resolution", "feedback", "feedback_table"}))
    return {
        "incidents_raised": len(raised),
        "critical": sum(1 for i in raised if i["level"] == "critical"),
        "acknowledged": len(acks) if "acknowledged_at" in present else None,
        "median_minutes_to_acknowledge": round(median(acks), 1) if acks else None,
        "replied": len(replies) if "replied_at" in present else None,
        "median_minutes_to_first_reply": round(median(replies), 1) if replies else None,
        "resolved": sum(1 for i in raised if i["outcome"] == "resolved"),
        "share_resolved": round(sum(1 for i in raised if i["outcome"] == "resolved") / len(raised), 3)
        if raised
        else None,
        "alerts_held": store.held_alerts(conn, *span, brand),
        "not_relevant": sum(1 for i in raised if i["outcome"] == "not relevant") if feedback_recorded else None,
        "recorded": {
            "acknowledged": "acknowledged_at" in present,
            "replied": "replied_at" in present,
            "feedback": feedback_recorded,
        },
    }


def _gap_limit(config: Config, source: str) -> timedelta:
    for configured in config.sources:
        if configured.source_name == source:
            return max(configured.interval * 3, MIN_GAP)
    return DEFAULT_GAP


def _gaps(conn: UnitOfWork, source: str, start: datetime, end: datetime, limit: timedelta) -> list[dict[str, Any]]:
    """Stretches longer than ``limit`` without a successful poll (the week's edges count)."""
    return [
        {"from": _iso(since), "to": _iso(until), "hours": round((until - since) / timedelta(hours=1), 1)}
        for since, until in poll_history.poll_gaps(conn, source, start, end, limit)
    ]


def source_health(
    conn: UnitOfWork, config: Config, span: tuple[datetime, datetime], now: datetime
) -> list[dict[str, Any]]:
    """Polls, failures, gaps and items fetched per source over the week, so a quiet week can be trusted."""
    start, end = span[0], min(span[1], now)
    recorded = poll_history.has_poll_history(conn, span[1])
    totals = {row["source"]: row for row in poll_history.poll_totals(conn, *span)} if recorded else {}
    names = sorted({*totals, *(s.source_name for s in config.sources)})
    out = []
    for name in names:
        row = totals.get(name, {})
        polls = int(row.get("polls") or 0)
        gaps = _gaps(conn, name, start, end, _gap_limit(config, name)) if recorded and end > start else []
        out.append(
            {
                "source": name,
                "recorded": recorded,
                "polls": polls if recorded else None,
                "failures": int(row.get("failures") or 0) if recorded else None,
                "items_fetched": int(row.get("items") or 0) if recorded else None,
                "new_posts": int(row.get("new_posts") or 0) if recorded else None,
                "gaps": gaps,
                "longest_gap_hours": max((g["hours"] for g in gaps), default=0.0),
                "last_error": row.get("last_error"),
                "healthy": recorded and polls > 0 and not gaps and not row.get("failures"),
            }
        )
    return out

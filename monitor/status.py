"""What ``repmon status`` and the Slack ``/repmon status`` command print: sources' health, incidents
by status with their owners, deliveries that need a person, alerts held, and the quarantine.

A module of its own so that ``repmon status`` does not load the Slack app to print a few lines.
"""

from __future__ import annotations

from datetime import UTC, datetime

from monitor.core.redact import redact
from monitor.store import quarantine, sources, summaries, workflow
from monitor.store.database import Database, UnitOfWork


def status_lines(db: Database) -> list[str]:
    """Sources' health, incidents by status with their owners, and deliveries that need a person."""
    from monitor.polling import lease_note

    lines: list[str] = []
    now = datetime.now(UTC)
    held = quarantine.count_held(db)
    for row in sources.source_health(db):
        health = "ok" if row["consecutive_failures"] == 0 else f"failing x{row['consecutive_failures']}"
        word, note = lease_note(row, now)  # who holds the source, and since when
        if word == "stalled" or (word and health == "ok"):
            health = word
        last = row["last_success_at"].isoformat(timespec="seconds") if row["last_success_at"] else "never"
        extra = f"  quarantined {held[row['name']]}" if held.get(row["name"]) else ""
        lines.append(f"{row['name']:<20} {health:<12} last success {last}  posts {row['posts_stored']}{extra}")
        if note:
            lines.append(f"{'':<20} {note}")
        if row["consecutive_failures"] and row["last_error"]:
            lines.append(f"{'':<20} last error: {redact(' '.join(str(row['last_error']).split()))}")
    with db.connect() as conn:
        lines += _incident_lines(conn)
    waiting = summaries.waiting_count(db)
    if waiting["held"] or waiting["summaries"]:
        lines.append(
            f"alerts held for quiet hours or the budget: {waiting['held']}, "
            f"summaries waiting to be sent: {waiting['summaries']} (`repmon incidents why KEY` says why)"
        )
    total = sum(held.values())
    lines.append(f"quarantined records: {total}" + (" (see `repmon quarantine list`)" if total else ""))
    return lines


def _incident_lines(conn: UnitOfWork) -> list[str]:
    lines: list[str] = []
    counts = workflow.status_counts(conn)
    shown = ", ".join(f"{counts.get(s, 0)} {s}" for s in ("open", "acknowledged", "snoozed", "resolved", "closed"))
    lines.append(f"incidents: {shown}; deliveries waiting: {workflow.waiting_deliveries(conn)}")
    for taken in workflow.list_incidents(conn, ("acknowledged",)):
        who = taken.acknowledged_by_name or taken.acknowledged_by
        at = taken.acknowledged_at.strftime("%Y-%m-%d %H:%M UTC") if taken.acknowledged_at else "?"
        lines.append(f"  {taken.key}: taken by {who} at {at}")
    for key, error in workflow.failed_deliveries(conn):
        lines.append(f"NOT DELIVERED (needs a person) {key}: {error}")
    return lines

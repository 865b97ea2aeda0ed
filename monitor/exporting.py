"""`repmon export`: stored posts back out, as observations (JSON Lines) or as a CSV sheet.

JSON Lines round-trip through ``repmon import`` (unknown keys such as ``brand`` survive); CSV is
for the marketing team's spreadsheet: one row per post, its latest engagement, sentiment and brand.
"""

from __future__ import annotations

import csv
from datetime import UTC, datetime
from typing import Any, Literal, TextIO

from monitor.core.durations import parse_duration
from monitor.core.observations import Author, Engagement, Observation
from monitor.store import posts
from monitor.store.database import Database

ExportFormat = Literal["jsonl", "csv"]
CSV_COLUMNS = (
    "observed_at", "source", "id", "brand", "created_at", "author_handle", "author_followers", "url",
    "likes", "reposts", "replies", "quotes", "views", "compound", "label", "lang", "text",
)  # fmt: skip


def parse_since(value: str, now: datetime | None = None) -> datetime:
    """``7d``, ``12h``, ``90m`` (that long before now) or an ISO 8601 time; ValueError says which forms work."""
    now = now or datetime.now(UTC)
    try:
        return now - parse_duration(value)
    except ValueError:
        pass
    try:
        moment = datetime.fromisoformat(value.strip())
    except ValueError:
        raise ValueError(f"expected a time such as 7d, 12h or 2026-11-20T09:00:00Z, got {value!r}") from None
    return moment if moment.tzinfo else moment.astimezone()


def _observation(row: dict[str, Any]) -> Observation:
    return Observation(
        observed_at=row["last_observed_at"],
        source=row["source"],
        id=row["post_id"],
        url=row["url"],
        created_at=row["created_at"],
        author=Author(id=row["author_id"], handle=row["author_handle"], followers=row["author_followers"]),
        text=row["text"],
        engagement=Engagement(
            likes=row["likes"], reposts=row["reposts"], replies=row["replies"], quotes=row["quotes"], views=row["views"]
        ),
        in_reply_to=row["in_reply_to"],
        lang=row["lang"],
        rating=row["rating"],
        **{**(row["extra"] or {}), "brand": row["brand"]},
    )


def _iso(moment: datetime | None) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ") if moment else ""


def export_posts(engine: Database, out: TextIO, since: datetime | None = None, fmt: ExportFormat = "jsonl") -> int:
    """Write every post last observed at or after ``since``; returns how many."""
    count = 0
    writer = csv.writer(out, lineterminator="\n") if fmt == "csv" else None
    if writer is not None:
        writer.writerow(CSV_COLUMNS)
    for row in posts.iter_posts(engine, since):
        if writer is None:
            sentiment = {"compound": row["compound"], "label": row["label"]}
            out.write(_observation(row).to_json(sentiment))
            out.write("\n")
        else:
            values = {**row, "id": row["post_id"], "observed_at": _iso(row["last_observed_at"])}
            values["created_at"] = _iso(row["created_at"])
            writer.writerow(["" if values.get(c) is None else values[c] for c in CSV_COLUMNS])
        count += 1
    return count

"""`repmon export`: stored posts back out as observations, one line each with its sentiment."""

from __future__ import annotations

from datetime import datetime
from typing import TextIO

from monitor.core.observations import Author, Engagement, Observation
from monitor.store import posts
from monitor.store.database import Database


def export_posts(engine: Database, out: TextIO, since: datetime | None = None) -> int:
    if since is not None and since.tzinfo is None:
        since = since.astimezone()
    count = 0
    for row in posts.iter_posts(engine, since):
        observation = Observation(
            observed_at=row["last_observed_at"],
            source=row["source"],
            id=row["post_id"],
            url=row["url"],
            created_at=row["created_at"],
            author=Author(id=row["author_id"], handle=row["author_handle"], followers=row["author_followers"]),
            text=row["text"],
            engagement=Engagement(
                likes=row["likes"],
                reposts=row["reposts"],
                replies=row["replies"],
                quotes=row["quotes"],
                views=row["views"],
            ),
            in_reply_to=row["in_reply_to"],
            lang=row["lang"],
            rating=row["rating"],
            **(row["extra"] or {}),
        )
        sentiment = {"compound": row["compound"], "label": row["label"]}
        out.write(observation.to_json(sentiment))
        out.write("\n")
        count += 1
    return count

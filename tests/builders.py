"""Small builders for observations and configs used across tests (own fixtures, no shared data)."""

from __future__ import annotations

import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from monitor.config import Config, validate
from monitor.core.observations import Observation

T0 = datetime(2026, 11, 20, 9, 0, tzinfo=UTC)


def at(minutes: float) -> datetime:
    return T0 + timedelta(minutes=minutes)


def obs(
    post_id: str,
    minute: float,
    text: str = "Flew Northwind Air today, it was fine.",
    *,
    source: str = "reddit",
    likes: int | None = 0,
    reposts: int | None = None,
    replies: int | None = None,
    author: str | None = None,
    followers: int | None = None,
    created: float | None = None,
    in_reply_to: str | None = None,
    lang: str | None = "en",
) -> Observation:
    return Observation.model_validate(
        {
            "observed_at": at(minute),
            "source": source,
            "id": post_id,
            "created_at": at(created if created is not None else 0),
            "author": {
                "id": author or f"author-{post_id}",
                "handle": author or f"author-{post_id}",
                "followers": followers,
            },
            "text": text,
            "engagement": {"likes": likes, "reposts": reposts, "replies": replies},
            "in_reply_to": in_reply_to,
            "lang": lang,
            "url": f"https://example.test/{source}/{post_id}",
        }
    )


def config(url: str, **sections: Any) -> Config:
    data: dict[str, Any] = {"database": {"url": url}}
    data.update(sections)
    return validate(data)


def background(source: str, posts: int, *, start: float = 0, ticks: int = 4, rate: int = 2) -> list[Observation]:
    """Ordinary chatter: posts that gain a couple of likes per 10 minutes, to form a baseline.

    With ``ticks`` >= 6 each post is seen past the 60-minute velocity window and so contributes
    a baseline sample; with fewer, the source stays in cold start.
    """
    out = []
    for n in range(posts):
        created = start + n
        for tick in range(ticks):
            out.append(
                obs(
                    f"bg-{source}-{n}",
                    created + 10 * (tick + 1),
                    "Northwind Air flight was on time today.",
                    source=source,
                    likes=rate * (tick + 1),
                    created=created,
                )
            )
    return out


def repmon_process(command: str, config: Path, env: dict[str, str]) -> subprocess.Popen[str]:
    """`repmon <command> --config <config>` as a real process, its output captured as text."""
    return subprocess.Popen(
        [sys.executable, "-m", "monitor", command, "--config", str(config)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


COMPLAINT = "Northwind Air cancelled my flight, kept my money and the agent laughed at me. Never again."


def spreading_feed(*, prefix: str = "", posts: int = 40, complaint: str = COMPLAINT) -> list[Observation]:
    """Background chatter with a baseline, then one complaint whose likes climb fast: one incident."""
    spike = [
        obs(f"{prefix}angry", 100 + m, complaint, likes=n, created=100, author=f"{prefix}dana")
        for m, n in ((2, 5), (12, 150), (22, 600))
    ]
    chatter = [o.model_copy(update={"id": prefix + o.id}) for o in background("reddit", posts, ticks=8)]
    return [*chatter, *spike]

"""Posts, their engagement over time and the sightings a connector would make of them.

Written without looking at ``tools/simulator`` so that the weeks it yields are an independent
check of repmon's detector. A post carries its *final* counters and a growth curve; a sighting is
the curve read at a poll of the post's source. Sources are polled on their own interval and follow
a post less often as it ages, and stop following a post that stays cold, as real connectors do.
"""

from __future__ import annotations

import json
import math
import random
import string
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

COUNTERS = ("likes", "reposts", "replies", "quotes")

# Which counters each platform reports (the rest are null), and how a like turns into the others.
SOURCE_COUNTERS: dict[str, dict[str, float]] = {
    "reddit": {"likes": 1.0, "replies": 0.35},
    "mastodon": {"likes": 1.0, "reposts": 0.3, "replies": 0.15},
    "bluesky": {"likes": 1.0, "reposts": 0.18, "replies": 0.12, "quotes": 0.03},
    "hackernews": {"likes": 1.0, "replies": 0.6},
    "lemmy": {"likes": 1.0, "replies": 0.3},
    "discourse": {"likes": 1.0, "replies": 0.25},  # a forum thread: likes and replies, no reposts
    "rss": {},
    "appstore": {"likes": 1.0},
    "googleplay": {"likes": 1.0},
}

# Ages (minutes after the first sighting) at which a source re-reads a post it follows.
FOLLOW_AGES = (12, 30, 60, 110, 180, 300, 480, 720, 1080, 1440, 2160, 2880)
COLD_STOP_MIN = 60  # a post with next to no engagement by then is no longer re-read
STALL_STOP_MIN = 180  # nor is an older post whose counters stopped moving


def iso(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


@dataclass(frozen=True)
class Author:
    id: str
    handle: str
    followers: int | None


@dataclass
class Post:
    """One post or review, with everything needed to render every sighting of it."""

    source: str
    id: str
    url: str | None
    created: datetime
    author: Author
    text: str
    lang: str | None
    finals: dict[str, int]
    mid_h: float  # hours after creation at which engagement grows fastest
    width_h: float  # how sharply it grows around then
    rating: int | None = None
    in_reply_to: str | None = None
    follow_h: float = 48.0  # how long the source keeps re-reading it at most
    label: dict[str, Any] = field(default_factory=dict)

    def counters_at(self, moment: datetime, rng: random.Random) -> dict[str, int | None]:
        age_h = max(0.0, (moment - self.created).total_seconds() / 3600)
        share = _grown(age_h, self.mid_h, self.width_h)
        out: dict[str, int | None] = {}
        for name in COUNTERS:
            if name not in SOURCE_COUNTERS[self.source]:
                out[name] = None
                continue
            final = self.finals.get(name, 0)
            value = final * share
            # Counting is lumpy: round down or up at random rather than always the same way.
            out[name] = int(value) + (1 if rng.random() < value - int(value) else 0)
        return out


def _grown(age_h: float, mid_h: float, width_h: float) -> float:
    """Share of the final counters reached at ``age_h``: a logistic curve that starts at zero."""

    def logistic(x: float) -> float:
        return 1.0 / (1.0 + math.exp(-(x - mid_h) / width_h))

    start = logistic(0.0)
    return max(0.0, min(1.0, (logistic(age_h) - start) / (1.0 - start)))


def sightings(post: Post, interval_min: float, end: datetime, rng: random.Random) -> list[dict[str, Any]]:
    """The observations a source polled every ``interval_min`` would make of ``post`` until ``end``."""
    indexing = timedelta(seconds=rng.uniform(5, 150))  # the platform's search lags the post a little
    offset = rng.uniform(0, interval_min)
    first = post.created + indexing + timedelta(minutes=offset)
    moments = [first]
    for age in FOLLOW_AGES:
        if age / 60 > post.follow_h:
            break
        # A re-read happens at the first poll after the follow age, give or take a poll.
        moments.append(first + timedelta(minutes=age + rng.uniform(0, interval_min)))
    lines: list[dict[str, Any]] = []
    last: dict[str, int | None] = {}
    for moment in moments:
        if moment > end:
            break
        counters = post.counters_at(moment, rng)
        for name, value in counters.items():  # cumulative counters rarely go backwards
            previous = last.get(name)
            if value is not None and previous is not None and value < previous and rng.random() > 0.03:
                counters[name] = previous
        stalled = counters == last
        last = counters
        lines.append(_line(post, moment, counters))
        age_min = (moment - first).total_seconds() / 60
        total = sum(value or 0 for value in counters.values())
        if (age_min >= COLD_STOP_MIN and total < 3) or (age_min >= STALL_STOP_MIN and stalled):
            break
    return lines


def _line(post: Post, moment: datetime, counters: dict[str, int | None]) -> dict[str, Any]:
    line: dict[str, Any] = {
        "observed_at": iso(moment),
        "source": post.source,
        "id": post.id,
        "url": post.url,
        "created_at": iso(post.created),
        "author": {"id": post.author.id, "handle": post.author.handle, "followers": post.author.followers},
        "text": post.text,
        "in_reply_to": post.in_reply_to,
        "lang": post.lang,
        "rating": post.rating,
    }
    if SOURCE_COUNTERS[post.source]:
        line["engagement"] = {**counters, "views": None}
    return line


class Ids:
    """Platform-shaped ids and urls, unique within a week."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.seen: set[tuple[str, str]] = set()

    def _token(self, alphabet: str, size: int) -> str:
        return "".join(self.rng.choice(alphabet) for _ in range(size))

    def make(self, source: str, author: Author) -> tuple[str, str | None]:
        while True:
            pid, url = self._make(source, author)
            if (source, pid) not in self.seen:
                self.seen.add((source, pid))
                return pid, url

    def _make(self, source: str, author: Author) -> tuple[str, str | None]:
        low = string.ascii_lowercase + string.digits
        if source == "reddit":
            base = self._token(low, 7)
            return f"t3_{base}", f"https://www.reddit.com/comments/{base}/"
        if source == "mastodon":
            pid = str(self.rng.randrange(10**17, 10**18))
            return pid, f"https://mastodon.social/@{author.handle}/{pid}"
        if source == "bluesky":
            rkey = "3l" + self._token("234567abcdefghijklmnopqrstuvwxyz", 11)
            return (
                f"at://{author.id}/app.bsky.feed.post/{rkey}",
                f"https://bsky.app/profile/{author.handle}/post/{rkey}",
            )
        if source == "hackernews":
            pid = str(self.rng.randrange(38_000_000, 45_000_000))
            return pid, f"https://news.ycombinator.com/item?id={pid}"
        if source == "lemmy":  # the connector's id is the post's address on its instance
            pid = f"https://lemmy.world/post/{self.rng.randrange(10**7, 3 * 10**7)}"
            return pid, pid
        if source == "discourse":  # a forum post's id, and the address of its place in its topic
            post, topic = self.rng.randrange(10**5, 10**6), self.rng.randrange(10**4, 10**5)
            forum = "https://community.wayfarers.example"
            return f"{forum}/p/{post}", f"{forum}/t/{self._token(low, 8)}/{topic}/1"
        if source == "rss":
            slug = self._token(low, 10)
            return f"https://news.example.net/{slug}", f"https://news.example.net/{slug}"
        if source == "appstore":
            return str(self.rng.randrange(10**10, 10**11)), None
        pid = "gp:AOqpTO" + self._token(string.ascii_letters + string.digits + "_-", 40)
        return pid, None


def author_for(source: str, handle: str, rng: random.Random, followers: int | None = None) -> Author:
    """An author shaped like the platform's: karma on reddit and HN, no reach on app stores."""
    if followers is None:
        followers = _followers(source, rng)
    if source == "reddit":
        return Author(f"t2_{handle[:4].lower()}{rng.randrange(10**5, 10**6)}", handle, followers)
    if source == "bluesky":
        did = "did:plc:" + "".join(rng.choice(string.ascii_lowercase + "234567") for _ in range(24))
        return Author(did, f"{handle.lower()}.bsky.social", followers)
    if source == "mastodon":
        return Author(str(rng.randrange(10**17, 10**18)), handle, followers)
    if source in ("appstore", "googleplay"):
        return Author(f"{source}:{handle}", handle, None)
    if source == "rss":
        return Author(handle, handle, None)
    if source in ("lemmy", "discourse"):  # user ids, and no reach either says
        return Author(str(rng.randrange(10**3, 10**6)), handle, None)
    return Author(handle, handle, followers)


def _followers(source: str, rng: random.Random) -> int | None:
    if source == "reddit":
        return int(rng.lognormvariate(7.5, 1.4))  # karma
    if source == "hackernews":
        return int(rng.lognormvariate(6.5, 1.6))
    if source in ("mastodon", "bluesky"):
        return int(rng.lognormvariate(4.9, 1.3))
    return None


def labels_path(path: Path) -> Path:
    return path.with_name(path.name.removesuffix(".jsonl") + ".labels.jsonl")


def write_week(posts: list[Post], intervals: dict[str, float], end: datetime, path: Path, seed: int) -> int:
    """Write every sighting of ``posts`` in observation order, and the labels beside it."""
    rng = random.Random(seed * 7919 + 17)
    lines: list[dict[str, Any]] = []
    for post in posts:
        lines.extend(sightings(post, intervals[post.source], end, rng))
    lines.sort(key=lambda line: (line["observed_at"], line["source"], line["id"]))
    seen = {(line["source"], line["id"]) for line in lines}
    with path.open("w", encoding="utf-8") as out:
        for line in lines:
            out.write(json.dumps(line, ensure_ascii=False) + "\n")
    with labels_path(path).open("w", encoding="utf-8") as out:
        for post in posts:
            if post.label and (post.source, post.id) in seen:
                out.write(json.dumps({"source": post.source, "id": post.id, **post.label}) + "\n")
    return len(lines)

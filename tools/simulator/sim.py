"""The simulation core: authors, ids, posts and their engagement, and rendering to JSON Lines.

Each source is polled on its own clock; a post is re-observed at every poll while it is watched, its
cumulative counters following its curve with Poisson increments and the odd deleted vote.
"""

from __future__ import annotations

import json
import math
import random
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any, TypeVar

from tools.simulator.model import B32_SORT, B36, Author, Curve, Post, base36, poisson, sat, slugify
from tools.simulator.pools import (
    APP_URL,
    CAPS,
    COUNTERS,
    FIRST,
    FOLLOWER_CAP,
    FOLLOWERS,
    INSTANCES,
    KIND_BOOST,
    LAST,
    NEGATIVE_KINDS,
    REDDIT_ADJ,
    REDDIT_NOUN,
    RSS_FEEDS,
    SCALE,
    SOURCES,
    SUBREDDITS,
    WORDS,
)

T = TypeVar("T")


class SimCore:
    """One simulated window: its authors, posts and labels, and how they render as observation lines."""

    def __init__(
        self,
        seed: int,
        start: str,
        hours: float,
        *,
        intervals: dict[str, float] | None = None,
        scale: dict[str, float] | None = None,
    ) -> None:
        self.seed = seed
        self.rng = random.Random(seed)
        self.start = datetime.fromisoformat(start.replace("Z", "+00:00"))
        self.end = hours * 60.0
        self.intervals = {
            "hackernews": 10.0,
            "reddit": 10.0,
            "mastodon": 10.0,
            "bluesky": 10.0,
            "rss": 30.0,
            "appstore": 60.0,
        }
        self.intervals.update(intervals or {})
        self.scale = {s: 1.0 for s in SOURCES}
        self.scale.update(scale or {})
        self.posts: list[Post] = []
        self.labels: list[tuple[Post, bool, str | None]] = []
        self.label_kinds: dict[int, str] = {}
        self.authors: dict[str, list[Author]] = {s: [] for s in SOURCES}
        self._used_ids: set[str] = set()
        self._used_handles: set[str] = set()
        self.decks: dict[str, list[Any]] = {}
        self._filled: set[str] = set()
        self.used_texts: set[str] = set()
        self._in_background = False
        self.news_uses: Counter[int] = Counter()
        self.news_text: dict[int, tuple[str, str]] = {}

    # ---- decks: draw templates without replacement (refilled only for harmless categories)
    def draw(self, name: str, pool: Sequence[T], refill: bool = True) -> T:
        deck = self.decks.setdefault(name, [])
        if not deck:
            if name in self._filled and not refill:
                raise RuntimeError(f"template deck {name!r} exhausted: add templates or post fewer")
            deck.extend(pool)
            self.rng.shuffle(deck)
            self._filled.add(name)
        item: T = deck.pop()
        return item

    def fresh(self, make: Callable[[], str], tries: int = 6) -> str | None:
        """A text nobody has posted yet in this file: only the scripted incidents repeat each other."""
        for _ in range(tries):
            try:
                text = make()
            except RuntimeError:
                return None
            if text not in self.used_texts:
                self.used_texts.add(text)
                return text
        return None

    # ---- time
    def at(self, minute: float) -> datetime:
        return self.start + timedelta(seconds=round(minute * 60))

    @staticmethod
    def stamp(moment: datetime) -> str:
        return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")

    # ---- authors
    def _unique_handle(self, make: Callable[[], str]) -> str:
        for _ in range(200):
            handle = make()
            if handle not in self._used_handles:
                self._used_handles.add(handle)
                return handle
        raise RuntimeError("could not make a unique handle")

    def _base_name(self) -> str:
        r = self.rng
        style = r.random()
        first, last, word = r.choice(FIRST), r.choice(LAST), r.choice(WORDS)
        if style < 0.3:
            return f"{first}{r.choice(['', '-', '_', '.'])}{last}"
        if style < 0.5:
            return f"{first}{last[0]}{r.randint(1, 99) if r.random() < 0.5 else ''}"
        if style < 0.7:
            return f"{word}{r.choice(WORDS)}{r.choice(['', str(r.randint(1, 999))])}"
        if style < 0.85:
            return f"{first}_{word}"
        return f"{word}{first}"

    def new_author(self, source: str, followers: int | None = None, handle: str | None = None) -> Author:
        r = self.rng
        if followers is None and source in FOLLOWERS:
            median, sigma = FOLLOWERS[source]
            followers = FOLLOWER_CAP + 1
            while followers > FOLLOWER_CAP:  # ordinary accounts stay ordinary; big ones are placed by hand
                followers = max(1, int(r.lognormvariate(math.log(median), sigma)))
        if source == "bluesky":
            h = handle or self._unique_handle(
                lambda: (
                    self._base_name().replace("_", "-").replace(".", "-")
                    + (".bsky.social" if r.random() < 0.88 else r.choice([".com", ".net", ".dev"]))
                )
            )
            aid = "did:plc:" + "".join(r.choice(B32_SORT) for _ in range(24))
        elif source == "mastodon":
            h = handle or self._unique_handle(
                lambda: self._base_name().replace("-", "_").replace(".", "_") + "@" + r.choice(INSTANCES)
            )
            aid = str(r.randint(10**17, 11 * 10**17))
        elif source == "reddit":
            h = handle or self._unique_handle(
                lambda: (
                    f"{r.choice(REDDIT_ADJ)}-{r.choice(REDDIT_NOUN)}-{r.randint(1000, 9999)}"
                    if r.random() < 0.35
                    else self._base_name().replace(".", "_").replace("-", "_")
                )
            )
            aid = "t2_" + "".join(r.choice(B36) for _ in range(8))
        elif source == "hackernews":
            h = handle or self._unique_handle(
                lambda: (
                    r.choice(FIRST)[: r.randint(2, 5)]
                    + r.choice(LAST)[: r.randint(0, 4)]
                    + r.choice(["", "", str(r.randint(1, 99))])
                )
            )
            aid = h  # HN identifies users by name
        elif source == "appstore":
            h = handle or self._unique_handle(
                lambda: r.choice(
                    [
                        f"{r.choice(FIRST).capitalize()} {r.choice(LAST)[0].upper()}.",
                        r.choice(WORDS).capitalize()
                        + r.choice(["Flyer", "Traveler", "Mom", "Guy"])
                        + str(r.randint(1, 99)),
                        f"{r.choice(FIRST)}{r.randint(70, 99)}",
                    ]
                )
            )
            aid = str(r.randint(10**8, 10**9))
            followers = None
        else:  # rss
            feeds = [f for f in RSS_FEEDS if f[1] == handle] or RSS_FEEDS
            domain, byline = r.choice(feeds)
            return Author(id=domain, handle=handle or byline, followers=None)
        author = Author(id=aid, handle=h, followers=followers)
        self.authors[source].append(author)
        return author

    def pick_author(self, source: str) -> Author:
        """Mostly new voices, some regulars: a few accounts post more than once in a day.

        Only background chatter reuses accounts; a scripted post gets its own account, so the distinct
        authors of an incident are exactly the ones written into it.
        """
        pool = self.authors[source] if self._in_background else []
        if source == "rss" or (pool and self.rng.random() < 0.22):
            if source == "rss":
                return self.new_author("rss")
            return self.rng.choice(pool[: max(3, len(pool) // 3)])
        return self.new_author(source)

    # ---- ids and urls
    def _unique(self, make: Callable[[], str]) -> str:
        for _ in range(1000):
            value = make()
            if value not in self._used_ids:
                self._used_ids.add(value)
                return value
        raise RuntimeError("id space exhausted")

    def make_id(
        self,
        source: str,
        minute: float,
        *,
        comment: bool = False,
        parent: Post | None = None,
        author: Author | None = None,
        title: str = "",
    ) -> tuple[str, str | None]:
        r = self.rng
        moment = self.at(minute)
        epoch = moment.timestamp()
        if source == "hackernews":
            pid = self._unique(lambda: str(46_180_000 + int((epoch - 1.79e9) / 6) + r.randint(0, 5)))
            return pid, f"https://news.ycombinator.com/item?id={pid}"
        if source == "reddit":
            if comment and parent is not None:
                cid = self._unique(lambda: base36(int("m8a0000", 36) + int((epoch - 1.79e9) * 4) + r.randint(0, 3)))
                post36 = parent.id.split("_", 1)[1] if parent.id.startswith("t3_") else parent.url.split("/")[6]  # type: ignore[union-attr]
                return f"t1_{cid}", f"https://www.reddit.com/r/{parent.sub}/comments/{post36}/comment/{cid}/"
            pid = self._unique(lambda: base36(int("1h80000", 36) + int((epoch - 1.79e9) / 2) + r.randint(0, 1)))
            return f"t3_{pid}", None  # url filled in once the subreddit is known
        if source == "mastodon":
            sid = self._unique(lambda: str((int(epoch * 1000) << 16) + r.randint(0, 65535)))
            assert author is not None
            user, instance = (author.handle or "user@mastodon.social").split("@", 1)
            return sid, f"https://{instance}/@{user}/{sid}"
        if source == "bluesky":

            def tid() -> str:
                value = (int(epoch * 1_000_000) + r.randint(0, 999_999)) << 10 | r.randint(0, 1023)
                chars = []
                for _ in range(13):
                    chars.append(B32_SORT[value & 31])
                    value >>= 5
                return "".join(reversed(chars))

            rkey = self._unique(tid)
            assert author is not None
            return (
                f"at://{author.id}/app.bsky.feed.post/{rkey}",
                f"https://bsky.app/profile/{author.handle}/post/{rkey}",
            )
        if source == "appstore":
            rid = self._unique(lambda: str(12_400_000_000 + int((epoch - 1.79e9) / 20) + r.randint(0, 19)))
            return rid, APP_URL
        # rss: guid is the article URL
        assert author is not None
        slug = slugify(title, 9).replace("_", "-")
        url = self._unique(lambda: f"https://{author.id}/{moment:%Y/%m/%d}/{slug}-{r.randint(10000, 99999)}")
        return url, url

    # ---- engagement
    def background_counters(self, scale_key: str, kind: str, followers: int | None) -> dict[str, Curve]:
        r = self.rng
        params = SCALE.get(scale_key, {})
        boost = KIND_BOOST.get(kind, 1.0) * self.scale.get(scale_key.split("_")[0], 1.0)
        if followers:
            boost *= min(2.0, max(0.6, (followers / 800) ** 0.15))
        tau = r.uniform(12, 80) if r.random() < 0.93 else r.uniform(120, 200)
        counters = {}
        for name, (median, sigma) in params.items():
            total = r.lognormvariate(math.log(median * boost), sigma)
            # Background never goes viral by accident, and a background gripe never even gets popular:
            # every post that spreads is scripted and labelled.
            total = min(total, median * boost * (2.5 if kind in NEGATIVE_KINDS else 6))
            counters[name] = Curve(total=total, tau=tau * r.uniform(0.8, 1.25))
        return counters

    # ---- posts
    def post(
        self,
        source: str,
        minute: float,
        text: str,
        *,
        kind: str,
        author: Author | None = None,
        reply_to: Post | None = None,
        counters: Mapping[str, Curve | float] | None = None,
        lang: str | None = "en",
        rating: int | None = None,
        watch: float | None = None,
        sub: str | None = None,
        title: str = "",
        parent_id: str | None = None,
    ) -> Post:
        """Add one post; ``counters`` overrides background engagement (a number means a saturating curve)."""
        r = self.rng
        author = author or self.pick_author(source)
        comment = (reply_to is not None or parent_id is not None) and source in ("reddit", "hackernews")
        cap_key = f"{source}_comment" if comment else source
        pid, url = self.make_id(source, minute, comment=comment, parent=reply_to, author=author, title=title or text)
        if source == "reddit" and not comment:
            sub = sub or r.choice(SUBREDDITS.get(kind, ["travel"]))
            url = f"https://www.reddit.com/r/{sub}/comments/{pid[3:]}/{slugify(text)}/"
        elif comment and reply_to is not None:
            sub = reply_to.sub
        caps = CAPS[cap_key]
        if counters is None:
            curves = self.background_counters(cap_key, "reply" if comment or reply_to else kind, author.followers)
        else:
            curves = {k: (v if isinstance(v, Curve) else sat(float(v), r.uniform(20, 45))) for k, v in counters.items()}
        curves = {k: v for k, v in curves.items() if k in caps}
        if source in ("reddit", "hackernews") and not comment and "likes" in curves:
            curves["likes"].base = 1  # the submitter's own vote
        if watch is None:
            watch = {"rss": r.uniform(150, 240), "appstore": r.uniform(150, 200)}.get(source, r.uniform(110, 190))
        p = Post(
            source=source,
            id=pid,
            url=url,
            created=minute,
            author=author,
            text=text,
            kind=kind,
            lang=lang,
            rating=rating,
            in_reply_to=reply_to.id if reply_to else parent_id,
            counters=curves,
            caps=caps,
            watch=watch,
            sub=sub,
        )
        self.posts.append(p)
        return p

    def label(self, post: Post, spreading: bool, incident: str | None = None, kind: str | None = None) -> None:
        """``kind`` says what a labelled post is for a scorecard (e.g. ``echo``, ``viral_praise``)."""
        self.labels.append((post, spreading, incident))
        if kind:
            self.label_kinds[id(post)] = kind

    # ---- rendering
    def ticks(self, source: str) -> list[float]:
        r = random.Random(f"{self.seed}:ticks:{source}")
        interval = self.intervals[source]
        t = r.uniform(0, min(interval, 10))
        out = []
        while t <= self.end:
            if r.random() > 0.015:  # now and then a poll fails (rate limit, timeout): a gap in the data
                out.append(t)
            t += interval + r.uniform(-0.6, 1.2)
        return out

    def observations(self) -> list[tuple[float, int, dict[str, Any]]]:
        rows: list[tuple[float, int, dict[str, Any]]] = []
        ticks = {s: self.ticks(s) for s in SOURCES}
        for order, p in enumerate(self.posts):
            r = random.Random(f"{self.seed}:post:{p.source}:{p.id}")
            lag = r.uniform(0.5, 3.5) if p.source not in ("rss", "appstore") else r.uniform(3, 25)
            counts = {k: c.base for k, c in p.counters.items()}
            prev_t = 0.0
            for tick in ticks[p.source]:
                if tick < p.created + lag or tick > p.created + p.watch:
                    continue
                seen = tick + r.uniform(0, 0.25)  # posts in one poll are fetched a few seconds apart
                age = seen - p.created
                for name, curve in p.counters.items():
                    counts[name] += poisson(r, curve.expected(age) - curve.expected(prev_t))
                    if name == "likes" and counts[name] >= 3 and r.random() < 0.035:
                        counts[name] -= 1  # a deleted vote or an un-like: counters can go down
                prev_t = age
                engagement = {c: (counts.get(c, 0) if c in p.caps else None) for c in COUNTERS}
                row = {
                    "observed_at": self.stamp(self.at(seen)),
                    "source": p.source,
                    "id": p.id,
                    "url": p.url,
                    "created_at": self.stamp(self.at(p.created)),
                    "author": {"id": p.author.id, "handle": p.author.handle, "followers": p.author.followers},
                    "text": p.text,
                    "engagement": engagement,
                    "in_reply_to": p.in_reply_to,
                    "lang": p.lang,
                    "rating": p.rating,
                }
                rows.append((round(seen * 60), order, row))
        rows.sort(key=lambda item: (item[0], item[1]))
        return rows

    def write(self, path: Path) -> tuple[int, int]:
        path.parent.mkdir(parents=True, exist_ok=True)
        rows = self.observations()
        seen_posts = {(row["source"], row["id"]) for _, _, row in rows}
        missing = [p for p, _, _ in self.labels if (p.source, p.id) not in seen_posts]
        if missing:
            raise RuntimeError(f"labelled posts never observed: {[p.id for p in missing]}")
        with path.open("w", encoding="utf-8", newline="\n") as out:
            for _, _, row in rows:
                out.write(json.dumps(row, ensure_ascii=False, separators=(",", ":")) + "\n")
        labels_path = path.with_name(path.name.removesuffix(".jsonl") + ".labels.jsonl")
        with labels_path.open("w", encoding="utf-8", newline="\n") as out:
            for p, spreading, incident in self.labels:
                entry: dict[str, object] = {"source": p.source, "id": p.id, "spreading": spreading}
                if incident:
                    entry["incident"] = incident
                if id(p) in self.label_kinds:
                    entry["kind"] = self.label_kinds[id(p)]
                out.write(json.dumps(entry, ensure_ascii=False, separators=(",", ":")) + "\n")
        return len(seen_posts), len(rows)

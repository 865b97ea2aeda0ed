"""The simulation core: one window's posts, their engagement curves and labels.

Scenarios write posts through :class:`SimCore`; who posts them and what they are called comes from
``identities.py``, and turning the window into observation files from ``rendering.py``.
"""

from __future__ import annotations

import math
import random
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any, TypeVar

from tools.simulator.identities import Identities
from tools.simulator.model import Author, Curve, Post, sat, slugify
from tools.simulator.pools import (
    CAPS,
    KIND_BOOST,
    NEGATIVE_KINDS,
    SCALE,
    SOURCES,
    SUBREDDITS,
)
from tools.simulator.rendering import write_files

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
        self.identities = Identities(self.rng, self.at)
        self.decks: dict[str, list[Any]] = {}
        self._filled: set[str] = set()
        self.used_texts: set[str] = set()
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

    # ---- authors and ids (tools/simulator/identities.py)
    def new_author(self, source: str, followers: int | None = None, handle: str | None = None) -> Author:
        """A new account on ``source``; scenarios place their protagonists (and their reach) with it."""
        return self.identities.new_author(source, followers, handle)

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
        author = author or self.identities.pick_author(source)
        comment = (reply_to is not None or parent_id is not None) and source in ("reddit", "hackernews")
        cap_key = f"{source}_comment" if comment else source
        pid, url = self.identities.make_id(
            source, minute, comment=comment, parent=reply_to, author=author, title=title or text
        )
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

    # ---- rendering (tools/simulator/rendering.py)
    def write(self, path: Path) -> tuple[int, int]:
        """Write the observation file and its labels; (posts, observations) written."""
        return write_files(self, path)

"""Who posts and what their posts are called: accounts with handles shaped like each platform's, and
post ids and URLs as each platform mints them, never reused within one simulated window.

Every draw comes from the simulation's one random generator, in the order the scenario asks, so a
seed reproduces the same files byte for byte.
"""

from __future__ import annotations

import math
import random
from collections.abc import Callable
from datetime import datetime

from tools.simulator.model import B32_SORT, B36, Author, Post, base36, slugify
from tools.simulator.pools import (
    APP_URL,
    FIRST,
    FOLLOWER_CAP,
    FOLLOWERS,
    INSTANCES,
    LAST,
    REDDIT_ADJ,
    REDDIT_NOUN,
    RSS_FEEDS,
    SOURCES,
    WORDS,
)


def _unused(make: Callable[[], str], used: set[str], tries: int, exhausted: str) -> str:
    """The first of up to ``tries`` values from ``make`` that is not in ``used`` (which then holds it)."""
    for _ in range(tries):
        value = make()
        if value not in used:
            used.add(value)
            return value
    raise RuntimeError(exhausted)


class Identities:
    """The accounts and ids of one simulated window; ``at`` turns a minute of it into a moment."""

    def __init__(self, rng: random.Random, at: Callable[[float], datetime]) -> None:
        self.rng = rng
        self.at = at
        self.authors: dict[str, list[Author]] = {s: [] for s in SOURCES}
        self.in_background = False
        """True while background chatter is written: only it reuses accounts (see :meth:`pick_author`)."""
        self._used_ids: set[str] = set()
        self._used_handles: set[str] = set()

    def _unique_handle(self, make: Callable[[], str]) -> str:
        return _unused(make, self._used_handles, 200, "could not make a unique handle")

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
        pool = self.authors[source] if self.in_background else []
        if source == "rss" or (pool and self.rng.random() < 0.22):
            if source == "rss":
                return self.new_author("rss")
            return self.rng.choice(pool[: max(3, len(pool) // 3)])
        return self.new_author(source)

    def unique(self, make: Callable[[], str]) -> str:
        """A value ``make`` has not made before in this window (ids, story numbers, URLs)."""
        return _unused(make, self._used_ids, 1000, "id space exhausted")

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
            pid = self.unique(lambda: str(46_180_000 + int((epoch - 1.79e9) / 6) + r.randint(0, 5)))
            return pid, f"https://news.ycombinator.com/item?id={pid}"
        if source == "reddit":
            if comment and parent is not None:
                cid = self.unique(lambda: base36(int("m8a0000", 36) + int((epoch - 1.79e9) * 4) + r.randint(0, 3)))
                post36 = parent.id.split("_", 1)[1] if parent.id.startswith("t3_") else parent.url.split("/")[6]  # type: ignore[union-attr]
                return f"t1_{cid}", f"https://www.reddit.com/r/{parent.sub}/comments/{post36}/comment/{cid}/"
            pid = self.unique(lambda: base36(int("1h80000", 36) + int((epoch - 1.79e9) / 2) + r.randint(0, 1)))
            return f"t3_{pid}", None  # url filled in once the subreddit is known
        if source == "mastodon":
            sid = self.unique(lambda: str((int(epoch * 1000) << 16) + r.randint(0, 65535)))
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

            rkey = self.unique(tid)
            assert author is not None
            return (
                f"at://{author.id}/app.bsky.feed.post/{rkey}",
                f"https://bsky.app/profile/{author.handle}/post/{rkey}",
            )
        if source == "appstore":
            rid = self.unique(lambda: str(12_400_000_000 + int((epoch - 1.79e9) / 20) + r.randint(0, 19)))
            return rid, APP_URL
        # rss: guid is the article URL
        assert author is not None
        slug = slugify(title, 9).replace("_", "-")
        url = self.unique(lambda: f"https://{author.id}/{moment:%Y/%m/%d}/{slug}-{r.randint(10000, 99999)}")
        return url, url

"""Pools the simulator draws from: per-source shape (counters, engagement, reach) and the text data.

The numbers are the simulation's parameters and stay here; the words (names, cities, post
templates) are data in ``data/*.toml``, loaded once. Templates carry ``{slots}`` that
:func:`fill` replaces per post, so the same template reads differently each time it is used.
"""

from __future__ import annotations

import random
import tomllib
from collections.abc import Callable
from pathlib import Path
from typing import Any

DATA = Path(__file__).resolve().parent / "data"

SOURCES = ("hackernews", "reddit", "mastodon", "bluesky", "rss", "appstore")
COUNTERS = ("likes", "reposts", "replies", "quotes", "views")
# Counters each source actually reports; the rest are null ("unknown, not zero").
CAPS: dict[str, tuple[str, ...]] = {
    "hackernews": ("likes", "replies"),  # points, descendants
    "hackernews_comment": (),  # Algolia gives comments no points
    "reddit": ("likes", "reposts", "replies"),  # score, crossposts, comments
    "reddit_comment": ("likes",),
    "mastodon": ("likes", "reposts", "replies"),  # favourites, reblogs, replies
    "bluesky": ("likes", "reposts", "replies", "quotes"),
    "rss": (),
    "appstore": (),
}
# Background engagement: final count is log-normal(median, sigma) per counter, scaled per scenario.
SCALE: dict[str, dict[str, tuple[float, float]]] = {
    "hackernews": {"likes": (7.0, 1.0), "replies": (3.0, 1.1)},
    "reddit": {"likes": (14.0, 1.0), "reposts": (0.05, 0.8), "replies": (5.0, 1.0)},
    "reddit_comment": {"likes": (3.0, 0.9)},
    "mastodon": {"likes": (4.0, 0.9), "reposts": (1.3, 1.0), "replies": (1.0, 0.9)},
    "bluesky": {"likes": (6.0, 1.0), "reposts": (1.4, 1.0), "replies": (1.2, 0.9), "quotes": (0.25, 0.9)},
}
KIND_BOOST = {
    "praise": 1.2,
    "news": 1.3,
    "neutral": 0.7,
    "gripe": 0.8,
    "complaint": 1.0,
    "offbrand": 0.8,
    "foreign": 0.6,
    "reply": 0.5,
    "abusive": 0.4,
}
NEGATIVE_KINDS = frozenset({"complaint", "gripe", "abusive", "offbrand", "foreign"})
# Followers (karma for reddit/HN) of ordinary accounts; high-reach accounts are placed explicitly.
FOLLOWERS = {
    "hackernews": (1400, 1.6),
    "reddit": (2600, 1.5),
    "mastodon": (260, 1.3),
    "bluesky": (380, 1.4),
}
FOLLOWER_CAP = 15000


def load(name: str) -> dict[str, Any]:
    with (DATA / f"{name}.toml").open("rb") as handle:
        return tomllib.load(handle)


def _pairs(rows: list[list[str]]) -> list[tuple[str, str]]:
    return [(str(a), str(b)) for a, b in rows]


_VOCAB = load("vocabulary")
_TEXTS = load("texts")

FIRST: list[str] = _VOCAB["first"]
LAST: list[str] = _VOCAB["last"]
WORDS: list[str] = _VOCAB["words"]
REDDIT_ADJ: list[str] = _VOCAB["reddit_adj"]
REDDIT_NOUN: list[str] = _VOCAB["reddit_noun"]
INSTANCES: list[str] = _VOCAB["instances"]
CITIES: list[str] = _VOCAB["cities"]
AIRPORTS: list[str] = _VOCAB["airports"]
AIRCRAFT: list[str] = _VOCAB["aircraft"]
MONTHS: list[str] = _VOCAB["months"]
WEEKDAYS: list[str] = _VOCAB["weekdays"]
ITEMS: list[str] = _VOCAB["items"]
LINKS: list[str] = _VOCAB["links"]
BRAND_FORMS: list[tuple[str, int]] = [(str(form), int(weight)) for form, weight in _VOCAB["brand_forms"]]
RSS_FEEDS: list[tuple[str, str]] = _pairs(_VOCAB["rss_feeds"])
OFFBRAND_LINKS: list[str] = _VOCAB["offbrand_links"]
APP_URL: str = _VOCAB["app_url"]
SUBREDDITS: dict[str, list[str]] = _VOCAB["subreddits"]

PRAISE: list[str] = _TEXTS["praise"]
NEUTRAL: list[str] = _TEXTS["neutral"]
NEWS: list[tuple[str, str]] = _pairs(_TEXTS["news"])  # (headline, lede)
GRIPES: list[str] = _TEXTS["gripes"]
COMPLAINTS: list[str] = _TEXTS["complaints"]
ABUSIVE: list[str] = _TEXTS["abusive"]
REVIEW_TITLES: list[str] = _TEXTS["review_titles"]
REVIEW_BODIES: list[str] = _TEXTS["review_bodies"]
OFFBRAND: list[tuple[str, str]] = _pairs(_TEXTS["offbrand"])  # (topic, template)
FOREIGN: list[tuple[str, str, str]] = [(str(a), str(b), str(c)) for a, b, c in _TEXTS["foreign"]]
APP_REVIEWS: list[tuple[int, str, str]] = [(int(a), str(b), str(c)) for a, b, c in _TEXTS["app_reviews"]]
REPLIES: dict[str, list[str]] = _TEXTS["replies"]


def _weighted(rng: random.Random, pairs: list[tuple[str, int]]) -> str:
    return rng.choices([p for p, _ in pairs], weights=[w for _, w in pairs])[0]


def _other(rng: random.Random, pool: list[str], taken: str | None) -> str:
    return rng.choice([c for c in pool if c != taken])


def _amount(rng: random.Random) -> str:
    value = rng.choice([rng.randint(39, 180), rng.randint(180, 640), rng.randint(640, 1480)])
    return f"${value}" if rng.random() < 0.7 else f"${value}.{rng.randint(0, 99):02d}"


SLOT_MAKERS: dict[str, Callable[[random.Random, dict[str, str]], str]] = {
    "brand": lambda r, s: _weighted(r, BRAND_FORMS),
    "city": lambda r, s: r.choice(CITIES),
    "city2": lambda r, s: _other(r, CITIES, s.get("city")),
    "airport": lambda r, s: r.choice(AIRPORTS),
    "aircraft": lambda r, s: r.choice(AIRCRAFT),
    "flight": lambda r, s: f"NW{r.choice(['', ' '])}{r.randint(101, 2899)}",
    "amount": lambda r, s: _amount(r),
    "amount2": lambda r, s: _amount(r),
    "days": lambda r, s: str(r.randint(2, 9)),
    "hours": lambda r, s: str(r.randint(3, 11)),
    "month": lambda r, s: r.choice(MONTHS),
    "weekday": lambda r, s: r.choice(WEEKDAYS),
    "item": lambda r, s: r.choice(ITEMS),
    "name": lambda r, s: r.choice(FIRST).capitalize(),
    "terminal": lambda r, s: r.choice(["A", "B", "C", "D", "2", "3"]),
    "year": lambda r, s: str(r.choice([2027, 2028])),
    "url": lambda r, s: r.choice(LINKS),
}


class Slots(dict[str, str]):
    """A template's slot values, made on first use so one post names one city throughout."""

    def __init__(self, rng: random.Random) -> None:
        super().__init__()
        self.rng = rng

    def __missing__(self, key: str) -> str:
        value = SLOT_MAKERS[key](self.rng, self)
        self[key] = value
        return value


def fill(rng: random.Random, template: str) -> str:
    return template.format_map(Slots(rng))

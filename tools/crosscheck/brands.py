"""What a brand's week is made of: its vocabulary, its rhythm and the stories that spread.

Each brand module (``basketly``, ``lumen``) fills one :class:`Brand`. Templates name slots in
braces (``{brand}``, ``{city}``, ``{mins}``, ...); :func:`fill` picks a value for each slot from the
brand's own lists, or makes one up (minutes, amounts, order numbers), so two posts on the same
topic rarely read alike even when they complain about the same kind of thing.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

from tools.crosscheck.paraphrase import vary


@dataclass(frozen=True)
class Story:
    """One complaint told by several people: each telling is written in its own words.

    ``link``, ``hashtag`` and ``ident`` are what tellings *may* share (a week decides which, if
    any); ``tellings`` share none of them on their own, only what happened.
    """

    name: str
    tellings: tuple[str, ...]
    link: str = ""
    hashtag: str = ""
    ident: str = ""


@dataclass(frozen=True)
class Brand:
    name: str
    slug: str
    mentions: tuple[str, ...]
    tz: int  # local time = UTC + tz hours; the daily rhythm is local
    hourly: tuple[float, ...]  # 24 weights, local hour 0..23
    posts_per_day: int
    source_mix: dict[str, float]
    intervals: dict[str, float]  # minutes between polls of each source
    fill: dict[str, tuple[str, ...]]
    topics: dict[str, tuple[str, ...]]  # recurring complaint topics
    openers: tuple[str, ...]
    endings: tuple[str, ...]
    mild: tuple[str, ...]
    praise: tuple[str, ...]
    questions: tuple[str, ...]
    news: tuple[str, ...]
    foreign: dict[str, tuple[str, ...]]  # language -> everyday posts in it
    reviews_bad: tuple[str, ...]
    reviews_good: tuple[str, ...]
    burst_topic: str
    burst_city: str
    burst_texts: tuple[str, ...]
    viral_complaints: tuple[str, ...]  # one upset post that takes off
    high_reach: tuple[tuple[str, int, str], ...]  # (handle, followers, text)
    echoes: tuple[Story, ...]
    waves: tuple[Story, ...]  # app-review waves: one failure, many one-star reviews
    foreign_viral: tuple[tuple[str, str], ...]  # (language, text)
    deadpan: tuple[str, ...]  # plain or sarcastic failure reports that read neutral or positive
    viral_praise: tuple[str, ...]
    viral_news: tuple[str, ...]
    angry: tuple[str, ...]
    repeats: tuple[str, ...]
    offbrand: tuple[str, ...] = field(default=())  # texts the brand's exclude terms must drop
    currency: str = "£"
    order_prefix: str = "BK-"
    weekend: float = 1.15  # how much busier (or quieter) a Saturday or Sunday is than a weekday
    typos: float = 0.02  # chance that a longer word in an everyday post has two letters swapped


def hours(text: str) -> tuple[float, ...]:
    """24 hourly weights written on one line."""
    values = tuple(float(value) for value in text.split())
    if len(values) != 24:
        raise ValueError(f"24 hourly weights expected, got {len(values)}")
    return values


def words(text: str) -> tuple[str, ...]:
    """Slot values written on one line, separated by ``|``."""
    return tuple(value.strip() for value in text.split("|"))


class _Slots(dict[str, str]):
    def __init__(self, brand: Brand, rng: random.Random) -> None:
        super().__init__()
        self.brand = brand
        self.rng = rng

    def __missing__(self, key: str) -> str:
        rng = self.rng
        if key == "brand":
            value = rng.choice(self.brand.mentions)
        elif key == "burst_city":
            value = self.brand.burst_city
        elif key == "Brand":
            value = self.brand.name
        elif key == "mins":
            value = str(rng.choice((25, 35, 40, 45, 50, 55, 65, 70, 80, 90, 95, 110)))
        elif key == "hours":
            value = str(rng.choice((2, 3, 4, 5, 6, 9, 12, 20, 26, 48)))
        elif key == "amount":
            value = f"{self.brand.currency}{rng.randrange(3, 140)}.{rng.randrange(0, 100):02d}"
        elif key == "order":
            value = f"{self.brand.order_prefix}{rng.randrange(1_000_000, 9_999_999)}"
        elif key == "n":
            value = str(rng.randrange(2, 9))
        elif key == "big":  # a sum that matters to someone: a month's wages, savings, a scam
            value = f"{rng.randrange(1, 19)},{rng.randrange(0, 1000):03d}"
        elif key == "last4":  # the last four digits of a card, as people quote them
            value = f"{rng.randrange(0, 10_000):04d}"
        else:
            value = rng.choice(self.brand.fill[key])
        self[key] = value
        return value


def fill(template: str, brand: Brand, rng: random.Random) -> str:
    """``template`` with every slot filled; a slot used twice gets the same value."""
    text = template.format_map(_Slots(brand, rng))
    return text[0].upper() + text[1:] if text and text[0].islower() and rng.random() < 0.7 else text


def complaint(brand: Brand, topic: str, rng: random.Random) -> str:
    """An everyday complaint on ``topic`` in one person's words, sometimes with an opener or a sign-off."""
    body = fill(rng.choice(brand.topics[topic]), brand, rng)
    if rng.random() < 0.3:
        body = rng.choice(brand.openers) + " " + body
    if rng.random() < 0.45:
        body = body.rstrip() + " " + fill(rng.choice(brand.endings), brand, rng)
    return vary(body, rng, protect(brand), upset=True, typos=brand.typos)


def written(template: str, brand: Brand, rng: random.Random, *, upset: bool = False) -> str:
    """``template`` filled and reworded as one more person would put it."""
    return vary(fill(template, brand, rng), rng, protect(brand), upset=upset, typos=brand.typos)


def protect(brand: Brand) -> tuple[str, ...]:
    """Words of the brand's name, which rewording must leave alone (the brand filter needs them)."""
    return tuple(brand.name.lower().split())


def weights(brand: Brand, moment_hour_utc: float, weekday: int) -> float:
    """Relative posting rate at a UTC hour: the local daily rhythm, scaled at weekends."""
    local = int((moment_hour_utc + brand.tz) % 24)
    return brand.hourly[local] * (brand.weekend if weekday >= 5 else 1.0)

"""Halden Hotels' own ordinary traffic and its busy day in one city.

Besides the ordinary traffic every brand gets (``week.background``), a hotel chain's week holds stay
reports on the travellers' forum, Lemmy and Reddit, app reviews in its guests' languages and posts in
German, French, Spanish, Italian and Dutch, all unlabelled.

**The busy day is a topic burst, labelled not spreading** (``kind: topic_burst``). Either a trade
fair fills one city (an arrival evening of long check-in queues, rooms not ready, fair-week prices,
then a breakfast-room crush the next morning) or a strike strands guests in it (a day of refused
late check-outs, extra nights at inflated rates, no-show charges). Dozens of guests complain
independently within hours about one topic in one city, each about their own stay; no post takes
off and no story is passed on.
"""

from __future__ import annotations

import dataclasses
from datetime import datetime

from tools.crosscheck.brands import Brand, written
from tools.crosscheck.halden_stories import FOREIGN_REVIEWS, STAY_REPORTS
from tools.crosscheck.week import Week, burst_complaint, foreign_posts, store_reviews

FORUMS = ("reddit", "discourse", "lemmy")
TALK = ("reddit", "bluesky", "mastodon", "discourse", "lemmy")


def stays(week: Week) -> None:
    """Ordinary, unlabelled: stay reports on the forums, app reviews and posts in the guests' languages."""
    brand, rng = week.brand, week.rng
    for _ in range(int(week.days * rng.uniform(18, 30))):
        source = rng.choices(FORUMS, weights=(3, 6, 2))[0]
        text = written(rng.choice(STAY_REPORTS), brand, rng)
        week.add(source, week.some_author(source), week.random_moment(), text, week.ordinary_likes(source, True))
    store_reviews(week, int(week.days * rng.uniform(4, 9)), FOREIGN_REVIEWS)
    foreign_posts(week, int(week.days * rng.uniform(10, 20)), TALK, (3, 4, 2, 2, 1))


def local_brand(brand: Brand, city: str) -> Brand:
    """``brand`` as its guests in ``city`` write: every ``{city}`` and ``{hotel}`` slot is that city's,
    and its everyday complaints are only those that say where."""
    hotels = tuple(hotel for hotel in brand.fill["hotel"] if city in hotel) or (f"Halden {city}",)
    topics = {
        topic: tuple(text for text in texts if "{city}" in text or "{hotel}" in text) or texts
        for topic, texts in brand.topics.items()
    }
    return dataclasses.replace(brand, fill={**brand.fill, "city": (city,), "hotel": hotels}, topics=topics)


def busy_day(week: Week, city: str, event: str, texts: tuple[str, ...], day: int) -> tuple[datetime, datetime]:
    """Many independent complaints in one city within hours; returns the window they fall in."""
    rng = week.rng
    local = local_brand(week.brand, city)
    label = {"spreading": False, "kind": "topic_burst"}
    topics: tuple[str, ...] = ("checkin", "breakfast", "wifi", "noise") if event == "fair" else ("checkin", "charges")
    count = int(week.brand.posts_per_day * rng.uniform(0.15, 0.25))
    moments = []
    for _ in range(count):
        said, about = texts, topics
        if event == "fair" and rng.random() < 0.72:  # the arrival evening...
            hour = rng.triangular(14.5, 23.0, 18.0)
        elif event == "fair":  # ...then a smaller breakfast and check-out crush the next morning
            hour = 24 + rng.triangular(6.5, 10.0, 8.0)
            said, about = tuple(text for text in texts if "breakfast" in text or "checkout" in text), ("breakfast",)
        else:  # cancellations in the morning, stranded guests all day
            hour = rng.triangular(8.0, 21.0, 12.5)
        created = week.at_local(day, hour)
        moments.append(created)
        source = rng.choices(
            ("reddit", "bluesky", "mastodon", "discourse", "googleplay", "appstore"), (3, 5, 1, 2, 1, 1)
        )[0]
        burst_complaint(week, local, source, created, said, about, label)
    return min(moments), max(moments)

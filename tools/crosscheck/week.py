"""One seeded week of a brand: ordinary traffic, a topic burst, spreading complaints and decoys.

The ordinary traffic follows the brand's local daily rhythm. Most posts get little or no
engagement and a few get a lot (a lognormal tail); an ordinary complaint's engagement is capped at
what a complaint nobody shares still gets on a busy thread, so that every upset post with more is
labelled. Authors post more than once in a week, as real people do.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from tools.crosscheck.brands import Brand, complaint, fill, weights, written
from tools.crosscheck.model import Author, Ids, Post, author_for

SOCIAL = ("reddit", "mastodon", "bluesky", "hackernews")
STORES = ("appstore", "googleplay")
# Typical likes of an ordinary post: exp(mu) is the median of those that get any at all.
LIKES_MU = {
    "reddit": 1.3,
    "mastodon": 0.6,
    "bluesky": 0.9,
    "hackernews": 1.4,
    "lemmy": 0.8,
    "discourse": 0.4,
    "appstore": -0.4,
    "googleplay": 0.0,
}
UPSET_CAP = {
    "reddit": 45,
    "mastodon": 18,
    "bluesky": 30,
    "hackernews": 35,
    "lemmy": 25,
    "discourse": 12,
    "appstore": 6,
    "googleplay": 8,
}
SYLLABLES = ("ka", "mo", "ri", "zen", "lu", "pa", "tor", "bel", "ix", "na", "sam", "jo", "dee", "fox", "ven", "ola")


@dataclass
class Week:
    """A week being built: its posts and the shared randomness and ids."""

    brand: Brand
    seed: int
    start: datetime
    days: int
    rng: random.Random
    intervals: dict[str, float]
    ids: Ids
    posts: list[Post] = field(default_factory=list)
    authors: dict[str, list[Author]] = field(default_factory=dict)

    @property
    def end(self) -> datetime:
        return self.start + timedelta(days=self.days)

    def new_author(self, source: str, followers: int | None = None) -> Author:
        rng = self.rng
        handle = "".join(rng.choice(SYLLABLES) for _ in range(rng.randrange(2, 4)))
        if rng.random() < 0.6:
            handle += str(rng.randrange(1, 999))
        author = author_for(source, handle + rng.choice(("", "_", "x", "uk", "99")), rng, followers)
        self.authors.setdefault(source, []).append(author)
        return author

    def some_author(self, source: str) -> Author:
        """A new voice most of the time, otherwise someone who already posted this week."""
        known = self.authors.get(source, [])
        if known and self.rng.random() < 0.25:
            return self.rng.choice(known)
        return self.new_author(source)

    def add(
        self,
        source: str,
        author: Author,
        created: datetime,
        text: str,
        likes: int,
        *,
        lang: str | None = "",
        mid_h: float | None = None,
        width_h: float | None = None,
        rating: int | None = None,
        in_reply_to: str | None = None,
        follow_h: float = 48.0,
        label: dict[str, object] | None = None,
    ) -> Post:
        """Add a post whose engagement settles at ``likes`` (other counters follow the platform).

        ``lang`` "" means the platform's usual tag: "en" where the platform tags languages.
        """
        rng = self.rng
        pid, url = self.ids.make(source, author)
        finals = {"likes": likes}
        for name, ratio in (("reposts", 0.2), ("replies", 0.3), ("quotes", 0.04)):
            finals[name] = int(likes * ratio * rng.uniform(0.4, 1.6) + (rng.random() < 0.2))
        if lang == "":
            lang = "en" if source in ("mastodon", "bluesky") else None
        post = Post(
            source=source,
            id=pid,
            url=url,
            created=created,
            author=author,
            text=text,
            lang=lang,
            finals=finals,
            mid_h=mid_h if mid_h is not None else rng.uniform(0.3, 2.5),
            width_h=width_h if width_h is not None else rng.uniform(0.3, 1.4),
            rating=rating,
            in_reply_to=in_reply_to,
            follow_h=follow_h,
            label=dict(label or {}),
        )
        self.posts.append(post)
        return post

    def at_local(self, day: int, hour: float) -> datetime:
        return self.start + timedelta(days=day, hours=hour - self.brand.tz)

    def random_moment(self) -> datetime:
        """A moment in the week drawn along the brand's daily rhythm."""
        top = max(self.brand.hourly) * 1.15
        while True:
            moment = self.start + timedelta(seconds=self.rng.uniform(0, self.days * 86400))
            if self.rng.uniform(0, top) < weights(self.brand, moment.hour + moment.minute / 60, moment.weekday()):
                return moment

    def ordinary_likes(self, source: str, upset: bool) -> int:
        rng = self.rng
        if rng.random() < 0.35:
            return 0
        likes = int(rng.lognormvariate(LIKES_MU[source], 1.25))
        return min(likes, UPSET_CAP[source]) if upset else likes

    def pick_source(self) -> str:
        mix = self.brand.source_mix
        return self.rng.choices(list(mix), weights=list(mix.values()))[0]


def background(week: Week) -> None:
    """The ordinary week: complaints on recurring topics, gripes, praise, questions, news, reviews."""
    brand, rng = week.brand, week.rng
    total = int(brand.posts_per_day * week.days * rng.uniform(0.85, 1.15))
    topics = list(brand.topics)
    for _ in range(total):
        source = week.pick_source()
        created = week.random_moment()
        if source in STORES:
            _review(week, source, created)
            continue
        if source == "rss":
            headline = fill(rng.choice(brand.news), brand, rng)
            week.add("rss", week.some_author("rss"), created, headline + ". " + _dek(rng), 0)
            continue
        roll = rng.random()
        lang = None
        upset = False
        if roll < 0.07:
            lang = rng.choice(list(brand.foreign))
            text = fill(rng.choice(brand.foreign[lang]), brand, rng)
            upset = True
        elif roll < 0.40:
            text, upset = complaint(brand, rng.choice(topics), rng), True
        elif roll < 0.52:
            text = written(rng.choice(brand.mild), brand, rng)
        elif roll < 0.74:
            text = written(rng.choice(brand.praise), brand, rng)
        elif roll < 0.92:
            text = written(rng.choice(brand.questions), brand, rng)
        else:
            text = fill(rng.choice(brand.news), brand, rng) + (" " + _link(rng) if rng.random() < 0.5 else "")
        tag = lang if lang and source in ("mastodon", "bluesky") else ""
        week.add(source, week.some_author(source), created, text, week.ordinary_likes(source, upset), lang=tag)
    for text in brand.offbrand:  # posts the brand's exclude terms have to drop
        source = rng.choice(("reddit", "bluesky"))
        week.add(source, week.new_author(source), week.random_moment(), fill(text, brand, rng), rng.randrange(0, 20))


def _review(week: Week, source: str, created: datetime) -> None:
    brand, rng = week.brand, week.rng
    rating = rng.choices((1, 2, 3, 4, 5), weights=(26, 9, 10, 15, 40))[0]
    if rng.random() < 0.06:
        text = ""
    elif rating <= 2:
        text = written(rng.choice(brand.reviews_bad), brand, rng, upset=True)
        if rng.random() < 0.5:
            text += ". " + complaint(brand, rng.choice(list(brand.topics)), rng)
    elif rating == 3:
        text = written(rng.choice(brand.mild), brand, rng)
    else:
        text = written(rng.choice(brand.reviews_good), brand, rng)
    week.add(
        source,
        week.new_author(source),
        created,
        text,
        week.ordinary_likes(source, rating <= 2),
        rating=rating,
        follow_h=24.0,
    )


def _dek(rng: random.Random) -> str:
    return rng.choice(
        (
            "The company said the change would take effect next month.",
            "Analysts expect the move to put pressure on rivals.",
            "A spokesperson declined to comment further.",
            "The announcement follows a year of rapid growth.",
            "Customers will be notified by email.",
        )
    )


def _link(rng: random.Random) -> str:
    return f"https://news.example.net/{rng.randrange(10**6, 10**7)}"


def topic_burst(week: Week) -> None:
    """Many independent complaints on one topic in one evening (rain, a regional slowdown)."""
    brand, rng = week.brand, week.rng
    day = rng.choice((3, 4, 5))  # Thursday to Saturday evening
    start = week.at_local(day, rng.uniform(17.5, 19.5))
    count = max(40, int(brand.posts_per_day * rng.uniform(0.12, 0.2)))
    for _ in range(count):
        created = start + timedelta(hours=rng.triangular(0, 4.5, 1.5))
        source = rng.choices(("reddit", "bluesky", "mastodon", "googleplay"), weights=(3, 5, 1, 2))[0]
        label = {"spreading": False, "kind": "topic_burst"}
        if source == "googleplay":
            text = (
                written(rng.choice(brand.reviews_bad), brand, rng)
                + ". "
                + written(rng.choice(brand.burst_texts), brand, rng)
            )
            week.add(
                source,
                week.new_author(source),
                created,
                text,
                week.ordinary_likes(source, True),
                rating=rng.choice((1, 1, 2)),
                label=label,
                follow_h=24.0,
            )
            continue
        text = written(rng.choice(brand.burst_texts), brand, rng, upset=True)
        if rng.random() < 0.3:
            text = (
                complaint(brand, brand.burst_topic, rng) + " " + rng.choice(("Tonight of all nights.", "again!!", ""))
            )
        week.add(source, week.new_author(source), created, text.strip(), week.ordinary_likes(source, True), label=label)


def start_moments(
    week: Week,
    count: int,
    night: tuple[float, float],
    weekend: tuple[float, float],
    day: tuple[float, float],
    weekdays: int = 6,
) -> list[datetime]:
    """``count`` moments in random order for spreading complaints to start: one at ``night`` hours of one
    of the first ``weekdays`` days, one at ``weekend`` hours of Saturday or Sunday, the rest at ``day`` hours."""
    rng = week.rng
    moments = [
        week.at_local(rng.randrange(0, weekdays), rng.uniform(*night)),
        week.at_local(rng.choice((5, 6)), rng.uniform(*weekend)),
    ]
    moments += [week.at_local(rng.randrange(0, weekdays), rng.uniform(*day)) for _ in range(count - 2)]
    rng.shuffle(moments)
    return moments


def foreign_posts(week: Week, count: int, sources: tuple[str, ...], weights: tuple[float, ...]) -> None:
    """``count`` everyday posts in the brand's other languages, unlabelled, some tagged "en" by the client."""
    brand, rng = week.brand, week.rng
    for _ in range(count):
        source = rng.choices(sources, weights=weights)[0]
        lang = rng.choice(list(brand.foreign))
        text = fill(rng.choice(brand.foreign[lang]), brand, rng)
        likes, tag = week.ordinary_likes(source, True), lang_tag(source, lang, rng.random())
        week.add(source, week.some_author(source), week.random_moment(), text, likes, lang=tag)


def store_reviews(week: Week, count: int, reviews: tuple[tuple[int, str], ...]) -> None:
    """``count`` everyday app reviews drawn from ``reviews`` (rating, text), unlabelled: the stores tag no language."""
    rng = week.rng
    for _ in range(count):
        source = rng.choice(STORES)
        rating, text = rng.choice(reviews)
        likes = week.ordinary_likes(source, rating <= 2)
        week.add(source, week.new_author(source), week.random_moment(), text, likes, rating=rating, follow_h=24.0)


def lang_tag(source: str, lang: str, rng_value: float) -> str | None:
    """How a post in ``lang`` is tagged: Bluesky and Mastodon tag it, sometimes "en" (the app's language)."""
    if source not in ("bluesky", "mastodon"):
        return None
    return lang if rng_value < 0.75 else "en"


def burst_complaint(
    week: Week,
    brand: Brand,
    source: str,
    created: datetime,
    said: tuple[str, ...],
    about: tuple[str, ...],
    label: dict[str, object],
) -> None:
    """One customer's own complaint on a burst day: a one-star review that says it too, or a social post
    in the day's words (``said``) or, three times in ten, a complaint on one of its topics (``about``)."""
    rng = week.rng
    likes = week.ordinary_likes(source, True)
    if source in STORES:
        text = written(rng.choice(brand.reviews_bad), brand, rng, upset=True)
        text += ". " + written(rng.choice(said), brand, rng, upset=True)
        week.add(source, week.new_author(source), created, text, likes, rating=rng.choice((1, 1, 2)), label=label)
        return
    if rng.random() < 0.3:
        text = complaint(brand, rng.choice(about), rng)
    else:
        text = written(rng.choice(said), brand, rng, upset=True)
    week.add(source, week.some_author(source), created, text, likes, label=label)

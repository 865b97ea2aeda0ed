"""The week's spreading complaints (labelled ``spreading``) and its hard negatives (labelled by kind).

Each spreading complaint starts at a moment the week draws: one of them at night and one at the
weekend, so a detector cannot lean on office hours. Echoes vary in how many people retell the
story and in what the retellings share: a link, a hashtag, an identifier, or nothing but the story.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta

from tools.crosscheck.brands import Story, complaint, fill, protect
from tools.crosscheck.model import Author, Post
from tools.crosscheck.paraphrase import vary
from tools.crosscheck.week import SOCIAL, STORES, Week

REPLIES = (
    "Same thing happened to my sister with {Brand} last month, never got the money back.",
    "This is awful. {Brand} need to sort this out.",
    "Had almost exactly this with {Brand}. Chargeback through your bank is the only thing that worked.",
    "Shared. {Brand} shouldn't get away with this.",
    "{Brand} did this to me too, support was useless",
)
WAVE_EXTRAS = ("", "", "Fix it!", "1 star until fixed.", "Uninstalling.", "Ugh.", "Please fix.", "Was fine before.")


def _spread(week: Week, label: str) -> dict[str, object]:
    return {"spreading": True, "incident": label}


def _starts(week: Week, count: int) -> list[datetime]:
    """``count`` start moments: one between 1 and 4 am local, one on Saturday or Sunday, the rest any day."""
    rng = week.rng
    moments = [
        week.at_local(rng.randrange(0, 5), rng.uniform(1.0, 4.0)),
        week.at_local(rng.choice((5, 6)), rng.uniform(8.0, 20.0) if rng.random() < 0.8 else rng.uniform(0.5, 3.5)),
    ]
    while len(moments) < count:
        moments.append(week.at_local(rng.randrange(0, 6), rng.uniform(7.0, 23.0)))
    rng.shuffle(moments)
    return moments


def spreading(week: Week) -> None:
    """One spreading complaint of each kind the issue lists."""
    starts = _starts(week, 6)
    _engagement_burst(week, starts[0])
    _high_reach(week, starts[1])
    _echo(week, starts[2])
    _review_wave(week, starts[3])
    _foreign_viral(week, starts[4])
    _deadpan(week, starts[5])


def _takeoff(
    week: Week,
    source: str,
    author_followers: int | None,
    created: datetime,
    text: str,
    likes: tuple[int, int],
    mid: tuple[float, float],
    label: str,
    lang: str | None = "",
) -> str:
    rng = week.rng
    author = week.new_author(source, author_followers)
    post = week.add(
        source,
        author,
        created,
        text,
        rng.randrange(*likes),
        lang=lang,
        mid_h=rng.uniform(*mid),
        width_h=rng.uniform(0.6, 1.5),
        follow_h=60.0,
        label=_spread(week, label),
    )
    return post.id


def _engagement_burst(week: Week, start: datetime) -> None:
    """An ordinary customer's complaint that takes off, with a few replies joining in."""
    rng, brand = week.rng, week.brand
    source = rng.choice(("reddit", "bluesky"))
    text = fill(rng.choice(brand.viral_complaints), brand, rng)
    likes = (900, 4000) if source == "reddit" else (500, 2500)
    mid = rng.uniform(3.0, 7.0)
    root = _takeoff(week, source, None, start, text, likes, (mid, mid + 0.01), "burst")
    for _ in range(rng.randrange(3, 8)):
        created = start + timedelta(hours=rng.uniform(mid - 2.0, mid + 5.0))
        week.add(
            source,
            week.new_author(source),
            max(created, start + timedelta(minutes=10)),
            fill(rng.choice(REPLIES), brand, rng),
            rng.randrange(2, 60),
            in_reply_to=root,
            label=_spread(week, "burst"),
        )


def _high_reach(week: Week, start: datetime) -> None:
    rng, brand = week.rng, week.brand
    handle, followers, text = rng.choice(brand.high_reach)
    source = rng.choice(("bluesky", "mastodon"))
    author = week.new_author(source, followers)
    author = type(author)(author.id, handle if source == "mastodon" else f"{handle}.bsky.social", followers)
    week.add(
        source,
        author,
        start,
        fill(text, brand, rng),
        rng.randrange(250, 1600),
        mid_h=rng.uniform(1.2, 3.0),
        width_h=rng.uniform(0.5, 1.0),
        follow_h=60.0,
        label=_spread(week, "reach"),
    )


def _echo(week: Week, start: datetime) -> None:
    """One story retold by different people on different sources, in their own words."""
    rng = week.rng
    story: Story = rng.choice(week.brand.echoes)
    share = rng.choice(("link", "hashtag", "ident", "none"))
    count = rng.randrange(5, len(story.tellings) + 1)
    tellings = rng.sample(story.tellings, count)
    span_h = rng.uniform(4.0, 16.0)
    offsets = sorted(span_h * rng.betavariate(1.3, 2.2) for _ in range(count - 1))
    for telling, offset in zip(tellings, [0.0, *offsets], strict=True):
        source = rng.choices(SOCIAL, weights=(4, 2, 4, 1))[0]
        text = fill(telling, week.brand, rng)
        if share == "link" and rng.random() < 0.75:
            text += " " + story.link
        elif share == "hashtag" and rng.random() < 0.75:
            text += " " + story.hashtag
        elif share == "ident" and story.ident not in text and rng.random() < 0.6:
            text += f" ({story.ident})"
        likes = int(rng.lognormvariate(2.6, 0.9))
        week.add(
            source,
            week.new_author(source),
            start + timedelta(hours=offset),
            text,
            likes,
            mid_h=rng.uniform(0.5, 3.0),
            label=_spread(week, f"echo-{story.name}-{share}"),
        )


def _review_wave(week: Week, start: datetime) -> None:
    """A release breaks one thing: one- and two-star reviews about it pile up over a few hours."""
    rng = week.rng
    story: Story = rng.choice(week.brand.waves)
    stores = rng.choice((STORES[:1], STORES[1:], STORES))
    count = rng.randrange(12, 32)
    span_h = rng.uniform(2.5, 9.0)
    for _ in range(count):
        created = start + timedelta(hours=span_h * rng.betavariate(1.5, 2.5))
        text = rng.choice(story.tellings)
        if rng.random() < 0.35:  # people say when it started in their own way
            text += " " + rng.choice(("since the update", "since yesterday", "today", "all evening", "again"))
        if rng.random() < 0.25:
            text = text.lower()
        if rng.random() < 0.3 and story.ident not in text:
            text += f" (version {story.ident})"
        extra = rng.choice(WAVE_EXTRAS)
        text = f"{text}. {extra}".strip() if extra else text
        text = vary(text, rng, protect(week.brand), upset=True)
        store = rng.choice(stores)
        week.add(
            store,
            week.new_author(store),
            created,
            text,
            rng.randrange(0, 12),
            rating=rng.choice((1, 1, 1, 2)),
            follow_h=24.0,
            label=_spread(week, f"wave-{story.name}"),
        )


def _foreign_viral(week: Week, start: datetime) -> None:
    rng, brand = week.rng, week.brand
    lang, text = rng.choice(brand.foreign_viral)
    source = rng.choice(("bluesky", "mastodon"))
    _takeoff(week, source, None, start, fill(text, brand, rng), (400, 2200), (2.5, 6.0), f"foreign-{lang}", lang=lang)


def _deadpan(week: Week, start: datetime) -> None:
    rng, brand = week.rng, week.brand
    source = rng.choice(("reddit", "bluesky", "mastodon"))
    likes = (800, 3500) if source != "mastodon" else (300, 1200)
    _takeoff(week, source, None, start, fill(rng.choice(brand.deadpan), brand, rng), likes, (2.0, 6.0), "deadpan")


def hard_negatives(week: Week) -> None:
    """What must not alert: viral praise, viral news, angry posts nobody shares, a repeater."""
    rng, brand = week.rng, week.brand

    def kind(name: str) -> dict[str, object]:
        return {"spreading": False, "kind": name}

    moment = week.random_moment
    source = rng.choice(("reddit", "bluesky"))
    week.add(
        source,
        week.new_author(source),
        moment(),
        fill(rng.choice(brand.viral_praise), brand, rng),
        rng.randrange(2000, 9000),
        mid_h=rng.uniform(2.0, 5.0),
        width_h=rng.uniform(0.6, 1.4),
        follow_h=60.0,
        label=kind("viral_praise"),
    )
    headline = fill(rng.choice(brand.viral_news), brand, rng)
    when = moment()
    for source, likes in (("hackernews", rng.randrange(300, 1100)), ("reddit", rng.randrange(1500, 6000))):
        week.add(
            source,
            week.new_author(source),
            when + timedelta(minutes=rng.uniform(5, 90)),
            headline,
            likes,
            mid_h=rng.uniform(1.5, 4.0),
            width_h=rng.uniform(0.5, 1.2),
            follow_h=60.0,
            label=kind("viral_news"),
        )
    week.add(
        "rss",
        week.new_author("rss"),
        when,
        headline + ". The deal is expected to close next year.",
        0,
        label=kind("viral_news"),
    )
    angry_posts(week, " Disgusting service, I'm done with you.")
    _repeater(week, kind("repeater"))


def angry_posts(week: Week, sign_off: str) -> None:
    """Two angry posts nobody engages with, and two with ordinary engagement: one of the brand's angry
    posts and an everyday complaint ending in ``sign_off``."""
    rng, brand = week.rng, week.brand
    angry = rng.sample(brand.angry, 3)
    for text in angry[:2]:
        source = rng.choice(("reddit", "bluesky", "mastodon"))
        label = {"spreading": False, "kind": "angry_ignored"}
        week.add(source, week.new_author(source), week.random_moment(), text, 0, label=label)
    furious = complaint(brand, rng.choice(list(brand.topics)), rng) + sign_off
    for text in (angry[2], furious):
        source = rng.choice(("reddit", "bluesky"))
        label = {"spreading": False, "kind": "angry_ordinary"}
        week.add(source, week.new_author(source), week.random_moment(), text, rng.randrange(6, 30), label=label)


def _repeater(week: Week, label: dict[str, object]) -> None:
    """One customer posts the same complaint many times over two days; few people react."""
    rng, brand = week.rng, week.brand
    source = rng.choice(("bluesky", "mastodon", "reddit"))
    author = week.new_author(source)
    order = f"{brand.order_prefix}{rng.randrange(1_000_000, 9_999_999)}"
    first = week.at_local(rng.randrange(0, 5), rng.uniform(8.0, 12.0))
    for index in range(rng.randrange(8, 15)):
        created = first + timedelta(hours=index * rng.uniform(1.5, 4.0))
        text = rng.choice(brand.repeats).replace("{order}", order)
        week.add(source, author, created, fill(text, brand, rng), rng.randrange(0, 4), label=label)


def takes_off(
    week: Week,
    source: str,
    author: Author,
    start: datetime,
    text: str,
    likes: int,
    growth: tuple[float, float, float, float],
    label: dict[str, object],
    lang: str | None = "",
) -> Post:
    """A post that gathers ``likes`` over hours: ``growth`` bounds its midpoint and its width in hours."""
    rng = week.rng
    mid_h, width_h = rng.uniform(growth[0], growth[1]), rng.uniform(growth[2], growth[3])
    return week.add(
        source, author, start, text, likes, lang=lang, mid_h=mid_h, width_h=width_h, follow_h=72.0, label=label
    )


def rewording_repeater(
    week: Week, label: dict[str, object], waited: tuple[int, int], gap_h: tuple[float, float]
) -> None:
    """One customer posts about one reference over days, rewording as the days pass: they had waited
    ``waited`` days (a range) when they started, and post every ``gap_h`` hours (a range)."""
    brand, rng = week.brand, week.rng
    source = rng.choice(("bluesky", "mastodon", "reddit"))
    author = week.new_author(source)
    ref = f"{brand.order_prefix}{rng.randrange(1_000_000, 9_999_999)}"
    first_day = rng.randrange(0, 4)
    created = week.at_local(first_day, rng.uniform(8.0, 11.0))
    days = rng.randrange(*waited)
    for _ in range(rng.randrange(8, 15)):
        day = days + (created - week.at_local(first_day, 0)).days
        text = rng.choice(brand.repeats).replace("{order}", ref).replace("{n}", str(day))
        week.add(source, author, created, text, rng.randrange(0, 4), label=label)
        created += timedelta(hours=rng.uniform(*gap_h))


def review_wave(
    week: Week,
    start: datetime,
    spans: tuple[float, float],
    counts: tuple[int, int],
    reword: Callable[[Story, str, int], str],
    ratings: tuple[int, ...],
    likes: int,
) -> tuple[Story, float, dict[str, object]]:
    """One of the brand's waves: an app update breaks one thing and low reviews of it pile up in one or both
    stores over ``spans`` hours (a range), each a telling ``reword``-ed for its rating. Returns the story, the
    hours it took and its label, for the brand to add the posts about it elsewhere."""
    rng = week.rng
    story = rng.choice(week.brand.waves)
    stores = rng.choice((STORES[:1], STORES[1:], STORES))
    label: dict[str, object] = {"spreading": True, "incident": f"wave-{story.name}"}
    span_h = rng.uniform(*spans)
    for _ in range(rng.randrange(*counts)):
        created = start + timedelta(hours=span_h * rng.betavariate(1.4, 2.6))
        rating = rng.choice(ratings)
        text = reword(story, rng.choice(story.tellings), rating)
        store = rng.choice(stores)
        author, liked = week.new_author(store), rng.randrange(0, likes)
        week.add(store, author, created, text, liked, rating=rating, follow_h=24.0, label=label)
    return story, span_h, label


def viral_praise(week: Week, label: dict[str, object]) -> None:
    """One of the brand's praise stories, told on Reddit or Bluesky, that takes off over hours."""
    rng, brand = week.rng, week.brand
    source = rng.choice(("reddit", "bluesky"))
    praise = fill(rng.choice(brand.viral_praise), brand, rng)
    likes, growth = rng.randrange(2000, 9000), (2.0, 5.0, 0.6, 1.4)
    takes_off(week, source, week.new_author(source), week.random_moment(), praise, likes, growth, label)


def deadpan_post(
    week: Week, start: datetime, label: dict[str, object], mastodon: tuple[int, int], elsewhere: tuple[int, int]
) -> None:
    """One of the brand's flat or sarcastic failure reports on Reddit, Bluesky or Mastodon, taking off to
    likes in ``mastodon`` (a range: its reach is smaller) or ``elsewhere``."""
    brand, rng = week.brand, week.rng
    source = rng.choice(("reddit", "bluesky", "mastodon"))
    likes = rng.randrange(*mastodon) if source == "mastodon" else rng.randrange(*elsewhere)
    text = fill(rng.choice(brand.deadpan), brand, rng)
    takes_off(week, source, week.new_author(source), start, text, likes, (1.5, 5.0, 0.5, 1.4), label)

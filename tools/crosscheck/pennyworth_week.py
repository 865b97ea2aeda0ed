"""Pennyworth's week: a payday burst, seven spreading complaints and the hard negatives.

Shaped unlike Basketly's and Lumen's on purpose (``incidents``), so the held-out week tests the
detector's behaviour rather than one generator's habits: the engagement burst grows slowly on
reddit and gathers calm replies and cross-posts; the high-reach author writes measured and posts an
update under it; the echo is larger, slower and a third retold by people who are not upset, one
telling in another language; a second echo is small and fast, and starts inside the payday burst;
the review wave is terse, typo-ridden, partly mild three-star reviews, and leaks onto social sites;
the non-English post is often tagged "en" by the client; the repeater changes their wording.

**Payday is a topic burst, labelled not spreading** (``kind: topic_burst``). On payday (Thursday or
Friday) a few hundred customers independently post that their wages have not landed, the app will
not load, a card was declined at the till or the chat queue is long: at midnight, then a larger
morning hump, then lunch. Issue 8 names "a storm day with many independent delay complaints" as a
topic burst that is not one complaint spreading; payday morning is a bank's storm day. Each post is
an everyday complaint on a recurring topic in its author's own words and with their own amounts and
payees; no post takes off and no story is passed on, so it belongs in the digest, not an alert.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from tools.crosscheck.brands import Story, fill, protect, written
from tools.crosscheck.incidents import (
    angry_posts,
    deadpan_post,
    review_wave,
    rewording_repeater,
    takes_off,
    viral_praise,
)
from tools.crosscheck.paraphrase import vary
from tools.crosscheck.pennyworth import PAYDAY_TEXTS
from tools.crosscheck.pennyworth_stories import (
    BURST_REPLIES_CALM,
    BURST_REPLIES_UPSET,
    CROSSPOSTS,
    FOREIGN_REPLIES,
    FOREIGN_TELLINGS,
    QUICK_ECHOES,
    REACH_UPDATES,
    RELIEF,
    RETELLINGS,
    WAVE_PROBLEMS,
    WAVE_SOCIAL,
)
from tools.crosscheck.week import SOCIAL, Week, burst_complaint, start_moments

WAVE_EXTRAS = ("", "", "", "pls fix", "sort it out", "Uninstalling", "was fine last week", "1 star till fixed")


def pennyworth_week(week: Week) -> None:
    """Everything after the ordinary traffic: payday, the spreading complaints, the hard negatives."""
    payday = week.rng.choice((3, 4))  # Thursday when the 25th falls at the weekend, otherwise Friday
    payday_burst(week, payday)
    spreading(week, payday)
    hard_negatives(week)


def _spread(name: str) -> dict[str, object]:
    return {"spreading": True, "incident": name}


def payday_burst(week: Week, day: int) -> None:
    brand, rng = week.brand, week.rng
    label = {"spreading": False, "kind": "topic_burst"}
    count = int(brand.posts_per_day * rng.uniform(0.12, 0.2))
    for _ in range(count):
        hump = rng.choices((0, 1, 2), weights=(2, 6, 2))[0]
        hour = (rng.triangular(-0.5, 2.5, 0.2), rng.triangular(6.0, 11.0, 7.8), rng.triangular(11.5, 14.5, 12.6))[hump]
        created = week.at_local(day, hour)
        source = rng.choices(("reddit", "bluesky", "mastodon", "appstore", "googleplay"), weights=(3, 4, 1, 1, 2))[0]
        burst_complaint(week, brand, source, created, PAYDAY_TEXTS, ("declined", "transfer", "login", "support"), label)
    for _ in range(count // 10):  # the relieved, unlabelled: ordinary posts that happen to be on payday
        source = rng.choice(("reddit", "bluesky"))
        created = week.at_local(day, rng.triangular(7.0, 13.0, 9.0))
        week.add(
            source, week.some_author(source), created, written(rng.choice(RELIEF), brand, rng), rng.randrange(0, 6)
        )


def spreading(week: Week, payday: int) -> None:
    """Seven spreading complaints: one starts at night, one at the weekend, the quick echo on payday."""
    rng = week.rng
    moments = start_moments(week, 6, night=(0.5, 4.0), weekend=(9.0, 17.0), day=(7.5, 22.5), weekdays=5)
    echo_start = min(moments, key=lambda moment: moment.weekday() >= 5)  # the long echo needs the days left
    moments.remove(echo_start)
    _echo(week, echo_start)
    _quick_echo(week, week.at_local(payday, rng.uniform(7.0, 10.0)))
    _burst(week, moments[0])
    _reach(week, moments[1])
    _wave(week, moments[2])
    _foreign(week, moments[3])
    _deadpan(week, moments[4])


def _burst(week: Week, start: datetime) -> None:
    """A long reddit post that grows for hours, with calm and upset replies and cross-posts of its link."""
    brand, rng = week.brand, week.rng
    source = rng.choices(("reddit", "mastodon"), weights=(3, 1))[0]
    likes = rng.randrange(700, 3000) if source == "reddit" else rng.randrange(250, 900)
    text = fill(rng.choice(brand.viral_complaints), brand, rng)
    root = takes_off(week, source, week.new_author(source), start, text, likes, (4.0, 9.0, 1.0, 2.2), _spread("burst"))
    mid = root.mid_h  # replies and cross-posts come while it grows
    for _ in range(rng.randrange(4, 11)):
        pool = BURST_REPLIES_UPSET if rng.random() < 0.35 else BURST_REPLIES_CALM
        created = start + timedelta(hours=rng.uniform(0.5, mid + 6.0))
        text = rng.choice(pool)
        text = text.lower() if rng.random() < 0.3 else text
        week.add(
            source,
            week.new_author(source),
            created,
            text,
            rng.randrange(1, 80),
            in_reply_to=root.id,
            label=_spread("burst"),
        )
    for _ in range(rng.randrange(1, 3)):
        other = rng.choice(("bluesky", "mastodon"))
        created = start + timedelta(hours=rng.uniform(1.0, mid + 3.0))
        text = rng.choice(CROSSPOSTS).replace("{url}", root.url or root.id)
        week.add(other, week.new_author(other), created, text, rng.randrange(3, 120), label=_spread("burst"))


def _reach(week: Week, start: datetime) -> None:
    """A consumer journalist's measured post, and the update they post under it an hour or two later."""
    brand, rng = week.brand, week.rng
    handle, followers, template = rng.choice(brand.high_reach)
    followers = int(followers * rng.uniform(0.85, 1.15))
    source = rng.choice(("bluesky", "mastodon"))
    made = week.new_author(source, followers)
    author = type(made)(made.id, handle if source == "mastodon" else f"{handle}.bsky.social", followers)
    text = fill(template, brand, rng)
    root = takes_off(
        week, source, author, start, text, rng.randrange(200, 1200), (1.5, 4.0, 0.6, 1.3), _spread("reach")
    )
    update = start + timedelta(hours=rng.uniform(1.0, 3.0))
    week.add(
        source,
        author,
        update,
        rng.choice(REACH_UPDATES),
        rng.randrange(30, 250),
        in_reply_to=root.id,
        label=_spread("reach"),
    )


def _echo(week: Week, start: datetime) -> None:
    """One story retold over most of a day by 8-18 people, a fifth to two fifths of them not upset."""
    brand, rng = week.brand, week.rng
    story = rng.choice(brand.echoes)
    share = rng.choice(("ident", "link", "none"))
    name = _spread(f"echo-{story.name}-{share}")
    count = rng.randrange(8, 19)
    calm = rng.sample(RETELLINGS[story.name], min(len(RETELLINGS[story.name]), round(count * rng.uniform(0.2, 0.4))))
    upset = rng.sample(story.tellings, min(len(story.tellings), count - len(calm)))
    rest = upset[1:] + calm
    rng.shuffle(rest)
    tellings: list[tuple[str, str]] = [("", text) for text in [upset[0], *rest]]
    if rng.random() < 0.5:
        tellings.insert(rng.randrange(2, len(tellings)), FOREIGN_TELLINGS[story.name])
    span_h = rng.uniform(6.0, 24.0)
    offsets = sorted(span_h * rng.betavariate(1.1, 1.8) for _ in range(len(tellings) - 1))
    for (lang, text), offset in zip(tellings, [0.0, *offsets], strict=True):
        source = rng.choices(SOCIAL, weights=(4, 3, 3, 1))[0]
        if share == "link" and rng.random() < 0.6:
            text += " " + story.link
        elif share == "ident" and story.ident not in text and rng.random() < 0.5:
            text += f" ({story.ident})"
        if rng.random() < 0.2:
            text = text.lower()
        tag = lang if source in ("mastodon", "bluesky") else None  # "" is the platform's usual "en"
        likes = int(rng.lognormvariate(2.0, 1.1))
        week.add(source, week.new_author(source), start + timedelta(hours=offset), text, likes, lang=tag, label=name)


def _quick_echo(week: Week, start: datetime) -> None:
    """A handful of people within an hour or two telling one thing they saw, a hashtag at most in common."""
    rng = week.rng
    story = rng.choice(QUICK_ECHOES)
    share = rng.choice(("hashtag", "none"))
    count = rng.randrange(5, len(story.tellings) + 1)
    span_h = rng.uniform(0.75, 3.0)
    for index, text in enumerate(rng.sample(story.tellings, count)):
        source = rng.choices(("bluesky", "mastodon", "reddit"), weights=(5, 2, 2))[0]
        if share == "hashtag" and rng.random() < 0.7:
            text += " " + story.hashtag
        offset = 0.0 if index == 0 else span_h * rng.random()
        likes, label = int(rng.lognormvariate(2.4, 0.9)), _spread(f"echo-{story.name}-{share}")
        week.add(source, week.new_author(source), start + timedelta(hours=offset), text, likes, label=label)


def _wave(week: Week, start: datetime) -> None:
    """An app update breaks one thing: terse reviews, some mild, and a few posts about it elsewhere."""
    brand, rng = week.brand, week.rng

    def reword(story: Story, text: str, rating: int) -> str:
        if rng.random() < 0.25:
            text += rng.choice((f" since {story.ident}", f" (v{story.ident})", f" on {story.ident}"))
        if rating == 3:
            text = "Good app otherwise but " + text.lower()
        elif extra := rng.choice(WAVE_EXTRAS):
            text = f"{text} {extra}"
        return vary(text, rng, protect(brand), upset=rating <= 2, typos=0.08)

    story, span_h, label = review_wave(week, start, (3.0, 12.0), (15, 41), reword, (1, 1, 1, 1, 2, 2, 3), 9)
    for template in rng.sample(WAVE_SOCIAL, rng.randrange(2, 5)):
        source = rng.choice(("bluesky", "reddit"))
        created = start + timedelta(hours=rng.uniform(0.5, span_h))
        text = template.replace("{problem}", WAVE_PROBLEMS[story.name])
        week.add(source, week.new_author(source), created, text, rng.randrange(2, 40), label=label)


def _foreign(week: Week, start: datetime) -> None:
    """A post in Welsh, Polish or Romanian that takes off; a third of the time its client tagged it "en"."""
    brand, rng = week.brand, week.rng
    lang, template = rng.choice(brand.foreign_viral)
    source = rng.choice(("bluesky", "mastodon"))
    tag = lang if rng.random() < 0.65 else "en"
    label = _spread(f"foreign-{lang}")
    text, likes = fill(template, brand, rng), rng.randrange(350, 2000)
    root = takes_off(week, source, week.new_author(source), start, text, likes, (2.5, 6.0, 0.7, 1.6), label, lang=tag)
    for reply in rng.sample(FOREIGN_REPLIES[lang], rng.randrange(1, 3)):
        created = start + timedelta(hours=rng.uniform(0.5, 5.0))
        tag = lang if rng.random() < 0.65 else "en"  # each replier's client tags it its own way
        week.add(
            source,
            week.new_author(source),
            created,
            reply,
            rng.randrange(2, 60),
            lang=tag,
            in_reply_to=root.id,
            label=label,
        )


def _deadpan(week: Week, start: datetime) -> None:
    deadpan_post(week, start, _spread("deadpan"), mastodon=(300, 1200), elsewhere=(700, 3200))


def hard_negatives(week: Week) -> None:
    """What must not alert: viral praise, viral news, angry posts nobody shares, a repeater."""
    brand, rng = week.brand, week.rng

    def kind(name: str) -> dict[str, object]:
        return {"spreading": False, "kind": name}

    viral_praise(week, kind("viral_praise"))
    headline = rng.choice(brand.viral_news)
    when = week.random_moment()
    week.add(
        "rss",
        week.new_author("rss"),
        when,
        headline + ". The bank said customers need take no action.",
        0,
        label=kind("viral_news"),
    )
    other = "hackernews" if "takeover" in headline and rng.random() < 0.6 else "bluesky"
    for source, likes in (("reddit", rng.randrange(1200, 5000)), (other, rng.randrange(300, 1500))):
        created = when + timedelta(minutes=rng.uniform(5, 120))
        week.add(
            source,
            week.new_author(source),
            created,
            headline,
            likes,
            mid_h=rng.uniform(1.5, 4.0),
            follow_h=60.0,
            label=kind("viral_news"),
        )
    angry_posts(week, " Shower of clowns, I'm done with you.")
    rewording_repeater(week, kind("repeater"), waited=(3, 9), gap_h=(1.5, 6.0))

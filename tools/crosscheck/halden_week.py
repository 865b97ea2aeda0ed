"""Halden Hotels' week: seven spreading complaints of different kinds, and the hard negatives.

After the ordinary traffic, the chain's own (``halden_traffic``: stay reports, posts in the
guests' languages) and its busy day in one city (a topic burst), the week holds: an upset post that
takes off on Reddit or the travellers' forum, with replies and cross-posts; a travel blogger's post
(and, some weeks, the write-up in the blog's feed); a chain-wide story told by guests of different
hotels, some of them passing it on calmly, one in German or Dutch; a story of one hotel told by its
guests over a day or two in their languages; an app-review wave; a post in German, French, Spanish,
Italian or Dutch that takes off; a flatly told failure ("the room I booked had been given to
someone else"), half the weeks inside the busy day and in its city.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from tools.crosscheck.brands import Brand, Story, fill, protect
from tools.crosscheck.halden_stories import (
    BLOG_POSTS,
    BURST_REPLIES_CALM,
    BURST_REPLIES_UPSET,
    BUSY_DAYS,
    CROSSPOSTS,
    FOREIGN_REPLIES,
    FOREIGN_TELLINGS,
    LOCAL_ECHOES,
    LOCAL_SHARES,
    REACH_UPDATES,
    RETELLINGS,
    WAVE_PROBLEMS,
    WAVE_SOCIAL,
)
from tools.crosscheck.halden_traffic import TALK, busy_day, local_brand, stays
from tools.crosscheck.incidents import angry_posts, review_wave, rewording_repeater, takes_off
from tools.crosscheck.paraphrase import vary
from tools.crosscheck.week import STORES, Week, lang_tag, start_moments

WAVE_EXTRAS = ("", "", "", "please fix", "Fix it.", "1 star until fixed", "was fine before", "useless")


def halden_week(week: Week) -> None:
    """Everything after the ordinary traffic: stay reports, the busy day, the incidents, the decoys."""
    rng = week.rng
    stays(week)
    city, event, texts = rng.choice(BUSY_DAYS)
    day = rng.choice((0, 1, 2)) if event == "fair" else rng.choice((1, 2, 3, 4))
    window = busy_day(week, city, event, texts, day)
    spreading(week, window, city)
    hard_negatives(week)


def _spread(name: str) -> dict[str, object]:
    return {"spreading": True, "incident": name}


def spreading(week: Week, busy: tuple[datetime, datetime], city: str) -> None:
    """Seven spreading complaints: one starts at night, one at the weekend, the stories on weekdays."""
    rng = week.rng
    moments = start_moments(week, 4, night=(0.5, 3.5), weekend=(9.0, 20.0), day=(8.0, 22.5))
    _burst(week, moments[0])
    _reach(week, moments[1])
    _wave(week, moments[2])
    _foreign(week, moments[3])
    _chain_echo(week, week.at_local(rng.randrange(0, 5), rng.uniform(7.0, 14.0)))
    _local_echo(week, week.at_local(rng.randrange(0, 4), rng.uniform(6.5, 11.0)))
    if rng.random() < 0.5:  # a room given away on the busy day itself, in the busy city
        start = busy[0] + (busy[1] - busy[0]) * rng.uniform(0.1, 0.4)
        _deadpan(week, start, local_brand(week.brand, city))
    else:
        _deadpan(week, week.at_local(rng.randrange(0, 6), rng.uniform(9.0, 22.0)), week.brand)


def _burst(week: Week, start: datetime) -> None:
    """An upset post on Reddit or the travellers' forum that grows for hours, with replies and cross-posts."""
    brand, rng = week.brand, week.rng
    source = rng.choices(("reddit", "discourse"), weights=(3, 1))[0]
    likes = rng.randrange(600, 3000) if source == "reddit" else rng.randrange(150, 600)
    text = fill(rng.choice(brand.viral_complaints), brand, rng)
    root = takes_off(week, source, week.new_author(source), start, text, likes, (2.5, 7.0, 0.8, 2.0), _spread("burst"))
    for _ in range(rng.randrange(4, 12)):
        pool = BURST_REPLIES_UPSET if rng.random() < 0.35 else BURST_REPLIES_CALM
        created = start + timedelta(hours=rng.uniform(0.3, root.mid_h + 6.0))
        text = rng.choice(pool)
        week.add(
            source,
            week.new_author(source),
            created,
            text,
            rng.randrange(1, 90),
            in_reply_to=root.id,
            label=_spread("burst"),
        )
    for _ in range(rng.randrange(1, 4)):
        other = rng.choice(("bluesky", "mastodon"))
        created = start + timedelta(hours=rng.uniform(1.0, root.mid_h + 3.0))
        text = rng.choice(CROSSPOSTS).replace("{url}", root.url or root.id)
        week.add(other, week.new_author(other), created, text, rng.randrange(3, 150), label=_spread("burst"))


def _reach(week: Week, start: datetime) -> None:
    """A travel blogger's post, their update under it, and some weeks the write-up in the blog's feed."""
    brand, rng = week.brand, week.rng
    handle, followers, template = rng.choice(brand.high_reach)
    followers = int(followers * rng.uniform(0.85, 1.15))
    source = rng.choice(("bluesky", "mastodon"))
    made = week.new_author(source, followers)
    author = type(made)(made.id, handle if source == "mastodon" else f"{handle}.bsky.social", followers)
    text = fill(template, brand, rng)
    likes = rng.randrange(200, 1400)
    root = takes_off(week, source, author, start, text, likes, (1.2, 3.5, 0.5, 1.2), _spread("reach"))
    update = start + timedelta(hours=rng.uniform(1.0, 4.0))
    reply = rng.choice(REACH_UPDATES)
    week.add(source, author, update, reply, rng.randrange(30, 300), in_reply_to=root.id, label=_spread("reach"))
    if rng.random() < 0.5:
        created = start + timedelta(hours=rng.uniform(10.0, 22.0))
        headline = fill(rng.choice(BLOG_POSTS), brand, rng)
        week.add("rss", week.new_author("rss"), created, f"{headline}. By {handle}.", 0, label=_spread("reach"))


def _chain_echo(week: Week, start: datetime) -> None:
    """One chain-wide story told by 7-16 guests of different hotels over a day, some passing it on calmly."""
    brand, rng = week.brand, week.rng
    story = rng.choice(brand.echoes)
    share = rng.choice(("link", "hashtag", "ident", "none"))
    label = _spread(f"echo-{story.name}-{share}")
    count = rng.randrange(7, 17)
    calm = rng.sample(RETELLINGS[story.name], min(len(RETELLINGS[story.name]), round(count * rng.uniform(0.1, 0.35))))
    upset = rng.sample(story.tellings, min(len(story.tellings), count - len(calm)))
    rest = upset[1:] + calm
    rng.shuffle(rest)
    tellings = [("", text) for text in [upset[0], *rest]]
    if rng.random() < 0.6:
        tellings.insert(rng.randrange(2, len(tellings)), FOREIGN_TELLINGS[story.name])
    span_h = rng.uniform(5.0, 22.0)
    offsets = sorted(span_h * rng.betavariate(1.2, 2.0) for _ in range(len(tellings) - 1))
    for (lang, text), offset in zip(tellings, [0.0, *offsets], strict=True):
        source = rng.choices(TALK, weights=(4, 4, 2, 3, 1))[0]
        text = fill(text, brand, rng)
        if share == "link" and rng.random() < 0.6:
            text += " " + story.link
        elif share == "hashtag" and rng.random() < 0.65:
            text += " " + story.hashtag
        elif share == "ident" and story.ident not in text and rng.random() < 0.5:
            text += f" ({story.ident} on the statement)" if story.name == "deposit-twice" else f" ({story.ident})"
        tag = lang_tag(source, lang, 0.0) if lang else ""
        likes = int(rng.lognormvariate(2.2, 1.0))
        week.add(source, week.new_author(source), start + timedelta(hours=offset), text, likes, lang=tag, label=label)


def _local_echo(week: Week, start: datetime) -> None:
    """One hotel's trouble told by 5-9 of its guests over one or two days, in their own languages."""
    brand, rng = week.brand, week.rng
    name = rng.choice(list(LOCAL_ECHOES))
    hotel = rng.choice(brand.fill["hotel"])
    hashtag, link = LOCAL_SHARES[name]
    share = rng.choice(("hashtag", "link", "none"))
    label = _spread(f"echo-{name}-{share}")
    tellings = rng.sample(LOCAL_ECHOES[name], rng.randrange(5, 10))
    span_h = rng.uniform(14.0, 40.0)
    for index, (lang, template) in enumerate(tellings):
        text = template.replace("{hotel}", hotel)
        if share == "hashtag" and rng.random() < 0.6:
            text += " " + hashtag
        elif share == "link" and rng.random() < 0.5:
            text += " " + link
        created = start + timedelta(hours=0.0 if index == 0 else span_h * rng.random())
        source = rng.choices(("reddit", "bluesky", "mastodon", "discourse", "googleplay"), weights=(3, 4, 2, 3, 1))[0]
        if source in STORES:  # a guest venting in the app's reviews
            week.add(
                source,
                week.new_author(source),
                created,
                text,
                rng.randrange(0, 10),
                rating=1,
                follow_h=24.0,
                label=label,
            )
            continue
        likes = int(rng.lognormvariate(2.3, 1.0))
        tag = lang_tag(source, lang, rng.random()) if lang else ""
        week.add(source, week.new_author(source), created, text, likes, lang=tag, label=label)


def _wave(week: Week, start: datetime) -> None:
    """An app update breaks one thing: short reviews, some mild, some not in English, a few posts elsewhere."""
    brand, rng = week.brand, week.rng

    def reword(story: Story, text: str, rating: int) -> str:
        if rng.random() < 0.25:
            text += rng.choice((f" ({story.ident})", f" since {story.ident}", f" on version {story.ident}"))
        if rating == 3:
            text = "Nice app otherwise but " + text[0].lower() + text[1:]
        elif extra := rng.choice(WAVE_EXTRAS):
            text = f"{text}. {extra}"
        return vary(text, rng, protect(brand), upset=rating <= 2, typos=0.05)

    story, span_h, label = review_wave(week, start, (3.0, 12.0), (14, 40), reword, (1, 1, 1, 1, 2, 2, 3), 10)
    for template in rng.sample(WAVE_SOCIAL, rng.randrange(1, 4)):
        source = rng.choice(("bluesky", "reddit", "mastodon"))
        created = start + timedelta(hours=rng.uniform(0.5, span_h))
        text = template.replace("{problem}", WAVE_PROBLEMS[story.name])
        week.add(source, week.new_author(source), created, text, rng.randrange(2, 40), label=label)


def _foreign(week: Week, start: datetime) -> None:
    """A post in a guest's own language that takes off, with replies in that language."""
    brand, rng = week.brand, week.rng
    lang, template = rng.choice(brand.foreign_viral)
    source = rng.choices(("bluesky", "mastodon", "reddit"), weights=(4, 2, 1))[0]
    label = _spread(f"foreign-{lang}")
    text = fill(template, brand, rng)
    likes = rng.randrange(150, 800) if source == "mastodon" else rng.randrange(350, 2200)
    root = takes_off(
        week,
        source,
        week.new_author(source),
        start,
        text,
        likes,
        (2.0, 6.0, 0.6, 1.6),
        label,
        lang_tag(source, lang, rng.random()),
    )
    for reply in rng.sample(FOREIGN_REPLIES[lang], rng.randrange(1, 4)):
        created = start + timedelta(hours=rng.uniform(0.4, 5.0))
        tag = lang_tag(source, lang, rng.random())
        week.add(
            source,
            week.new_author(source),
            created,
            reply,
            rng.randrange(2, 70),
            lang=tag,
            in_reply_to=root.id,
            label=label,
        )


def _deadpan(week: Week, start: datetime, brand: Brand) -> None:
    """A failure reported flatly or drily, that takes off."""
    rng = week.rng
    source = rng.choices(("reddit", "bluesky", "mastodon", "discourse"), weights=(3, 3, 1, 1))[0]
    likes = {"mastodon": (250, 1100), "discourse": (120, 450)}.get(source, (600, 3000))
    text = fill(rng.choice(brand.deadpan), brand, rng)
    growth = (1.5, 5.0, 0.5, 1.4)
    takes_off(week, source, week.new_author(source), start, text, rng.randrange(*likes), growth, _spread("deadpan"))


def hard_negatives(week: Week) -> None:
    """What must not alert: viral praise, a viral opening or deal, angry posts nobody shares, a repeater."""
    brand, rng = week.brand, week.rng

    def kind(name: str) -> dict[str, object]:
        return {"spreading": False, "kind": name}

    source = rng.choice(("reddit", "bluesky", "discourse"))
    praise = fill(rng.choice(brand.viral_praise), brand, rng)
    likes = rng.randrange(300, 900) if source == "discourse" else rng.randrange(1800, 8000)
    takes_off(
        week,
        source,
        week.new_author(source),
        week.random_moment(),
        praise,
        likes,
        (2.0, 5.0, 0.6, 1.4),
        kind("viral_praise"),
    )
    headline = rng.choice(brand.viral_news)
    when = week.random_moment()
    dek = " The company said guests with existing bookings are not affected."
    week.add("rss", week.new_author("rss"), when, headline + "." + dek, 0, label=kind("viral_news"))
    other = "hackernews" if "bought" in headline and rng.random() < 0.5 else rng.choice(("bluesky", "mastodon"))
    for source, likes in (("reddit", rng.randrange(900, 4500)), (other, rng.randrange(250, 1400))):
        created = when + timedelta(minutes=rng.uniform(5, 150))
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
    angry_posts(week, " Worst hotel I've ever stayed in, I'm done with you.")
    rewording_repeater(week, kind("repeater"), waited=(10, 30), gap_h=(2.0, 7.0))

"""Driftborne's week: seven spreading complaints of different kinds, and the hard negatives.

After the ordinary traffic, the players' own (``driftborne_traffic``: banter, memes, chatter, other
languages) and patch day (a topic burst), the week holds: a streamer's ban, told to hundreds of
thousands, with fans piling in under it and a clip of it on Reddit; a store bundle charged but never
delivered, told by players in their own words and currencies, some weeks all quoting one error
code, or each their own store order in one format, or the megathread's link, or nothing shared; a
progress wipe after the patch, told calmly by some and sarcastically by others over a day or more,
half the weeks starting inside patch day; a wave of one-star mobile reviews when the anti-cheat stops
the game from starting; a post in Portuguese or Spanish that takes off, with replies in it, some
tagged "en"; an account-theft post whose replies are other victims and sceptics; and a deadpan
post that reads as praise. Besides the five hard negatives every brand has, a known troll's rage
post gets dunked on: hundreds of replies, nobody agreeing.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta

from tools.crosscheck.brands import Story, fill, protect
from tools.crosscheck.driftborne_stories import (
    CLIP_TITLES,
    FAN_REPLIES,
    FOREIGN_REPLIES,
    PURCHASE,
    PURCHASE_CODE,
    PURCHASE_PASSED_ON,
    PURCHASE_PRICES,
    STREAMER_UPDATES,
    THEFT_CROSSPOSTS,
    THEFT_REPLIES_CALM,
    THEFT_REPLIES_UPSET,
    TROLL_RANTS,
    TROLL_REPLIES,
    TROLL_ROOTS,
    TROLLS,
    WAVE_SOCIAL,
    WIPE_CALM,
    WIPE_FOREIGN,
    WIPE_HASHTAG,
    WIPE_PASSED_ON,
    WIPE_SARCASTIC,
)
from tools.crosscheck.driftborne_traffic import TALK, PatchDay, everyday, patch_day, patched
from tools.crosscheck.incidents import (
    angry_posts,
    deadpan_post,
    review_wave,
    rewording_repeater,
    takes_off,
    viral_praise,
)
from tools.crosscheck.model import Author, Post
from tools.crosscheck.paraphrase import vary
from tools.crosscheck.week import STORES, Week, lang_tag, start_moments

Label = dict[str, object]
UNPATCHED = ("the update", "the patch", "today's patch", "the new patch")  # how players name it without a number


def driftborne_week(week: Week) -> None:
    """Everything after the ordinary traffic: the players' banter, patch day, the incidents, the decoys."""
    everyday(week)
    patch = patch_day(week)
    spreading(week, patch)
    hard_negatives(week, patch)


def _spread(name: str) -> Label:
    return {"spreading": True, "incident": name}


def _kind(name: str) -> Label:
    return {"spreading": False, "kind": name}


def _named(week: Week, source: str, handle: str, followers: int | None) -> Author:
    """An author whose handle is known (a streamer, a troll), shaped like the platform's."""
    made = week.new_author(source, followers)
    return Author(made.id, f"{handle.lower()}.bsky.social" if source == "bluesky" else handle, followers)


def _thread(
    week: Week,
    root: Post,
    replies: Sequence[tuple[str, str | None]],
    likes: tuple[int, int],
    label: Label,
) -> None:
    """``replies`` (text, language tag) posted under ``root`` by other people while it grows."""
    rng = week.rng
    for text, lang in replies:
        created = root.created + timedelta(hours=rng.uniform(0.3, root.mid_h + 5.0))
        author = week.new_author(root.source)
        week.add(root.source, author, created, text, rng.randrange(*likes), lang=lang, in_reply_to=root.id, label=label)


def spreading(week: Week, patch: PatchDay) -> None:
    """Seven spreading complaints: one starts at night, one at the weekend (by Sunday afternoon: in US Eastern
    time the week ends at 7pm on Sunday), the wipe follows the patch."""
    rng = week.rng
    incidents = (_theft, _wave, _foreign, _deadpan)
    for incident, moment in zip(incidents, start_moments(week, 4, (0.5, 4.0), (9.0, 14.0), (9.0, 23.5)), strict=True):
        incident(week, moment)
    _reach(week, week.at_local(rng.randrange(0, 6), rng.uniform(19.0, 26.5)))  # streams run late
    _purchase(week, week.at_local(rng.randrange(0, 5), rng.uniform(10.0, 23.0)))
    _wipe(week, patch)


def _reach(week: Week, start: datetime) -> None:
    """A streamer banned on stream: their post, fans replying, their update, some weeks a clip on Reddit."""
    rng = week.rng
    handle, followers, text = rng.choice(week.brand.high_reach)
    followers = int(followers * rng.uniform(0.85, 1.15))
    source = rng.choices(("bluesky", "mastodon"), weights=(7, 3))[0]
    author = _named(week, source, handle, followers)
    likes = rng.randrange(700, 3500) if source == "bluesky" else rng.randrange(250, 1000)
    label = _spread("reach")
    root = takes_off(week, source, author, start, text, likes, (0.8, 2.5, 0.4, 1.0), label)
    fans = [(text, "") for text in rng.sample(FAN_REPLIES, rng.randrange(3, 7))]
    _thread(week, root, fans, (2, 150), label)
    update = start + timedelta(hours=rng.uniform(1.0, 4.0))
    reply = rng.choice(STREAMER_UPDATES)
    week.add(source, author, update, reply, rng.randrange(80, 600), in_reply_to=root.id, label=label)
    if rng.random() < 0.65:
        clip = rng.choice(CLIP_TITLES).replace("{handle}", handle)
        poster = week.new_author("reddit")
        moment = start + timedelta(hours=rng.uniform(1.5, 6.0))
        takes_off(week, "reddit", poster, moment, clip, rng.randrange(800, 4500), (1.5, 4.0, 0.6, 1.4), label)


def _store_order(week: Week) -> str:
    rng = week.rng
    number = f"DB-{rng.randrange(1000, 10000)}-{rng.randrange(100_000, 1_000_000)}"
    return rng.choice((f"order #{number}", f"(order {number})", f"receipt {number}", f"order id {number}"))


def _purchase(week: Week, start: datetime) -> None:
    """A bundle charged and never delivered, told by 7-14 players in their own words and currencies."""
    rng = week.rng
    share = rng.choice(("code", "order", "link", "none"))
    label = _spread(f"echo-{PURCHASE.name}-{share}")
    passed = rng.sample(PURCHASE_PASSED_ON, rng.randrange(0, 3))
    told = rng.sample(PURCHASE.tellings, rng.randrange(7, 15) - len(passed))
    rest = [(text, True) for text in told[1:]] + [(text, False) for text in passed]
    rng.shuffle(rest)
    span_h = rng.uniform(10.0, 30.0)
    offsets = sorted(span_h * rng.betavariate(1.2, 2.0) for _ in rest)
    for (text, bought), offset in zip([(told[0], True), *rest], [0.0, *offsets], strict=True):
        text = text.replace("{paid}", rng.choice(PURCHASE_PRICES))
        if bought and share == "code" and rng.random() < 0.7:
            text += rng.choice((" ", ". ", ", ")) + rng.choice(PURCHASE_CODE)
        elif bought and share == "order" and rng.random() < 0.7:
            text += " " + _store_order(week)
        elif share == "link" and rng.random() < 0.6:
            text += " " + PURCHASE.link
        created = start + timedelta(hours=offset)
        if "mobile" in text:  # told where the mobile player bought it: a one-star review
            store = rng.choice(STORES)
            likes = rng.randrange(0, 8)
            week.add(store, week.new_author(store), created, text, likes, rating=1, follow_h=24.0, label=label)
            continue
        source = rng.choices(TALK, weights=(4, 3, 3, 1, 1))[0]
        likes = int(rng.lognormvariate(2.1, 1.0))
        week.add(source, week.new_author(source), created, text, likes, label=label)


def _wipe(week: Week, patch: PatchDay) -> None:
    """Progress wiped by the patch: 8-18 tellings, calm and sarcastic, over a day or more."""
    rng = week.rng
    if rng.random() < 0.5:  # noticed the same evening, inside the patch-day burst
        start = patch.start + (patch.end - patch.start) * rng.uniform(0.3, 0.6)
    else:  # noticed when players log in the next morning
        start = week.at_local(patch.day + 1, rng.uniform(7.0, 11.0))
    share = rng.choice(("version", "hashtag", "none"))
    label = _spread(f"echo-progress-wipe-{share}")
    count = rng.randrange(8, 19)
    calm = rng.sample(WIPE_CALM, min(len(WIPE_CALM), round(count * rng.uniform(0.35, 0.55))))
    passed = rng.sample(WIPE_PASSED_ON, rng.randrange(0, 3))
    joked = rng.sample(WIPE_SARCASTIC, min(len(WIPE_SARCASTIC), count - len(calm) - len(passed)))
    first = rng.choice((calm, joked))
    rest = [text for text in calm + joked + passed if text != first[0]]
    rng.shuffle(rest)
    tellings: list[tuple[str, str]] = [("", text) for text in [first[0], *rest]]
    if rng.random() < 0.5:
        tellings.insert(rng.randrange(2, len(tellings)), WIPE_FOREIGN)
    span_h = rng.uniform(8.0, 36.0)
    offsets = sorted(span_h * rng.betavariate(1.2, 2.2) for _ in tellings[1:])
    for (lang, text), offset in zip(tellings, [0.0, *offsets], strict=True):
        name = patch.version if share == "version" else rng.choice(UNPATCHED)
        text = text.replace("{patch}", name)
        if share == "hashtag" and rng.random() < 0.65:
            text += " " + WIPE_HASHTAG
        source = rng.choices(TALK, weights=(4, 3, 3, 2, 1))[0]
        tag = lang_tag(source, lang, rng.random()) if lang else ""
        likes = int(rng.lognormvariate(2.2, 1.0))
        week.add(source, week.new_author(source), start + timedelta(hours=offset), text, likes, lang=tag, label=label)


def _theft(week: Week, start: datetime) -> None:
    """A stolen account: the post takes off, other victims and sceptics reply, a few cross-post it."""
    brand, rng = week.brand, week.rng
    source = rng.choices(("reddit", "discourse"), weights=(7, 3))[0]
    likes = rng.randrange(500, 2500) if source == "reddit" else rng.randrange(100, 450)
    label = _spread("burst")
    text = fill(rng.choice(brand.viral_complaints), brand, rng)
    root = takes_off(week, source, week.new_author(source), start, text, likes, (2.5, 7.0, 0.8, 2.0), label)
    said = rng.sample(THEFT_REPLIES_UPSET, rng.randrange(2, 5)) + rng.sample(THEFT_REPLIES_CALM, rng.randrange(2, 5))
    rng.shuffle(said)
    replies = [(text.replace("{ticket}", f"IL-{rng.randrange(1_000_000, 10_000_000)}"), "") for text in said]
    _thread(week, root, replies, (1, 90), label)
    for template in rng.sample(THEFT_CROSSPOSTS, rng.randrange(1, 3)):
        other = rng.choice(("bluesky", "mastodon"))
        created = start + timedelta(hours=rng.uniform(1.0, root.mid_h + 3.0))
        text = template.replace("{url}", root.url or root.id)
        week.add(other, week.new_author(other), created, text, rng.randrange(3, 150), label=label)


def _wave(week: Week, start: datetime) -> None:
    """The mobile anti-cheat stops the game starting: one-star reviews in different words, a few posts."""
    brand, rng = week.brand, week.rng

    def reword(story: Story, text: str, rating: int) -> str:
        if rng.random() < 0.2 and story.ident not in text:
            text += rng.choice((f" ({story.ident})", f". error {story.ident}", f" {story.ident} again"))
        if rating == 3 and text.isascii():  # an English player who still likes the game
            text = "fun game when it runs, but " + text[0].lower() + text[1:]
        elif rng.random() < 0.3:
            text += rng.choice((". refund me", ". FIX IT", " 😡", ". uninstalled", ". 1 star till fixed"))
        return vary(text, rng, protect(brand), upset=rating <= 2, typos=0.07)

    _, span_h, label = review_wave(week, start, (3.0, 14.0), (15, 41), reword, (1, 1, 1, 1, 1, 2, 2, 3), 15)
    for text in rng.sample(WAVE_SOCIAL, rng.randrange(1, 4)):
        source = rng.choice(("reddit", "bluesky", "discourse"))
        created = start + timedelta(hours=rng.uniform(0.5, span_h))
        week.add(source, week.new_author(source), created, text, rng.randrange(2, 60), label=label)


def _foreign(week: Week, start: datetime) -> None:
    """A Brazilian or Spanish-speaking player's post that takes off, replies in their language."""
    brand, rng = week.brand, week.rng
    lang, text = rng.choice(brand.foreign_viral)
    source = rng.choices(("bluesky", "mastodon", "reddit"), weights=(4, 2, 2))[0]
    likes = rng.randrange(150, 700) if source == "mastodon" else rng.randrange(400, 2500)
    label = _spread(f"foreign-{lang}")
    tag = lang_tag(source, lang, rng.random())
    root = takes_off(week, source, week.new_author(source), start, text, likes, (2.0, 6.0, 0.6, 1.6), label, tag)
    said = rng.sample(FOREIGN_REPLIES[lang], rng.randrange(2, len(FOREIGN_REPLIES[lang]) + 1))
    _thread(week, root, [(reply, lang_tag(source, lang, rng.random())) for reply in said], (2, 80), label)


def _deadpan(week: Week, start: datetime) -> None:
    """A failure told as dry praise that takes off."""
    deadpan_post(week, start, _spread("deadpan"), mastodon=(250, 1000), elsewhere=(700, 3500))


def hard_negatives(week: Week, patch: PatchDay) -> None:
    """What must not alert: the five every brand has, and a troll dunked on."""
    brand, rng = week.brand, week.rng

    viral_praise(week, _kind("viral_praise"))
    headline = rng.choice(brand.viral_news)
    when = week.random_moment()
    dek = ". Ironleaf shared the details in a dev blog."
    week.add("rss", week.new_author("rss"), when, headline + dek, 0, label=_kind("viral_news"))
    official = _named(week, "bluesky", "DriftborneGame", rng.randrange(280_000, 420_000))  # the game's own account
    posters = (("reddit", week.new_author("reddit"), (1500, 6000)), ("bluesky", official, (500, 2500)))
    for source, author, likes_range in posters:
        created = when + timedelta(minutes=rng.uniform(5, 90))
        likes, mid_h = rng.randrange(*likes_range), rng.uniform(1.5, 4.0)
        week.add(source, author, created, headline, likes, mid_h=mid_h, follow_h=60.0, label=_kind("viral_news"))
    angry_posts(week, " Uninstalled, I'm done with this game.")
    rewording_repeater(week, _kind("repeater"), waited=(2, 12), gap_h=(1.0, 5.0))
    _troll(week, patch, _kind("troll_dunk"))


def _troll(week: Week, patch: PatchDay, label: Label) -> None:
    """A known troll: rants nobody answers, then a rage post after the patch that hundreds reply to, mocking."""
    rng = week.rng
    source = rng.choices(("reddit", "bluesky"), weights=(7, 3))[0]
    author = _named(week, source, rng.choice(TROLLS), rng.randrange(40, 900))
    for text in rng.sample(TROLL_RANTS, rng.randrange(2, 4)):
        week.add(source, author, week.random_moment(), text, rng.randrange(0, 3), label=label)
    start = patch.end - (patch.end - patch.start) * rng.uniform(0.1, 0.5)
    text = fill(rng.choice(TROLL_ROOTS), patched(week.brand, (patch.version,)), rng)
    root = takes_off(week, source, author, start, text, rng.randrange(8, 45), (1.0, 3.0, 0.5, 1.2), label)
    root.finals["replies"] = rng.randrange(180, 650)  # everyone answers, nobody agrees
    root.finals["reposts"] = rng.randrange(0, 6)
    if source == "bluesky":
        root.finals["quotes"] = rng.randrange(30, 140)  # quote-posts dunking on it
    dunks = [(text, "") for text in rng.sample(TROLL_REPLIES, rng.randrange(10, 15))]
    _thread(week, root, dunks, (1, 150), label)

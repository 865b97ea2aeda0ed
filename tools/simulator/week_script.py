"""What happens in a simulated week besides ordinary traffic: complaints that spread, and decoys.

Every kind of spreading complaint repmon must catch (an engagement burst, a high-reach author, one
event retold across sources in people's own words, a wave of app reviews, a non-English complaint,
a failure reported in plain or sarcastic words) and every hard negative it must stay quiet on
(viral praise, viral news with negative words, an angry post nobody engages with, one with ordinary
engagement, one person posting the same complaint again and again). Days, hours, sources, wording
and sizes all come from the seed, so no two weeks place them alike.
"""

from __future__ import annotations

from collections.abc import Callable

from tools.simulator.model import Curve, Post, sat, takeoff
from tools.simulator.weeks import INTERVALS, WEEK, WeekSim, WeekSlots, week_start, wfill

VIRAL = WEEK["viral"]
SOCIAL = ("bluesky", "mastodon", "reddit")


def _spread(sim: WeekSim, scale: float) -> dict[str, Curve | float]:
    """Counters of a post that takes off: slow start, a steep climb within the hour, saturation."""
    r = sim.rng
    likes = scale * r.uniform(0.7, 1.4)
    mid, width = r.uniform(35, 75), r.uniform(8, 16)
    return {
        "likes": takeoff(likes, mid, width),
        "reposts": takeoff(likes * r.uniform(0.15, 0.35), mid + 5, width),
        "replies": takeoff(likes * r.uniform(0.06, 0.15), mid + 5, width),
        "quotes": takeoff(likes * 0.04, mid + 10, width),
    }


def _replies(sim: WeekSim, parent: Post, minute: float, texts: list[str], incident: str, kind: str) -> None:
    r = sim.rng
    for text in texts:
        minute += r.uniform(6, 25)
        body = f"@{parent.author.handle} {text}" if parent.source in ("mastodon", "bluesky") else text
        reply = sim.post(parent.source, minute, body, kind="complaint", reply_to=parent, counters={"likes": sat(4)})
        sim.label(reply, True, incident, kind)


ECHO_REPLIES = [
    "Same thing happened to me last month, they never fixed it.",
    "This is disgraceful. Hope you get it sorted.",
    "Unbelievable. Sharing so more people see this.",
]


def burst(sim: WeekSim, minute: float) -> None:
    r = sim.rng
    source = r.choice(SOCIAL)
    op = sim.post(source, minute, wfill(r, r.choice(VIRAL["burst"])), kind="complaint", counters=_spread(sim, 900))
    op.watch = 720
    sim.label(op, True, "burst", "burst")
    _replies(sim, op, minute + 40, r.sample(ECHO_REPLIES, 2), "burst", "burst")


def high_reach(sim: WeekSim, minute: float) -> None:
    r = sim.rng
    source = r.choice(["bluesky", "mastodon"])
    author = sim.new_author(source, followers=r.randint(90_000, 320_000))
    text = wfill(r, r.choice(VIRAL["high_reach"]))
    op = sim.post(source, minute, text, kind="complaint", author=author, counters=_spread(sim, 260))
    op.watch = 720
    sim.label(op, True, "high-reach", "high_reach")


def foreign(sim: WeekSim, minute: float) -> None:
    r = sim.rng
    lang, template = r.choice(VIRAL["foreign"])
    op = sim.post(r.choice(SOCIAL), minute, wfill(r, template), kind="complaint", lang=lang, counters=_spread(sim, 700))
    op.watch = 720
    sim.label(op, True, "foreign-viral", "foreign")


def plain_failure(sim: WeekSim, minute: float) -> None:
    r = sim.rng
    text = wfill(r, r.choice(VIRAL["plain_failure"]))
    op = sim.post(r.choice(SOCIAL), minute, text, kind="complaint", counters=_spread(sim, 600))
    op.watch = 720
    sim.label(op, True, "plain-failure", "plain_failure")


def echo(sim: WeekSim, minute: float) -> None:
    """One event retold by six to eight people on three sources over two or three hours."""
    r = sim.rng
    story = r.choice(WEEK["echo_stories"])
    slots = WeekSlots(r)
    texts = r.sample(story["posts"], r.randint(6, min(8, len(story["posts"]))))
    for index, template in enumerate(texts):
        source = SOCIAL[index % 3] if index < 3 else r.choice(SOCIAL)
        at = minute + (0 if index == 0 else r.uniform(8, 170))
        post = sim.post(
            source, at, wfill(r, template, slots), kind="complaint", counters={"likes": sat(r.uniform(2, 9))}
        )
        post.watch = 300
        sim.label(post, True, story["name"], "echo")


def app_wave(sim: WeekSim, minute: float) -> None:
    """A bad app release: one-star reviews about the same failure within a few hours, and a post or two."""
    r = sim.rng
    wave = r.choice(WEEK["app_waves"])
    slots = WeekSlots(r)
    for title, body in r.sample(wave["reviews"], r.randint(7, len(wave["reviews"]))):
        at = minute + r.uniform(0, 200)
        post = sim.post("appstore", at, wfill(r, f"{title}\n{body}", slots), kind="review", rating=r.choice([1, 1, 2]))
        sim.label(post, True, wave["name"], "app_wave")
    for template in wave["social"]:
        post = sim.post(r.choice(SOCIAL), minute + r.uniform(40, 200), wfill(r, template, slots), kind="complaint")
        sim.label(post, True, wave["name"], "app_wave")


def viral_praise(sim: WeekSim, minute: float) -> None:
    r = sim.rng
    op = sim.post(
        r.choice(SOCIAL), minute, wfill(r, r.choice(VIRAL["praise"])), kind="praise", counters=_spread(sim, 2500)
    )
    op.watch = 720
    sim.label(op, False, None, "viral_praise")


def viral_news(sim: WeekSim, minute: float) -> None:
    r = sim.rng
    source = r.choice(["reddit", "hackernews"])
    headline = wfill(r, r.choice(VIRAL["news"]))
    op = sim.post(source, minute, headline, kind="news", counters=_spread(sim, 700))
    op.watch = 720
    sim.label(op, False, None, "viral_news")


def angry_ignored(sim: WeekSim, minute: float) -> None:
    r = sim.rng
    source = r.choice(SOCIAL)
    op = sim.post(source, minute, wfill(r, r.choice(VIRAL["angry"])), kind="complaint", counters={"likes": 0})
    sim.label(op, False, None, "angry_ignored")


def angry_ordinary(sim: WeekSim, minute: float) -> None:
    r = sim.rng
    source = r.choice(SOCIAL)
    op = sim.post(source, minute, wfill(r, r.choice(VIRAL["angry"])), kind="complaint")
    sim.label(op, False, None, "angry_ordinary")


def repeater(sim: WeekSim, minute: float) -> None:
    """One customer posts the same complaint a dozen times: one voice, however often it speaks."""
    r = sim.rng
    source = r.choice(SOCIAL)
    author = sim.new_author(source)
    slots = WeekSlots(r)
    template = r.choice(VIRAL["repeat"])
    for index in range(r.randint(8, 12)):
        slots["n"] = str(12 + index)
        at = minute + index * r.uniform(25, 70)
        if at > sim.end - 60:
            break
        post = sim.post(source, at, wfill(r, template, slots), kind="complaint", author=author)
        sim.label(post, False, None, "repeater")


SPREADING: list[Callable[[WeekSim, float], None]] = [burst, high_reach, echo, app_wave, foreign, plain_failure]
HARD_NEGATIVES: list[Callable[[WeekSim, float], None]] = [
    viral_praise,
    viral_news,
    angry_ignored,
    angry_ordinary,
    repeater,
]


def build_week(seed: int, index: int = 0, *, days: int = 7, per_day: int = 330) -> WeekSim:
    """A week of traffic with one of each spreading complaint and each hard negative, placed by the seed."""
    start = week_start(index)
    sim = WeekSim(seed, start.strftime("%Y-%m-%dT%H:%M:%SZ"), days * 24.0, intervals=dict(INTERVALS))
    r = sim.rng
    sim.ordinary_days(days, per_day)
    storm = r.randrange(days)
    for post in sim.storm_day(storm, r.randint(60, 110)):
        sim.label(post, False, None, "topic_burst")
    events = SPREADING + HARD_NEGATIVES
    r.shuffle(events)
    for number, event in enumerate(events):
        day = number % days
        hour = r.uniform(7, 20) if r.random() < 0.8 else r.uniform(0, 6)
        event(sim, min(day * 1440 + hour * 60, sim.end - 300))  # room to be seen spreading before the end
    return sim


INTERVALS_OVERRIDE = {
    "hackernews": 20.0,
    "reddit": 20.0,
    "mastodon": 20.0,
    "bluesky": 20.0,
    "rss": 60.0,
    "appstore": 60.0,
}

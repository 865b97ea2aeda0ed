"""Simulated background weeks: thousands of ordinary posts with a few labelled incidents and decoys.

The bundled scenarios are single days built around one story each. A week is the harder test:
hundreds of independent everyday complaints on a few recurring topics (delays, queues, seats, food,
app logins, bags) that share their topic's words but not their specifics, a storm day when the delay
complaints pile up without being one complaint, and, on random days and hours, the complaints that do
spread (see ``week_script``). Weeks are generated from a seed at test time rather than committed:
one is ~10-15 MB of JSON Lines.
"""

from __future__ import annotations

import random
import re
from datetime import datetime, timedelta

from tools.simulator.chatter import Sim
from tools.simulator.model import Post
from tools.simulator.pools import NEUTRAL, NEWS, PRAISE, Slots, load

WEEK = load("week")
TOPICS: dict[str, list[str]] = WEEK["topics"]
TOPIC_WEIGHTS = {"delays": 30, "queues": 18, "seats": 16, "food": 10, "logins": 14, "baggage": 12}
# Share of posts per 6-hour block of the day (UTC night, morning, afternoon, evening).
DAY_SHAPE = (0.12, 0.28, 0.33, 0.27)
INTERVALS = {"hackernews": 20.0, "reddit": 20.0, "mastodon": 20.0, "bluesky": 20.0, "rss": 60.0, "appstore": 60.0}
MIX = {"bluesky": 26, "mastodon": 18, "reddit": 22, "hackernews": 8, "rss": 6, "appstore": 20}

WEEK_BASE_SEED = 7000
WEEK_STARTS = ("2027-01-04T00:00:00Z", "2027-02-08T00:00:00Z", "2027-03-15T00:00:00Z")


class WeekSlots(Slots):
    """The simulator's slots plus the ones everyday complaints name (minutes, gates, rows, seats)."""

    def __missing__(self, key: str) -> str:
        r = self.rng
        extra = {
            "minutes": lambda: str(r.choice([20, 25, 35, 40, 45, 50, 55, 70, 80, 90, 110])),
            "minutes2": lambda: str(r.choice([45, 50, 55, 65, 75])),
            "gate": lambda: f"{r.choice('ABCDE')}{r.randint(1, 48)}",
            "row": lambda: str(r.randint(3, 38)),
            "seat": lambda: r.choice("ABCDEF"),
            "version": lambda: f"{r.randint(6, 9)}.{r.randint(0, 12)}.{r.randint(0, 4)}",
            "n": lambda: str(r.randint(12, 40)),
        }
        if key not in extra:
            return super().__missing__(key)
        value = extra[key]()
        self[key] = value
        return value


_CHOICE = re.compile(r"\[([^\[\]]*\|[^\[\]]*)\]")


def wfill(rng: random.Random, template: str, slots: Slots | None = None) -> str:
    """Fill ``{slots}`` and pick one of each ``[a|b|c]``."""
    chosen = _CHOICE.sub(lambda m: rng.choice(m.group(1).split("|")), template)
    return chosen.format_map(slots if slots is not None else WeekSlots(rng))


class WeekSim(Sim):
    """Chatter composed from parts, so a week of it holds hundreds of everyday complaints, all different."""

    def everyday_complaint(self, topic: str | None = None) -> str:
        r = self.rng
        topic = topic or r.choices(list(TOPIC_WEIGHTS), weights=list(TOPIC_WEIGHTS.values()))[0]
        frame = r.choice(WEEK["frames"])
        core = r.choice(TOPICS[topic])
        template = frame.replace("{opener}", r.choice(WEEK["openers"])).replace("{tail}", r.choice(WEEK["tails"]))
        text = wfill(r, template.replace("{core}", core))
        return text[0].upper() + text[1:] if r.random() < 0.5 else text

    def _everyday_text(self, kind: str) -> str:
        r = self.rng
        if kind in ("complaint", "gripe"):
            return self.everyday_complaint()
        section = WEEK["praise"] if kind == "praise" else WEEK["neutral"]
        if kind == "praise" and r.random() < 0.6:
            return wfill(r, r.choice(section["frames"]).replace("{core}", r.choice(section["cores"])))
        if kind == "neutral" and r.random() < 0.6:
            return wfill(r, r.choice(section["cores"]))
        return wfill(r, r.choice(PRAISE if kind == "praise" else NEUTRAL))

    def _chatter(self, source: str, minute: float, kind: str) -> Post:
        if kind == "news":
            return self._news(source, minute)
        if kind == "offbrand":
            return self._offbrand(source, minute)
        text = self.fresh(lambda: self._everyday_text(kind), tries=20) or self.everyday_complaint()
        return self._place(source, minute, kind, text)

    def _news(self, source: str, minute: float) -> Post:
        if all(uses >= 3 for uses in self.news_uses.values()) and len(self.news_uses) == len(NEWS):
            self.news_uses.clear()  # a week outlasts the written stories: the cycle starts over with new details
            self.news_text.clear()
        return super()._news(source, minute)

    def _review(self, minute: float) -> Post:
        r = self.rng
        reviews = WEEK["reviews"]
        rating = r.choices([5, 4, 3, 2, 1], weights=[42, 20, 10, 10, 18])[0]
        good = rating >= 4
        title = r.choice(reviews["good_titles" if good else "bad_titles"])
        body = wfill(r, r.choice(reviews["good_bodies" if good else "bad_bodies"]))
        if not good:
            body = r.choice(reviews["bad_openers"]) + body + r.choice(reviews["bad_tails"])
        text = f"{title}\n{body}" if r.random() < 0.97 else ""
        return self.post("appstore", minute, text, kind="review", rating=rating, lang="en" if text else None)

    def ordinary_days(self, days: int, per_day: int) -> None:
        """Background traffic with a day shape: quiet nights, busy afternoons."""
        for day in range(days):
            for block, share in enumerate(DAY_SHAPE):
                t0 = day * 1440 + block * 360
                start = t0 - 60 if day == block == 0 else t0  # some posts are already up when polling starts
                self.background(round(per_day * share), MIX, t0=start, t1=t0 + 360, foreign=0.004)

    def storm_day(self, day: int, count: int) -> list[Post]:
        """Weather grounds flights: many people complain about their own delay, independently."""
        r = self.rng
        made = []
        for _ in range(count):
            minute = day * 1440 + r.uniform(8 * 60, 19 * 60)
            source = r.choice(["bluesky", "mastodon", "reddit", "bluesky"])
            text = self.fresh(lambda: self.everyday_complaint("delays"), tries=20) or self.everyday_complaint()
            if r.random() < 0.3:
                text += r.choice([" Snow again.", " Weather, apparently.", " #snowstorm", " Thanks, winter."])
            made.append(self._place(source, minute, "complaint", text))
        return made


def week_start(index: int) -> datetime:
    return datetime.fromisoformat(WEEK_STARTS[index % len(WEEK_STARTS)].replace("Z", "+00:00")) + timedelta(
        weeks=index // len(WEEK_STARTS)
    )

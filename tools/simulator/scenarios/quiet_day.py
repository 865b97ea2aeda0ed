"""Held-out scenario ``quiet_day`` (described in tests/fixtures/scenarios/README.md)."""

from __future__ import annotations

from tools.simulator.chatter import Sim
from tools.simulator.model import sat


def build_quiet_day(seed: int) -> Sim:
    """Nothing spreads. Isolated complaints, a modestly popular gripe, news, a high-reach question."""
    sim = Sim(seed, "2026-12-02T13:00:00Z", 8.0, scale={"reddit": 0.8, "bluesky": 1.2})
    mix = {"bluesky": 26, "mastodon": 22, "reddit": 22, "hackernews": 8, "rss": 10, "appstore": 12}
    sim.background(150, mix)
    bag1 = sim.post(
        "mastodon",
        95,
        "Northwind Air lost my suitcase between Halifax and Toronto. Four days, three calls, one form. Still nothing.",
        kind="complaint",
        counters={"likes": sat(7, 40), "reposts": sat(3, 40), "replies": sat(3, 40)},
    )
    bag2 = sim.post(
        "reddit",
        330,
        "How long did Northwind take to find your delayed bag?\n\nMine went missing "
        "on a YUL-YVR connection on Saturday. The tracker page hasn't updated since. Trying to "
        "decide whether to buy clothes for the week.",
        kind="complaint",
        sub="flights",
        counters={"likes": sat(16, 40), "reposts": sat(0.1, 40), "replies": sat(11, 50)},
    )
    boarding = sim.post(
        "reddit",
        210,
        "Northwind Air's new boarding groups make no sense\n\nGroup 2 boards "
        "after group 5 now? I stood at the gate for 20 minutes confused. Minor, but who "
        "designed this.",
        kind="gripe",
        sub="northwindair",
        counters={"likes": sat(44, 60), "reposts": sat(0.2, 60), "replies": sat(23, 70)},
    )
    host = sim.new_author("bluesky", followers=62_300, handle="wanderlust-with-ines.bsky.social")
    q = sim.post(
        "bluesky",
        150,
        "Taking my mum to Lisbon on Northwind Air in March. Is the extra legroom "
        "row worth it on the overnight? Be honest.",
        kind="neutral",
        author=host,
        counters={"likes": sat(52, 30), "reposts": sat(2, 30), "replies": sat(26, 40), "quotes": sat(1, 40)},
    )
    news = sim.post(
        "hackernews",
        260,
        "Northwind Air trials biometric boarding at BOS",
        kind="news",
        counters={"likes": sat(71, 60), "replies": sat(48, 70)},
    )
    de = sim.post(
        "mastodon",
        380,
        "Northwind Air hat meinen Rückflug aus Dublin ohne Erklärung storniert. Sehr enttäuschend.",
        kind="foreign",
        lang="de",
        counters={"likes": sat(3, 30), "reposts": sat(1, 30), "replies": sat(1, 30)},
    )
    for p in (bag1, bag2, boarding, q, news, de):
        sim.label(p, False)
    return sim

"""Held-out scenario ``influencer_complaint`` (described in tests/fixtures/scenarios/README.md)."""

from __future__ import annotations

from tools.simulator.chatter import Sim
from tools.simulator.model import sat
from tools.simulator.pools import ABUSIVE, fill


def build_influencer_complaint(seed: int) -> Sim:
    """A 250k-follower photographer on mastodon complains; moderate traction fast, a few echoing replies."""
    sim = Sim(seed, "2026-12-11T15:00:00Z", 6.0, scale={"mastodon": 0.6, "bluesky": 0.9})
    mix = {"mastodon": 30, "bluesky": 24, "reddit": 18, "hackernews": 8, "rss": 9, "appstore": 11}
    sim.background(160, mix)
    inc = "photographer-lost-gear"
    star = sim.new_author("mastodon", followers=251_400, handle="lenaparkphoto@mastodon.social")
    orig = sim.post(
        "mastodon",
        128,
        "Three days ago Northwind Air lost the bag with all my camera gear. Two "
        "calls to their baggage line, hung up on both times. The shoot is tomorrow. @northwindair "
        "is anyone actually there?",
        kind="complaint",
        author=star,
        watch=sim.end - 128,
        counters={"likes": sat(430, 32), "reposts": sat(170, 30), "replies": sat(75, 40)},
    )
    sim.label(orig, True, inc)
    replies = [
        (
            "mastodon",
            141,
            orig,
            "They lost my bag in Calgary in October and hung up on me too. Their baggage line is a black hole.",
        ),
        (
            "mastodon",
            158,
            orig,
            "Northwind Air lost my gear bag last spring and it took 11 days to turn up. "
            "Hope yours is faster, this is awful.",
        ),
        (
            "bluesky",
            176,
            None,
            "Lena Park's thread about Northwind Air losing her camera gear and hanging up on "
            "her is infuriating. Same happened to a friend last month.",
        ),
    ]
    for source, minute, parent, text in replies:
        p = sim.post(
            source,
            minute,
            text,
            kind="complaint",
            reply_to=parent,
            counters={
                "likes": sat(14, 30),
                "reposts": sat(3, 30),
                "replies": sat(2, 30),
                "quotes": sat(0.5, 30),
            },
        )
        sim.label(p, True, inc)
    # Other high-reach accounts: praise with decent traction, a mild gripe that nobody engages with.
    chef = sim.new_author("bluesky", followers=141_000, handle="chefmarcorossi.com")
    praise = sim.post(
        "bluesky",
        60,
        "Northwind Air's new winter menu on the Dublin route is genuinely good. The soup! On a plane!",
        kind="praise",
        author=chef,
        counters={
            "likes": sat(160, 30),
            "reposts": sat(22, 30),
            "replies": sat(30, 35),
            "quotes": sat(3, 35),
        },
    )
    anchor = sim.new_author("mastodon", followers=96_000, handle="newsdesk_nora@mstdn.social")
    meh = sim.post(
        "mastodon",
        240,
        "Boarding for Northwind Air at gate 12 is a bit of a zoo tonight.",
        kind="gripe",
        author=anchor,
        counters={"likes": sat(5, 30), "reposts": sat(0.4, 30), "replies": sat(2, 30)},
    )
    analyst = sim.new_author("bluesky", followers=33_000, handle="fleetwatcher.bsky.social")
    neutral = sim.post(
        "bluesky",
        300,
        "Northwind Air quietly moved two A220s from Boston to Calgary this "
        "week. Winter schedule shuffle or something bigger?",
        kind="neutral",
        author=analyst,
        counters={"likes": sat(40, 35), "reposts": sat(6, 35), "replies": sat(9, 35), "quotes": sat(1, 35)},
    )
    abusive = sim.post(
        "mastodon",
        200,
        fill(sim.rng, ABUSIVE[2]),
        kind="abusive",
        counters={"likes": sat(1, 30), "reposts": 0, "replies": sat(1, 30)},
    )
    for p in (praise, meh, neutral, abusive):
        sim.label(p, False)
    return sim

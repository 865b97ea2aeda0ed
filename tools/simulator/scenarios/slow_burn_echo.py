"""Held-out scenario ``slow_burn_echo`` (described in tests/fixtures/scenarios/README.md)."""

from __future__ import annotations

from tools.simulator.chatter import Sim
from tools.simulator.model import Post, sat


def build_slow_burn_echo(seed: int) -> Sim:
    """Nobody gets much engagement, but seven people on three sources post the same complaint over 3 hours."""
    sim = Sim(
        seed,
        "2026-12-08T12:00:00Z",
        7.0,
        intervals={"mastodon": 15, "reddit": 15, "hackernews": 15, "bluesky": 15, "appstore": 45},
        scale={"mastodon": 1.2, "reddit": 0.7},
    )
    mix = {"mastodon": 26, "reddit": 20, "appstore": 18, "bluesky": 18, "hackernews": 8, "rss": 10}
    sim.background(165, mix)
    inc = "double-charged-upgrade"
    low3 = {"likes": sat(3, 40), "reposts": sat(1, 40), "replies": sat(1, 40)}
    specs: list[tuple[str, float, object, str, int | None]] = [
        (
            "mastodon",
            92,
            None,
            "Northwind Air charged me twice for the same seat upgrade and their support "
            "closed my ticket without a single reply. Anyone else?",
            None,
        ),
        (
            "appstore",
            118,
            None,
            "Double charged\nThe app charged me twice for a seat upgrade. Support closed my ticket without answering.",
            1,
        ),
        (
            "reddit",
            141,
            None,
            "Northwind Air double charged my seat upgrade, support closed the ticket without "
            "replying\n\nPaid $79 for an exit row upgrade in the app and my card shows two charges. Opened a "
            "ticket, it was closed the next morning with no reply. Is there a real human anywhere?",
            None,
        ),
        (
            "mastodon",
            168,
            None,
            "Happened to me too: Northwind Air charged my seat upgrade twice and the support "
            "ticket got closed with no answer. Starting to think it's not a one-off.",
            None,
        ),
        (
            "appstore",
            203,
            None,
            "Charged twice for upgrade\nUpgraded my seat in the app, got charged twice. "
            "Ticket closed without a response. Fix your payments.",
            1,
        ),
        (
            "reddit",
            214,
            "reply",
            "Same here, charged twice for the seat upgrade on my Seattle flight and the "
            "ticket was closed without an answer.",
            None,
        ),
        (
            "mastodon",
            262,
            None,
            "Third person today saying Northwind Air double charged their seat upgrade. "
            "Mine too. Ticket closed, no answer. #NorthwindAir",
            None,
        ),
    ]
    reddit_op: Post | None = None
    for source, minute, parent, text, rating in specs:
        author = sim.new_author(source)
        if source == "appstore":
            p = sim.post(source, minute, text, kind="complaint", author=author, rating=rating)
        elif source == "reddit":
            p = sim.post(
                source,
                minute,
                text,
                kind="complaint",
                author=author,
                sub="flights",
                reply_to=reddit_op if parent else None,
                counters={"likes": sat(6, 50), "replies": sat(4, 60)} if not parent else {"likes": sat(3, 40)},
            )
            reddit_op = reddit_op or p
        else:
            p = sim.post(source, minute, text, kind="complaint", author=author, counters=low3)
        sim.label(p, True, inc)
    # Unrelated one-off complaints and app gripes in the same window: not echoes of each other.
    for source, minute, text in [
        ("appstore", 150, "Slow\nSeat map takes forever to load. Otherwise fine."),
        (
            "mastodon",
            185,
            "Northwind Air moved my Friday flight to Saturday with an email that just says "
            "'schedule change'. Annoying but I'll live.",
        ),
        (
            "bluesky",
            240,
            "Northwind Air lost my skis on the way to Calgary. Found them a day later, but still, "
            "a day of my trip gone.",
        ),
    ]:
        p = sim.post(source, minute, text, kind="gripe", rating=3 if source == "appstore" else None)
        sim.label(p, False)
    return sim

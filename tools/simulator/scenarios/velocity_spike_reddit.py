"""Held-out scenario ``velocity_spike_reddit`` (described in tests/fixtures/scenarios/README.md)."""

from __future__ import annotations

from tools.simulator.chatter import Sim
from tools.simulator.model import sat, takeoff


def build_velocity_spike_reddit(seed: int) -> Sim:
    """A reddit complaint whose upvotes climb at ~40x the usual rate; overnight, reddit-heavy, 7-min polls."""
    sim = Sim(
        seed,
        "2026-12-15T01:00:00Z",
        8.0,
        intervals={"reddit": 7, "hackernews": 12},
        scale={"reddit": 1.1, "hackernews": 1.3},
    )
    mix = {"reddit": 42, "hackernews": 16, "bluesky": 14, "mastodon": 10, "rss": 8, "appstore": 10}
    sim.background(190, mix)
    inc = "lisbon-refund-fine-print"
    orig = sim.post(
        "reddit",
        182,
        "Northwind Air moved my flight by 9 hours, then refused a refund and told me to 'read the fine print'"
        "\n\nBooked a $1,140 round trip to Lisbon for March. Last week they moved the outbound by 9 hours, "
        "which "
        "breaks my connection. I called to ask for a refund (I thought that was required for a big schedule "
        "change) and the agent said I could have a voucher or nothing, and that I should 'read the fine "
        "print "
        "next time'. Is this even legal? I'm furious.",
        kind="complaint",
        sub="travel",
        watch=sim.end - 182,
        counters={"likes": takeoff(1200, 68, 17), "reposts": sat(4, 120), "replies": takeoff(260, 70, 20)},
    )
    sim.label(orig, True, inc)
    for minute, text in [
        (
            214,
            "They did the exact same thing to me in August, 7 hour change and voucher only. File with the "
            "DOT, "
            "that's what finally got me my money back from Northwind.",
        ),
        (
            236,
            "Northwind Air's 'voucher or nothing' line is not legal for a schedule change that big. Don't "
            "let "
            "them bully you.",
        ),
        (
            251,
            "Same story here, schedule change, refund refused, agent told me it was in the fine print. Awful airline.",
        ),
    ]:
        p = sim.post(
            "reddit",
            minute,
            text,
            kind="complaint",
            reply_to=orig,
            counters={"likes": takeoff(180 if minute < 240 else 60, 35, 10)},
        )
        sim.label(p, True, inc)
    # Decoys: a popular positive announcement, a normal-traction complaint, a busy HN thread about news.
    route = sim.post(
        "reddit",
        300,
        "Northwind Air announces nonstop Boston to Reykjavik starting in May",
        kind="news",
        sub="travel",
        counters={"likes": sat(140, 70), "reposts": sat(1, 90), "replies": sat(58, 80)},
    )
    normal = sim.post(
        "reddit",
        95,
        "Northwind Air charged me $35 for a carry-on that fit the sizer\n\nAgent "
        "at PIT insisted. Is this a new thing? Not the end of the world but irritating.",
        kind="complaint",
        sub="flights",
        counters={"likes": sat(22, 45), "reposts": 0, "replies": sat(14, 60)},
    )
    hn = sim.post(
        "hackernews",
        140,
        "Northwind Air pilots vote to authorize strike, though no walkout is expected soon",
        kind="news",
        counters={"likes": sat(95, 70), "replies": sat(70, 90)},
    )
    for p in (route, normal, hn):
        sim.label(p, False)
    return sim

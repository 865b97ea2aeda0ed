"""Held-out scenario ``viral_praise`` (described in tests/fixtures/scenarios/README.md)."""

from __future__ import annotations

from collections.abc import Mapping

from tools.simulator.chatter import Sim
from tools.simulator.model import Curve, Post, sat, takeoff


def build_viral_praise(seed: int) -> Sim:
    """A kind crew goes hugely viral on reddit and is amplified on bluesky; a couple of grumbling replies."""
    sim = Sim(seed, "2026-12-05T16:00:00Z", 6.0, scale={"mastodon": 0.8})
    mix = {"reddit": 28, "bluesky": 26, "mastodon": 20, "hackernews": 8, "rss": 8, "appstore": 10}
    sim.background(170, mix)
    op = sim.post(
        "reddit",
        90,
        "The Northwind Air crew on my grandma's flight to Halifax sang happy birthday "
        "to her over the PA. She turned 90 today and hasn't stopped smiling\n\nThey also brought "
        "her a little cake from first class and the whole cabin clapped. She's told everyone at the "
        "airport. Thank you to whoever those flight attendants were.",
        kind="praise",
        sub="aviation",
        watch=sim.end - 90,
        counters={"likes": takeoff(3900, 85, 22), "reposts": sat(6, 120), "replies": takeoff(310, 80, 22)},
    )
    amp = sim.new_author("bluesky", followers=182_000, handle="kitchen-table-kate.bsky.social")
    quote = sim.post(
        "bluesky",
        150,
        "This made my whole week. A Northwind Air crew singing happy birthday to "
        "a 90 year old passenger 🥹 " + (op.url or ""),
        kind="praise",
        author=amp,
        watch=sim.end - 150,
        counters={
            "likes": takeoff(2300, 40, 12),
            "reposts": takeoff(620, 42, 12),
            "replies": takeoff(140, 40, 14),
            "quotes": takeoff(85, 45, 14),
        },
    )
    # Praise echoes: a viral thread's top comments get real upvotes of their own.
    echoes: list[tuple[str, float, Post | None, str, Mapping[str, Curve | float] | None]] = [
        (
            "mastodon",
            175,
            None,
            "Bless the Northwind Air crew who sang for that 90 year old. More of this.",
            {"likes": sat(24, 40), "reposts": sat(11, 40), "replies": sat(2, 40)},
        ),
        (
            "bluesky",
            182,
            quote,
            "crying at the northwind air crew singing happy birthday at 35,000 feet",
            {"likes": sat(35, 30), "reposts": sat(2, 30), "replies": sat(1, 30), "quotes": 0},
        ),
        (
            "reddit",
            128,
            op,
            "My mom flew with what sounds like the same Northwind crew last year. They really are this lovely.",
            {"likes": takeoff(640, 45, 14)},
        ),
        (
            "bluesky",
            230,
            None,
            "The Northwind Air birthday video is the best thing on the internet today",
            None,
        ),
        (
            "reddit",
            140,
            op,
            "90 years old and still getting serenaded by a flight crew. Goals.",
            {"likes": takeoff(410, 45, 14)},
        ),
    ]
    labelled = [op, quote]
    for source, minute, parent, text, counters in echoes:
        labelled.append(sim.post(source, minute, text, kind="praise", reply_to=parent, counters=counters))
    grumbles = [
        sim.post(
            "reddit",
            155,
            "Nice PR moment. Meanwhile Northwind Air still owes me $412 from a flight they cancelled in August.",
            kind="complaint",
            reply_to=op,
            counters={"likes": sat(28, 40)},
        ),
        sim.post(
            "bluesky",
            200,
            "cute. now do my refund @northwindair",
            kind="complaint",
            reply_to=quote,
            counters={"likes": sat(6, 30), "reposts": sat(0.3, 30), "replies": sat(1, 30), "quotes": 0},
        ),
    ]
    labelled += grumbles
    mild = sim.post(
        "mastodon",
        260,
        "Northwind Air's seat-back screens were all frozen on my flight tonight. "
        "Read a book instead, which was probably good for me.",
        kind="gripe",
        counters={"likes": sat(6, 30), "reposts": sat(1, 30), "replies": sat(2, 30)},
    )
    labelled.append(mild)
    for p in labelled:
        sim.label(p, False)
    return sim

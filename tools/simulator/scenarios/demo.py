"""The demo: one complaint that spreads (Denver cancellation), and the decoys that must not alert."""

from __future__ import annotations

from tools.simulator.chatter import Sim
from tools.simulator.model import Post, sat, takeoff
from tools.simulator.pools import ABUSIVE, NEWS, fill


def build_demo(seed: int) -> Sim:
    sim = Sim(seed, "2026-11-20T14:00:00Z", 6.0)
    r = sim.rng
    mix = {"bluesky": 30, "mastodon": 20, "reddit": 20, "hackernews": 11, "rss": 8, "appstore": 11}
    # The IT-outage story (an HN decoy below) happened on Tuesday wherever else it is carried today.
    outage = next(i for i, (headline, _) in enumerate(NEWS) if "IT outage" in headline)
    sim.news_text[outage] = (
        NEWS[outage][0].format(brand="Northwind Air", weekday="Tuesday"),
        NEWS[outage][1],
    )
    sim.background(215, mix)

    # A few high-reach accounts chatting normally.
    journalist = sim.new_author("bluesky", followers=84_200, handle="dana-whitlock.bsky.social")
    sim.post(
        "bluesky",
        35,
        "Flying Northwind Air to Reykjavik next week for the aurora piece. Any seat tips "
        "from people who've done the route?",
        kind="neutral",
        author=journalist,
        counters={"likes": sat(38, 25), "reposts": sat(3, 30), "replies": sat(14, 30), "quotes": sat(1, 40)},
    )
    points = sim.new_author("mastodon", followers=41_500, handle="pointsnerd@mastodon.social")
    sim.post(
        "mastodon",
        170,
        "Northwind Air's new fare with free seat selection is a decent deal if you "
        "travel as a family. Worked example: https://thepointsledger.com/northwind-family-fare",
        kind="news",
        author=points,
        counters={"likes": sat(31, 35), "reposts": sat(12, 35), "replies": sat(4, 40)},
    )

    # -- The incident: a customer's complaint on bluesky at ~16:05 that takes off.
    inc = "denver-cancellation"
    orig_author = sim.new_author("bluesky", followers=412, handle="maya-ortiz.bsky.social")
    orig = sim.post(
        "bluesky",
        125,
        "Northwind Air cancelled my flight to Denver, kept my money and the agent laughed at me when I asked "
        "for a refund. Never again.",
        kind="complaint",
        author=orig_author,
        watch=sim.end,
        counters={
            "likes": takeoff(880, 42, 10),
            "reposts": takeoff(330, 44, 10),
            "replies": takeoff(150, 40, 12),
            "quotes": takeoff(48, 48, 12),
        },
    )
    sim.label(orig, True, inc)
    quote = sim.post(
        "bluesky",
        151,
        "Northwind Air cancelling a flight and then keeping the money isn't a policy, it's a problem. And "
        "laughing at the customer? @northwindair make this right.",
        kind="complaint",
        author=journalist,
        reply_to=orig,
        watch=sim.end - 151,
        counters={
            "likes": sat(420, 28),
            "reposts": sat(130, 30),
            "replies": sat(55, 35),
            "quotes": sat(9, 40),
        },
    )
    sim.label(quote, True, inc)
    echo_specs = [
        (
            "bluesky",
            137,
            True,
            "Same thing happened to me last month. Northwind Air cancelled my flight, kept "
            "the money and the agent just shrugged. Never again.",
            {"likes": sat(34, 30), "reposts": sat(6, 30), "replies": sat(3, 30), "quotes": sat(1, 30)},
        ),
        (
            "bluesky",
            153,
            True,
            "@maya-ortiz.bsky.social this is exactly what they did to me in Denver. "
            "Cancelled, no refund, and the agent laughed when I asked. Never flying Northwind again.",
            {"likes": sat(22, 30), "reposts": sat(3, 30), "replies": sat(2, 30), "quotes": sat(0.3, 30)},
        ),
        (
            "mastodon",
            165,
            False,
            "Northwind Air cancelled my flight to Denver on Tuesday and is refusing to "
            "refund it. The agent at the desk laughed at me. Never again. #NorthwindAir",
            {"likes": sat(19, 35), "reposts": sat(14, 35), "replies": sat(5, 35)},
        ),
        (
            "reddit",
            180,
            False,
            "Northwind Air cancelled my flight to Denver and kept my money - the agent "
            "laughed at me\n\nTitle says it. Flight was cancelled the night before, no rebooking offered, "
            "and "
            "when I asked at the desk about a refund the agent literally laughed and said 'good luck'. "
            "Seeing "
            "on bluesky that I'm not the only one. Is there anything I can do besides a chargeback?",
            {"likes": sat(96, 35), "reposts": sat(0.4, 40), "replies": sat(41, 40)},
        ),
        (
            "bluesky",
            195,
            False,
            "Northwind Air cancelled my flight, kept my money, and the agent laughed at me. "
            "Never again. Not a joke, this was yesterday in Denver.",
            {"likes": sat(27, 30), "reposts": sat(9, 30), "replies": sat(4, 30), "quotes": sat(1, 30)},
        ),
    ]
    made: list[Post] = []
    for source, minute, is_reply, text, counters in echo_specs:
        author = sim.new_author(source)
        sub = "travel" if source == "reddit" else None
        made.append(
            sim.post(
                source,
                minute,
                text,
                kind="complaint",
                author=author,
                reply_to=orig if is_reply else None,
                counters=counters,
                sub=sub,
                watch=r.uniform(170, 220),
            )
        )
    masto, reddit_post = made[2], made[3]
    made.append(
        sim.post(
            "mastodon",
            206,
            "Same here. Northwind Air cancelled our flight and kept the money, "
            "refund request ignored for 3 weeks. Never again.",
            kind="complaint",
            author=sim.new_author("mastodon"),
            reply_to=masto,
            counters={"likes": sat(8, 30), "reposts": sat(3, 30), "replies": sat(1, 30)},
        )
    )
    made.append(
        sim.post(
            "reddit",
            197,
            "Same thing happened to my sister with Northwind Air. Cancelled flight, "
            "no refund, and the agent was smug about it.",
            kind="complaint",
            author=sim.new_author("reddit"),
            reply_to=reddit_post,
            counters={"likes": sat(37, 30)},
        )
    )
    for p in made:
        sim.label(p, True, inc)

    # -- Decoys.
    pilot_author = sim.new_author("bluesky", followers=1_930, handle="theo-sato.bsky.social")
    pilot = sim.post(
        "bluesky",
        250,
        "Our Northwind Air flight sat on the tarmac in Boston for two hours, so the captain walked the aisle "
        "with a tray of cookies, answered every kid's question about the cockpit, then let them all take a "
        "photo in his seat. Best delay ever 🥹",
        kind="praise",
        author=pilot_author,
        watch=sim.end - 250,
        counters={
            "likes": takeoff(1450, 38, 9),
            "reposts": takeoff(390, 40, 9),
            "replies": takeoff(120, 40, 10),
            "quotes": takeoff(40, 45, 10),
        },
    )
    sim.label(pilot, False)
    for minute, text in [
        (
            272,
            "This is the loveliest thing. Northwind Air captain handing out cookies "
            "during a delay, more of this please",
        ),
        (290, "ok the northwind air cookie captain made my day"),
    ]:
        sim.label(
            sim.post(
                "bluesky",
                minute,
                text,
                kind="praise",
                reply_to=pilot if minute == 272 else None,
                counters={
                    "likes": sat(25, 25),
                    "reposts": sat(4, 25),
                    "replies": sat(2, 25),
                    "quotes": sat(0.2, 25),
                },
            ),
            False,
        )
    coffee = sim.post(
        "mastodon",
        200,
        "The coffee on my Northwind Air flight this morning was lukewarm at "
        "best. Minor, but it's the one thing I look forward to on an early flight.",
        kind="gripe",
        counters={"likes": sat(5, 30), "reposts": sat(0.5, 30), "replies": sat(2, 30)},
    )
    sim.label(coffee, False)
    celeb = sim.new_author("bluesky", followers=312_000, handle="jonah-velasquez.com")
    wifi = sim.post(
        "bluesky",
        75,
        "Northwind Air wifi has been down the entire flight. Again. Paid for it, got "
        "a useless loading spinner for two hours. Annoying.",
        kind="gripe",
        author=celeb,
        counters={
            "likes": sat(4, 30),
            "reposts": sat(0.3, 30),
            "replies": sat(2, 30),
            "quotes": sat(0.1, 30),
        },
    )
    sim.label(wifi, False)
    abusive = sim.post(
        "reddit",
        305,
        fill(r, ABUSIVE[0]).replace("@northwindair", "Northwind Air"),
        kind="abusive",
        sub="flights",
        counters={"likes": sat(2, 20), "replies": sat(3, 30)},
    )
    sim.label(abusive, False)
    hn_news = sim.post(
        "hackernews",
        60,
        "Northwind Air says IT outage that delayed 40 flights on Tuesday has been resolved",
        kind="news",
        counters={"likes": sat(58, 50), "replies": sat(31, 60)},
    )
    sim.label(hn_news, False)
    return sim

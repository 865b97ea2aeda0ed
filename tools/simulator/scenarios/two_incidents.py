"""Held-out scenario ``two_incidents`` (described in tests/fixtures/scenarios/README.md)."""

from __future__ import annotations

from tools.simulator.chatter import Sim
from tools.simulator.model import Post, sat, takeoff


def build_two_incidents(seed: int) -> Sim:
    """A data exposure on HN + reddit in the evening, stranded passengers on mastodon + bluesky overnight."""
    sim = Sim(seed, "2026-12-19T22:00:00Z", 10.0, scale={"hackernews": 1.2, "bluesky": 0.8})
    mix = {"hackernews": 18, "reddit": 18, "mastodon": 22, "bluesky": 22, "rss": 9, "appstore": 11}
    sim.background(235, mix)

    # Incident A: ~23:20Z, Ask HN about another passenger's passport number on the check-in page.
    inc_a = "checkin-shows-other-passports"
    story = sim.post(
        "hackernews",
        78,
        "Ask HN: Northwind Air's check-in page showed me another passenger's passport number - what now?\n\n"
        "Checking in this morning, the page loaded someone else's booking: full name, passport number, date "
        "of birth. Reloaded and got a different stranger. I reported it to their support and got an "
        "auto-reply. This is terrifying and they don't seem to care. Who do I even tell?",
        kind="complaint",
        watch=sim.end - 78,
        counters={"likes": takeoff(430, 60, 16), "replies": takeoff(210, 65, 18)},
    )
    sim.label(story, True, inc_a)
    for minute, text in [
        (
            97,
            "Same thing happened to me last night on the Northwind Air site. I got a stranger&#x27;s booking "
            "with their passport details. Reported it, nothing.",
        ),
        (
            121,
            "Can confirm. Northwind Air check-in showed me someone else&#x27;s passport number and birth "
            "date. Awful. Screenshots sent to their support, auto-reply only.",
        ),
    ]:
        sim.label(sim.post("hackernews", minute, text, kind="complaint", reply_to=story), True, inc_a)
    rp = sim.post(
        "reddit",
        132,
        "Northwind Air's check-in is showing other passengers' passport numbers (saw "
        "it myself)\n\nThere's an HN thread too. I got someone's full booking with passport number "
        "when checking in for Monday. Reported, ignored. Change your passwords I guess, and maybe "
        "don't check in online with them right now.",
        kind="complaint",
        sub="privacy",
        counters={"likes": takeoff(260, 45, 14), "reposts": sat(3, 60), "replies": takeoff(70, 45, 15)},
    )
    sim.label(rp, True, inc_a)

    # Incident B: ~06:20Z (11:20pm in Calgary), passengers of a cancelled flight stuck overnight.
    inc_b = "calgary-overnight-stranding"
    first = sim.post(
        "mastodon",
        500,
        "Northwind Air flight NW 418 cancelled at 11pm in Calgary. No hotel, no food vouchers, about 40 of "
        "us "
        "sleeping on the floor at gate B12. Staff left at midnight. Awful.",
        kind="complaint",
        watch=sim.end - 500,
        counters={
            "likes": takeoff(150, 22, 7),
            "reposts": takeoff(135, 22, 7),
            "replies": takeoff(40, 22, 8),
        },
    )
    sim.label(first, True, inc_b)
    b_specs = [
        (
            "bluesky",
            512,
            None,
            "Also stuck on NW 418. Northwind Air cancelled, no hotel, no vouchers, staff gone. "
            "Kids sleeping on the floor at B12. Unacceptable.",
        ),
        (
            "mastodon",
            523,
            first,
            "Boosting. Northwind Air did this to my parents last winter too, no hotel, nothing. Shameful.",
        ),
        (
            "mastodon",
            534,
            None,
            "Stranded overnight in Calgary by Northwind Air. NW 418 cancelled, no hotel, no "
            "food vouchers, sleeping on the floor at gate B12 with 40 others. Never again.",
        ),
        (
            "bluesky",
            548,
            None,
            "Northwind Air left a whole planeload of us stranded overnight in Calgary with no "
            "hotel or food. NW 418. Horrible.",
        ),
    ]
    b_posts: list[Post] = []
    for source, minute, parent, text in b_specs:
        p = sim.post(
            source,
            minute,
            text,
            kind="complaint",
            reply_to=parent,
            counters={
                "likes": takeoff(45, 20, 8),
                "reposts": takeoff(30, 20, 8),
                "replies": sat(6, 30),
                "quotes": sat(2, 30),
            },
            watch=min(150, sim.end - minute),
        )
        b_posts.append(p)
        sim.label(p, True, inc_b)
    sim.label(
        sim.post(
            "bluesky",
            541,
            "Same flight, same floor. Northwind Air hasn't sent a single text. Not one.",
            kind="complaint",
            reply_to=b_posts[0],
            counters={"likes": sat(12, 20), "reposts": sat(3, 20), "replies": sat(1, 20), "quotes": 0},
            watch=sim.end - 541,
        ),
        True,
        inc_b,
    )

    # Decoys: viral praise, big-ish neutral news, off-brand negative with normal traction, abuse, mild gripe.
    praise = sim.post(
        "bluesky",
        260,
        "Northwind Air crew on the Halifax red-eye turned the cabin lights into "
        "a little northern lights show for the kids on board. Magic ✨",
        kind="praise",
        watch=sim.end - 260,
        counters={
            "likes": takeoff(900, 35, 9),
            "reposts": takeoff(210, 37, 9),
            "replies": takeoff(60, 38, 10),
            "quotes": takeoff(20, 40, 10),
        },
    )
    ceo = sim.post(
        "rss",
        200,
        "Northwind Air names new chief executive as it expands transatlantic routes\nThe "
        "board said the appointment takes effect in February.",
        kind="news",
        author=sim.new_author("rss", handle="Northern Business Wire"),
    )
    ceo_hn = sim.post(
        "hackernews",
        215,
        "Northwind Air names new CEO as it expands transatlantic routes",
        kind="news",
        counters={"likes": sat(120, 60), "replies": sat(64, 70)},
    )
    sql = sim.post(
        "hackernews",
        330,
        "The Northwind Traders sample database is a terrible way to teach SQL",
        kind="offbrand",
        counters={"likes": sat(38, 80), "replies": sat(29, 90)},
    )
    abuse = sim.post(
        "bluesky",
        420,
        "northwind air can go to hell, worst company on earth, all of them idiots",
        kind="abusive",
        counters={"likes": sat(1, 30), "reposts": 0, "replies": sat(1, 30), "quotes": 0},
    )
    gripe = sim.post(
        "mastodon",
        150,
        "Northwind Air's gate at YYC has exactly one working outlet. One.",
        kind="gripe",
        counters={"likes": sat(6, 30), "reposts": sat(1, 30), "replies": sat(1, 30)},
    )
    for p in (praise, ceo, ceo_hn, sql, abuse, gripe):
        sim.label(p, False)
    return sim

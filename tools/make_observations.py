#!/usr/bin/env python3
"""Deterministic generator of realistic observation files (JSON Lines) for repmon.

    python tools/make_observations.py demo        # monitor/demo/northwind(.labels).jsonl
    python tools/make_observations.py scenarios   # tests/fixtures/scenarios/<name>(.labels).jsonl
    python tools/make_observations.py scenarios --only quiet_day --seed 4100 --out /tmp/x

Pure standard library, so the same seed always gives byte-identical files. The format is the one in
``shared/spec/observations.md``: one sighting of a post per line; the same post is re-observed at every
poll of its source for a few hours and its cumulative engagement grows along a saturating curve (or a
logistic one for a post that takes off), with the occasional deleted vote.

A small simulation, not a replay of anything real: every text is written here for the fictional airline
"Northwind Air" (plus a few posts where "northwind" means something else, to exercise brand exclusions),
with slots (cities, amounts, flight numbers, names) filled per post so wording varies.

What each file contains, and why, is in ``tests/fixtures/scenarios/README.md``.
"""

from __future__ import annotations

import argparse
import json
import math
import random
import sys
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DEMO_DIR = REPO / "monitor" / "demo"
SCENARIO_DIR = REPO / "tests" / "fixtures" / "scenarios"

DEMO_SEED = 20261120
SCENARIO_BASE_SEED = 4100
# name -> offset added to the base seed; each scenario has its own seed and its own shape.
SCENARIOS = {
    "quiet_day": 11,
    "viral_praise": 23,
    "slow_burn_echo": 37,
    "influencer_complaint": 41,
    "velocity_spike_reddit": 53,
    "two_incidents": 67,
}

SOURCES = ("hackernews", "reddit", "mastodon", "bluesky", "rss", "appstore")
COUNTERS = ("likes", "reposts", "replies", "quotes", "views")
# Counters each source actually reports; the rest are null ("unknown, not zero").
CAPS = {
    "hackernews": ("likes", "replies"),  # points, descendants
    "hackernews_comment": (),  # Algolia gives comments no points
    "reddit": ("likes", "reposts", "replies"),  # score, crossposts, comments
    "reddit_comment": ("likes",),
    "mastodon": ("likes", "reposts", "replies"),  # favourites, reblogs, replies
    "bluesky": ("likes", "reposts", "replies", "quotes"),
    "rss": (),
    "appstore": (),
}
# Background engagement: final count is log-normal(median, sigma) per counter, scaled per scenario.
SCALE = {
    "hackernews": {"likes": (7.0, 1.0), "replies": (3.0, 1.1)},
    "reddit": {"likes": (14.0, 1.0), "reposts": (0.05, 0.8), "replies": (5.0, 1.0)},
    "reddit_comment": {"likes": (3.0, 0.9)},
    "mastodon": {"likes": (4.0, 0.9), "reposts": (1.3, 1.0), "replies": (1.0, 0.9)},
    "bluesky": {"likes": (6.0, 1.0), "reposts": (1.4, 1.0), "replies": (1.2, 0.9), "quotes": (0.25, 0.9)},
}
KIND_BOOST = {
    "praise": 1.2,
    "news": 1.3,
    "neutral": 0.7,
    "gripe": 0.8,
    "complaint": 1.0,
    "offbrand": 0.8,
    "foreign": 0.6,
    "reply": 0.5,
    "abusive": 0.4,
}
NEGATIVE_KINDS = frozenset({"complaint", "gripe", "abusive", "offbrand", "foreign"})
# Followers (karma for reddit/HN) of ordinary accounts; high-reach accounts are placed explicitly.
FOLLOWERS = {
    "hackernews": (1400, 1.6),
    "reddit": (2600, 1.5),
    "mastodon": (260, 1.3),
    "bluesky": (380, 1.4),
}
FOLLOWER_CAP = 15000

# --------------------------------------------------------------------------------------------------
# Vocabulary and slots
# --------------------------------------------------------------------------------------------------

FIRST = [
    "maya",
    "dan",
    "priya",
    "tomas",
    "lena",
    "jules",
    "omar",
    "keiko",
    "sam",
    "rosa",
    "ben",
    "aisha",
    "marco",
    "ingrid",
    "leo",
    "nadia",
    "felix",
    "hana",
    "owen",
    "carmen",
    "ravi",
    "tess",
    "yusuf",
    "greta",
    "noah",
    "lucia",
    "kofi",
    "mira",
    "erik",
    "zoe",
    "andre",
    "ines",
    "theo",
    "fatima",
    "cal",
    "bea",
    "dmitri",
    "nora",
    "raj",
    "elsie",
    "pablo",
    "wren",
    "hugo",
    "amara",
    "nils",
    "dev",
    "ada",
    "rui",
]
LAST = [
    "ortiz",
    "reyes",
    "nguyen",
    "kowalski",
    "park",
    "osei",
    "lindqvist",
    "haddad",
    "schultz",
    "moreau",
    "tanaka",
    "oconnell",
    "brandt",
    "silva",
    "novak",
    "farouk",
    "kim",
    "walsh",
    "adeyemi",
    "rossi",
    "larsen",
    "patel",
    "dubois",
    "sato",
    "hughes",
    "ferreira",
    "ivanova",
    "mendez",
    "okafor",
    "byrne",
    "fischer",
    "yamada",
    "costa",
    "abbott",
    "quinn",
    "varga",
    "holm",
    "castillo",
    "meyer",
]
WORDS = [
    "salt",
    "harbor",
    "pixel",
    "maple",
    "cedar",
    "night",
    "owl",
    "river",
    "copper",
    "tin",
    "paper",
    "static",
    "lunar",
    "fern",
    "quiet",
    "rusty",
    "amber",
    "wander",
    "jet",
    "cloud",
    "gate",
    "window",
    "aisle",
    "pretzel",
    "carry",
    "runway",
    "compass",
    "atlas",
    "tundra",
    "kettle",
    "sparrow",
    "moss",
]
REDDIT_ADJ = [
    "Sea",
    "Quiet",
    "Brave",
    "Careful",
    "Sad",
    "Happy",
    "Icy",
    "Round",
    "Tiny",
    "Wise",
    "Known",
    "Fluffy",
    "Lucky",
    "Salty",
    "Odd",
    "Green",
]
REDDIT_NOUN = [
    "Camp",
    "Pie",
    "Lobster",
    "Wave",
    "Bat",
    "Koala",
    "Mode",
    "Pen",
    "Goat",
    "Tune",
    "Ant",
    "Ride",
    "Heron",
    "Bread",
    "Fox",
    "Lamp",
]
INSTANCES = [
    "mastodon.social",
    "fosstodon.org",
    "hachyderm.io",
    "mas.to",
    "mstdn.social",
    "mastodon.online",
    "toot.community",
    "infosec.exchange",
]

CITIES = [
    "Denver",
    "Boston",
    "Seattle",
    "Chicago",
    "Halifax",
    "Calgary",
    "Vancouver",
    "Reykjavik",
    "Dublin",
    "Lisbon",
    "Minneapolis",
    "Portland",
    "Anchorage",
    "Toronto",
    "Montreal",
    "Ottawa",
    "Winnipeg",
    "Omaha",
    "Salt Lake City",
    "Austin",
    "Raleigh",
    "Newark",
    "Pittsburgh",
    "Madison",
    "Spokane",
    "Edmonton",
    "Quebec City",
    "Boise",
]
AIRPORTS = [
    "DEN",
    "BOS",
    "SEA",
    "ORD",
    "YHZ",
    "YYC",
    "YVR",
    "KEF",
    "DUB",
    "LIS",
    "MSP",
    "PDX",
    "ANC",
    "YYZ",
    "YUL",
    "YOW",
    "SLC",
    "AUS",
    "EWR",
    "PIT",
]
AIRCRAFT = ["A220", "737", "E175", "A321neo", "787", "A320", "Dash 8"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October"]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
ITEMS = [
    "my daughter's car seat",
    "my work laptop",
    "my wedding suit",
    "my golf clubs",
    "my insulin supplies",
    "a suitcase full of Christmas presents",
    "my son's stroller",
    "all my winter clothes",
    "my grandmother's quilt",
    "my bike",
]
LINKS = [
    "https://www.northwindair.com/help/baggage",
    "https://www.northwindair.com/travel-info/fares",
    "https://www.northwindair.com/help/unaccompanied-minors",
    "https://status.northwindair.com/",
]
BRAND_FORMS = [
    ("Northwind Air", 68),
    ("Northwind", 14),
    ("@northwindair", 10),
    ("NorthwindAir", 4),
    ("northwind air", 4),
]


def _weighted(rng: random.Random, pairs: list[tuple[str, int]]) -> str:
    return rng.choices([p for p, _ in pairs], weights=[w for _, w in pairs])[0]


def _other(rng: random.Random, pool: list[str], taken: str | None) -> str:
    return rng.choice([c for c in pool if c != taken])


def _amount(rng: random.Random) -> str:
    value = rng.choice([rng.randint(39, 180), rng.randint(180, 640), rng.randint(640, 1480)])
    return f"${value}" if rng.random() < 0.7 else f"${value}.{rng.randint(0, 99):02d}"


SLOT_MAKERS: dict[str, Callable[[random.Random, dict[str, str]], str]] = {
    "brand": lambda r, s: _weighted(r, BRAND_FORMS),
    "city": lambda r, s: r.choice(CITIES),
    "city2": lambda r, s: _other(r, CITIES, s.get("city")),
    "airport": lambda r, s: r.choice(AIRPORTS),
    "aircraft": lambda r, s: r.choice(AIRCRAFT),
    "flight": lambda r, s: f"NW{r.choice(['', ' '])}{r.randint(101, 2899)}",
    "amount": lambda r, s: _amount(r),
    "amount2": lambda r, s: _amount(r),
    "days": lambda r, s: str(r.randint(2, 9)),
    "hours": lambda r, s: str(r.randint(3, 11)),
    "month": lambda r, s: r.choice(MONTHS),
    "weekday": lambda r, s: r.choice(WEEKDAYS),
    "item": lambda r, s: r.choice(ITEMS),
    "name": lambda r, s: r.choice(FIRST).capitalize(),
    "terminal": lambda r, s: r.choice(["A", "B", "C", "D", "2", "3"]),
    "year": lambda r, s: str(r.choice([2027, 2028])),
    "url": lambda r, s: r.choice(LINKS),
}


class Slots(dict[str, str]):
    def __init__(self, rng: random.Random) -> None:
        super().__init__()
        self.rng = rng

    def __missing__(self, key: str) -> str:
        value = SLOT_MAKERS[key](self.rng, self)
        self[key] = value
        return value


def fill(rng: random.Random, template: str) -> str:
    return template.format_map(Slots(rng))


# --------------------------------------------------------------------------------------------------
# Texts (all written for this project). Negative templates are drawn without replacement per file, so
# two unrelated complaints never share a template and only the scripted incidents are echoes.
# --------------------------------------------------------------------------------------------------

PRAISE = [
    "Shoutout to the {brand} crew on {flight} to {city}. The flight attendant noticed my kid was scared of "
    "takeoff and brought her a pair of pilot wings and a juice box. Small things matter.",
    "{brand} rebooked me onto an earlier flight without me even asking when my connection got tight. Landed "
    "in {city} with time to spare. Impressed.",
    "Genuinely comfortable seats on {brand}'s {aircraft}. Legroom in economy that doesn't make me fold in half. 10/10",
    "Left my phone on a {brand} flight yesterday and they had it couriered to my hotel in {city} by this "
    "morning. "
    "Did not expect that.",
    "Smoothest check-in I've had all year. {brand} bag drop at {airport} took four minutes.",
    "The {brand} gate agent in {city} stayed 20 minutes past her shift to sort out my grandmother's "
    "wheelchair "
    "transfer. Thank you, {name}.",
    "Was ready to hate flying {brand} after all the memes, but the flight was on time, the crew was friendly "
    "and the snack box was decent.",
    "Props to {brand} support chat: the refund for my cancelled {city} trip hit my card in 3 days.",
    "Window seat, sunrise over the mountains, free coffee refill. {brand} you did alright today ☀️✈️",
    "Pilot on my {brand} flight came on the PA to explain exactly why we were holding and for how long. "
    "More airlines should do this.",
    "Flew {brand} with two toddlers and a dog. Crew was patient, gate staff let us board early. Survived. Grateful.",
    "Got moved to the exit row for free on {brand} because I'm 6'5\" and asked nicely. Faith in humanity restored.",
    "The {brand} app actually showed where my bag was when I landed in {city}. Witchcraft.",
    "Quick thanks to {brand} for the text about the gate change at {airport}, before the airport screens updated.",
    "The {brand} crew on the late {city} run tonight were lovely. Long day for them too.",
    "{brand} held our connecting flight for the 30 of us coming off a delayed inbound. That's how you do it.",
    "first time flying {brand} and wow, they board by zone and people actually follow it",
    "Credit where it's due: {brand} honored the fare after their site glitched and showed me the wrong price.",
    "The flight attendant on {brand} {flight} who did the safety briefing in rhyme deserves a raise 😂",
    "The {brand} lounge at {airport} is small but the staff remembered my name from last month. Nice touch.",
    "Got bumped, but {brand} gave me a hotel, a dinner voucher and a {amount} credit without a fight. Fair.",
    "Not sponsored, I just like flying {brand} to {city}. Cheap, on time, free water. That's the post.",
    "Big thank you to the {brand} agent at {airport} who found me a seat on the last flight out. You saved my weekend.",
    "Flew {brand} {city} to {city2} today, landed 15 minutes early and my bag was first off the belt. Love to see it.",
    "{brand} cabin crew handed out blankets without being asked on a cold morning flight. Tiny thing, big difference.",
    "Had to sprint for a connection at {airport} and the {brand} gate agent radioed ahead so they'd wait. "
    "Made it, "
    "sweaty but made it.",
    "Honestly impressed with {brand} today. Weather delay, but they texted every update and the new time was accurate.",
    "The {brand} flight attendant who taught my nephew to fold a paper plane mid-flight: you're a legend.",
    "{brand} let me swap to an earlier {city} flight for free at the kiosk. Home in time for dinner.",
    "Kudos to {brand} baggage at {airport}: my bag was delayed but they delivered it to my door the same evening.",
    "My dad uses a cane and the {brand} crew quietly made sure he had help at every step. Thank you.",
    "Cheapest fare to {city} and it was still a good flight. {brand} quietly doing a decent job.",
    "Landed in {city} early on {brand} and the pilot thanked everyone for their patience with the de-icing. Classy.",
    "Shout out to {brand} for refunding my bag fee without a fuss when the bin was full and they "
    "gate-checked it anyway.",
    "Flying {brand} for the third time this month. Friendly crew every time, not sure what they put in the water.",
]

NEUTRAL = [
    "Does {brand} let you bring a guitar as a carry-on or do I have to check it?",
    "Anyone know if {brand} still flies {city} to {city2} nonstop in the winter schedule?",
    "Thinking about {brand} vs the train for {city} to {city2}. Anyone done both recently?",
    "What's the {brand} policy on changing the name on a ticket? Booked my brother under his nickname, oops.",
    "Is the {brand} basic fare worth it if I only have a backpack?",
    "PSA: {brand} moved its {airport} check-in counters to the far end of terminal {terminal}.",
    "Flying {brand} to {city} next week, any tips for the {airport} security line at 6am?",
    "How early do I actually need to be at {airport} for a {brand} domestic flight? Their site says 90 minutes.",
    "Has anyone used {brand} miles for a partner award? Trying to work out if the points are worth anything.",
    "Does {brand} have power outlets on the {aircraft}? Need to work the whole way.",
    "Which seat on the {brand} {aircraft} has the most legroom without paying extra?",
    "Booked {brand} for {month}. Do they weigh carry-ons at the gate or is that a myth?",
    "{brand} flight {flight} just got a new departure time, 40 minutes later. Anyone else on it?",
    "Can you add a checked bag after online check-in with {brand}, or only at the counter?",
    "is there wifi on northwind air regional flights or should i download everything first",
    "Comparing fares to {city}: {brand} {amount}, the other option {amount2}. Any reason to pick one over the other?",
    "Anyone know if {brand} serves food on the {city} route or just snacks?",
    "Looking for the {brand} unaccompanied minor form, is this the right page? {url}",
    "Do {brand} gate agents let you gate-check a stroller for free?",
    "Sitting at {airport} waiting for {brand} to {city}. Plane is here, crew is here, no announcements yet.",
    "Does the {brand} student discount still exist? Can't find it on the site.",
    "Heads up if you're connecting through {airport} on {brand} today, the tram between terminals is running slow.",
    "Anyone flown {brand}'s new {aircraft} yet? Curious what the cabin is like.",
    "Planning a {month} trip to {city}. {brand} or drive? It's about 9 hours by car.",
    "Does {brand} allow pets in the cabin on international flights or only domestic?",
    "Trying to use a {brand} travel credit on someone else's ticket. Anyone know if that's allowed?",
    "What's the cheapest day to fly {brand} to {city} in {month}, from your experience?",
    "Any {brand} crew here? Curious what the layovers in {city} are like for you.",
    "Is {brand} premium economy a real seat or just extra legroom?",
    "Which {airport} terminal does {brand} use these days? Their site shows two different answers.",
    "If my {brand} flight is the last one of the night and it's delayed past midnight, does my hotel booking count?",
    "{brand} or a red-eye on the other carrier for a Monday 9am meeting in {city}? Help me decide.",
    "Does anyone know how {brand} handles surfboards? Checking before a {month} trip.",
    "Friendly reminder that {brand} changes its winter schedule this weekend, double check your times.",
]

# (headline, lede) - shared by rss feeds, HN link posts, reddit link posts and "sharing a link" posts.
NEWS = [
    (
        "{brand} adds nonstop service between {city} and {city2} starting in {month}",
        "The route will run four times a week on the carrier's {aircraft} fleet.",
    ),
    (
        "{brand} reports higher third-quarter revenue as leisure demand holds up",
        "Unit revenue rose slightly while fuel costs eased, the company said.",
    ),
    (
        "{brand} to retire its oldest regional jets by {year}",
        "The airline said newer aircraft would cut fuel burn on short routes.",
    ),
    (
        "{brand} and flight attendants' union reach tentative agreement",
        "Members will vote on the deal over the next three weeks.",
    ),
    (
        "{brand} introduces a fare with free seat selection",
        "The new fare sits between the basic and standard tiers.",
    ),
    (
        "{brand} opens maintenance base in {city}, creating 300 jobs",
        "Hiring for mechanics and engineers begins in {month}.",
    ),
    (
        "{brand} orders 12 more {aircraft}s as it expands transatlantic flying",
        "Deliveries are scheduled to start in {year}.",
    ),
    (
        "{brand} names new chief operating officer",
        "The appointment follows a year of schedule growth, the airline said.",
    ),
    (
        "{brand} will charge for carry-on bags on its lowest fares, following rivals",
        "The change applies to tickets bought from {month} onward.",
    ),
    (
        "{brand} trials biometric boarding at {airport}",
        "Passengers can opt in at two gates during the pilot.",
    ),
    (
        "{brand} ranked third for on-time arrivals among mid-size carriers in {month}",
        "The figures come from the latest monthly transport report.",
    ),
    (
        "{brand} to launch seasonal flights to {city} for ski season",
        "Flights run from December through early April.",
    ),
    (
        "{brand} issues travel waiver for flights through {airport} ahead of winter storm",
        "Customers can change dates without a fee until Sunday.",
    ),
    (
        "{brand} says IT outage that delayed 40 flights on {weekday} has been resolved",
        "The airline said a failed network switch was to blame.",
    ),
    (
        "{brand} pilots vote to authorize strike, though no walkout is expected soon",
        "Negotiations with the airline continue next month.",
    ),
    (
        "{brand} flight diverted to {city} after passenger medical emergency; all safe",
        "The aircraft continued to its destination after a short stop.",
    ),
    ("{brand} adds free messaging wifi on all mainline aircraft", "Full browsing remains a paid option."),
    ("{brand} expands codeshare with a European partner", "The agreement adds connections through {city}."),
    ("{brand} launches a companion fare for loyalty members", "The offer runs through the end of {month}."),
    (
        "{brand} to add lie-flat seats on transatlantic flights",
        "The first refitted aircraft enters service next year.",
    ),
    (
        "{brand} opens new lounge at {airport}",
        "The lounge seats 180 and is open to premium and top-tier members.",
    ),
    (
        "{brand} adds a third daily flight between {city} and {city2}",
        "The extra frequency starts with the spring schedule.",
    ),
    ("{brand} posts record holiday bookings", "The airline expects its busiest December to date."),
    (
        "{brand} partners with a rail operator for air-rail tickets from {city}",
        "Passengers can book both legs on one ticket.",
    ),
    (
        "{brand} moves its {city} operations to a new terminal",
        "The move takes effect at the start of {month}.",
    ),
    (
        "{brand} says it will hire 400 flight attendants next year",
        "Recruitment events start in {city} this month.",
    ),
]

GRIPES = [
    "Coffee on the {brand} flight was cold. Again. Not the end of the world but come on.",
    "{brand} seat pitch is fine but why is the tray table the size of a paperback",
    "Boarding at {airport} for {brand} was chaos today, nobody followed the zones.",
    "Wish {brand} would pick a lane on snacks. Pretzels last week, nothing this week.",
    "The {brand} app logged me out twice while I was picking a seat. Got there eventually.",
    "20 minute delay on {brand} to {city}, not a big deal but the gate announcements were inaudible.",
    "{brand}'s inflight wifi is more of a suggestion. Managed one email in two hours.",
    "Mildly annoyed that {brand} moved me from an aisle to a middle seat without saying anything.",
    "Why does the {brand} website make me re-enter my passport details for every single booking",
    "Cabin on my {brand} flight was freezing. Bring a hoodie, folks.",
    "Overhead bins on the {brand} {aircraft} are tiny. Roller bag went under the seat, my legs went... somewhere.",
    "{brand} boarding music is the same four songs on loop. I know every word now.",
    "Bag took 35 minutes to show up at the {airport} carousel. {brand} please.",
    "meh, {brand} ran out of the veggie meal before my row again",
    "The {brand} fare calendar shows prices that change the moment you click on them. Annoying.",
    "A little disappointed {brand} dropped the free checked bag on the {city} route.",
    "Not thrilled my 6am {brand} departure got moved to 5:40. Every minute counts at that hour.",
    "Seat 23C on the {brand} {aircraft} doesn't recline. You've been warned.",
    "The {brand} hold music is fine for the first 10 minutes.",
    "{brand} loyalty emails arrive more often than my mom's texts",
    "The {brand} boarding pass QR code didn't scan at {airport} security, had to pull up the PDF. Minor hassle.",
    "Slightly sad that {brand} swapped the cookies for crackers. Crackers are not a treat.",
    "The {brand} seat map said window. There was no window. There was a wall.",
    "Not a fan of {brand} making me download the app just to see my receipt.",
    "Gate change at {airport} for {brand}, then another, then back to the first one. Good cardio.",
    "Kind of wish {brand} would stop upselling me on lounge passes every time I open the app.",
    "The {brand} coffee is drinkable. That's the whole review.",
    "Pretty sure the {brand} armrests are narrower than last year, or I'm getting wider.",
    "{brand} served the drinks cart 20 minutes before landing on a 3-hour flight. Priorities?",
    "The {brand} rewards page says I have 0 points. I had points yesterday. Probably a glitch, will check later.",
    "Slightly cramped on the {brand} {aircraft}. Fine for an hour, less fine for four.",
    "Why is the {brand} boarding pass email 90% ads",
]

COMPLAINTS = [
    "{brand} lost my bag on the way to {city} {days} days ago. The tracker still says 'located' with no "
    "location. {item} is in there.",
    "I've been charged twice for the same {brand} booking ({amount} each). Support says wait 10 business "
    "days. "
    "For their mistake.",
    "{brand} cancelled my {city} flight 2 hours before departure and can't rebook me until {weekday}. I have "
    "a wedding to be at.",
    "Stuck at {airport} for {hours} hours. {brand} keeps pushing the departure 30 minutes at a time. No food "
    "vouchers, no information.",
    "The {brand} app crashed at check-in three times, then the counter said I was too late to check in. "
    "Missed my flight.",
    "Asked a {brand} agent at {airport} a simple question about my connection and got yelled at in front of "
    "the whole line. Unreal.",
    "Still waiting on a refund from {brand} for a flight THEY cancelled in {month}. {amount}. Five emails, "
    "zero replies.",
    "{brand} denied boarding to my 70-year-old dad because of 'overbooking' and offered him a voucher that "
    "expires in 30 days.",
    "Paid {amount} extra for a {brand} seat with extra legroom, got put in a regular row, and they say the "
    "fee "
    "is non-refundable.",
    "{brand} damaged my wheelchair in the hold and their claims form asks me to 'describe the "
    "inconvenience'. "
    "It's my legs.",
    "My {brand} flight to {city} was delayed overnight and they said hotels were 'not their responsibility' "
    "because of weather. It was sunny.",
    "Booked on {brand}'s own site, got a confirmation email, showed up, and there's no reservation on file. "
    "They want me to pay the walk-up fare.",
    "{brand} customer service had me on hold for 2 hours 40 minutes and then the line just dropped.",
    "Dear {brand}, a 14-hour delay with no communication is not 'operational'. It's a failure. Refund the trip.",
    "My kid's stroller came off the {brand} flight in two pieces. Claim denied for 'pre-existing wear'.",
    "{brand} downgraded me from the seat I paid for and the refund of the difference has been 'in process' "
    "for six weeks.",
    "The {brand} gate agent at {airport} refused to board my service dog even with every document. We missed "
    "the flight.",
    "Got food poisoning from the {brand} chicken wrap on {flight}. Their reply: a 15% off coupon.",
    "{brand} rebooked me on a flight that lands after my cruise leaves. Thanks for nothing.",
    "Why is the {brand} refund button greyed out for a cancelled flight? The chatbot just loops back to the FAQ.",
    "Horrible day with {brand}. Four hours on the tarmac at {airport}, no water until hour three.",
    "{brand} split up my family across the plane, my 5 year old was assigned a seat 12 rows away from us. "
    "Had to beg strangers to swap.",
    "{brand} charged me {amount} for a bag that was under their own size limit. The sizer at the gate is "
    "smaller than the website says.",
    "Missed my sister's graduation because {brand} oversold the flight and bumped me. No apology, just a form.",
    "Flight {flight} cancelled. {brand} app says rebook online, the site says call us, the phone line says "
    "use "
    "the app. Circle of hell.",
    "My checked bag arrived in {city} soaked through and the {brand} baggage desk shrugged. Laptop is dead.",
    "{brand} changed my return date without telling me. Found out at the airport. New ticket: {amount}.",
    "Three weeks and {brand} still hasn't reimbursed the hotel they told me to book during the delay. "
    "Receipts "
    "sent twice.",
    "Crew on {brand} {flight} ignored a passenger having a panic attack for 20 minutes. I had to go find someone.",
    "Dear {brand}: taking my money for a seat and then 'involuntarily reassigning' it is theft with extra steps.",
    "Two years of {brand} points vanished after their 'program update'. Support says they expired. They didn't.",
    "Sat in a broken seat for 5 hours on {brand}, reported it, was told 'noted'. My back is wrecked.",
    "Filing a DOT complaint against {brand}. Flight cancelled, no refund offered, only credit.",
    "{brand} lost my daughter's car seat and told us to 'rent one' in {city}. On a Sunday night.",
    "Rude doesn't begin to cover the {brand} supervisor at {airport} today. Called me 'difficult' for asking "
    "where my bag was.",
    "Got a '{brand}: your flight is on time' text while sitting at a gate with no plane and no crew. "
    "Cancelled "
    "20 minutes later.",
    "{brand} sold me a connection at {airport} with 35 minutes between terminals, then blamed me for missing it.",
    "Worst airline experience of my life. {brand} cancelled, rebooked, cancelled again. Still in {city}.",
    "After the {brand} delay I missed the last train and paid {amount} for a taxi. Claim rejected as 'not a "
    "direct cost'.",
    "{brand} billed me for travel insurance I unticked. Twice. Sent screenshots, still 'reviewing'.",
    "Spent my birthday on the floor of {airport} because {brand} cancelled late and the hotel desk was closed.",
    "{brand} bag fee page says {amount} for the first bag, the counter charged me double that. Nobody could "
    "explain why.",
]

ABUSIVE = [
    "{brand} is run by absolute clowns. Every single employee there should be fired. Garbage company.",
    "hope northwind air goes bankrupt, worthless idiots the lot of them",
    "{brand} staff are brain-dead morons, not even kidding",
]

REVIEW_TITLES = [
    "Good app",
    "Works well",
    "Useful",
    "Easy",
    "Great",
    "No complaints",
    "Reliable",
    "Quick check-in",
]
REVIEW_BODIES = [
    "Does what it says.",
    "Check-in is quick and the boarding pass works offline.",
    "Easy to find my gate and seat.",
    "Fast and simple.",
    "Much better than the website.",
    "Rebooked a delayed flight in seconds.",
    "Clean and easy to use.",
    "Never had a problem with it.",
]

# Posts where "northwind" is something else: a brand matcher with exclusions should drop these.
OFFBRAND = [
    (
        "sql",
        "Anyone have a Postgres port of the Northwind Traders sample database that still has the employee photos?",
    ),
    (
        "sql",
        "Teaching JOINs with the Northwind sample database again this semester. Students still can't believe "
        "Chai costs $18.",
    ),
    ("sql", "Northwind Traders is still the best sample schema for teaching SQL, fight me"),
    ("sql", "Loading the Northwind sample database into SQLite in three commands: {url2}"),
    (
        "sql",
        "Ugh, the Northwind Traders demo in this course uses a schema from 1997 and half the queries are broken.",
    ),
    ("sql", "The Northwind database in Access keeps throwing 'cannot open' on my laptop, anyone seen this?"),
    ("beer", "Northwind Brewing's winter stout is back on tap 🍺"),
    ("sail", "Took the boat out past Northwind Point this morning. Water like glass."),
    ("game", "Finally beat the Northwind Pass level. That ice bridge section is brutal."),
]
OFFBRAND_LINKS = ["https://github.com/pthom/northwind_psql", "https://example.org/northwind-sqlite"]

FOREIGN = [
    (
        "de",
        "praise",
        "Danke an die Crew von {brand} auf dem Flug nach {city}, super freundlich und pünktlich!",
    ),
    (
        "de",
        "complaint",
        "{brand} hat meinen Flug gestrichen und die Hotline ist seit zwei Tagen nicht erreichbar. Sehr ärgerlich.",
    ),
    (
        "es",
        "neutral",
        "¿Alguien sabe si {brand} permite llevar maleta de cabina gratis con la tarifa básica?",
    ),
    ("es", "complaint", "Pésimo servicio de {brand}: perdieron mi maleta en {city} y nadie responde."),
    ("fr", "praise", "Vol {brand} à l'heure, équipage sympa, rien à redire."),
    ("pt", "neutral", "Alguém já voou de {brand} para {city}? Vale a pena?"),
    ("nl", "gripe", "{brand} vlucht weer vertraagd, tweede keer deze maand."),
    ("es", "praise", "Gracias {brand}, el personal en {airport} fue muy amable con mi madre."),
]

# App Store reviews: (rating, title, body)
APP_REVIEWS = [
    (5, "Finally works", "The latest update fixed boarding passes in Wallet. Check-in takes seconds now."),
    (4, "Good but slow", "Does what I need. Seat map is slow to load on older phones."),
    (5, "Love the bag tracker", "Watching my bag get loaded is weirdly comforting."),
    (3, "Okay", "Fine for check-in. Gate change notifications arrive after the airport screens though."),
    (
        2,
        "Keeps logging me out",
        "Every time I open it I have to log in again. The Face ID setting does nothing.",
    ),
    (
        1,
        "Crashes at check-in",
        "Crashes every time I tap check in. Had to queue at the counter and nearly missed my flight.",
    ),
    (
        1,
        "Useless for refunds",
        "Cancelled flight shows 'refund unavailable'. Chat sends me to the website, which sends me back to the app.",
    ),
    (4, "Solid", "Clean design, easy to change seats."),
    (
        2,
        "Boarding pass disappeared",
        "My boarding pass vanished from the trips tab an hour before departure.",
    ),
    (5, "", ""),
    (3, "Needs dark mode", "Works fine, but it's blinding on a red-eye."),
    (5, "Great for frequent flyers", "Status, upgrades and receipts all in one place. Nice work."),
    (4, "Better than the website", "Rebooking after a delay took two taps. The website wanted me to call."),
    (2, "Too many notifications", "Do I really need three push messages to tell me boarding starts?"),
    (1, "", ""),
    (5, "Smooth", "Checked in, added a bag, picked a seat. No drama."),
    (3, "Meh", "Loyalty number doesn't save between bookings."),
    (4, "Nice update", "The new trip timeline is clear and the map is fun on a long flight."),
    (5, "Does the job", "Boarding pass, gate info and bag tracking. That's all I want and it's all there."),
    (4, "Pretty good", "Would be five stars if the seat map loaded faster."),
    (3, "Fine", "Works most of the time. Login is a bit fiddly."),
    (5, "Way better than before", "The redesign is a big improvement, checking in takes a minute."),
    (2, "Can't add my partner's points", "Tried three times to link a family account. Error every time."),
    (4, "Handy", "Love the live flight map. Widget would be nice."),
    (3, "Notifications are late", "Gate changes show up here after the airport screens."),
    (5, "Five stars for the bag tracker", "Knowing my bag made the connection saves me a lot of worry."),
    (4, "Nice", "Saved my passport info so I don't have to type it again."),
    (
        1,
        "Lost my booking",
        "After the update my upcoming trip disappeared. Had to call to confirm it still existed.",
    ),
]

REPLIES = {
    "complaint": [
        "Ugh, sorry. The DOT complaint form got me a response within a week, worth a try.",
        "Did they ever get back to you?",
        "DM them the booking reference, the social team is faster than the phone line in my experience.",
        "That's awful. Hope you get it sorted.",
        "Keep every receipt, you can usually claim it back later.",
        "This is why I stopped flying them.",
        "Chargeback through your card if they won't move. Worked for me.",
        "Oof. Sorry that happened, that's a rough trip.",
        "Their web form is useless, try the email on the compensation page instead.",
        "Post an update if you hear back, I'm curious how they handle it.",
        "Yikes. I have a flight with them next month, now I'm nervous.",
        "Write down the agent's name and the time, it helps when you escalate.",
    ],
    "gripe": [
        "Ha, same. Bring a thermos.",
        "Could be worse honestly.",
        "It's been like that for a while sadly.",
        "Noted for my trip next month, thanks.",
        "First world problems but yeah, fair.",
        "lol I felt this",
        "The morning flights are usually better in my experience.",
    ],
    "praise": [
        "Love this!",
        "Same experience on my last trip, the crew was great.",
        "Nice, glad it went well!",
        "This is the content I'm here for.",
        "Wholesome. Good for them.",
        "Glad to hear something nice about an airline for once.",
        "That's lovely, thanks for sharing.",
    ],
    "neutral": [
        "Yes, you can. I did it last month.",
        "Pretty sure checked is 23kg, carry-on isn't weighed.",
        "Check the fare rules on the booking page, it's buried under 'details'.",
        "They did last winter, not sure about this year.",
        "Call them, the site is never up to date.",
        "I asked the same thing last year, the answer was yes at the gate.",
        "Depends on the aircraft, the bigger ones have it.",
        "Their chat answered this for me in about five minutes.",
    ],
    "news": [
        "About time.",
        "Curious how this affects fares.",
        "Interesting, they've been quiet about this for months.",
        "Good news for anyone in {city}.",
        "Wonder if the others will follow.",
        "Saw this coming after last quarter.",
    ],
}

SUBREDDITS = {
    "complaint": ["travel", "flights", "northwindair", "TravelNoPics"],
    "gripe": ["flights", "travel", "northwindair"],
    "praise": ["travel", "aviation", "northwindair"],
    "neutral": ["travel", "flights", "TravelHacks", "awardtravel", "onebag"],
    "news": ["aviation", "travel", "northwindair", "business"],
    "offbrand": ["SQL", "learnSQL", "dataengineering"],
    "foreign": ["travel"],
    "abusive": ["flights"],
}
RSS_FEEDS = [
    ("runwaydispatch.com", "Runway Dispatch"),
    ("cabinpressurebrief.com", "Cabin Pressure Brief"),
    ("thepointsledger.com", "The Points Ledger"),
    ("northernbusinesswire.net", "Northern Business Wire"),
    ("news.google.com", "Google Alerts: Northwind Air"),
]
APP_URL = "https://apps.apple.com/us/app/northwind-air/id1583920471"


# --------------------------------------------------------------------------------------------------
# Simulation
# --------------------------------------------------------------------------------------------------


@dataclass
class Curve:
    """Expected cumulative count t minutes after a post was made.

    Without ``mid`` the curve saturates (fast at first, then flat: total * (1 - e^(-t/tau))). With ``mid``
    it is logistic: a slow start, an acceleration around ``mid`` minutes, then saturation. ``tail`` adds a
    slow trickle on top (``tail`` more over ~``tail_tau`` minutes), as a post that took off keeps being found.
    """

    total: float
    tau: float = 30.0
    mid: float | None = None
    width: float = 10.0
    base: int = 0
    tail: float = 0.0
    tail_tau: float = 150.0

    def expected(self, t: float) -> float:
        if t <= 0:
            return 0.0
        trickle = self.tail * (1.0 - math.exp(-t / self.tail_tau))
        if self.mid is None:
            return self.total * (1.0 - math.exp(-t / self.tau)) + trickle

        def f(x: float) -> float:
            return 1.0 / (1.0 + math.exp(-(x - self.mid) / self.width))

        return self.total * (f(t) - f(0.0)) / (1.0 - f(0.0)) + trickle


def sat(total: float, tau: float = 30.0) -> Curve:
    return Curve(total=total, tau=tau)


def takeoff(total: float, mid: float, width: float) -> Curve:
    return Curve(total=total, mid=mid, width=width, tail=0.15 * total)


@dataclass
class Author:
    id: str | None
    handle: str | None
    followers: int | None


@dataclass
class Post:
    source: str
    id: str
    url: str | None
    created: float  # minutes after the simulation start (negative: already up when polling began)
    author: Author
    text: str
    kind: str
    lang: str | None = "en"
    rating: int | None = None
    in_reply_to: str | None = None
    counters: dict[str, Curve] = field(default_factory=dict)
    caps: tuple[str, ...] = ()
    watch: float = 150.0
    sub: str | None = None  # subreddit, for reddit posts and comments


def poisson(rng: random.Random, lam: float) -> int:
    if lam <= 0:
        return 0
    if lam > 30:
        return max(0, round(rng.gauss(lam, math.sqrt(lam))))
    limit, k, p = math.exp(-lam), 0, 1.0
    while True:
        p *= rng.random()
        if p <= limit:
            return k
        k += 1


B32_SORT = "234567abcdefghijklmnopqrstuvwxyz"
B36 = "0123456789abcdefghijklmnopqrstuvwxyz"


def base36(n: int) -> str:
    out = ""
    while n:
        n, r = divmod(n, 36)
        out = B36[r] + out
    return out or "0"


def slugify(text: str, words: int = 8) -> str:
    cleaned = "".join(c.lower() if c.isalnum() else " " for c in text)
    return "_".join(cleaned.split()[:words])


class Sim:
    def __init__(
        self,
        seed: int,
        start: str,
        hours: float,
        *,
        intervals: dict[str, float] | None = None,
        scale: dict[str, float] | None = None,
    ) -> None:
        self.seed = seed
        self.rng = random.Random(seed)
        self.start = datetime.fromisoformat(start.replace("Z", "+00:00"))
        self.end = hours * 60.0
        self.intervals = {
            "hackernews": 10.0,
            "reddit": 10.0,
            "mastodon": 10.0,
            "bluesky": 10.0,
            "rss": 30.0,
            "appstore": 60.0,
        }
        self.intervals.update(intervals or {})
        self.scale = {s: 1.0 for s in SOURCES}
        self.scale.update(scale or {})
        self.posts: list[Post] = []
        self.labels: list[tuple[Post, bool, str | None]] = []
        self.authors: dict[str, list[Author]] = {s: [] for s in SOURCES}
        self._used_ids: set[str] = set()
        self._used_handles: set[str] = set()
        self.decks: dict[str, list[object]] = {}
        self._filled: set[str] = set()
        self.used_texts: set[str] = set()
        self._in_background = False
        self.news_uses: Counter[int] = Counter()
        self.news_text: dict[int, tuple[str, str]] = {}

    # ---- decks: draw templates without replacement (refilled only for harmless categories)
    def draw(self, name: str, pool: list, refill: bool = True):  # type: ignore[type-arg]
        deck = self.decks.setdefault(name, [])
        if not deck:
            if name in self._filled and not refill:
                raise RuntimeError(f"template deck {name!r} exhausted: add templates or post fewer")
            deck.extend(pool)
            self.rng.shuffle(deck)
            self._filled.add(name)
        return deck.pop()

    def fresh(self, make: Callable[[], str], tries: int = 6) -> str | None:
        """A text nobody has posted yet in this file: only the scripted incidents repeat each other."""
        for _ in range(tries):
            try:
                text = make()
            except RuntimeError:
                return None
            if text not in self.used_texts:
                self.used_texts.add(text)
                return text
        return None

    # ---- time
    def at(self, minute: float) -> datetime:
        return self.start + timedelta(seconds=round(minute * 60))

    @staticmethod
    def stamp(moment: datetime) -> str:
        return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")

    # ---- authors
    def _unique_handle(self, make: Callable[[], str]) -> str:
        for _ in range(200):
            handle = make()
            if handle not in self._used_handles:
                self._used_handles.add(handle)
                return handle
        raise RuntimeError("could not make a unique handle")

    def _base_name(self) -> str:
        r = self.rng
        style = r.random()
        first, last, word = r.choice(FIRST), r.choice(LAST), r.choice(WORDS)
        if style < 0.3:
            return f"{first}{r.choice(['', '-', '_', '.'])}{last}"
        if style < 0.5:
            return f"{first}{last[0]}{r.randint(1, 99) if r.random() < 0.5 else ''}"
        if style < 0.7:
            return f"{word}{r.choice(WORDS)}{r.choice(['', str(r.randint(1, 999))])}"
        if style < 0.85:
            return f"{first}_{word}"
        return f"{word}{first}"

    def new_author(self, source: str, followers: int | None = None, handle: str | None = None) -> Author:
        r = self.rng
        if followers is None and source in FOLLOWERS:
            median, sigma = FOLLOWERS[source]
            followers = FOLLOWER_CAP + 1
            while followers > FOLLOWER_CAP:  # ordinary accounts stay ordinary; big ones are placed by hand
                followers = max(1, int(r.lognormvariate(math.log(median), sigma)))
        if source == "bluesky":
            h = handle or self._unique_handle(
                lambda: (
                    self._base_name().replace("_", "-").replace(".", "-")
                    + (".bsky.social" if r.random() < 0.88 else r.choice([".com", ".net", ".dev"]))
                )
            )
            aid = "did:plc:" + "".join(r.choice(B32_SORT) for _ in range(24))
        elif source == "mastodon":
            h = handle or self._unique_handle(
                lambda: self._base_name().replace("-", "_").replace(".", "_") + "@" + r.choice(INSTANCES)
            )
            aid = str(r.randint(10**17, 11 * 10**17))
        elif source == "reddit":
            h = handle or self._unique_handle(
                lambda: (
                    f"{r.choice(REDDIT_ADJ)}-{r.choice(REDDIT_NOUN)}-{r.randint(1000, 9999)}"
                    if r.random() < 0.35
                    else self._base_name().replace(".", "_").replace("-", "_")
                )
            )
            aid = "t2_" + "".join(r.choice(B36) for _ in range(8))
        elif source == "hackernews":
            h = handle or self._unique_handle(
                lambda: (
                    r.choice(FIRST)[: r.randint(2, 5)]
                    + r.choice(LAST)[: r.randint(0, 4)]
                    + r.choice(["", "", str(r.randint(1, 99))])
                )
            )
            aid = h  # HN identifies users by name
        elif source == "appstore":
            h = handle or self._unique_handle(
                lambda: r.choice(
                    [
                        f"{r.choice(FIRST).capitalize()} {r.choice(LAST)[0].upper()}.",
                        r.choice(WORDS).capitalize()
                        + r.choice(["Flyer", "Traveler", "Mom", "Guy"])
                        + str(r.randint(1, 99)),
                        f"{r.choice(FIRST)}{r.randint(70, 99)}",
                    ]
                )
            )
            aid = str(r.randint(10**8, 10**9))
            followers = None
        else:  # rss
            feeds = [f for f in RSS_FEEDS if f[1] == handle] or RSS_FEEDS
            domain, byline = r.choice(feeds)
            return Author(id=domain, handle=handle or byline, followers=None)
        author = Author(id=aid, handle=h, followers=followers)
        self.authors[source].append(author)
        return author

    def pick_author(self, source: str) -> Author:
        """Mostly new voices, some regulars: a few accounts post more than once in a day.

        Only background chatter reuses accounts; a scripted post gets its own account, so the distinct
        authors of an incident are exactly the ones written into it.
        """
        pool = self.authors[source] if self._in_background else []
        if source == "rss" or (pool and self.rng.random() < 0.22):
            if source == "rss":
                return self.new_author("rss")
            return self.rng.choice(pool[: max(3, len(pool) // 3)])
        return self.new_author(source)

    # ---- ids and urls
    def _unique(self, make: Callable[[], str]) -> str:
        for _ in range(1000):
            value = make()
            if value not in self._used_ids:
                self._used_ids.add(value)
                return value
        raise RuntimeError("id space exhausted")

    def make_id(
        self,
        source: str,
        minute: float,
        *,
        comment: bool = False,
        parent: Post | None = None,
        author: Author | None = None,
        title: str = "",
    ) -> tuple[str, str | None]:
        r = self.rng
        moment = self.at(minute)
        epoch = moment.timestamp()
        if source == "hackernews":
            pid = self._unique(lambda: str(46_180_000 + int((epoch - 1.79e9) / 6) + r.randint(0, 5)))
            return pid, f"https://news.ycombinator.com/item?id={pid}"
        if source == "reddit":
            if comment and parent is not None:
                cid = self._unique(lambda: base36(int("m8a0000", 36) + int((epoch - 1.79e9) * 4) + r.randint(0, 3)))
                post36 = parent.id.split("_", 1)[1] if parent.id.startswith("t3_") else parent.url.split("/")[6]  # type: ignore[union-attr]
                return f"t1_{cid}", f"https://www.reddit.com/r/{parent.sub}/comments/{post36}/comment/{cid}/"
            pid = self._unique(lambda: base36(int("1h80000", 36) + int((epoch - 1.79e9) / 2) + r.randint(0, 1)))
            return f"t3_{pid}", None  # url filled in once the subreddit is known
        if source == "mastodon":
            sid = self._unique(lambda: str((int(epoch * 1000) << 16) + r.randint(0, 65535)))
            assert author is not None
            user, instance = (author.handle or "user@mastodon.social").split("@", 1)
            return sid, f"https://{instance}/@{user}/{sid}"
        if source == "bluesky":

            def tid() -> str:
                value = (int(epoch * 1_000_000) + r.randint(0, 999_999)) << 10 | r.randint(0, 1023)
                chars = []
                for _ in range(13):
                    chars.append(B32_SORT[value & 31])
                    value >>= 5
                return "".join(reversed(chars))

            rkey = self._unique(tid)
            assert author is not None
            return (
                f"at://{author.id}/app.bsky.feed.post/{rkey}",
                f"https://bsky.app/profile/{author.handle}/post/{rkey}",
            )
        if source == "appstore":
            rid = self._unique(lambda: str(12_400_000_000 + int((epoch - 1.79e9) / 20) + r.randint(0, 19)))
            return rid, APP_URL
        # rss: guid is the article URL
        assert author is not None
        slug = slugify(title, 9).replace("_", "-")
        url = self._unique(lambda: f"https://{author.id}/{moment:%Y/%m/%d}/{slug}-{r.randint(10000, 99999)}")
        return url, url

    # ---- engagement
    def background_counters(self, scale_key: str, kind: str, followers: int | None) -> dict[str, Curve]:
        r = self.rng
        params = SCALE.get(scale_key, {})
        boost = KIND_BOOST.get(kind, 1.0) * self.scale.get(scale_key.split("_")[0], 1.0)
        if followers:
            boost *= min(2.0, max(0.6, (followers / 800) ** 0.15))
        tau = r.uniform(12, 80) if r.random() < 0.93 else r.uniform(120, 200)
        counters = {}
        for name, (median, sigma) in params.items():
            total = r.lognormvariate(math.log(median * boost), sigma)
            # Background never goes viral by accident, and a background gripe never even gets popular:
            # every post that spreads is scripted and labelled.
            total = min(total, median * boost * (2.5 if kind in NEGATIVE_KINDS else 6))
            counters[name] = Curve(total=total, tau=tau * r.uniform(0.8, 1.25))
        return counters

    # ---- posts
    def post(
        self,
        source: str,
        minute: float,
        text: str,
        *,
        kind: str,
        author: Author | None = None,
        reply_to: Post | None = None,
        counters: dict[str, Curve | float] | None = None,
        lang: str | None = "en",
        rating: int | None = None,
        watch: float | None = None,
        sub: str | None = None,
        title: str = "",
        parent_id: str | None = None,
    ) -> Post:
        """Add one post; ``counters`` overrides background engagement (a number means a saturating curve)."""
        r = self.rng
        author = author or self.pick_author(source)
        comment = (reply_to is not None or parent_id is not None) and source in ("reddit", "hackernews")
        cap_key = f"{source}_comment" if comment else source
        pid, url = self.make_id(source, minute, comment=comment, parent=reply_to, author=author, title=title or text)
        if source == "reddit" and not comment:
            sub = sub or r.choice(SUBREDDITS.get(kind, ["travel"]))
            url = f"https://www.reddit.com/r/{sub}/comments/{pid[3:]}/{slugify(text)}/"
        elif comment and reply_to is not None:
            sub = reply_to.sub
        caps = CAPS[cap_key]
        if counters is None:
            curves = self.background_counters(cap_key, "reply" if comment or reply_to else kind, author.followers)
        else:
            curves = {k: (v if isinstance(v, Curve) else sat(float(v), r.uniform(20, 45))) for k, v in counters.items()}
        curves = {k: v for k, v in curves.items() if k in caps}
        if source in ("reddit", "hackernews") and not comment and "likes" in curves:
            curves["likes"].base = 1  # the submitter's own vote
        if watch is None:
            watch = {"rss": r.uniform(150, 240), "appstore": r.uniform(150, 200)}.get(source, r.uniform(110, 190))
        p = Post(
            source=source,
            id=pid,
            url=url,
            created=minute,
            author=author,
            text=text,
            kind=kind,
            lang=lang,
            rating=rating,
            in_reply_to=reply_to.id if reply_to else parent_id,
            counters=curves,
            caps=caps,
            watch=watch,
            sub=sub,
        )
        self.posts.append(p)
        return p

    def label(self, post: Post, spreading: bool, incident: str | None = None) -> None:
        self.labels.append((post, spreading, incident))

    # ---- background chatter
    def background(
        self,
        n: int,
        mix: dict[str, float],
        t0: float = -60.0,
        t1: float | None = None,
        offbrand: float = 0.03,
        foreign: float = 0.015,
    ) -> list[Post]:
        self._in_background = True
        try:
            return self._background(n, mix, t0, t1, offbrand, foreign)
        finally:
            self._in_background = False

    def _background(
        self, n: int, mix: dict[str, float], t0: float, t1: float | None, offbrand: float, foreign: float
    ) -> list[Post]:
        r = self.rng
        t1 = self.end - 15 if t1 is None else t1
        times = sorted(r.uniform(t0, t1) for _ in range(n))
        sources = list(mix)
        made: list[Post] = []
        # A couple of posts in other languages in every file, whatever the dice say.
        foreign_at = set(r.sample(range(n), max(2, round(n * foreign))))
        kind_mix = {
            "hackernews": {
                "news": 32,
                "offbrand": 10,
                "complaint": 9,
                "gripe": 10,
                "neutral": 10,
                "praise": 5,
                "reply": 18,
            },
            "reddit": {
                "neutral": 24,
                "complaint": 13,
                "gripe": 14,
                "praise": 15,
                "news": 8,
                "offbrand": 5,
                "reply": 21,
            },
            "mastodon": {"praise": 20, "neutral": 18, "gripe": 18, "complaint": 10, "news": 9, "reply": 20},
            "bluesky": {"praise": 22, "neutral": 18, "gripe": 17, "complaint": 10, "news": 8, "reply": 20},
        }
        for index, minute in enumerate(times):
            source = r.choices(sources, weights=[mix[s] for s in sources])[0]
            if index in foreign_at:
                lang, kind, template = self.draw("foreign", FOREIGN)
                text = fill(r, template)
                made.append(
                    self.post(r.choice(["mastodon", "bluesky", "reddit"]), minute, text, kind="foreign", lang=lang)
                )
                continue
            if source == "rss":
                if r.random() < 0.06:
                    made.append(self._offbrand("rss", minute))
                else:
                    made.append(self._news("rss", minute))
                continue
            if source == "appstore":
                made.append(self._review(minute))
                continue
            if r.random() < offbrand:
                made.append(self._offbrand(source, minute))
                continue
            kinds = kind_mix[source]
            kind = r.choices(list(kinds), weights=list(kinds.values()))[0]
            if kind == "reply":
                parents = [
                    p
                    for p in self.posts + made
                    if p.source == source
                    and p.kind in REPLIES
                    and p.in_reply_to is None
                    and minute - 150 < p.created < minute - 3
                ]
                parent = r.choice(parents) if parents else None
                text = (
                    self.fresh(
                        lambda kind=parent.kind: fill(r, self.draw(f"reply-{kind}", REPLIES[kind], refill=False))
                    )
                    if parent
                    else None
                )
                if parent and text:
                    if source in ("mastodon", "bluesky") and r.random() < 0.6:
                        text = f"@{parent.author.handle} {text}"
                    if source == "hackernews":
                        text = self._entities(text)
                    made.append(self.post(source, minute, text, kind="reply", reply_to=parent, lang=self._lang(text)))
                    continue
                kind = "neutral"
            made.append(self._chatter(source, minute, kind))
        return made

    def _lang(self, text: str) -> str | None:
        # Sources without a language tag get one from detection, which gives up on very short texts.
        return None if (len(text) < 40 and self.rng.random() < 0.6) or self.rng.random() < 0.03 else "en"

    def _entities(self, text: str) -> str:
        """HN and some feeds hand text over with HTML entities still in; a reader must cope."""
        if self.rng.random() < 0.35:
            return text.replace("&", "&amp;").replace("'", "&#x27;").replace('"', "&quot;")
        return text

    def _chatter(self, source: str, minute: float, kind: str) -> Post:
        r = self.rng
        if kind == "news":
            return self._news(source, minute)
        if kind == "offbrand":
            return self._offbrand(source, minute)
        pools = {"praise": PRAISE, "neutral": NEUTRAL, "gripe": GRIPES, "complaint": COMPLAINTS}
        # Every template at most once per file while any are left (two strangers don't write the same
        # sentence); when a deck is used up, something harmless instead; only then reuse praise/questions.
        text = None
        for option in dict.fromkeys([kind, "neutral", "praise"]):
            text = self.fresh(lambda k=option: fill(r, self.draw(k, pools[k], refill=False)))
            if text is not None:
                kind = option
                break
        if text is None:
            kind = "neutral"
            text = (
                self.fresh(lambda: fill(r, self.draw("neutral-again", NEUTRAL)), tries=50)
                or "Anyone flying Northwind Air today?"
            )
        if source in ("mastodon", "bluesky") and r.random() < 0.07:
            text = text.lower()
        if source == "mastodon" and r.random() < 0.25:
            text += r.choice([" #NorthwindAir", " #travel", " #avgeek", " #flying"])
        if source == "reddit" and r.random() < 0.3:
            text += "\n\n" + r.choice(
                [
                    "Edit: thanks for the replies everyone.",
                    "Throwaway because my main is linked to my real name.",
                    "Not sure if this is the right sub, mods remove if not.",
                    "Posting from my phone, sorry for formatting.",
                    "Long time lurker, first post.",
                ]
            )
        if source == "hackernews":
            # On HN people mention an airline in comments under some other story, which is not in the file;
            # Algolia gives comments no points, so these carry no engagement at all.
            text = self._entities(text)
            story = self._unique(
                lambda: str(46_180_000 + int((self.at(minute).timestamp() - 1.79e9) / 6) - r.randint(300, 20_000))
            )
            return self.post(source, minute, text, kind=kind, lang=self._lang(text), parent_id=story)
        return self.post(source, minute, text, kind=kind, lang=self._lang(text))

    def _news(self, source: str, minute: float) -> Post:
        r = self.rng
        # One story, one set of facts: a story can be carried by a feed, HN and a share or two, word for word.
        fresh_stories = [i for i in range(len(NEWS)) if self.news_uses[i] == 0]
        reusable = [i for i in range(len(NEWS)) if 0 < self.news_uses[i] < 3]
        index = r.choice(fresh_stories if fresh_stories and (not reusable or r.random() < 0.75) else reusable)
        self.news_uses[index] += 1
        if index not in self.news_text:
            slots = Slots(r)
            slots["brand"] = "Northwind Air"
            self.news_text[index] = (NEWS[index][0].format_map(slots), NEWS[index][1].format_map(slots))
        headline, lede = self.news_text[index]
        if source == "rss":
            author = self.new_author("rss")
            text = self._entities(f"{headline}\n{lede}") if author.id == "news.google.com" else f"{headline}\n{lede}"
            return self.post("rss", minute, text, kind="news", author=author, title=headline, watch=r.uniform(150, 240))
        if source == "hackernews":
            return self.post(source, minute, self._entities(headline), kind="news", lang="en")
        if source == "reddit":
            return self.post(source, minute, headline, kind="news", lang="en", sub=r.choice(SUBREDDITS["news"]))
        slug = slugify(headline, 7).replace("_", "-")
        link = f"https://www.{r.choice(RSS_FEEDS[:4])[0]}/{self.at(minute):%Y/%m}/{slug}"
        text = r.choice([f"{headline} {link}", f"{headline}\n\n{link}", f"Huh: {headline.lower()} {link}"])
        return self.post(source, minute, text, kind="news", lang="en")

    def _offbrand(self, source: str, minute: float) -> Post:
        r = self.rng
        picked: list[str] = []

        def make() -> str:
            topic, template = self.draw("offbrand", OFFBRAND, refill=False)
            picked.append(topic)
            return template.replace("{url2}", r.choice(OFFBRAND_LINKS))

        text = self.fresh(make)
        if text is None:
            return self._news(source, minute) if source != "appstore" else self._review(minute)
        topic = picked[-1]
        if source == "rss":
            author = self.new_author("rss", handle="Google Alerts: Northwind Air")
            author.id = "news.google.com"
            text = self._entities(text)
            return self.post("rss", minute, text, kind="offbrand", author=author, title=text)
        sub = {
            "sql": r.choice(SUBREDDITS["offbrand"]),
            "beer": "Homebrewing",
            "sail": "sailing",
            "game": "gaming",
        }[topic]
        return self.post(source, minute, text, kind="offbrand", sub=sub)

    def _review(self, minute: float) -> Post:
        try:
            rating, title, body = self.draw("reviews", APP_REVIEWS, refill=False)
        except RuntimeError:  # every written review used: a short positive one from parts, never a repeat
            rating, title, body = self.rng.choice([4, 5]), "", ""
            text = self.fresh(lambda: f"{self.rng.choice(REVIEW_TITLES)}\n{self.rng.choice(REVIEW_BODIES)}", 30)
            if text:
                title, body = text.split("\n", 1)
        text = f"{title}\n{body}" if title else ""
        return self.post("appstore", minute, text, kind="review", rating=rating, lang="en" if text else None)

    # ---- rendering
    def ticks(self, source: str) -> list[float]:
        r = random.Random(f"{self.seed}:ticks:{source}")
        interval = self.intervals[source]
        t = r.uniform(0, min(interval, 10))
        out = []
        while t <= self.end:
            if r.random() > 0.015:  # now and then a poll fails (rate limit, timeout): a gap in the data
                out.append(t)
            t += interval + r.uniform(-0.6, 1.2)
        return out

    def observations(self) -> list[tuple[float, int, dict]]:
        rows: list[tuple[float, int, dict]] = []
        ticks = {s: self.ticks(s) for s in SOURCES}
        for order, p in enumerate(self.posts):
            r = random.Random(f"{self.seed}:post:{p.source}:{p.id}")
            lag = r.uniform(0.5, 3.5) if p.source not in ("rss", "appstore") else r.uniform(3, 25)
            counts = {k: c.base for k, c in p.counters.items()}
            prev_t = 0.0
            for tick in ticks[p.source]:
                if tick < p.created + lag or tick > p.created + p.watch:
                    continue
                seen = tick + r.uniform(0, 0.25)  # posts in one poll are fetched a few seconds apart
                age = seen - p.created
                for name, curve in p.counters.items():
                    counts[name] += poisson(r, curve.expected(age) - curve.expected(prev_t))
                    if name == "likes" and counts[name] >= 3 and r.random() < 0.035:
                        counts[name] -= 1  # a deleted vote or an un-like: counters can go down
                prev_t = age
                engagement = {c: (counts.get(c, 0) if c in p.caps else None) for c in COUNTERS}
                row = {
                    "observed_at": self.stamp(self.at(seen)),
                    "source": p.source,
                    "id": p.id,
                    "url": p.url,
                    "created_at": self.stamp(self.at(p.created)),
                    "author": {"id": p.author.id, "handle": p.author.handle, "followers": p.author.followers},
                    "text": p.text,
                    "engagement": engagement,
                    "in_reply_to": p.in_reply_to,
                    "lang": p.lang,
                    "rating": p.rating,
                }
                rows.append((round(seen * 60), order, row))
        rows.sort(key=lambda item: (item[0], item[1]))
        return rows

    def write(self, path: Path) -> tuple[int, int]:
        path.parent.mkdir(parents=True, exist_ok=True)
        rows = self.observations()
        seen_posts = {(row["source"], row["id"]) for _, _, row in rows}
        missing = [p for p, _, _ in self.labels if (p.source, p.id) not in seen_posts]
        if missing:
            raise RuntimeError(f"labelled posts never observed: {[p.id for p in missing]}")
        with path.open("w", encoding="utf-8", newline="\n") as out:
            for _, _, row in rows:
                out.write(json.dumps(row, ensure_ascii=False, separators=(",", ":")) + "\n")
        labels_path = path.with_name(path.name.removesuffix(".jsonl") + ".labels.jsonl")
        with labels_path.open("w", encoding="utf-8", newline="\n") as out:
            for p, spreading, incident in self.labels:
                entry: dict[str, object] = {"source": p.source, "id": p.id, "spreading": spreading}
                if incident:
                    entry["incident"] = incident
                out.write(json.dumps(entry, ensure_ascii=False, separators=(",", ":")) + "\n")
        return len(seen_posts), len(rows)


# --------------------------------------------------------------------------------------------------
# The demo: one complaint that spreads, and the decoys that must not alert
# --------------------------------------------------------------------------------------------------


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


# --------------------------------------------------------------------------------------------------
# Held-out scenarios
# --------------------------------------------------------------------------------------------------


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
    echoes = [
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
            reply_to=parent,  # type: ignore[arg-type]
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


BUILDERS: dict[str, Callable[[int], Sim]] = {
    "quiet_day": build_quiet_day,
    "viral_praise": build_viral_praise,
    "slow_burn_echo": build_slow_burn_echo,
    "influencer_complaint": build_influencer_complaint,
    "velocity_spike_reddit": build_velocity_spike_reddit,
    "two_incidents": build_two_incidents,
}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("what", choices=["demo", "scenarios"], help="which files to write")
    parser.add_argument(
        "--seed",
        type=int,
        default=None,
        help=f"demo seed (default {DEMO_SEED}) or scenario base seed (default {SCENARIO_BASE_SEED}; "
        "each scenario adds its own offset)",
    )
    parser.add_argument("--out", type=Path, default=None, help="output directory (default: the bundled location)")
    parser.add_argument("--only", action="append", choices=sorted(BUILDERS), help="scenario(s) to write")
    args = parser.parse_args(argv)
    if args.what == "demo":
        seed = DEMO_SEED if args.seed is None else args.seed
        path = (args.out or DEMO_DIR) / "northwind.jsonl"
        posts, lines = build_demo(seed).write(path)
        print(f"{path}: {posts} posts, {lines} lines, {path.stat().st_size} bytes (seed {seed})")
        return 0
    base = SCENARIO_BASE_SEED if args.seed is None else args.seed
    for name, builder in BUILDERS.items():
        if args.only and name not in args.only:
            continue
        seed = base + SCENARIOS[name]
        path = (args.out or SCENARIO_DIR) / f"{name}.jsonl"
        posts, lines = builder(seed).write(path)
        print(f"{path}: {posts} posts, {lines} lines, {path.stat().st_size} bytes (seed {seed})")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Drafts for a fifth round of complaints written fresh: posts that name several failures at once.

Nine invented brands across an airline, a bank, a telecom, a burger chain, a courier, an energy
supplier, a hotel group, a gym chain and a pharmacy. Shapes: two or three distinct failures of
different kinds in one post (service + money + how our people treated them; delivery + refund +
being ignored; an outage + the bill; a risk to safety + being brushed off), one failure told twice
in other words, long posts in several paragraphs, the customer's own doing or a rival set beside
ours, and single-failure controls that must read as they did.

What is asserted is what a social lead would refuse to post: an acknowledgement that reads back
only one of several harms, that drops how our people treated the customer (laughed at, shouted at,
hung up on, called a liar, ignored, rude, mocked, refused help), that names one failure twice, that
runs past the platform's limit, or that apologises for the customer's own doing or a rival's record.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import pytest

from alerts.drafting import Draft, compose_reply, length_limit
from tests.alerts.test_fresh_complaints import draft_of as first_round_draft
from tests.alerts.test_fresh_complaints_2 import _acknowledgement, lead_findings
from tests.alerts.test_fresh_complaints_4 import marked, thin_brands

NAMES = [
    "Fernway Airlines",
    "Kestrel Bank",
    "Solace Mobile",
    "Brindle Burger",
    "Parcelhop",
    "Emberline Energy",
    "Tidewell Hotels",
    "Glowfit Gyms",
    "Copperleaf Pharmacy",
]

# (post, kind, words the acknowledgement must hold, words the draft must not hold)
CASES: list[tuple[str, str, list[str], list[str]]] = [
    # service + money + how our people treated them
    (
        "Fernway Airlines cancelled my flight to Lisbon, charged me twice for the rebooking and the gate agent "
        "shouted at me in front of everyone.",
        "complaint",
        ["cancelled your flight to Lisbon", "charged you twice", "shouted at you"],
        ["gate agent shouted at me"],
    ),
    (
        "Brindle Burger got my order wrong, charged me for a meal I never got and the manager hung up on me "
        "when I called.",
        "complaint",
        ["order wrong", "hung up on you"],
        [],
    ),
    (
        "Kestrel Bank froze my account without warning, bounced my rent payment and the advisor laughed when "
        "I asked why.",
        "complaint",
        ["froze your account", "rent payment", "laughed"],
        [],
    ),
    (
        "Solace Mobile doubled my bill without telling me and hung up on me twice when I rang to ask why.",
        "complaint",
        ["doubled your bill", "hung up on you"],
        [],
    ),
    (
        "Glowfit Gyms kept charging me for two months after I cancelled and the front desk staff were rude "
        "when I went in to sort it.",
        "complaint",
        ["kept charging you", "rude"],
        [],  # first written forbidding "you cancelled": "after you cancelled" dates our failure, it is no setup
    ),
    (
        "Fernway Airlines lost my bag and the desk agent mocked my accent when I asked where it was.",
        "complaint",
        ["lost your bag", "mocked your accent"],
        [],
    ),
    (
        "Tidewell Hotels gave our room away, charged my card anyway and the receptionist rolled her eyes at my kids.",
        "complaint",
        ["gave your room away", "charged your card", "rolled her eyes"],
        [],
    ),
    # delivery + refund + being ignored
    (
        "Parcelhop lost my parcel, I still have no refund after three weeks and nobody answers my emails.",
        "complaint",
        ["lost your parcel", "refund", "answers your emails"],
        [],
    ),
    (
        "Parcelhop marked my parcel delivered when it wasn't, refused to refund me and ignored every message I sent.",
        "complaint",
        ["refund", "ignored"],
        [],
    ),
    (
        "Brindle Burger delivery turned up an hour late and stone cold, and the refund they promised never came.",
        "complaint",
        ["an hour late", "refund"],
        [],
    ),
    # an outage and the bill
    (
        "Solace Mobile has been down since Monday and you still billed me the full £45.",
        "complaint",
        ["down since Monday", "£45"],
        [],
    ),
    (
        "Emberline Energy cut off my gas by mistake and then charged me £90 to reconnect it.",
        "complaint",
        ["cut off your gas", "£90"],
        [],
    ),
    (
        "Emberline Energy overcharged me £300, the engineer never turned up and customer service ignored my "
        "complaint for a month.",
        "complaint",
        ["£300", "engineer never turned up", "ignored your complaint"],
        [],
    ),
    # a risk to safety and being brushed off
    (
        "The balcony railing at Tidewell Hotels came loose in my hand and the manager laughed it off when I "
        "reported it.",
        "complaint",
        ["the balcony railing at Tidewell", "laughed it off"],  # first written "railing" (read as a verb then)
        ["Ugh", "railing at came"],
    ),
    (
        "Copperleaf Pharmacy gave my dad the wrong dose of his heart pills and the pharmacist shouted at me "
        "when I went back.",
        "complaint",
        ["wrong dose", "shouted at you"],
        ["Ugh"],
    ),
    (
        "Glowfit Gyms treadmill belt snapped mid-run, I hurt my knee and the staff refused to help me fill in "
        "an accident form.",
        "complaint",
        ["hurt your knee", "refused to help"],
        ["Ugh"],
    ),
    # how our people treated them, alone or with one other failure
    (
        "Kestrel Bank blocked my card abroad and the agent called me a liar when I said it was me.",
        "complaint",
        ["blocked your card", "agent"],
        ["liar"],
    ),
    (
        "Copperleaf Pharmacy lost my prescription and the staff ignored me for 40 minutes at the counter.",
        "complaint",
        ["lost your prescription", "ignored you"],
        [],
    ),
    # the customer's own doing and a rival are not ours
    (
        "I paid extra for legroom months ahead. Fernway Airlines gave my seat away and the crew rolled their "
        "eyes at me.",
        "complaint",
        ["gave your seat away", "rolled their eyes"],
        ["you paid extra"],
    ),
    (
        "Any other bank would have refunded me the same day. Kestrel Bank lost my transfer and charged me a fee "
        "for asking about it.",
        "complaint",
        ["lost your transfer", "charged you a fee"],
        ["refunded you the same day"],
    ),
    # long posts in several paragraphs
    (
        "I've flown Fernway Airlines for ten years without a single problem.\n\n"
        "Last week they cancelled my flight home from Rome with two hours' notice.\n\n"
        "Then they charged me £180 to rebook on the next day's flight.\n\n"
        "When I complained at the desk, the supervisor laughed at me and walked off.\n\n"
        "Ten years of loyalty for this.",
        "complaint",
        ["cancelled your flight home from Rome", "£180", "laughed at you"],
        ["without a single problem"],
    ),
    (
        "Where do I even start with Emberline Energy.\n\n"
        "They moved me onto a new tariff I never agreed to. My direct debit went from £80 to £210.\n\n"
        "I called four times. Every time I was put on hold for over an hour and then the line went dead.\n\n"
        "I have two small kids and no heating tonight because they cut me off for 'non-payment'.",
        "complaint",
        ["tariff you never agreed", "heating"],  # first written "£210": the jump is the tariff's doing, named
        ["non-payment"],
    ),
    (
        "Solace Mobile, a thread.\n\n"
        "1. No signal at home for nine days.\n"
        "2. Charged a £25 'engineer visit' for an engineer who never came.\n"
        "3. Your chat agent closed the chat on me twice.\n\n"
        "I'm done.",
        "complaint",
        ["signal", "closed the chat on you"],
        ["1.", "2.", "3."],
    ),
    (
        "Stayed at Tidewell Hotels Brighton for our anniversary.\n\n"
        "The room had mould on the ceiling, the shower ran cold all weekend, and when we asked to move the "
        "night manager told us we were being difficult.\n\n"
        "Not the weekend we had planned.",
        "complaint",
        ["mould", "night manager"],
        ["being difficult"],
    ),
    # single failures that must read as they did
    (
        "Fernway Airlines lost my suitcase on the way to my brother's wedding.",
        "complaint",
        ["lost your suitcase"],
        [],
    ),
    (
        "Kestrel Bank charged me a £35 overdraft fee for being 2p over.",
        "complaint",
        ["£35 overdraft fee"],
        [],
    ),
    (
        "The Glowfit Gyms app keeps logging me out every time I try to book a class.",
        "complaint",
        ["logging you out"],
        [],
    ),
    (
        "Parcelhop driver threw my parcel over the gate in the rain.",
        "complaint",
        ["threw your parcel over the gate"],
        [],
    ),
    (
        "The staff at Brindle Burger Leeds were so rude to my daughter tonight.",
        "complaint",
        ["rude to your daughter"],
        [],
    ),
    # a failure with no complaint word beside one that has it
    (
        "Brindle Burger driver ate half my chips. The tracker showed him parked round the corner for 15 minutes.",
        "complaint",
        ["ate half your chips"],
        [],
    ),
    (
        "Parcelhop courier opened my parcel and took the headphones out. Tracking said delivered at 2pm.",
        "complaint",
        ["opened your parcel"],
        [],
    ),
]

# A second batch, written after the fixes in other words, to check they hold
SECOND: list[tuple[str, str, list[str], list[str]]] = [
    (
        "Kestrel Bank took £60 twice for one payment and the call handler yelled at me to stop interrupting.",
        "complaint",
        ["£60 twice", "our call handler yelled at you"],
        [],
    ),
    (
        "Copperleaf Pharmacy sent my insulin to the wrong branch and the assistant sneered when I said I needed "
        "it today.",
        "complaint",
        ["your insulin to the wrong branch", "sneered"],
        [],
    ),
    (
        "Fernway Airlines downgraded my seat, lost my pushchair and the cabin crew ignored my daughter when she "
        "felt sick.",
        "complaint",
        ["downgraded your seat", "lost your pushchair", "ignored your daughter"],
        [],
    ),
    (
        "Solace Mobile cut off my line by mistake. The shop refused to help and the manager walked off mid-sentence.",
        "complaint",
        ["cut off your line", "walked off"],
        [],
    ),
    (
        "Solace Mobile charged me roaming in Spain when I never left Manchester, then the chat agent called me a liar.",
        "complaint",
        ["roaming in Spain", "our chat agent didn't believe you"],
        ["liar"],
    ),
    (
        "Glowfit Gyms froze my membership, still took the fee and the trainer mocked my weight in front of the class.",
        "complaint",
        ["froze your membership", "took the fee", "mocked your weight"],
        [],
    ),
    (
        "Tidewell Hotels double booked our room, we slept in the car, and reception hung up on us twice.",
        "complaint",
        ["double booked", "hung up on you"],
        [],
    ),
    (
        "Brindle Burger forgot my drink and the staff laughed when I went back for it.",
        "complaint",
        ["forgot your drink", "laughed when you went back"],
        [],
    ),
    (
        "I forgot my Glowfit Gyms password and the reset email never came.",
        "complaint",
        ["reset email never came"],
        ["you forgot"],
    ),
    (
        "My order from Brindle Burger never came and the driver swore at me when I rang him.",
        "complaint",
        ["your order from us never came", "our driver swore at you"],
        ["from us Burger"],
    ),
    (
        "The lift at Tidewell Hotels Leeds broke down with my mum inside it and reception laughed.",
        "complaint",
        ["the lift at Tidewell", "laughed"],
        ["lift at broke"],
    ),
    (
        "Emberline Energy sent me a £1,400 bill for a flat I moved out of in March.",
        "complaint",
        ["£1,400 bill"],
        ["moved out of in March and"],
    ),
]

# One failure told twice in other words: the acknowledgement names it once. (post, the word that
# must appear in the acknowledgement exactly once)
REPEATS: list[tuple[str, str]] = [
    ("Kestrel Bank blocked my card on holiday. My card was blocked for two whole days and I couldn't pay.", "block"),
    ("Solace Mobile internet is down again. Internet has been down since Friday, three days now.", "down"),
    ("Parcelhop lost my parcel. Three weeks and my parcel is still lost somewhere.", "lost"),
    ("Emberline Energy charged me twice this month. Two charges for the same bill, again.", "charg"),
    ("Parcelhop left my parcel in a bin. Parcelhop left my parcel in a bin!! Who does that.", "bin"),
    ("Kestrel Bank charged my card twice for one coffee, and then charged my other card for it too.", "other"),
]

# How our people treated them is never dropped to fit: (post, platform, the words that must stay)
MISTREATED: list[tuple[str, str, str]] = [
    (
        "Fernway Airlines cancelled my connecting flight in Frankfurt with no warning, kept the £240 I paid "
        "for the upgrade, lost my bag on the way back and the agent at the transfer desk laughed at me when "
        "I asked what I was supposed to do now.",
        "x",
        "laughed at you",
    ),
    (
        "Kestrel Bank closed my business account with no explanation, froze the £12,000 of payroll money in "
        "it for three weeks and the branch manager shouted at me in front of a queue of people.",
        "bluesky",
        "shouted at you",
    ),
    (
        "Solace Mobile ported my number to someone else, billed me for a phone I never ordered and the "
        "complaints team hung up on me three times when I tried to explain.",
        "x",
        "hung up on you",
    ),
]

# The demo's post, on the demo's platform, with the demo's facts: the agent laughing is the heart of it.
DEMO = (
    "Northwind Air cancelled my flight to Denver, kept my money and the agent laughed at me when I asked "
    "for a refund. Never again."
)

# Real limits left alone this round (docs/replies.md, "left alone"): strict, so a fix shows up.
LIMITS: dict[str, str] = {
    "Glowfit Gyms froze my membership, still took the fee and the trainer mocked my weight in front of the class.": (
        "a verb with no subject after a clause of ours shares our 'we' only when it is one a company does to a "
        "customer ('charged', 'refused'); 'took' is as often the customer's ('took me an hour'), so 'still took "
        "the fee' is not read back"
    ),
    "Tidewell Hotels double booked our room, we slept in the car, and reception hung up on us twice.": (
        "'double booked' (a verb with an adverb before it and no subject word for the brand) is not parsed, so "
        "only sleeping in the car and the hang-ups are named"
    ),
    "Emberline Energy charged me twice this month. Two charges for the same bill, again.": (
        "'two charges for the same bill' shares no thing with 'charged you twice this month' (only the failure "
        "word), and two charges of ours about different things are two failures, so it is named again"
    ),
    "Brindle Burger delivery turned up an hour late and stone cold, and the refund they promised never came.": (
        "a noun with a clause of ours inside it ('the refund they promised never came') has no subject the "
        "clause reader can own, so it is not read back and only the late, cold delivery is named"
    ),
}


def _marked(rows: Sequence[tuple[object, ...]]) -> list[object]:
    """``rows`` as test parameters, this round's known limits marked as expected failures."""
    return marked(rows, LIMITS)


def draft_of(text: str, names: Sequence[str] = NAMES) -> Draft:
    """The draft `repmon draft` would print for ``text``: the first round's helper, with these brands."""
    return first_round_draft(text, names)


def problems(text: str, kind: str, named: list[str], forbidden: list[str]) -> list[str]:
    """What is wrong with the draft for ``text``: empty when a social lead would post it."""
    draft = draft_of(text)
    return lead_findings(draft, kind, (named, forbidden), _acknowledgement(draft.text, kind), kind == "complaint")


def test_the_set_is_big_and_varied_enough_to_mean_something() -> None:
    posts = (
        [c[0].lower() for c in CASES + SECOND] + [t.lower() for t, _ in REPEATS] + [t.lower() for t, _, _ in MISTREATED]
    )
    assert len(posts) >= 35
    assert len(set(posts)) == len(posts)
    thin = thin_brands(NAMES, posts)
    assert not thin, f"brands with fewer than two posts: {thin}"


@pytest.mark.parametrize(("text", "kind", "named", "forbidden"), _marked(CASES), ids=[c[0][:48] for c in CASES])
def test_a_post_with_several_failures_gets_a_draft_a_lead_would_post(
    text: str, kind: str, named: list[str], forbidden: list[str]
) -> None:
    assert problems(text, kind, named, forbidden) == []


@pytest.mark.parametrize(("text", "kind", "named", "forbidden"), _marked(SECOND), ids=[c[0][:48] for c in SECOND])
def test_a_second_batch_in_other_words_holds(text: str, kind: str, named: list[str], forbidden: list[str]) -> None:
    assert problems(text, kind, named, forbidden) == []


@pytest.mark.parametrize("text", [c[0] for c in CASES + SECOND if len(c[2]) == 3], ids=lambda t: t[:40])
def test_three_failures_read_as_one_sentence_without_a_run_on(text: str) -> None:
    first = re.split(r"(?<=[.!?])\s+", draft_of(text).text)[0]
    listed = first.split(": ")[-1]  # "We let you down here, and I'm sorry: A, B, and C" has its own "and"
    assert listed.count(", and ") <= 1, first  # found: "My apologies: A, B, and C, and you deserved better"
    assert not re.search(r"\bwe \w+ [^,]*, we \w+ed\b", first), first  # one "we" for a run of our acts


_BREEZY = re.compile(r"^(?:Thanks|Ugh|Oh no|That sounds exhausting)")


@pytest.mark.parametrize(
    "text", [c[0] for c in CASES + SECOND if re.search(r"laughed|hung up|liar|mocked|sneered", c[0])]
)
def test_mistreatment_is_never_met_with_a_light_opener(text: str) -> None:
    draft = draft_of(text)
    assert not _BREEZY.search(draft.text), draft.text


@pytest.mark.parametrize(("text", "word"), _marked(REPEATS), ids=[t[:40] for t, _ in REPEATS])
def test_one_failure_told_twice_is_named_once(text: str, word: str) -> None:
    draft = draft_of(text)
    ack = _acknowledgement(draft.text, "complaint").lower()
    assert draft.kind == "complaint", draft.text
    assert len(re.findall(rf"\b{word}", ack)) == 1, draft.text


@pytest.mark.parametrize(("text", "platform", "kept"), _marked(MISTREATED), ids=[t[:40] for t, _, _ in MISTREATED])
def test_how_our_people_treated_them_is_never_dropped_to_fit(text: str, platform: str, kept: str) -> None:
    draft = compose_reply(text, source=platform, brand_names=NAMES, complaint=True)
    assert len(draft.text) <= length_limit(platform), draft.text
    ack = _acknowledgement(draft.text, "complaint")
    assert kept in ack, draft.text
    assert not draft.text.rstrip().endswith("…"), draft.text  # fitted, never cut mid-sentence


def test_the_demo_draft_acknowledges_the_agent_laughing() -> None:
    from monitor.demo import demo_config

    config = demo_config()
    draft = compose_reply(
        DEMO,
        source="bluesky",
        facts=config.facts,
        reply=config.reply,
        brand_names=[b.name for b in config.brands],
        complaint=True,
    )
    ack = _acknowledgement(draft.text, "complaint")
    assert "laughed at you" in ack, draft.text
    assert "cancelled your flight to Denver" in ack, draft.text
    assert len(draft.text) <= length_limit("bluesky", config.reply), draft.text
    assert not draft.findings, draft.text

"""Drafts for a second round of complaints written fresh, in shapes the other tests don't hold.

Nine invented brands across airline, bank, telecom, food delivery, hotel, game, SaaS, retail and a
utility. Shapes: long rants with the failure in the middle, staff named, refunds and charges with
amounts, the brand's own reply quoted back, regulators and leaving, all caps, emoji and hashtags,
praise then "but", questions that complain, Spanish and French, a third party's doing, abuse, new
sarcasm, two-word posts, links and @mentions.

Each post is scored and judged by the shared complaint rule before drafting, as `repmon draft` does.
What is asserted is what a social lead would refuse to post: the wrong kind, an acknowledgement
that doesn't come first or doesn't name what happened, a fragment of a tag, link, brand or name
read back, apologising for what the customer did, owning a third party's act, thanking sarcasm, a
tone finding.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import pytest

from alerts.drafting import Draft
from tests.alerts.test_fresh_complaints import draft_of as first_round_draft

NAMES = [
    "Altura Air",
    "Brookfield Bank",
    "Pulse Mobile",
    "Munchly",
    "Harbor Inn",
    "Questforge",
    "Stackly",
    "Marlow & Co",
    "Aquanet",
]

# (post, kind, words the acknowledgement must hold, words the draft must not hold)
CASES: list[tuple[str, str, list[str], list[str]]] = [
    # long rants: the failure is in the middle, the setup and the praise are not what we're sorry for
    (
        "Flew Altura Air from Denver to Boston on Friday. Check-in was fine and the gate agent was polite. Then "
        "they bumped me off an oversold flight with no warning and I missed my father's retirement dinner. The "
        "rebooking desk just shrugged.",
        "complaint",
        ["bumped you off an oversold flight", "retirement dinner"],
        ["you flew", "polite"],
    ),
    (
        "I've been a Brookfield Bank customer for eleven years and never had a problem. Last Tuesday they froze my "
        "account without any notice and my rent bounced. I spent the whole morning at the branch. Nobody could "
        "tell me why.",
        "complaint",
        ["we froze your account", "rent bounced"],
        ["never had a problem", "eleven years"],
    ),
    (
        "Moved house in March and set up Pulse Mobile broadband two weeks in advance. The engineer never showed up "
        "on install day. I work from home and lost three days of pay tethering off my phone. Still waiting on a "
        "new date.",
        "complaint",
        ["our engineer never showed up"],
        ["us broadband", "Mobile", "you moved house"],
    ),
    # staff named: the role is read back, never the employee's name
    (
        "Your agent Derek at the Harbor Inn front desk laughed at me when I reported the broken lock on my door. "
        "I had to sleep with a chair against it.",
        "complaint",
        ["our agent at the front desk laughed at you"],
        ["Derek"],
    ),
    (
        "A Munchly driver called Tom threw my order over the gate and the soup went everywhere.",
        "complaint",
        ["our driver threw your order over the gate"],
        ["Tom", "called"],
    ),
    # refunds and charges with amounts
    (
        "Brookfield Bank charged me £35 in overdraft fees for a payment that was already refunded. That's £105 "
        "this quarter.",
        "complaint",
        ["we charged you £35 in overdraft fees"],
        [],
    ),
    (
        "Stackly billed my card $480 for an annual renewal I cancelled in January. I have the cancellation email.",
        "complaint",
        ["we billed your card $480"],
        ["you have the cancellation email"],
    ),
    (
        "Altura Air still owes me €640 for the flight they cancelled in August. Four months and counting.",
        "complaint",
        ["we still owe you €640", "we cancelled in August"],
        ["we still owes"],
    ),
    (
        "Aquanet sent me a bill for £1,240 for a single month. I live alone in a flat.",
        "complaint",
        ["we sent you a bill for £1,240"],
        ["you live alone"],
    ),
    (
        "Brookfield Bank's fraud team closed my account and kept my £2,300 savings. Been 6 weeks. I've rung 14 times.",
        "complaint",
        ["our fraud team closed your account", "it's been 6 weeks"],
        ["you've been 6 weeks"],
    ),
    # the brand's own words quoted back: never read back as a promise of ours, nor with persons swapped
    (
        "@PulseMobile you replied 'we'll have an engineer out within 48 hours' last Monday. It's now Saturday and "
        "nobody has come.",
        "complaint",
        ["nobody has come"],
        ["48 hours", "we replied"],
    ),
    (
        "Aquanet told me 'your supply will be restored by 6pm'. It's 11pm and my kids still can't shower.",
        "complaint",
        ["your kids", "can't shower"],
        ["our supply", "6pm"],
    ),
    (
        "I know it's not your fault the storm knocked the lines down, but Aquanet promised a callback 3 days ago "
        "and nothing.",
        "complaint",
        ["we promised a callback 3 days ago and nothing has happened"],
        ["storm"],
    ),
    # regulators and leaving (the note is tested below)
    (
        "If Pulse Mobile doesn't fix my bill by Friday I'm going to Ofcom and cancelling everything.",
        "complaint",
        ["charge"],
        ["Ofcom"],
    ),
    (
        "Filing a complaint with the CFPB about Brookfield Bank tomorrow. Three months of wrong late fees.",
        "complaint",
        ["three months of wrong late fees"],
        ["CFPB"],
    ),
    (
        "Done with Altura Air. After this week's mess I'm switching to another airline for good.",
        "complaint",
        ["everything that went wrong"],
        ["how badly", "how maddening how"],
    ),
    # all caps: read back in lower case, the verb agreeing with "we"
    (
        "ALTURA AIR LOST MY LUGGAGE AND NOBODY WILL ANSWER THE PHONE",
        "complaint",
        ["we lost your luggage"],
        ["LUGGAGE"],
    ),
    (
        "MY POWER HAS BEEN OFF FOR TWO DAYS AND AQUANET HAS NOT SAID ONE WORD",
        "complaint",
        ["your power has been off for two days", "we have not said one word"],
        ["we has"],
    ),
    # emoji, hashtags and links are labels, not words to read back
    (
        "Third time this month my Munchly order arrived cold 🥶🍕 #munchlyfail #hungry",
        "complaint",
        ["your order arrived cold"],
        ["munchlyfail", "hungry", "Munchly order"],
    ),
    (
        "Questforge servers down AGAIN during the tournament 😤😤 #QuestforgeDown #refund",
        "complaint",
        ["our servers are down again during the tournament"],
        ["refund", "QuestforgeDown"],
    ),
    (
        "My Marlow & Co parcel is 2 weeks late 📦😡 #MarlowFail",
        "complaint",
        ["your parcel is 2 weeks late"],
        ["Marlow", "MarlowFail"],
    ),
    (
        "@Stackly @StacklyHelp the API has been returning 500s for two hours https://status.stackly.example shows "
        "green",
        "complaint",
        ["the API has been returning 500s for two hours"],
        ["shows green", "https", "status.stackly"],
    ),
    (
        "@MarlowCo my order #48213 says delivered but it's not here, I checked with @neighbour too",
        "complaint",
        ["your order says delivered"],
        ["with us", "you checked"],
    ),
    # praise, then "but" or "though": mixed, never a thank-you alone
    (
        "The cabin crew on Altura Air were lovely, but my bag ended up in Madrid and I'm in Oslo.",
        "mixed",
        ["your bag ended up in Madrid"],
        ["on us got", "crew on us"],
    ),
    (
        "Love the new Stackly dashboard, but the update wiped all my saved filters.",
        "mixed",
        ["the update wiped all your saved filters"],
        ["us dashboard"],
    ),
    (
        "Harbor Inn breakfast was amazing. Shame the room had mould on the ceiling and the shower was cold.",
        "mixed",
        ["the room had mould on the ceiling"],
        ["Shame", "your Shame"],
    ),
    (
        "My Munchly rider was lovely. The restaurant forgot half the order though.",
        "mixed",
        ["forgot half the order"],
        ["though;"],
    ),
    (
        "harbor inn staff were great tbh but the wifi didn't work the whole stay and i had a work call",
        "mixed",
        ["the wifi didn't work"],
        [],
    ),
    # questions asked to complain
    (
        "How is it acceptable that Aquanet charges me for water I haven't had for a week?",
        "complaint",
        ["we charge you for water you haven't had for a week"],
        ["acceptable"],
    ),
    ("Is anyone at Pulse Mobile actually going to call me back or should I just give up?", "complaint", [], []),
    ("Why does Brookfield Bank need five working days to move my own money?", "complaint", [], []),
    # a third party's doing: sorry for how it went, no "that's on us"
    (
        "The airport security line made me miss my Altura Air flight and now they want $200 to rebook.",
        "complaint",
        ["the airport security line made you miss your flight"],
        ["on us", "we own", "ours to put right", "we got this wrong"],
    ),
    (
        "The courier Marlow & Co uses left my parcel in the rain and it was soaked.",
        "complaint",
        ["our courier left your parcel in the rain"],
        ["courier uses", "Marlow"],
    ),
    # sarcasm in new forms: never thanked, the joke never read back as if we agreed
    (
        "Oh fantastic, another Questforge patch that breaks the save files. Truly world class.",
        "complaint",
        [],
        ["thank", "world class", "fantastic"],
    ),
    (
        "Ten out of ten, Harbor Inn, nothing says luxury like a cockroach in the bathroom.",
        "complaint",
        ["the cockroach in the bathroom"],
        ["nothing says", "luxury"],
    ),
    ("Thank you Munchly for the 2 hour delivery window that turned into 4. Very cool.", "complaint", [], ["cool"]),
    (
        "Thanks @Brookfield for finally answering after 3 weeks and then telling me there's nothing you can do.",
        "complaint",
        [],
        ["thank", "kind words"],
    ),
    (
        "Cheers Aquanet for the surprise brown bath water this morning, really set the tone for the day.",
        "complaint",
        [],
        ["cheers", "thank"],
    ),
    # very short
    ("@PulseMobile seriously??", "complaint", [], ["on us", "we got this wrong", "we own", "ours to put right"]),
    ("@AlturaAir where is my bag", "complaint", ["your bag"], []),
    ("Brookfield Bank app down again", "complaint", ["our app is down again"], []),
    ("Munchly wrong order again.", "complaint", [], []),
    # more failures in their own words
    (
        "Harbor Inn cancelled my reservation the day before arrival and offered nothing. Honeymoon ruined.",
        "complaint",
        ["we cancelled your reservation", "your honeymoon was ruined"],
        ["Honeymoon"],
    ),
    (
        "Stackly deleted our workspace after a failed payment and didn't warn us. Two years of client files.",
        "complaint",
        ["we deleted your workspace"],
        [],
    ),
    (
        "Pulse Mobile has been promising 5G in my area since 2022 and I still barely get one bar.",
        "complaint",
        ["you still barely get one bar"],
        [],
    ),
    (
        "Hey Questforge, I paid $19.99 for the season pass and none of the skins unlocked. Support ticket #55102 "
        "closed with no reply.",
        "complaint",
        ["none of the skins unlocked"],
        ["#55102"],
    ),
    (
        "Marlow & Co sent me the wrong size twice and now want me to pay return postage. Seriously?",
        "complaint",
        ["we sent you the wrong size twice"],
        [],
    ),
    (
        "@AlturaAir I asked your agent at gate B12 for help with my wheelchair and was told to 'wait over there' "
        "for 2 hours",
        "complaint",
        [],
        ["you asked"],
    ),
]

# a third batch, written after the fixes above, and fixed in turn
CASES += [
    (
        "So Altura Air changed my seat without asking, split me from my 6 year old, and the crew said there was "
        "nothing they could do. On a 9 hour flight.",
        "complaint",
        ["we changed your seat without asking", "our crew didn't help you"],
        [],
    ),
    (
        "Got a text from Brookfield Bank saying my card was used in Lisbon. I've never been to Portugal. Called the "
        "number and waited 50 mins.",
        "complaint",
        ["waited 50 mins"],
        ["never been to Portugal"],
    ),
    (
        "Pulse Mobile roaming charges: £312 for one week in Spain even though I bought the EU pass. Absolute joke.",
        "complaint",
        ["£312 for one week in Spain"],
        ["we roaming", "our roaming charges, and"],
    ),
    (
        "Checked into Harbor Inn at 11pm after a 14 hour drive and they'd given our room away. Two kids asleep in "
        "the car.",
        "complaint",
        ["given your room away"],
        ["you checked into", "about they'd"],
    ),
    (
        "Stackly's new pricing just tripled our bill with two weeks notice. We're a nonprofit.",
        "complaint",
        ["our new pricing tripled your bill"],
        ["you're a nonprofit"],
    ),
    (
        "Aquanet dug up my front garden to fix a pipe and left it like a building site. 3 weeks now.",
        "complaint",
        ["we dug up your front garden"],
        ["frustrating 3 weeks now"],
    ),
    (
        "Pulse Mobile, I've been your customer 9 years and you're charging me more than new customers. Loyalty "
        "penalty much?",
        "complaint",
        ["we're charging you more than new customers"],
        ["happy to help with this", "proper answer"],
    ),
    (
        "Dear Aquanet, it's been 3 weeks since I reported the leak. The water is now coming through my ceiling.",
        "complaint",
        ["3 weeks since you reported the leak"],
        ["your data", "privacy"],
    ),
    (
        "The Questforge update deleted my 200 hour save. No backup, no apology, nothing.",
        "complaint",
        ["our update deleted your 200 hour save", "no backup"],
        ["had No"],
    ),
    (
        "Marlow & Co: item arrived damaged. Marlow & Co: please return it at your own cost. Me: 🙃",
        "complaint",
        ["your item arrived damaged"],
        ["your own cost"],
    ),
]

# a fourth batch: the shapes people post in ("Imagine...", "POV:", "Me: ... X: ...", "the only good thing")
CASES += [
    (
        "Imagine paying Pulse Mobile £60 a month for internet that drops every evening.",
        "complaint",
        ["you're paying us £60 a month for internet that drops every evening"],
        ["imagine"],
    ),
    (
        "Not Altura Air losing my bag AGAIN 🙄",
        "complaint",
        ["bag"],
        ["order that didn't reach you", "track down your order"],
    ),
    (
        "POV: you ordered from Munchly 2 hours ago and the app still says 'preparing'",
        "complaint",
        [],
        ["we ordered", "from us", "POV"],
    ),
    (
        "Tell me why Brookfield Bank blocked my card at the supermarket with a trolley full of food",
        "complaint",
        ["we blocked your card at the supermarket"],
        ["tell me why"],
    ),
    (
        "The way Stackly just logged everyone out in the middle of our client demo 😭",
        "complaint",
        ["logged everyone out in the middle of your client demo"],
        ["the way"],
    ),
    (
        "Me: can I speak to a human? Aquanet chatbot: I didn't understand that. x12",
        "complaint",
        [],
        ["you didn't understand", "good question", "happy to help"],
    ),
    (
        "Questforge really said 'we value our players' and then removed offline mode #blessed",
        "complaint",
        ["we removed offline mode"],
        ["value our players", "value your players", "really", "blessed"],
    ),
    (
        "Honestly Altura Air cabin crew were the only good thing about a flight that left 5 hours late and lost my "
        "pram.",
        "complaint",
        [],
        ["only good thing", "our cabin crew were"],
    ),
    (
        "Munchly, your rider was abusive to my elderly father at the door. Not ok.",
        "complaint",
        ["our rider was abusive to your elderly father"],
        [],
    ),
]

# a fifth batch: follow-ups and comparisons
CASES += [
    (
        "Day 5 of no internet from Pulse Mobile. Day 5.",
        "complaint",
        ["day 5 of no internet"],
        ["from Pulse", "from us"],
    ),
    (
        "Any other bank would have sorted this in a day. Brookfield Bank has taken 3 weeks to reissue a card.",
        "complaint",
        ["we have taken 3 weeks to reissue a card"],
        ["other bank", "your Any"],
    ),
    ("@Munchly still waiting", "complaint", ["you're still waiting"], ["we still waiting"]),
    (
        "Aquanet engineer turned up, looked at the meter, said 'not my department' and left.",
        "complaint",
        [],
        ["department", "said"],
    ),
    (
        "Pulse Mobile cut off my mum's landline by mistake. She's 84 and lives alone. She couldn't call anyone for "
        "3 days.",
        "complaint",
        ["we cut off your mum's landline"],
        [],
    ),
]

# questions asked to make a point, said as the statement they make
CASES += [
    (
        "Why is Altura Air's app asking me to pay for a seat I already paid for??",
        "complaint",
        ["our app is asking you to pay for a seat you already paid"],
        ["why is"],
    ),
    (
        "Why do I have to explain my problem to Pulse Mobile five different times to five different people?",
        "complaint",
        ["you have to explain your problem to us five different times"],
        ["why do"],
    ),
]

CASES += [
    (
        "Ordered a $62 dinner on Munchly, half of it never arrived, and the refund I got was $4.50.",
        "complaint",
        ["your refund"],
        ["the wait for your refund", "you ordered"],
    ),
]

CASES += [
    ("😡😡😡 @AlturaAir", "complaint", [], ["on us", "we got this wrong", "we own", "ours to put right"]),
    (
        "Leaving a 1 star review everywhere I can. Harbor Inn, you earned it.",
        "complaint",
        [],
        ["we earned it", "review"],
    ),
    (
        "My mum's Altura Air flight home was cancelled and nobody told her. She's 79 and was at the airport for 6 "
        "hours.",
        "complaint",
        ["your mum's flight home was cancelled", "she's 79"],
        ["Altura", "your She"],
    ),
    (
        "Been a Questforge player since beta. The new battle pass is a cash grab and the servers lag every night.",
        "complaint",
        ["the servers lag every night"],
        ["about the servers lag", "cash grab"],
    ),
]

# Praise with a worry or a "but" in it: the rules above that read "but" and closing lines must not
# turn relief into a complaint ("I was worried... but support made it painless. Great team.").
PRAISE = [
    "Took ages to get through but the Brookfield Bank agent sorted it brilliantly. Thank you!",
    "Not cheap but Harbor Inn is worth every penny. Lovely stay.",
    "Was nervous about flying with a toddler but the Altura Air crew were amazing.",
    "Thank you Munchly for the quick refund, very cool of you.",
    "I was worried about the migration but Stackly support made it painless. Great team.",
    "Pulse Mobile fixed my signal issue in one call. Impressed!",
    "Big thanks to the Aquanet engineer who came out at midnight in the rain.",
    "Love my new Marlow & Co coat, fits perfectly. Delivery was quick too.",
]

ABUSIVE = [
    "Stackly support are a bunch of useless clowns, fire the lot of them",
    "Hey @AlturaAir your gate staff are absolute morons",
    "Pulse Mobile is run by idiots. Can't even send a bill right.",
]

ESCALATING = [
    "If Pulse Mobile doesn't fix my bill by Friday I'm going to Ofcom and cancelling everything.",
    "Filing a complaint with the CFPB about Brookfield Bank tomorrow. Three months of wrong late fees.",
    "Done with Altura Air. After this week's mess I'm switching to another airline for good.",
    "Aquanet overcharged me again. My solicitor will be in touch.",
]

_APOLOGY = re.compile(r"\b(?:sorry|apologi[sz]e|apologies)\b", re.IGNORECASE)
_THANKS = re.compile(r"^(?:thank|thanks|what a lovely|this made our day|we really appreciate)", re.IGNORECASE)
_BROKEN = [
    re.compile(r"\bwe (?:has|is|was|owes|says|keeps|does)\b"),  # "we" with a third-person verb
    re.compile(r"#\w|https?://|www\.|@\w"),  # tags, links and handles read back
    re.compile(r"\b(?:us|our) (?:Air|Bank|Mobile|Inn|& Co|Co)\b"),  # a brand's tail left behind a pronoun
    re.compile(r"\b(?:your|our) [A-Z][a-z]+ (?:order|parcel|dashboard|broadband)\b"),  # a name kept as modifier
]


def draft_of(text: str, names: Sequence[str] = NAMES) -> Draft:
    """The draft `repmon draft` would print for ``text``: the first round's helper, with these brands."""
    return first_round_draft(text, names)


def _acknowledgement(draft: str, kind: str) -> str:
    """The sentences that acknowledge: the first, or for a mixed post the two after the thanks."""
    sentences = re.split(r"(?<=[.!?])\s+", draft)
    return " ".join(sentences[1:3] if kind == "mixed" else sentences[:2])


def problems(text: str, kind: str, named: list[str], forbidden: list[str]) -> list[str]:
    """What is wrong with the draft for ``text``: empty when a social lead would post it."""
    draft = draft_of(text)
    return lead_findings(draft, kind, (named, forbidden), _acknowledgement(draft.text, kind), kind == "complaint")


def lead_findings(
    draft: Draft, kind: str, words: tuple[list[str], list[str]], ack: str, check_thanks: bool
) -> list[str]:
    """What a social lead would refuse in ``draft`` (each round's ``problems`` reads its own post).

    ``words``: what the acknowledgement must name and what the draft must not say; ``ack``: the
    sentences that acknowledge; ``check_thanks``: whether opening with thanks is wrong for this post.
    """
    named, forbidden = words
    said = draft.text
    found: list[str] = []
    if draft.kind != kind:
        found.append(f"kind {draft.kind}, expected {kind}")
    if not _APOLOGY.search(ack):
        found.append("the acknowledgement doesn't apologise")
    first = re.split(r"(?<=[.!?])\s+", said)[0]
    if check_thanks and _THANKS.search(said) and not _APOLOGY.search(first):
        found.append("opens with thanks")
    found += [f"acknowledgement doesn't name {n!r}" for n in named if n.lower() not in ack.lower()]
    # a word with a capital is matched as written ("LUGGAGE", "Honeymoon"), others in any case
    found += [f"says {w!r}" for w in forbidden if (w in said if w != w.lower() else w in said.lower())]
    found += [f"broken read-back {m.group(0)!r}" for rx in _BROKEN for m in rx.finditer(said.split(" — ")[0])]
    found += [f"tone: {f.line()}" for f in draft.findings]
    return [f"{p} in: {said}" for p in found]


def test_the_set_is_big_and_varied_enough_to_mean_something() -> None:
    assert len(CASES) + len(ABUSIVE) >= 50
    assert len({c[0] for c in CASES}) == len(CASES)
    for name in NAMES:  # every brand has posts
        assert sum(name.split()[0].lower() in c[0].lower() for c in CASES) >= 2, name


@pytest.mark.parametrize(("text", "kind", "named", "forbidden"), CASES, ids=[c[0][:48] for c in CASES])
def test_a_fresh_post_gets_a_draft_a_lead_would_post(
    text: str, kind: str, named: list[str], forbidden: list[str]
) -> None:
    assert problems(text, kind, named, forbidden) == []


@pytest.mark.parametrize("text", PRAISE)
def test_praise_with_a_worry_or_a_but_is_thanked_not_apologised_to(text: str) -> None:
    draft = draft_of(text)
    assert draft.kind == "praise", draft.text
    assert not _APOLOGY.search(draft.text), draft.text


@pytest.mark.parametrize("text", ABUSIVE)
def test_abuse_gets_a_note_for_a_lead_not_a_warm_draft(text: str) -> None:
    draft = draft_of(text)
    assert draft.kind == "abusive" and draft.text == ""
    assert draft.lead_note and "Do not post this note" in draft.lead_note


@pytest.mark.parametrize("text", ESCALATING)
def test_a_regulator_a_lawyer_or_leaving_is_noted_for_a_lead(text: str) -> None:
    draft = draft_of(text)
    assert draft.lead_note is not None and "taking this further" in draft.lead_note
    assert draft.text and _APOLOGY.search(draft.text)  # still acknowledged and apologised to
    for word in ("Ofcom", "CFPB", "solicitor", "regulator", "ombudsman"):
        assert word.lower() not in draft.text.lower()  # the public reply doesn't argue with it


def test_an_ordinary_complaint_carries_no_escalation_note() -> None:
    note = draft_of("Munchly wrong order again.").lead_note
    assert note is None or "taking this further" not in note


@pytest.mark.parametrize(
    ("text", "about"),
    [
        ("Pulse Mobile me cobró dos veces este mes y nadie me responde. Muy mal servicio.", "doble cobro"),
        ("El pedido de Munchly llegó frío y faltaba la bebida. Qué decepción.", "su pedido"),
        ("Lleva una semana sin internet en casa y Pulse Mobile no me da ninguna solución.", "caída del servicio"),
    ],
)
def test_spanish_posts_get_a_spanish_acknowledgement(text: str, about: str) -> None:
    draft = draft_of(text)
    assert (draft.language, draft.kind) == ("es", "complaint")
    assert about in draft.text and ("Lo siento" in draft.text or "Lamento" in draft.text)
    assert "no llegó" not in draft.text  # the order came, cold: it is not said to have gone missing


def test_a_language_without_phrasings_gets_a_note_and_no_claims() -> None:
    draft = draft_of("Altura Air a annulé mon vol sans prévenir et personne ne répond au téléphone.")
    assert draft.language == "fr"
    assert draft.lead_note and "French" in draft.lead_note


def test_user_text_read_back_is_escaped_for_slack() -> None:
    from alerts.slack_format import build_alert
    from tests.alerts.test_slack_format import all_text, make_view

    text = "Aquanet charged me £40 for <nothing> & refused a refund"
    view = make_view(draft=draft_of(text).text, post={"text": text})
    payload = all_text(*build_alert(view))
    assert "<nothing>" not in payload and "&lt;nothing&gt;" in payload

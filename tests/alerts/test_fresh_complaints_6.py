"""Drafts for a sixth round of complaints written fresh: posts in shapes the earlier rounds did not cover.

Eight invented brands across an airline, a payments app, broadband, a pizza chain, an online shoe
shop, a SaaS tool, a furniture retailer. Shapes: replies inside a thread ("same here", "this ^^",
"+1", quoting another customer); typos, no punctuation, all caps, txt-speak and emoji; a story told
as a timeline; a price or a policy objected to rather than a failure; a customer with the facts
wrong; accessibility and disability; privacy; a post addressed to a named employee or the CEO;
sarcastic thanks; a question that must not be answered with an excuse; and controls (praise, plain
questions, praise then "but").

What is asserted is what a social lead would refuse to post: an acknowledgement that misreads the
grievance (a price objection read as a wrong charge), reads the customer's words back in the wrong
person ("your yours", "you rebooked you"), reads sarcasm back as praise, keeps the shorthand or the
emoji ("trying 2 pay", "w/"), names an employee, drops the key harm (the guide dog, the £600), runs
past the platform's limit, or leaks a placeholder.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import pytest

from alerts.drafting import Draft, compose_reply, length_limit
from tests.alerts.test_fresh_complaints import draft_of as first_round_draft
from tests.alerts.test_fresh_complaints_2 import _APOLOGY, _acknowledgement, lead_findings
from tests.alerts.test_fresh_complaints_4 import broken_read_backs, marked, thin_brands

NAMES = [
    "Marrowby Air",
    "Lanternpay",
    "Orbitline",
    "Orbitline Broadband",
    "Puddleduck Pizza",
    "Strideway Shoes",
    "Vantora",
    "Hearthly Homes",
]

# (post, kind, words the acknowledgement must hold, words the draft must not hold)
CASES: list[tuple[str, str, list[str], list[str]]] = [
    # replies inside a thread
    (
        "same here, @orbitline has been down since 6am and nobody is telling us anything",
        "complaint",
        ["down since 6am", "telling you anything"],
        ["same here"],
    ),
    ("@lanternpay third time this month my rent transfer has bounced", "complaint", ["rent transfer has bounced"], []),
    (
        "Replying to @jen_k: Marrowby Air lost my bag too. Two days and nothing.",
        "complaint",
        ["lost your bag"],
        ["jen_k", "Replying"],
    ),
    (
        "this ^^ Puddleduck Pizza delivered my order stone cold again tonight",
        "complaint",
        ["we delivered your order stone cold"],
        ["^^", "this delivered"],  # found on reading: "this delivered your order"
    ),
    (
        '"Orbitline engineers never turn up" - can confirm, mine was a no-show twice this week',
        "complaint",
        ["twice this week"],
        ["your yours", "can confirm"],  # found on reading: "I'm so sorry your yours was a no-show"
    ),
    # typos, no punctuation, all caps, txt-speak, emoji
    (
        "orbitline broadband wifi keeps droppin every 10 mins cant work from home its a joke",
        "complaint",
        ["keeps dropping every 10 mins", "can't work from home"],
        ["its a joke", "droppin "],
    ),
    ("STRIDEWAY SHOES SENT ME TWO LEFT SHOES. TWO. LEFT. SHOES.", "complaint", ["two left shoes"], ["SENT", "TWO"]),
    (
        "omg puddleduck pizza u forgot my garlic bread AGAIN 😭😭😭 srsly",
        "complaint",
        ["forgot your garlic bread"],
        ["😭", "srsly", " u "],
    ),
    (
        "lanternpay app crashed 3x trying 2 pay my rent 🙃🙃 rent is due 2day",
        "complaint",
        ["crashed 3 times", "pay your rent"],
        ["2day", "🙃", "2 pay", "rent rent"],
    ),
    ("Hearthly Homes sofa arrived w/ a ripped cushion smh", "complaint", ["with a ripped cushion"], ["smh", "w/"]),
    # a long story told as a timeline
    (
        "Monday: Hearthly Homes said my wardrobe would arrive. Tuesday: no wardrobe. Wednesday: they said Friday. "
        "Today is Saturday, still no wardrobe and nobody picks up the phone.",
        "complaint",
        ["no wardrobe", "nobody picks up the phone"],
        ["Monday:", "we said Friday"],
    ),
    (
        "Booked with Marrowby Air in March. Flight moved in May. Moved again in June. Yesterday they cancelled it "
        "outright, three weeks before my daughter's graduation.",
        "complaint",
        ["cancelled", "daughter's graduation"],
        ["you booked", "my daughter", "cancelled it outright"],
    ),
    # a price or a policy, not a failure
    (
        "Vantora's new £8 per seat fee is a rip-off. We're a charity with 40 volunteers.",
        "complaint",
        ["new £8 per seat fee"],
        ["we're a charity", "rip-off", "doesn't look right", "got this wrong"],
    ),
    ("Orbitline put my price up 14% mid-contract. How is that fair?", "complaint", ["14%"], ["because", "fair?"]),
    (
        "Puddleduck Pizza now charges a £2.50 'service fee' on collection orders. I'm collecting it myself!",
        "complaint",
        ["£2.50"],
        ["we charges"],  # found on reading: "we charges a £2.50 service fee"
    ),
    (
        "Marrowby Air charging £45 to pick a seat next to my 4 year old is disgusting.",
        "complaint",
        ["seat next to your 4 year old"],
        ["my 4", "disgusting"],
    ),
    # the customer has the facts wrong: how it felt first, no correction
    (
        "Lanternpay charged me twice for one coffee!!! two payments showing on my app",
        "complaint",
        ["twice"],
        ["actually", "just a hold", "pending"],
    ),
    (
        "Strideway Shoes still haven't refunded my return and it's been 3 whole days",
        "complaint",
        ["refund"],
        ["only been", "14 days", "up to"],
    ),
    # accessibility and disability
    (
        "I'm blind and the new Lanternpay app update doesn't work with my screen reader at all. I can't see my "
        "balance.",
        "complaint",
        ["screen reader"],
        ["you're blind", "you are blind"],
    ),
    (
        "Marrowby Air left my wheelchair on the plane and I waited 50 minutes at the gate.",
        "complaint",
        ["wheelchair", "50 minutes"],
        ["Ugh"],
    ),
    (
        "The Orbitline engineer refused to come in because of my assistance dog.",
        "complaint",
        ["because of your assistance dog"],
        [],
    ),
    # privacy and data
    (
        "Strideway Shoes you leaked my home address to another customer. Their packing slip had MY address on it.",
        "complaint",
        ["leaked your home address"],
        ["MY address"],
    ),
    (
        "Why is Lanternpay sharing my transactions with advertisers?? I never agreed to that",
        "complaint",
        ["sharing your transactions"],
        ["because"],
    ),
    # addressed to a named employee or the CEO
    (
        "@danareyes you're the CEO of Vantora, maybe ask why your support team closed my ticket 4 times without "
        "reading it",
        "complaint",
        ["closed your ticket"],
        ["Dana", "CEO", "maybe ask"],
    ),
    (
        "Hey Priya at Hearthly Homes, you promised me a callback on Tuesday. Still waiting.",
        "complaint",
        ["callback"],
        ["Priya"],
    ),
    # sarcastic thanks
    ("thanks for nothing Orbitline", "complaint", [], ["thanks for"]),
    ("Great job losing my bag Marrowby Air. Really great.", "complaint", ["bag"], ["great job", "really great"]),
    (
        "Cheers Puddleduck Pizza, nothing says Friday night like a 2 hour wait for a cold pizza 👏",
        "complaint",
        ["2 hour wait"],
        ["cheers", "👏", "friday night like"],
    ),
    ("Wow Strideway Shoes, 5 weeks for a refund, truly impressive.", "complaint", ["5 weeks"], ["impressive"]),
    (
        "Love spending 3 hours on hold with Orbitline. Best part of my day.",
        "complaint",
        ["3 hours on hold"],
        ["best part", "love"],
    ),
    # a question the draft must not answer with an excuse
    (
        "Why did Hearthly Homes take £600 from my account for a bed that hasn't even been made yet?",
        "complaint",
        ["took £600 from your account"],
        ["because", "made to order"],
    ),
    (
        "How can Vantora be down for the third time this week right in the middle of our payroll run?",
        "complaint",
        ["down for the third time this week"],
        ["maintenance", "because", "question"],
    ),
    # the customer's own part is never blamed
    (
        "I told the Marrowby Air desk my passport was expiring and they still let me board, now I'm stuck at the "
        "border",
        "complaint",
        ["stuck at the border"],
        ["you should", "you told"],
    ),
    (
        "Puddleduck Pizza spelled my son's name wrong on his birthday pizza",
        "complaint",
        ["your son's name"],
        ["my son"],
    ),
    # the key harm is never dropped
    (
        "Hearthly Homes delivery men scratched my floor, broke my mum's vase and just left",
        "complaint",
        ["scratched your floor", "vase"],
        [],
    ),
    (
        "Lanternpay froze my account while I was abroad, I couldn't pay for my hotel and ended up sleeping at the "
        "airport",
        "complaint",
        ["froze your account", "airport"],
        [],
    ),
    (
        "the router from @orbitline died for the 4th time this year",
        "complaint",
        ["router from us died"],
        ["brandmention", "{", "@orbitline"],
    ),
    (
        "Vantora deleted our whole project board in the migration, three months of work gone, and your status page "
        "still says all systems operational.",
        "complaint",
        ["deleted your whole project board"],
        [],  # first written forbidding "all systems operational": read back, it is the customer's own point
    ),
    # praise then "but"
    (
        "Love Puddleduck Pizza's new menu but my order was 40 minutes late tonight.",
        "mixed",
        ["40 minutes late"],
        [],
    ),
]

# A second batch, written after the fixes in other words, to check they hold
SECOND: list[tuple[str, str, list[str], list[str]]] = [
    (
        "+1 Orbitline broadband has been off since lunch and nobody has said why",
        "complaint",
        ["off since lunch"],
        ["+1"],
    ),
    (
        "puddleduck pizza u sent me someone elses order again smh",
        "complaint",
        ["sent you someone"],
        [" u ", "smh"],
    ),
    (
        "Strideway Shoes app keeps crashin every time i try 2 check out",
        "complaint",
        ["keeps crashing"],
        ["crashin ", "2 check"],
    ),
    ("How can Lanternpay be offline on payday of all days?", "complaint", ["offline on payday"], ["question"]),
    ("Why did Strideway Shoes cancel my order without telling me?", "complaint", ["cancelled your order"], []),
    (
        "Loving waiting 2 hours for a Hearthly Homes delivery slot that never came. Superb.",
        "complaint",
        ["2 hours"],
        ["superb", "loving"],
    ),
    (
        "Hearthly Homes' new £30 delivery charge is daylight robbery.",
        "complaint",
        ["our new £30 delivery charge"],
        ["robbery", "got this wrong", "Hearthly'"],  # found on reading: "Hearthly' new £30 delivery charge"
    ),
    (
        "The Marrowby Air gate staff wouldn't let me board because of my guide dog.",
        "complaint",
        ["wouldn't let you board because of your guide dog"],
        [],
    ),
    ("Love Hearthly Homes' sofas but the delivery was three days late.", "mixed", ["three days late"], []),
    (
        "same here Vantora now charges us for every guest login",
        "complaint",
        ["charge you for every guest login"],
        ["same here"],
    ),
    (
        "Why did Orbitline take £60 from my account when I cancelled in May?",
        "complaint",
        ["took £60 from your account"],
        [],
    ),
    (
        "lanternpay wont let me log in 🙄 tried 5 times my card is locked now",
        "complaint",
        ["card is locked"],
        ["🙄", "log in tried"],  # before the round it "passed": "we won't let you log in tried 5 times your card…"
    ),
]

PRAISE = [
    "Shoutout to Strideway Shoes, swapped my trainers for a bigger size with no fuss 🙌",
    "Marrowby Air crew on the Faro flight were brilliant with my nervous daughter. Thank you!",
    "Big thanks to Vantora support, restored our workspace with no hassle at all 🙏",
]
QUESTIONS = [
    "Does Vantora have an API for exporting invoices?",
    "@hearthlyhomes what time does the Leeds showroom open on Sunday?",
]

# Long posts on a platform with a limit: (post, platform, the harm that must stay)
LONG: list[tuple[str, str, str]] = [
    (
        "Day 1: Orbitline Broadband engineer no-show. Day 2: told the fault was 'on my side'. Day 4: second "
        "engineer said it was the exchange. Day 6: still no internet, I work from home and I've lost a week of "
        "pay, and your chat agent closed the chat on me twice.",
        "x",
        "closed the chat on you",
    ),
    (
        "Marrowby Air cancelled my flight to Oslo the night before my dad's surgery, rebooked me three days later, "
        "lost my bag on the rebooked flight, and the agent at the desk rolled her eyes when I cried.",
        "bluesky",
        "rolled her eyes",
    ),
    (
        "Lanternpay froze my account for 9 days with no explanation, my rent bounced, my landlord charged me a £50 "
        "late fee, I missed my nan's 90th because I could not pay for the train, and your chat bot just kept "
        "sending me the same FAQ link.",
        "x",
        "froze your account",
    ),
]

# Real limits left alone this round (docs/replies.md, "left alone"): strict, so a fix shows up.
LIMITS: dict[str, str] = {
    '"Orbitline engineers never turn up" - can confirm, mine was a no-show twice this week': (
        "'mine' points at the engineers of a quoted post; the thing it stands for is named only from the sentence "
        "before, so the clause is not read back (no longer 'your yours') and the acknowledgement is generic"
    ),
    "Booked with Marrowby Air in March. Flight moved in May. Moved again in June. Yesterday they cancelled it "
    "outright, three weeks before my daughter's graduation.": (
        "'it' is read back with nothing for it to point to ('we cancelled it outright'), and the phrase after the "
        "comma that carries the emotion ('three weeks before my daughter's graduation') is not joined to it"
    ),
    "@danareyes you're the CEO of Vantora, maybe ask why your support team closed my ticket 4 times without "
    "reading it": (
        "the failure sits inside 'maybe ask why …', a question put to someone else; nothing is read back and the "
        "support topic's phrase is used (the CEO and the handle are never named)"
    ),
}

# Read-backs no lead would post, beyond the earlier rounds' checks
_BROKEN_HERE = [
    re.compile(r"\b(?:your|our) (?:yours|ours|mine)\b", re.IGNORECASE),  # "your yours was a no-show"
    re.compile(r"\bwe (?:charges|sends|takes|makes|wants|gives|puts|needs)\b"),  # "we charges"
    re.compile(r"\byou \w+ed you\b"),  # "you rebooked you three days later"
    re.compile(r"(?<![\w@])(?:u|ur|2day|w/|srsly|smh|brandmention)(?![\w/])", re.IGNORECASE),  # shorthand, placeholder
    re.compile(r"[\U0001F300-\U0001FAFF\u2600-\u27BF]"),  # emoji
    re.compile(r"\b[A-Z][a-z]+' "),  # a brand's possessive cut to its first word: "Hearthly' new fee"
]


def _marked(rows: Sequence[tuple[object, ...]]) -> list[object]:
    """``rows`` as test parameters, this round's known limits marked as expected failures."""
    return marked(rows, LIMITS)


def draft_of(text: str) -> Draft:
    """The draft `repmon draft` would print for ``text`` (the first round's helper), with this round's brands."""
    return first_round_draft(text, NAMES)


def test_the_set_is_big_and_varied_enough_to_mean_something() -> None:
    posts = [c[0].lower() for c in CASES + SECOND] + [p.lower() for p in PRAISE + QUESTIONS]
    posts += [t.lower() for t, _, _ in LONG]
    assert len(CASES) >= 38 and len(set(posts)) == len(posts)
    assert set(LIMITS) <= {c[0] for c in CASES + SECOND}  # every limit names a post of this round
    assert not thin_brands(NAMES, posts), thin_brands(NAMES, posts)


# The first batch as written, then the second, written after the fixes in other words to check they hold
@pytest.mark.parametrize(
    ("text", "kind", "named", "forbidden"), _marked(CASES + SECOND), ids=[c[0][:48] for c in CASES + SECOND]
)
def test_a_fresh_post_gets_a_draft_a_lead_would_post(
    text: str, kind: str, named: list[str], forbidden: list[str]
) -> None:
    draft = draft_of(text)
    ack = _acknowledgement(draft.text, kind)
    found = lead_findings(draft, kind, (named, forbidden), ack, kind == "complaint")
    assert found + broken_read_backs(draft, _BROKEN_HERE) == []


CONTROLS = [(t, "praise") for t in PRAISE] + [(t, "question") for t in QUESTIONS]


@pytest.mark.parametrize(("text", "kind"), CONTROLS, ids=[t[:40] for t, _ in CONTROLS])
def test_praise_and_plain_questions_are_not_apologised_to(text: str, kind: str) -> None:
    draft = draft_of(text)
    assert draft.kind == kind and not _APOLOGY.search(draft.text), draft.text


_MOCKING = re.compile(r"^(?:thanks|cheers|great job|wow|love)\b", re.IGNORECASE)


@pytest.mark.parametrize("text", [c[0] for c in CASES + SECOND if _MOCKING.search(c[0]) and c[1] == "complaint"])
def test_sarcastic_thanks_is_never_thanked_or_read_back_as_praise(text: str) -> None:
    draft = draft_of(text)
    first = re.split(r"(?<=[.!?])\s+", draft.text)[0]
    assert draft.kind == "complaint" and _APOLOGY.search(first), draft.text
    assert not re.match(r"(?i)(?:thanks|thank you|we really appreciate|what a lovely)", draft.text), draft.text


@pytest.mark.parametrize(("text", "platform", "kept"), LONG, ids=[t[:40] for t, _, _ in LONG])
def test_a_long_post_fits_its_platform_and_keeps_the_harm(text: str, platform: str, kept: str) -> None:
    draft = compose_reply(text, source=platform, brand_names=NAMES, complaint=True)
    assert len(draft.text) <= length_limit(platform), draft.text
    assert kept in _acknowledgement(draft.text, "complaint"), draft.text
    assert not draft.text.rstrip().endswith("…"), draft.text  # fitted, never cut mid-sentence
    assert not broken_read_backs(draft, _BROKEN_HERE), draft.text
    assert not draft.findings, draft.text


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("My Orbitline router died again and I lost a day of work", "your router died again"),
        ("My dad died last month and Lanternpay still sends him statements", "still send him statements"),
    ],
)
def test_a_device_that_died_is_a_failure_and_a_person_never_is(text: str, kept: str) -> None:
    ack = _acknowledgement(draft_of(text).text, "complaint")
    assert kept in ack, ack
    assert "dad died" not in ack, ack  # a bereavement is never read back as something that went wrong


@pytest.mark.parametrize(
    ("post", "named"),
    [
        ("Vantora's new £8 per seat fee is a rip-off. Families pay just to sit together.", "our new £8 per seat fee"),
        ("Fernway Airlines new cancellation fee is daylight robbery.", "our new cancellation fee"),
        ("Your new baggage policy is a joke, Fernway Airlines.", "our new baggage policy"),
    ],
)
def test_a_verdict_on_a_price_is_met_with_sorry_for_how_it_landed_not_for_the_decision(post: str, named: str) -> None:
    """Nothing went wrong to own: the draft agrees it feels that way and is sorry it landed so, and never
    says "sorry about our fee" as if the fee were the mistake, nor "We got this wrong"."""
    text = first_round_draft(post, ["Vantora", "Fernway Airlines"]).text
    assert named in text, text
    assert re.search(r"feels unfair|has upset you|come across so badly", text), text
    assert "sorry about our" not in text and "got this wrong" not in text.lower(), text

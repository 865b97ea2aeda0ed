"""Drafts for a third round of complaints written fresh, in shapes the first two rounds don't hold.

Nine invented brands across insurance, car rental, a gym chain, streaming, a parcel courier, a
pharmacy, broadband, a train operator and fashion e-commerce. Shapes: app-store reviews (a title
line and a body), forum posts of several paragraphs, numbered lists and "Day 1:" timelines,
accessibility and disability, a child or an elderly parent, safety (brakes, an injury, the wrong
medicine, a fall), data and privacy, a rival praised first, a quoted email from the brand, Spanish,
a hashtag and an emoji alone, amounts in several currencies, typos and no punctuation.

What is asserted is what a social lead would refuse to post: the wrong kind, an acknowledgement
that doesn't come first or doesn't name what happened, a rival's record or the customer's own act
read back as ours, an address read as a subject, a breezy opener where someone was put at risk, a
broken read-back, a tone finding.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import pytest

from alerts.drafting import Draft
from tests.alerts.test_fresh_complaints import draft_of as first_round_draft
from tests.alerts.test_fresh_complaints_2 import _APOLOGY, lead_findings

NAMES = [
    "Ironclad Insurance",
    "Roadly",
    "FitForge",
    "Streamora",
    "ParcelPath",
    "MedRight Pharmacy",
    "Fibrelink",
    "Northline Rail",
    "Threadly",
]

# (post, kind, words the acknowledgement must hold, words the draft must not hold)
CASES: list[tuple[str, str, list[str], list[str]]] = [
    # app-store reviews: a title line, then the body
    (
        "Avoid\nThe Ironclad app lost my claim photos three times and now says my claim is closed.",
        "complaint",
        ["our app lost your claim photos"],
        ["avoid"],
    ),
    ("Terrible app\nCrashes every time I open it. Can't watch anything. Uninstalling.", "complaint", ["watch"], []),
    # long forum post, the failure after the setup paragraph
    (
        "Hi all, long-time lurker here. I switched to Fibrelink in January after my old provider put prices up, and "
        "the first month was honestly fine.\n\nThen in February the connection started dropping every afternoon. "
        "Fibrelink sent an engineer who said the line was fine, and the next day it dropped again for six hours.\n\n"
        "I've now spent over 9 hours on the phone and I'm paying for a service I can't use. Has anyone else had this?",
        "complaint",
        ["9 hours on the phone"],
        ["you switched", "lurker", "honestly fine"],
    ),
    # numbered lists and timelines
    (
        "Day 1: FitForge froze my membership for no reason.\nDay 3: still frozen, emailed twice.\n"
        "Day 7: no reply and still being charged £39 a month.",
        "complaint",
        ["we froze your membership"],
        ["Day 1", "still were", "you still were"],
    ),
    (
        "1. Streamora charged me after I cancelled.\n2. Support promised a refund within 5 days.\n"
        "3. It has now been 5 weeks.",
        "complaint",
        ["we charged you after you cancelled"],
        ["1.", "2."],
    ),
    # accessibility and disability
    (
        "I'm deaf and MedRight Pharmacy only lets you reorder by phone. I've asked three times for another way.",
        "complaint",
        ["we only let you reorder by phone"],
        ["you're deaf", "let us", "us only"],
    ),
    (
        "I use a wheelchair and booked assistance with Northline Rail for my 10:15 from York. Nobody came to help me "
        "off and I ended up in Newcastle.",
        "complaint",
        ["nobody came to help you off"],
        ["you use a wheelchair", "you booked"],
    ),
    # a child or an elderly parent
    (
        "My mum is 84 and Ironclad Insurance kept her on hold for two hours to report a burglary.",
        "complaint",
        ["we kept her on hold for two hours"],
        ["is 84"],
    ),
    (
        "My 80 year old mum waited in all day for a ParcelPath delivery and the driver left a card saying nobody was "
        "home.",
        "complaint",
        ["our driver left a card"],
        ["ParcelPath"],
    ),
    (
        "Threadly ordered a dress for my daughter's prom, arrived the day after prom.",
        "complaint",
        ["the dress arrived the day after prom"],
        ["we ordered", "it arrived"],
    ),
    (
        "Streamora's parental controls don't work. My 7 year old was able to watch an 18 rated film.",
        "complaint",
        ["our parental controls don't work"],
        ["streamora's", "Streamora's"],
    ),
    # safety: serious, asks after them, never breezy
    (
        "Roadly's rental car had brakes that barely worked on the motorway. I nearly hit the car in front with my "
        "kids in the back.",
        "complaint",
        ["brakes that barely worked"],
        ["Roadly's", "roadly's"],
    ),
    (
        "I dislocated my shoulder at FitForge Leeds when the cable on the lat pulldown snapped. Staff told me to fill "
        "in a form and go home.",
        "complaint",
        ["dislocated your shoulder"],
        [],
    ),
    (
        "FitForge's personal trainer pushed my 15 year old son into lifting far too heavy and he's torn a muscle in "
        "his back.",
        "complaint",
        ["torn a muscle"],
        [],
    ),
    (
        "MedRight Pharmacy gave my daughter the wrong dose of her epilepsy medication. The label said 500mg, the box "
        "was 250mg.",
        "complaint",
        ["we gave your daughter the wrong dose"],
        [],
    ),
    (
        "MedRight Pharmacy left my elderly father's prescription on a shelf for a week while he went without his "
        "heart pills.",
        "complaint",
        ["we left your elderly father's prescription"],
        [],
    ),
    (
        "Northline Rail's train doors opened on the wrong side at Leeds and a man nearly fell onto the tracks.",
        "complaint",
        ["our train doors opened on the wrong side"],
        ["northline's", "Northline's"],
    ),
    (
        "Roadly the car broke down on the motorway and the breakdown cover number just rang out. We waited 3 hours "
        "on the hard shoulder with a baby.",
        "complaint",
        ["hard shoulder with a baby"],
        [],
    ),
    (
        "Northline Rail train was so overcrowded my mum fainted between Leeds and York and no staff came.",
        "complaint",
        ["your mum fainted"],
        [],
    ),
    # data and privacy
    (
        "Threadly shared my order history with advertisers without asking me. Found out from the ads.",
        "complaint",
        ["we shared your order history with advertisers"],
        [],
    ),
    # the brand's claim set against its act: the claim is never repeated as ours
    (
        "Roadly: safety is our priority. Also Roadly: rents me a car with a flat spare and no jack.",
        "complaint",
        ["we rent you a car with a flat spare"],
        ["priority", "Also"],
    ),
    # a rival praised first
    (
        "Netflix never once lost my watchlist. Streamora wiped mine overnight and support just said to start again.",
        "complaint",
        ["we wiped"],
        ["never once lost", "Netflix"],
    ),
    (
        "Honestly, Virgin Media never did this to me. Fibrelink has had me without internet for 9 days.",
        "complaint",
        ["without internet for 9 days"],
        ["Virgin", "never did this"],
    ),
    # the brand's email quoted
    (
        'Got this from Ironclad Insurance today:\n\n"Dear customer, following a review of your policy we regret to '
        "inform you that your claim has been declined under section 4.2(b).\"\n\nThat's it. No explanation. My roof "
        "is still leaking.",
        "complaint",
        ["roof is still leaking"],
        ["4.2(b)", "regret to inform", "Dear customer"],
    ),
    (
        'Fibrelink: "Your engineer appointment is confirmed for Tuesday 8am-1pm." Me, Tuesday 2pm: still no engineer.',
        "complaint",
        ["no engineer"],
        ["confirmed"],
    ),
    # amounts in several currencies
    (
        "Ironclad Insurance doubled my renewal premium from £410 to £820 without a single letter explaining it.",
        "complaint",
        ["we doubled your renewal premium from £410 to £820"],
        [],
    ),
    (
        "Roadly charged my card €350 for a scratch that was already there when I collected the car. I have the photos.",
        "complaint",
        ["we charged your card €350"],
        ["you have the photos"],
    ),
    (
        "Threadly took $89.99 and then another $89.99 for the same order and I only got one jacket.",
        "complaint",
        ["$89.99"],
        [],
    ),
    (
        "Paid £120, then got charged $45 extra in USD and a €15 card fee on top. Threadly explain.",
        "complaint",
        ["$45"],
        ["you paid £120"],
    ),
    (
        "Northline Rail fined me £80 because the ticket machine at my station was broken and I couldn't buy one.",
        "complaint",
        ["we fined you £80"],
        ["my station"],
    ),
    # typos, no punctuation
    (
        "ur app wont let me log in since the update and i cant see my orders threadly sort it out",
        "complaint",
        ["our app won't let you log in"],
        ["us sort", "sort it out"],
    ),
    (
        "roadly never again car smelled of smoke and they charged me a cleaning fee",
        "complaint",
        ["we charged you a cleaning fee"],
        ["never again", "we never"],
    ),
    # other complaints from the new industries
    (
        "ParcelPath lost my parcel with my late mother's jewellery in it. No one will even tell me where it was last "
        "scanned.",
        "complaint",
        ["we lost your parcel", "no one will even tell you"],
        ["had no one"],
    ),
    (
        "ParcelPath marked my parcel as delivered but it never arrived. The photo shows someone else's front door.",
        "complaint",
        ["we marked your parcel as delivered"],
        [],
    ),
    (
        "Fibrelink broadband has dropped out every evening for two weeks. I work nights and can't connect to the "
        "office.",
        "complaint",
        ["our broadband has dropped out every evening"],
        [],
    ),
    (
        "Northline Rail cancelled the last train home and left 200 of us on the platform at Crewe at midnight with no "
        "replacement bus.",
        "complaint",
        ["we cancelled the last train home"],
        [],
    ),
    (
        "Ironclad Insurance rejected my home claim after the flood and nobody will tell me why. Six weeks of living "
        "with my parents.",
        "complaint",
        ["we rejected your home claim"],
        [],
    ),
    (
        "Threadly sent me a size 8 instead of a size 14 and now wants me to pay return postage.",
        "complaint",
        ["we sent you a size 8 instead of a size 14"],
        [],
    ),
    (
        "Streamora keeps buffering every night at 8pm\nPaying for 4K and getting something that looks like a potato. "
        "Three months of this.",
        "complaint",
        ["buffering every night"],
        ["potato"],
    ),
    (
        "MedRight Pharmacy lost my prescription twice this month and I've run out of my insulin.",
        "complaint",
        ["we lost your prescription twice"],
        [],
    ),
    (
        "Fibrelink charged me an early exit fee of £240 even though I'm moving to a property you don't serve.",
        "complaint",
        ["early exit fee of £240"],
        [],
    ),
    (
        "Picked up a Roadly car at Malaga airport. The tyre warning light came on within ten minutes and the desk "
        "said it was normal. It was not normal, the tyre was flat by the time we reached the hotel.",
        "complaint",
        ["didn't believe you"],
        ["you picked up", "it was normal"],
    ),
    (
        'Email from Streamora: "We\'ve updated our prices to give you more of what you love!" More of what I love '
        "is apparently paying £4 more a month.",
        "complaint",
        [],
        ["more of what you love", "updated our prices"],
    ),
    (
        "Fibrelink sent my full name, address and account number to a stranger's email address. Who do I even "
        "complain to about this?",
        "complaint",
        ["we sent your full name, address and account number to a stranger's email address"],
        ["who do", "complain to"],
    ),
    (
        "Been a member of FitForge for 4 years. My dad is 78 and they refused to let him in because he couldn't use "
        "the app to book.",
        "complaint",
        [],
        ["is 78", "you've been a member", "4 years"],
    ),
    (
        "FitForge charged me £30 joining fee, then £45 monthly instead of £25, and now a £60 cancellation fee.",
        "complaint",
        ["we charged you"],
        [],
    ),
]

# A safety post: never opened breezily, and asked after.
_SAFETY_STARTS = (
    "Roadly's rental car",
    "I dislocated",
    "FitForge's personal trainer",
    "MedRight Pharmacy gave",
    "MedRight Pharmacy left",
    "Northline Rail's train doors",
    "Roadly the car broke down",
    "Northline Rail train was so overcrowded",
    "Picked up a Roadly car",
)
SAFETY = [c[0] for c in CASES if c[0].startswith(_SAFETY_STARTS)]
_BREEZY = re.compile(
    r"\b(?:ugh|oh no|that sounds exhausting|thanks for telling us|thanks for letting us know|no wonder)\b", re.I
)
_WELLBEING = re.compile(r"\b(?:okay|alright|safety|frightening|at risk|in danger|serious)\b", re.I)

HASHTAG_ONLY = ["#ParcelPathFail 📦😡", "🤬 #Streamora", "#NorthlineRail again 🙄"]

SPANISH = [
    "Ironclad Insurance se niega a pagar la reparación de mi coche después del accidente. Llevo dos meses sin coche.",
    "Roadly me cobró 200 euros por un arañazo que ya estaba en el coche. Tengo fotos.",
    "El paquete de ParcelPath nunca llegó y el seguimiento dice entregado. Nadie responde.",
    "Streamora cobró dos veces mi suscripción y nadie me ayuda.",
]


def draft_of(text: str, names: Sequence[str] = NAMES) -> Draft:
    """The draft `repmon draft` would print for ``text``: the first round's helper, with these brands."""
    return first_round_draft(text, names)


def problems(text: str, kind: str, named: list[str], forbidden: list[str]) -> list[str]:
    """What is wrong with the draft for ``text``: empty when a social lead would post it."""
    draft = draft_of(text)
    ack = " ".join(re.split(r"(?<=[.!?])\s+", draft.text)[:2])
    return lead_findings(draft, kind, (named, forbidden), ack, check_thanks=True)


def test_the_set_is_big_and_varied_enough_to_mean_something() -> None:
    assert len(SAFETY) == len(_SAFETY_STARTS)
    assert len(CASES) + len(HASHTAG_ONLY) + len(SPANISH) >= 45
    assert len({c[0] for c in CASES}) == len(CASES)
    for name in NAMES:  # every brand has posts
        assert sum(name.split()[0].lower() in c[0].lower() for c in CASES) >= 2, name


@pytest.mark.parametrize(("text", "kind", "named", "forbidden"), CASES, ids=[c[0][:48] for c in CASES])
def test_a_fresh_post_gets_a_draft_a_lead_would_post(
    text: str, kind: str, named: list[str], forbidden: list[str]
) -> None:
    assert problems(text, kind, named, forbidden) == []


@pytest.mark.parametrize("text", SAFETY, ids=[t[:40] for t in SAFETY])
def test_a_risk_to_someones_safety_is_taken_seriously_not_breezily(text: str) -> None:
    said = draft_of(text).text
    opening = " ".join(re.split(r"(?<=[.!?])\s+", said)[:3])
    assert not _BREEZY.search(opening), said
    assert _WELLBEING.search(opening), said  # named as serious, or asked after


def test_a_post_with_no_safety_risk_keeps_its_ordinary_acknowledgement() -> None:
    said = draft_of("Threadly sent me a size 8 instead of a size 14 and now wants me to pay return postage.").text
    assert not _WELLBEING.search(said), said


@pytest.mark.parametrize("text", HASHTAG_ONLY)
def test_a_hashtag_and_an_emoji_get_an_apology_without_the_tag_read_back(text: str) -> None:
    draft = draft_of(text)
    assert draft.kind == "complaint" and _APOLOGY.search(draft.text), draft.text
    assert "#" not in draft.text and not re.search(r"(?i)northline|parcelpath|streamora", draft.text), draft.text


@pytest.mark.parametrize("text", SPANISH)
def test_spanish_complaints_are_answered_in_spanish(text: str) -> None:
    draft = draft_of(text)
    assert (draft.language, draft.kind) == ("es", "complaint"), draft.text
    assert re.search(r"(?i)\b(?:lo siento|lamento|siento|lo sentimos)\b", draft.text), draft.text
    assert not re.search(r"\b(?:sorry|the|your)\b", draft.text), draft.text


def test_user_text_read_back_is_escaped_for_slack() -> None:
    from alerts.slack_format import build_alert
    from tests.alerts.test_slack_format import all_text, make_view

    text = "Roadly charged my card €350 for <scratches> & dents that were already there"
    view = make_view(draft=draft_of(text).text, post={"text": text})
    payload = all_text(*build_alert(view))
    assert "<scratches>" not in payload


def test_a_rival_is_left_out_only_beside_us_and_only_for_its_good_record() -> None:
    rival = draft_of("The Premier Inn would have sorted this in an hour. Roadly left me stranded at the airport.").text
    assert "Premier" not in rival and "sorted this" not in rival and "left you stranded" in rival, rival
    # a person of ours failing is no rival's record
    staff = draft_of("Gary never called me back. Fibrelink left me without internet for a week.").text
    assert "never called you back" in staff, staff
    # with no brand of ours named elsewhere, a capitalised name doing something is most likely us
    unnamed = draft_of("Skyway never refunded me. I waited 3 weeks.", names=["Roadly"]).text
    assert "never refunded you" in unnamed, unnamed

"""Drafts for a fourth round of complaints written fresh, in shapes the first three rounds don't hold.

Nine invented brands across an airline, a bank, a telecom, a restaurant chain, a hotel, a meal-box
subscription, a train operator, a delivery app and a music subscription. Shapes: reviews with a
star rating ("1/5", "2 stars", "★☆☆☆☆"), a reply to the brand's own answer or a complaint about a
canned one, praise then "but" and a complaint with grudging praise after it, several failures in
one post, all caps, a quoted tweet or an "RT", a link with a few words, a question put to other
customers ("Is it just me or…?"), sarcasm ("thanks for nothing", "10/10 would…"), German and
French, the press, a lawyer or a regulator, two-word posts, and praise and plain questions as
controls.

What is asserted is what a social lead would refuse to post: the wrong kind, an acknowledgement
that doesn't come first or doesn't name what happened, a rating, a link, a quoted line of ours or
a brand's tail read back, asking someone who has already messaged us privately to message us
again, a draft in another language pretending to have read the post, a tone finding.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import pytest

from alerts.drafting import Draft
from tests.alerts.test_fresh_complaints import draft_of as first_round_draft
from tests.alerts.test_fresh_complaints_2 import _APOLOGY, _acknowledgement, lead_findings

NAMES = [
    "Skyhaven Airways",
    "Cobalt Bank",
    "Nimbus Telecom",
    "Saffron Table",
    "Lakeview Suites",
    "Boxwise",
    "Meridian Trains",
    "Dashcart",
    "Tunely",
]

# (post, kind, words the acknowledgement must hold, words the draft must not hold)
CASES: list[tuple[str, str, list[str], list[str]]] = [
    # reviews with a star rating: the rating is a label, never read back
    (
        "1/5. Saffron Table Soho kept us waiting 50 minutes for starters and the manager shrugged when we asked why.",
        "complaint",
        ["kept you waiting 50 minutes"],
        ["1/5"],
    ),
    (
        "★☆☆☆☆ Lakeview Suites. The room smelled of damp, the kettle was broken and reception never sent anyone up.",
        "complaint",
        ["smelled of damp"],
        ["★", "☆"],
    ),
    (
        "2 stars. Lakeview Suites charged us a £50 resort fee nobody mentioned at booking, and the pool was closed "
        "all week.",
        "complaint",
        ["£50 resort fee"],
        ["2 stars"],
    ),
    (
        "Never again\n★☆☆☆☆\nLakeview Suites lost our booking, then found it, then charged us for two rooms.",
        "complaint",
        ["charged you for two rooms"],
        ["★", "never again"],
    ),
    (
        "2/10 Dashcart. Driver ate my fries. I watched him stop in a layby on the tracker for 10 minutes.",
        "complaint",
        ["our driver ate your fries"],
        ["2/10"],
    ),
    (
        "Saffron Table added a 15% service charge for a table of two and the waiter ignored us all night. 2/5.",
        "complaint",
        ["15% service charge"],
        ["2/5"],
    ),
    # a reply to the brand's own answer, and complaints about a canned one
    (
        "@CobaltBank your reply was a copy-paste. I asked why my card was blocked for 6 days and you sent me a link "
        "to the FAQ.",
        "complaint",
        ["link to the FAQ"],
        ["you asked why"],
    ),
    (
        "Nimbus Telecom keeps replying 'Sorry to hear that, please DM us' to my posts. I have DMed you. Twice. "
        "Nobody answers.",
        "complaint",
        [],
        ["please DM us", "sorry to hear that", "us a DM"],
    ),
    (
        "@Boxwise this is the same canned reply you sent last week. 'We understand your frustration' is not an "
        "answer. Cancel my subscription.",
        "complaint",
        [],
        ["understand your frustration"],
    ),
    (
        "@NimbusTelecom 'Have you tried turning it off and on again?' Yes. For the ninth time. Still no signal.",
        "complaint",
        ["no signal"],
        ["turning it off", "have you tried"],
    ),
    # praise then "but", and a complaint with grudging praise after it
    (
        "Love the food at Saffron Table but the delivery took two hours and arrived stone cold.",
        "mixed",
        ["stone cold"],
        ["love the food"],
    ),
    (
        "Staff at Lakeview Suites were wonderful. Shame about the room: mould in the shower and a window that "
        "wouldn't lock.",
        "mixed",
        ["mould in the shower"],
        ["shame about"],
    ),
    (
        "Honestly the Dashcart app is great most of the time, but tonight my order went to the wrong address and "
        "support closed the chat on me.",
        "mixed",
        ["your order went to the wrong address"],
        ["us app", "great most"],
    ),
    (
        "Meridian Trains cancelled my 7:40 and the replacement bus was 90 minutes late. The driver of the bus was "
        "lovely, to be fair.",
        "mixed",
        ["we cancelled your 7:40"],
        ["to be fair"],
    ),
    # several failures in one post
    (
        "Skyhaven Airways: flight delayed 4 hours, missed my connection, bag didn't arrive, and the hotel voucher "
        "was for a hotel that was full.",
        "complaint",
        ["missed your connection"],
        [],
    ),
    (
        "Boxwise sent the wrong box, charged me twice for it, and now the cancel button in the app just spins.",
        "complaint",
        ["charged you twice"],
        [],
    ),
    # all caps
    (
        "COBALT BANK BLOCKED MY CARD ON HOLIDAY AND I HAVE NO MONEY FOR THE HOTEL. SORT IT OUT.",
        "complaint",
        ["we blocked your card"],
        ["HOLIDAY", "sort it out"],
    ),
    (
        "WORST HOTEL EVER. LAKEVIEW SUITES GAVE OUR ROOM AWAY AT MIDNIGHT!!!",
        "complaint",
        ["gave your room away"],
        ["WORST", "worst hotel", "MIDNIGHT"],
    ),
    # a quoted tweet or an RT: our own words are not read back
    (
        'RT @SkyhavenAir: "We\'re proud of our 94% on-time record!" Cool, my flight has been delayed three times '
        "this week.",
        "complaint",
        ["delayed three times"],
        ["94%", "proud", "RT", "cool"],
    ),
    (
        '"Your satisfaction is our priority" says the Nimbus Telecom email. My broadband has been down for 5 days.',
        "complaint",
        ["down for 5 days"],
        ["priority", "satisfaction"],
    ),
    (
        "This you? @TunelyMusic: 'No hidden fees, ever.' Just got charged a £2.99 'service fee' on top of my plan.",
        "complaint",
        ["£2.99"],
        ["no hidden fees", "this you"],
    ),
    # a link and a few words
    (
        "@Dashcart https://imgur.example/a/x7Qk2 this is what you call a large pizza??",
        "complaint",
        [],
        ["https", "imgur", "good question"],
    ),
    ("Nimbus Telecom https://downdetector.example/status/nimbus yeah.", "complaint", [], ["https", "yeah"]),
    # a question put to other customers
    (
        "Is it just me or has Nimbus Telecom been down all evening in Leeds?",
        "complaint",
        ["down all evening"],
        ["is it just me", "good question"],
    ),
    (
        "Anyone else had Cobalt Bank freeze their account for no reason? Mine's been locked since Monday.",
        "complaint",
        ["locked since Monday"],
        ["anyone else", "good question"],
    ),
    (
        "Does anyone know how to actually cancel Boxwise? I've tried the app, the website and email and they keep "
        "charging me.",
        "complaint",
        ["charging you"],
        ["good question", "does anyone"],
    ),
    # delays and lost luggage
    (
        "Skyhaven Airways lost my suitcase on the way to my brother's wedding. Three days, one phone call, no bag.",
        "complaint",
        ["we lost your suitcase", "wedding"],
        [],
    ),
    (
        "Stuck 2 hours outside Didcot on a Meridian Trains service with no air con and no announcements. Kids in "
        "tears.",
        "complaint",
        ["no air con"],
        ["you stuck"],
    ),
    (
        "Missed my grandmother's funeral because Meridian Trains cancelled the 9:05 without telling anyone.",
        "complaint",
        ["funeral"],
        ["we missed"],
    ),
    (
        "Day 9. Still no bag. Skyhaven Airways ref SKY-48812. Every call ends with 'it's being traced'.",
        "complaint",
        ["no bag"],
        ["SKY-48812", "being traced"],
    ),
    # banks: fraud and blocked cards
    (
        "Someone took £1,800 from my Cobalt Bank account and the fraud team says I authorised it. I did not.",
        "complaint",
        ["£1,800"],
        ["you authorised", "you did not"],
    ),
    (
        "Cobalt Bank blocked my card at the petrol station at 11pm and the fraud line was closed. Had to walk home.",
        "complaint",
        ["we blocked your card"],
        [],
    ),
    (
        "Cobalt Bank closed my account by letter. No reason given. I've banked with them for 22 years.",
        "complaint",
        ["we closed your account"],
        ["you've banked", "22 years"],
    ),
    # telecom outages
    (
        "Nimbus Telecom outage, day 3. I work from home and nobody has mentioned compensation.",
        "complaint",
        ["day 3"],
        ["you work from home"],
    ),
    # subscriptions: cancellation traps and price rises
    (
        "Boxwise makes you phone a line to cancel that's only open 9 to 5 on weekdays, but you can sign up in one "
        "click.",
        "complaint",
        ["phone a line to cancel"],
        [],
    ),
    (
        "Tunely kept charging me for 8 months after I cancelled. I have the confirmation email.",
        "complaint",
        ["kept charging you for 8 months"],
        ["you have the confirmation"],
    ),
    (
        "Tunely just put my plan up from £9.99 to £13.99 with one email. That's a 40% rise.",
        "complaint",
        ["£9.99 to £13.99"],
        [],
    ),
    (
        "Nimbus Telecom put my bill up £8 a month 'in line with inflation' and inflation is down. Make it make sense.",
        "complaint",
        ["£8 a month"],
        ["in line with inflation", "make it make sense"],
    ),
    # delivery and food orders
    (
        "Dashcart driver left my shopping on the doorstep in the pouring rain. Bread soaked, eggs smashed.",
        "complaint",
        ["our driver left your shopping on the doorstep"],
        [],
    ),
    (
        "Ordered a vegan curry from Saffron Table and got chicken. I've been vegan for 12 years.",
        "complaint",
        ["got chicken"],
        ["we ordered", "you've been vegan"],  # "you ordered a vegan curry and got chicken" is theirs, and fine
    ),
    # rude staff
    (
        "The manager at Saffron Table Manchester told my wife to 'calm down, love' when she said her steak was raw.",
        "complaint",
        ["manager"],
        ["calm down"],
    ),
    (
        "Lakeview Suites receptionist rolled her eyes and said 'not my problem' when I told her our toilet was "
        "leaking.",
        "complaint",
        ["our receptionist rolled her eyes"],
        ["not my problem"],
    ),
    # accessibility
    (
        "Skyhaven Airways broke my wheelchair in the hold and offered me a £50 voucher. It cost £4,000.",
        "complaint",
        ["we broke your wheelchair"],
        [],
    ),
    (
        "The 'accessible room' at Lakeview Suites had a bath with no rail and a step into the bathroom. I use a cane.",
        "complaint",
        ["bath with no rail"],
        ["you use a cane"],
    ),
    (
        "Meridian Trains' website won't work with my screen reader, so I can't buy tickets online like everyone else.",
        "complaint",
        ["our website won't work with your screen reader"],
        ["Trains'"],
    ),
    # sarcasm
    (
        "Thanks for nothing Nimbus Telecom. Four engineers booked, four no-shows.",
        "complaint",
        [],
        ["thank"],
    ),
    (
        "10/10 would get scammed by Boxwise again. Charged £60 for a box that never came.",
        "complaint",
        ["£60"],
        ["10/10", "would get scammed"],
    ),
    (
        "Wow Cobalt Bank, a whole 45 minutes on hold just to be told to go into a branch. Fantastic.",
        "complaint",
        ["45 minutes on hold"],
        ["fantastic", "wow"],
    ),
    (
        "Gotta love Tunely deleting my playlists with the update. Eight years of playlists. Gone. Amazing.",
        "complaint",
        ["playlists"],
        ["gotta love", "amazing"],
    ),
    # the press, a lawyer, a regulator (the note is asserted below)
    (
        "Cobalt Bank has 48 hours to return my £1,800 or I'm going to the Financial Ombudsman and the BBC.",
        "complaint",
        ["£1,800"],
        ["Ombudsman", "BBC"],
    ),
    (
        "My lawyer will be contacting Skyhaven Airways about my broken wheelchair.",
        "complaint",
        ["wheelchair"],
        ["lawyer"],
    ),
    (
        "Already spoken to a journalist about how Lakeview Suites treated my disabled son at check-in.",
        "complaint",
        [],
        ["journalist"],
    ),
    # very short
    ("never again @Dashcart", "complaint", [], ["never again"]),
    ("@Boxwise cancel. my. subscription.", "complaint", [], ["good question"]),
    ("Lakeview Suites 🤢", "complaint", [], ["🤢"]),
    # more, from the same brands
    (
        "Skyhaven Airways downgraded me from the extra legroom seat I paid for and my refund has been 'pending' for "
        "6 weeks.",
        "complaint",
        ["downgraded you"],
        [],
    ),
    (
        "Paid Meridian Trains £146 for first class and there wasn't even a first class carriage on the train.",
        "complaint",
        ["first class carriage"],
        ["we paid"],  # "you paid £146 … and there wasn't a first class carriage" names the failure
    ),
    (
        "Dashcart charged me for a £38 order that was cancelled by the restaurant, and the refund button is greyed "
        "out.",
        "complaint",
        ["£38 order"],
        [],
    ),
    (
        "Tunely's family plan kicked my daughter off for 'suspicious activity'. She's 11. She was listening to Frozen.",
        "complaint",
        ["our family plan kicked your daughter off"],
        ["Tunely's", "suspicious activity"],
    ),
]

# a second batch, written after the fixes above to check they hold in other words
CASES += [
    (
        "Am I the only one whose Nimbus Telecom broadband keeps dropping every night?",
        "complaint",
        ["our broadband keeps dropping every night"],
        ["am i the only one", "good question"],
    ),
    (
        "Talked to a reporter today about how Meridian Trains left us on the platform overnight.",
        "complaint",
        ["we left you on the platform overnight"],
        ["reporter"],
    ),
    (
        "Dashcart says I cancelled the order myself. I didn't.",
        "complaint",
        ["didn't believe you"],
        ["you cancelled", "we say", "and you didn't"],
    ),
    (
        "3/10. Lakeview Suites Leeds lost our reservation and made us wait two hours in the lobby.",
        "complaint",
        ["we lost your reservation"],
        ["3/10", "Lakeview"],
    ),
    (
        "Cheers Boxwise, charged again after cancelling. Brilliant.",
        "complaint",
        ["charged again after cancelling"],
        ["cheers", "brilliant", "thank"],
    ),
    (
        "Meridian Trains has 14 days to refund my season ticket or I'm taking it to small claims.",
        "complaint",
        ["refund your season ticket"],
        ["small claims", "we have 14 days"],
    ),
    (
        "Booked a sea view room at Lakeview Suites and got a view of the bins.",
        "complaint",
        ["got a view of the bins"],
        ["we booked"],
    ),
    (
        "I've DMed Skyhaven Airways four times about my missing refund and heard nothing.",
        "complaint",
        ["four times"],
        ["us a DM", "about still"],
    ),
]

# In a language the drafts don't write: a note says who must reply, and the English model draft
# doesn't pretend to have read the post (none of its words read back, no question answered).
FOREIGN = [
    ("Skyhaven Airways hat meinen Flug gestrichen und niemand geht ans Telefon. Seit drei Tagen!", "German"),
    ("Die Cobalt Bank hat meine Karte gesperrt, ohne mich zu informieren. Unmöglicher Service!", "German"),
    ("Lakeview Suites m'a facturé deux fois la même nuit et personne ne répond à mes mails.", "French"),
    ("Nimbus Telecom, ça fait une semaine que je n'ai plus internet. C'est inadmissible.", "French"),
]

ESCALATING = [
    "Cobalt Bank has 48 hours to return my £1,800 or I'm going to the Financial Ombudsman and the BBC.",
    "My lawyer will be contacting Skyhaven Airways about my broken wheelchair.",
    "Already spoken to a journalist about how Lakeview Suites treated my disabled son at check-in.",
    "Talked to a reporter today about how Meridian Trains left us on the platform overnight.",
    "Meridian Trains has 14 days to refund my season ticket or I'm taking it to small claims.",
]

# Controls: not complaints, and never apologised to.
PRAISE = [
    "★★★★★ Skyhaven Airways crew upgraded my nan for her 90th birthday. She hasn't stopped talking about it!",
    "5/5 Saffron Table Leeds, best biryani I've had outside Hyderabad.",
    "Shoutout to the Cobalt Bank fraud team for catching a dodgy payment before I'd even noticed.",
    "Wasn't the cheapest but Lakeview Suites is worth it. Great stay.",  # found in the second batch
]
QUESTIONS = [
    "Does Meridian Trains do railcards for over-60s?",
    "What time does the Lakeview Suites pool open on Sundays?",
    "Can I pause my Boxwise deliveries while I'm away in August?",
]

# Someone who has already messaged us privately is not asked to message us again.
ALREADY_MESSAGED = [
    "Nimbus Telecom keeps replying 'Sorry to hear that, please DM us' to my posts. I have DMed you. Twice. "
    "Nobody answers.",
    "@Tunely I sent you a DM about the double charge 5 days ago and still nothing.",
    "Messaged Cobalt Bank on here three times about my blocked card, no reply to any of them.",
]

# Real limits left alone this round (docs/replies.md, "left alone"): strict, so a fix shows up.
LIMITS = {
    "Nimbus Telecom outage, day 3. I work from home and nobody has mentioned compensation.": (
        "a verbless heading naming our failure ('X outage, day 3') is no clause to read back, and a topic "
        "phrase is used only when no clause reads back, so only the missing compensation is named"
    ),
    "The manager at Saffron Table Manchester told my wife to 'calm down, love' when she said her steak was raw.": (
        "what staff said to someone with them, quoted with a comma inside and a place between the role and "
        "the verb, is neither read back nor turned into what it did to them: the acknowledgement is generic"
    ),
    "Shoutout to the Cobalt Bank fraud team for catching a dodgy payment before I'd even noticed.": (
        "repmon's scorer (monitor/spread, not drafting) reads 'fraud' and 'dodgy' as upset, and a post it "
        "reads as a complaint is never only thanked"
    ),
}


def marked(rows: Sequence[tuple[object, ...]], limits: dict[str, str]) -> list[object]:
    """``rows`` as test parameters, a known limit in ``limits`` (by post) marked as a strict expected failure."""
    return [
        pytest.param(*row, marks=pytest.mark.xfail(strict=True, reason=limits[str(row[0])]))
        if row[0] in limits
        else pytest.param(*row)
        for row in rows
    ]


def _marked(rows: Sequence[tuple[object, ...]]) -> list[object]:
    """``rows`` as test parameters, this round's known limits marked as expected failures."""
    return marked(rows, LIMITS)


# a brand's tail left behind a pronoun, a rating read back
_BROKEN_HERE = [
    re.compile(r"\b(?:us|our|we) (?:Airways|Bank|Telecom|Table|Suites|Trains)\b", re.IGNORECASE),
    re.compile(r"[★☆]|\b\d{1,2}/(?:5|10)\b|\b\d stars?\b"),
]


def draft_of(text: str, names: Sequence[str] = NAMES) -> Draft:
    """The draft `repmon draft` would print for ``text``: the first round's helper, with these brands."""
    return first_round_draft(text, names)


def broken_read_backs(draft: Draft, patterns: Sequence[re.Pattern[str]]) -> list[str]:
    """Each match of ``patterns`` in the reply (its sign-off aside), as a lead's finding; later rounds add theirs."""
    reply = draft.text.split(" — ")[0]
    return [f"broken read-back {m.group(0)!r} in: {draft.text}" for rx in patterns for m in rx.finditer(reply)]


def thin_brands(names: Sequence[str], posts: Sequence[str]) -> list[str]:
    """The brands with fewer than two of ``posts`` (lower-cased) naming them: a round must vary its brands."""
    return [n for n in names if sum(n.split()[0].lower() in p for p in posts) < 2]


def problems(text: str, kind: str, named: list[str], forbidden: list[str]) -> list[str]:
    """What is wrong with the draft for ``text``: empty when a social lead would post it."""
    draft = draft_of(text)
    found = lead_findings(draft, kind, (named, forbidden), _acknowledgement(draft.text, kind), kind == "complaint")
    return found + broken_read_backs(draft, _BROKEN_HERE)


def test_the_set_is_big_and_varied_enough_to_mean_something() -> None:
    posts = [c[0].lower() for c in CASES]
    assert len(set(posts)) == len(posts) and len(posts) + len(FOREIGN) + len(PRAISE) + len(QUESTIONS) >= 60
    assert set(LIMITS) <= {c[0] for c in CASES} | set(PRAISE)  # every limit names a post of this round
    thin = thin_brands(NAMES, posts)
    assert not thin, f"brands with fewer than two posts: {thin}"


@pytest.mark.parametrize(("text", "kind", "named", "forbidden"), _marked(CASES), ids=[c[0][:48] for c in CASES])
def test_a_fresh_post_gets_a_draft_a_lead_would_post(
    text: str, kind: str, named: list[str], forbidden: list[str]
) -> None:
    assert problems(text, kind, named, forbidden) == []


@pytest.mark.parametrize(("text", "language"), FOREIGN, ids=[t[:40] for t, _ in FOREIGN])
def test_a_post_in_another_language_gets_a_note_and_a_draft_that_does_not_pretend(text: str, language: str) -> None:
    draft = draft_of(text)
    assert draft.kind == "complaint" and _APOLOGY.search(draft.text), draft.text
    assert draft.lead_note and f"{language} speaker" in draft.lead_note, draft.lead_note
    assert "translate" in draft.lead_note, draft.lead_note
    brand = {w.lower() for n in NAMES for w in n.split()}
    theirs = {w.lower() for w in re.findall(r"\w{5,}", text)} - brand
    assert not theirs & {w.lower() for w in re.findall(r"\w{5,}", draft.text)}, draft.text
    assert not re.search(r"(?i)good question|happy to help|in (?:german|french)", draft.text), draft.text


@pytest.mark.parametrize("text", ESCALATING)
def test_the_press_a_lawyer_or_an_ombudsman_is_noted_for_a_lead(text: str) -> None:
    draft = draft_of(text)
    assert draft.kind == "complaint", draft.kind  # a legal threat is not a threat of harm
    assert draft.lead_note is not None and "taking this further" in draft.lead_note, draft.lead_note
    assert _APOLOGY.search(draft.text), draft.text


CONTROLS = [(t, "praise") for t in PRAISE] + [(t, "question") for t in QUESTIONS]


@pytest.mark.parametrize(("text", "kind"), _marked(CONTROLS), ids=[t[:40] for t, _ in CONTROLS])
def test_praise_and_plain_questions_are_not_apologised_to(text: str, kind: str) -> None:
    draft = draft_of(text)
    assert draft.kind == kind and not _APOLOGY.search(draft.text), draft.text
    assert not re.search(r"[★☆]|5/5", draft.text), draft.text  # a rating is no more read back in thanks


@pytest.mark.parametrize("text", ALREADY_MESSAGED)
def test_someone_who_already_messaged_us_is_not_asked_to_message_again(text: str) -> None:
    draft = draft_of(text)
    assert draft.kind == "complaint" and _APOLOGY.search(draft.text), draft.text
    assert not re.search(r"(?i)\b(?:send|drop) us (?:a|an|your) ", draft.text), draft.text
    assert "about still" not in draft.text, draft.text  # found while fixing: "sorry about still nothing"

"""The clause a draft reads back is the one that says what went wrong, not the first one that parses.

Complaints often open with a setup (what the customer did: booked, ordered, switched, rang), a
sarcastic aside ("Love that the outage map says 'all good'...") or what a member of staff said
("Reception said bedbugs are 'not possible'"). Apologising for the setup ("I'm sorry you ordered for
your mum's birthday"), agreeing with the sarcasm, or repeating staff's denial as the grievance ("our
reception said bedbugs are not possible in their hotel") all read as not having listened.

The posts were written fresh for this test, for brands and industries the other sets don't use. What
is asserted are properties, not wording: whatever is read back names the failure (one of the case's
failure words) or the draft falls back to naming their thing plainly; a setup is never read back on
its own; staff's denial is never repeated; "their hotel" is never left where "our" is meant; the
opening apologises; the tone check finds nothing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import pytest

from alerts.drafting import Draft
from alerts.drafting.reading import Reading, read_post
from monitor.spread.complaint import reads_as_complaint
from tests.alerts.test_fresh_complaints import _APOLOGY, _FRAGMENTS, REPLY, UPSET, _scorer, draft_of

BRANDS = {
    "Aerolux Airways": ["aerolux airways", "aerolux"],
    "Brightwater Utilities": ["brightwater utilities", "brightwater"],
    "Ironclad Gyms": ["ironclad gyms", "ironclad"],
    "Dishdash": ["dishdash"],
    "Cobalt Bank": ["cobalt bank", "cobalt"],
    "Pixelforge": ["pixelforge"],
    "Tidewave Mobile": ["tidewave mobile", "tidewave"],
    "Marlowe Hotels": ["marlowe hotels", "marlowe"],
    "Lumen Mobile": ["lumen mobile", "lumen"],
    "Basketly": ["basketly"],
    "Halden Hotels": ["halden hotels", "halden"],
}
NAMES = [n for name, include in BRANDS.items() for n in (name, *include)]


@dataclass(frozen=True)
class Case:
    text: str
    failure: tuple[str, ...]  # words of which the acknowledgement names at least one (empty: a plain fallback is fine)
    setup: tuple[str, ...] = ()  # what the customer did: never read back without a failure word beside it
    never: tuple[str, ...] = field(default=())  # words the draft must not say (a denial, a sarcastic setup)


# The three posts that started this round.
REPORTED = [
    Case(
        "Love that Lumen Mobile's outage map shows my whole neighborhood as 'all good' while none of us have had "
        "internet since lunch. Great map!",
        ("internet",),
        never=("outage map", "all good", "great map"),
    ),
    Case(
        "Woke up covered in bites at Halden Lyon. Reception said bedbugs are 'not possible' in their hotel. "
        "Not possible? Look at my arms.",
        ("bites", "bedbugs", "believe"),
        never=("not possible", "their hotel"),
    ),
    Case(
        "Absolutely disgusted with Basketly. Ordered for my mum's birthday, nothing came, no call, no text, no refund.",
        ("nothing came", "no refund"),
        setup=("ordered",),
    ),
]
SETUP_THEN_FAILURE = [
    Case(
        "Booked the 7am Aerolux Airways flight to Madrid for my dad's 70th, got to the gate and it had been "
        "cancelled with no text.",
        ("cancelled",),
        setup=("booked",),
    ),
    Case(
        "Paid Dishdash for priority delivery for my daughter's party. Food turned up two hours late and stone cold.",
        ("late", "cold"),
        setup=("paid",),
    ),
    Case(
        "Signed up to Ironclad Gyms in January. Tried to cancel in March and they're still taking £45 a month.",
        ("still taking", "£45"),
        setup=("signed up",),
    ),
    Case(
        "Switched to Tidewave Mobile last week to save money. Haven't had a single bar of signal at home since.",
        ("signal",),
        setup=("switched",),
    ),
    Case(
        "Rang Cobalt Bank as soon as my card went missing. They took four days to block it and £600 went in the "
        "meantime.",
        ("four days", "£600"),
        setup=("rang",),
    ),
    Case(
        "Pre-ordered the deluxe edition of Starfall from Pixelforge for my son. Launch day came and the download "
        "code was invalid.",
        ("invalid",),
        setup=("ordered",),
    ),
    Case(
        "Moved into my new flat on Monday and Brightwater Utilities promised the water would be on. Still no water "
        "four days later.",
        ("no water",),
        setup=("moved",),
    ),
    Case(
        "Checked in to Marlowe Hotels Bath for our anniversary and the room smelled of smoke and the heating "
        "didn't work.",
        ("smoke", "heating"),
        setup=("checked in",),
    ),
    Case(
        "Called Tidewave Mobile three times before my trip to check roaming was on. Came home to a £230 roaming bill.",
        ("£230",),
        setup=("called",),
    ),
    Case(
        "Joined Ironclad Gyms for the 24/7 access. Turned up at 6am twice this week and the doors were locked.",
        ("locked",),
        setup=("joined",),
    ),
    Case(
        "Bought the season pass for Pixelforge's Ironwake and the servers have been down every weekend since.",
        ("down",),
        setup=("bought",),
    ),
    Case(
        "Flew Aerolux Airways to Lisbon with my wheelchair and it came off the plane with a snapped wheel.",
        ("snapped",),
        setup=("flew",),
    ),
    Case(
        "Took my kids to Ironclad Gyms' family swim on Saturday and the pool was closed with no notice.",
        ("closed",),
        setup=("took",),
    ),
    Case(
        "Set up a standing order with Cobalt Bank for my rent and it bounced, so now I owe my landlord a late fee.",
        ("bounced", "late fee"),
        setup=("set up",),
    ),
    Case(
        "Upgraded to Tidewave Mobile's fibre plan last month and my speeds have halved.",
        ("halved",),
        setup=("upgraded",),
    ),
]
STAFF_DENIAL = [
    Case(
        "Our basement flooded from a Brightwater Utilities burst main. Their engineer told us it was our "
        "responsibility.",
        ("flooded", "help", "believe"),
        never=("your responsibility", "our responsibility"),
    ),
    Case(
        "Found mould all over the bathroom ceiling at Marlowe Hotels York. The duty manager said it was just "
        "condensation.",
        ("mould", "believe", "help"),
        never=("condensation",),
    ),
    Case(
        "Cobalt Bank let someone take £1,200 from my account. The fraud team said I must have shared my PIN. I didn't.",
        ("£1,200", "believe", "help"),
        never=("must have shared", "you shared"),
    ),
    Case(
        "My Dishdash order never arrived. Support said the driver marked it delivered so there's nothing they can do.",
        ("never arrived",),
        never=("nothing we can do", "nothing they can do", "marked it delivered"),
    ),
    Case(
        "Tidewave Mobile cut my line off over a bill I'd already paid. The agent told me it was my problem to "
        "prove it.",
        ("cut",),
        never=("your problem", "my problem"),
    ),
    Case(
        "Got food poisoning after the buffet at Marlowe Hotels Brighton. Reception said nobody else has complained.",
        ("food poisoning",),
        never=("nobody else",),
    ),
    Case(
        "Ironclad Gyms charged me a £60 cancellation fee. The manager claimed I signed up for 12 months when I "
        "signed up monthly.",
        ("charged", "£60"),
        never=("12 months",),
    ),
    Case(
        "Pixelforge wiped my account with six years of progress. Support replied that their anti-cheat is never wrong.",
        ("wiped",),
        never=("never wrong", "anti-cheat"),
    ),
]
SARCASM_WHILE = [
    Case(
        "Love how Aerolux Airways keeps emailing me about seat upgrades while my bag has been missing for nine "
        "days. Priorities!",
        ("missing",),
        never=("upgrades", "love"),
    ),
    Case(
        "Great to see Cobalt Bank's new ad campaign everywhere while I've been on hold for 70 minutes trying to "
        "report a payment I didn't make.",
        ("on hold", "70 minutes"),
        never=("campaign", "great"),
    ),
    Case(
        "So glad Brightwater Utilities sent me a loyalty email while my taps have been dry since Sunday.",
        ("dry",),
        never=("loyal", "so glad"),
    ),
    Case(
        "Love that Dishdash shows my driver 2 minutes away while he's been parked at a petrol station for 40 minutes.",
        ("40 minutes", "parked"),
        never=("2 minutes away", "love"),
    ),
    Case(
        "Really impressed that Tidewave Mobile found time to raise my price while my internet has dropped out "
        "every night this month.",
        ("dropped out",),
        never=("impressed",),
    ),
    Case(
        "Brilliant how Ironclad Gyms is advertising discounts for new members while half the machines have been "
        "broken since March.",
        ("broken",),
        never=("discounts", "brilliant"),
    ),
    Case(
        "Amazing that Pixelforge can ship three new skins this week while the game still crashes on launch for "
        "half of us.",
        ("crash",),
        never=("skins", "amazing"),
    ),
]
PLAIN = [
    Case(
        "Aerolux Airways moved my seat away from my 4 year old without telling us. Took an hour at the gate to sort "
        "it.",
        ("moved your seat",),
    ),
    Case(
        "Dishdash charged me twice for one order and the chat bot keeps closing my ticket.",
        ("twice",),
    ),
    Case(
        "Brightwater Utilities sent me a final demand for £480 on a meter that was removed in 2022.",
        ("final demand", "£480"),
    ),
    Case(
        "Stayed three nights at Marlowe Hotels Leeds and was charged for five.",
        ("charged",),
        setup=("stayed",),
    ),
]
CASES = REPORTED + SETUP_THEN_FAILURE + STAFF_DENIAL + SARCASM_WHILE + PLAIN

# The customer's setup said as ours ("we booked", "we switched"); "we sent you a final demand" is ours.
_WRONG_WE = re.compile(
    r"\bwe (?:ordered|pre-ordered|booked|switched|paid|rang|called|stayed|checked in|joined|bought|flew|upgraded"
    r"|signed up|woke|took your kids|set up)\b",
    re.IGNORECASE,
)
# A "their" left in a read-back clause means the company in the customer's words ("their hotel").
_THEIR = re.compile(r"\btheir\b", re.IGNORECASE)


def _read(text: str) -> tuple[Reading, Draft]:
    """The reading and the draft `repmon draft` would make for ``text`` (same scoring, same complaint rule)."""
    score = _scorer().score(text)
    complaint = reads_as_complaint(text, _scorer(), UPSET, score=score)
    reading = read_post(
        text,
        topics=score.topics,
        abusive=score.abusive,
        team_name=REPLY.team_name,
        brand_names=NAMES,
        complaint=complaint,
    )
    return reading, draft_of(text, NAMES)


def problems(case: Case) -> list[str]:
    """What a team would refuse to post in the draft for ``case``: empty when it is fine."""
    reading, draft = _read(case.text)
    said = draft.text
    ack = re.split(r"(?<=[.!?])\s+", said)[0]
    found: list[str] = []
    if draft.kind != "complaint":
        found.append(f"kind {draft.kind}")
    if not _APOLOGY.search(" ".join(re.split(r"(?<=[.!?])\s+", said)[:2])):
        found.append("no apology in the opening")
    read_back = [c.text for c in reading.grievances]
    if read_back and case.failure and not any(w.lower() in ack.lower() for w in case.failure):
        found.append(f"read back {read_back} without naming the failure {case.failure}")
    for clause in read_back:
        low = clause.lower()
        if any(s in low for s in case.setup) and not any(w.lower() in low for w in case.failure):
            found.append(f"setup read back as the grievance: {clause!r}")
    found += [f"says {w!r}" for w in case.never if w.lower() in said.lower()]
    found += [f"wrong owner {m.group(0)!r}" for m in _THEIR.finditer(said)]
    found += [f"brand fragment {m.group(0)!r}" for rx in _FRAGMENTS for m in rx.finditer(said)]
    found += [f"customer's action as ours {m.group(0)!r}" for m in _WRONG_WE.finditer(said)]
    found += [f"tone: {f.line()}" for f in draft.findings]
    return [f"{p} in: {said}" for p in found]


def test_the_set_is_big_and_varied_enough_to_mean_something() -> None:
    assert len(CASES) - len(REPORTED) >= 30
    assert len({c.text for c in CASES}) == len(CASES)
    assert all(any(n in c.text.lower() for n in NAMES) for c in CASES)


@pytest.mark.parametrize("case", CASES, ids=[c.text[:48] for c in CASES])
def test_the_draft_reads_back_what_went_wrong(case: Case) -> None:
    assert problems(case) == []


def test_most_drafts_name_the_failure_rather_than_falling_back() -> None:
    """Falling back is right when nothing reads cleanly, but a reader that always fell back would pass above."""
    named = [c for c in CASES if _read(c.text)[0].grievances]
    assert len(named) >= 0.8 * len(CASES), [c.text for c in CASES if c not in named]

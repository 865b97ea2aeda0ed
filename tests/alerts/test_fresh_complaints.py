"""Drafts for complaints written fresh for this test, read the way `repmon draft` reads them.

Each post is scored and judged a complaint by the one shared rule (``reads_as_complaint``) before it
is drafted, as the CLI, the Slack app and the alert pipeline all do. The posts cover brands and
industries the fixtures don't: sarcastic praise, sentences about what the customer did themselves,
multi-word brand names followed by a property or a place, and questions that are really complaints.

What is asserted are properties a team would refuse to post, not exact wording: the draft opens by
acknowledging and apologising, it is never a thank-you or an answer to a question, no fragment of
a brand name is left behind a pronoun ("us Telecom", "our in Bristol"), nothing the customer did is
said as something we did ("we switched your number"), and the tone check finds nothing (no
promise repmon can't back).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache
from pathlib import Path

import pytest

from alerts.config import ReplyConfig
from alerts.drafting import Draft, compose_reply
from monitor.scoring import Scorer
from monitor.spread.complaint import reads_as_complaint

BRANDS = {
    "Coral Telecom": ["coral telecom", "coral", "@coraltelecom"],
    "Ridgeway Hotels": ["ridgeway hotels", "ridgeway", "@ridgewayhotels"],
    "Parcelo": ["parcelo", "@parcelo"],
    "Fernhill Bank": ["fernhill bank", "fernhill"],
    "Skylark Rail": ["skylark rail", "skylark"],
    "Greenleaf Grocer": ["greenleaf grocer", "greenleaf"],
    "Voltbox Energy": ["voltbox energy", "voltbox"],
}
NAMES = [n for name, include in BRANDS.items() for n in (name, *include) if not n.startswith("@")]
UPSET = -0.3  # the default detection threshold

# (post, words the draft must not contain): each post is a complaint.
SARCASM = [
    (
        "Brilliant work Coral Telecom, my broadband has dropped out every evening this week right when my night "
        "shift calls start.",
        ["brilliant"],
    ),
    ("Love how Parcelo marks my parcel as delivered when it's clearly sitting in a van somewhere. Top service.", []),
    ("Wow Skylark Rail, a 90 minute delay and not a single announcement. Stellar stuff.", ["stellar"]),
    (
        "Great job Fernhill Bank, blocking my card while I'm abroad and then asking me to call a number that doesn't "
        "work from overseas.",
        ["great job"],
    ),
    (
        "So glad I pay Voltbox Energy extra for a 'smart' meter that hasn't sent a reading in four months. Genius.",
        ["so glad", "genius"],
    ),
    (
        "Thanks Greenleaf Grocer for swapping my gluten free bread for regular bread. Really thoughtful for a coeliac.",
        ["thoughtful"],
    ),
    (
        "Really impressed that Ridgeway Hotels managed to give away the room I booked six months ago. "
        "Amazing planning.",
        ["impressed", "amazing"],
    ),
    (
        "Five stars to Coral Telecom for the most creative excuses I've heard for a missed install. "
        "Third one this month.",
        ["five stars", "creative"],
    ),
    ("Oh I just love that Parcelo's tracking says 'out for delivery' for the fourth day running. Fantastic.", ["love"]),
    (
        "Nice one Skylark Rail, cancelling the last train home and leaving us on a freezing platform at midnight.",
        ["nice one"],
    ),
    (
        "Called Fernhill Bank at 8am about a payment I didn't make. It's now 1pm and I'm still on hold. Nice playlist "
        "though.",
        ["playlist", "glad"],
    ),
    (
        "Rang Voltbox about a warning light on my meter and got cut off three times. "
        "At least the hold music is cheerful.",
        ["hold music", "glad"],
    ),
]
OWN_ACTIONS = [
    ("Switched my energy to Voltbox in March and they've billed me twice every month since.", ["we switched"]),
    (
        "Booked a twin room at Ridgeway Manchester for my parents' anniversary and they were put in a single with a "
        "camp bed.",
        ["we booked"],
    ),
    (
        "Ordered a birthday cake from Greenleaf Grocer for my son, picked it up and it said Happy Retirement.",
        ["we ordered", "we picked"],
    ),
    (
        "Spent forty minutes on the Fernhill Bank chat being passed between bots. Still can't get into my account.",
        ["we spent"],
    ),
    (
        "Moved house last month, updated my address with Coral Telecom twice, and they still send bills "
        "to my old flat.",
        ["we moved", "we updated"],
    ),
    (
        "Paid Parcelo for next day delivery, waited in all day, and the parcel turned up four days later.",
        ["we paid", "we waited"],
    ),
    ("Took three phone calls and an email to get Voltbox to admit they'd overcharged me.", ["we took"]),
    ("Topped up my Coral Telecom account on Friday and the credit still hasn't appeared.", ["we topped"]),
    ("Returned the faulty kettle to Greenleaf two weeks ago and I'm still waiting on my refund.", ["we returned"]),
    ("Checked in at Ridgeway Hotels at 4pm and the room wasn't ready until 8pm.", ["we checked"]),
    ("Sent Fernhill Bank my payslips three times and they keep saying they never got them.", ["we sent"]),
]
PLACES = [
    ("Coral Telecom's new router keeps rebooting itself every twenty minutes.", []),
    ("Waited 45 minutes at the front desk of Ridgeway Edinburgh Waverley and nobody came.", ["of us"]),
    ("The Ridgeway in Bristol charged my card for a minibar I never touched.", []),
    ("Skylark Rail's app sold me a ticket for a train that had already been cancelled.", []),
    ("Fernhill Bank's fraud team froze my salary account the day before rent was due.", []),
    ("Stayed at Ridgeway Glasgow Central last weekend and the shower was stone cold for three days.", ["at us"]),
    ("The Greenleaf Grocer in Leeds sold me chicken that was two days past its date.", []),
    ("Voltbox Energy's smart meter app says I used £90 of gas while I was away on holiday.", []),
    ("My elderly dad was left waiting on Skylark Rail's platform at Kings Cross for assistance that never came.", []),
]
QUESTIONS = [
    ("Why does Parcelo keep leaving my parcels in the recycling bin? Third time now and it rained.", []),
    ("Is anyone at Fernhill Bank actually going to answer my complaint? It's been six weeks.", []),
    ("How is it acceptable that Skylark Rail fined me when the ticket machine was broken?", []),
    (
        "Found a cockroach in the bathroom at Ridgeway Cardiff. Told the manager and he said it's "
        "'just a beetle'. Just a beetle? I have photos.",
        [],
    ),
    ("Can someone at Coral Telecom explain why my bill went up by £18 without a single email?", []),
    ("Does Greenleaf Grocer even check the fridges? Half my online order arrived warm.", []),
]
GRAMMAR = [
    (
        "Coral Telecom cut off my landline by mistake and now say it could take 14 working days to reconnect.",
        ["your say", "you say"],
    ),
    ("Skylark Rail: 3 cancellations, 2 delays, 1 missed hospital appointment this week alone.", ["your 3", "your 1"]),
    (
        "Parcelo lost my parcel, then claimed it was delivered, then told me to wait another week.",
        ["your claimed", "you claimed", "your told"],
    ),
    ("Fernhill Bank closed my account with no warning and kept my savings for a month.", []),
    ("4 calls, 3 different answers, 0 refund from Voltbox Energy.", ["your 4", "your 3"]),
    ("Greenleaf Grocer delivered someone else's shopping to my door and charged me for it.", []),
    ("The Coral Telecom engineer turned up, unplugged my router, and left without saying a word.", []),
    (
        "Tried to cancel my Voltbox Energy contract online and the page just loops back to the login screen.",
        ["we tried"],
    ),
]
CASES = SARCASM + OWN_ACTIONS + PLACES + QUESTIONS + GRAMMAR

_OPENERS_NOT_ACK = re.compile(
    r"^(?:thank|thanks|good question|great question|happy to help|this made|what a lovely|i'm glad|we really appreciate"
    r"|your kind words)",
    re.IGNORECASE,
)
_APOLOGY = re.compile(r"\b(?:sorry|apologies|apologise|apologize)\b", re.IGNORECASE)
# A pronoun that replaced a brand's first word with the rest of the name left behind, or a possessive pronoun
# with nothing owned ("our in Vienna").
_FRAGMENTS = [
    re.compile(r"\b(?:us|we|our)\s+(?!I\b)[A-Z][a-z]+"),
    re.compile(r"\b(?:us|we|our)'s\b", re.IGNORECASE),
    re.compile(r"\bour\s+(?:in|at|on|of|from|to|for|with|and)\b", re.IGNORECASE),
    re.compile(r"\b(?:your|our|the|a)\s+(?:your|our|the|a)\b", re.IGNORECASE),
]
# The customer's own doings said as ours, and verbs left agreeing with nobody.
_CUSTOMER_VERBS = (
    "switched|ordered|booked|spent|paid|waited|moved|updated|topped|returned|checked|rang|called|phoned|tried"
    "|stayed|picked|sent|took you|woke|found|emailed|queued"
)
_WRONG_WE = re.compile(rf"\bwe (?:{_CUSTOMER_VERBS})\b", re.IGNORECASE)
_ORPHAN_VERB = re.compile(
    r"\b(?:your|our) (?:say|says|said|is|are|was|were|has|have|told|claimed|keep|keeps)\b", re.IGNORECASE
)


@cache
def _scorer() -> Scorer:
    return Scorer()


REPLY = ReplyConfig(team_name="Sam at Support", private_channel="a DM")


def draft_of(text: str, names: Sequence[str] = ()) -> Draft:
    """The draft `repmon draft` would print for ``text`` (the same scoring and complaint rule)."""
    score = _scorer().score(text)
    complaint = reads_as_complaint(text, _scorer(), UPSET, score=score)
    return compose_reply(
        text,
        source="x",
        topics=score.topics,
        abusive=score.abusive,
        reply=REPLY,
        brand_names=names or NAMES,
        complaint=complaint,
    )


def problems(text: str, forbidden: list[str]) -> list[str]:
    """What is wrong with the draft for ``text``: empty when a team could post it."""
    draft = draft_of(text)
    said = draft.text
    found: list[str] = []
    if draft.kind != "complaint":
        found.append(f"kind {draft.kind}")
    first = re.split(r"(?<=[.!?])\s+", said)[0]
    if _OPENERS_NOT_ACK.search(said) and not _APOLOGY.search(first):
        found.append("opens with thanks or a question's opener")
    opening = " ".join(re.split(r"(?<=[.!?])\s+", said)[:2])
    if not _APOLOGY.search(opening):
        found.append("no apology in the opening")
    found += [f"brand fragment {m.group(0)!r}" for rx in _FRAGMENTS for m in rx.finditer(said)]
    found += [f"customer's action as ours {m.group(0)!r}" for m in _WRONG_WE.finditer(said)]
    found += [f"orphan verb {m.group(0)!r}" for m in _ORPHAN_VERB.finditer(said)]
    for name in BRANDS:
        for word in name.split()[1:]:  # a tail like "Telecom" without its head is a fragment
            if re.search(rf"(?<!{name.split()[0]} ){word}\b", said):
                found.append(f"brand tail {word!r}")
    found += [f"says {w!r}" for w in forbidden if w.lower() in said.lower()]
    found += [f"tone: {f.line()}" for f in draft.findings]
    return [f"{p} in: {said}" for p in found]


def test_the_set_is_big_and_varied_enough_to_mean_something() -> None:
    assert len(CASES) >= 40
    assert len({text for text, _ in CASES}) == len(CASES)
    assert all(any(b.split()[0].lower() in t.lower() for b in BRANDS) for t, _ in CASES)


@pytest.mark.parametrize(("text", "forbidden"), CASES, ids=[t[:48] for t, _ in CASES])
def test_a_fresh_complaint_gets_a_draft_a_team_would_post(text: str, forbidden: list[str]) -> None:
    assert problems(text, forbidden) == []


@pytest.mark.parametrize(("text", "forbidden"), SARCASM, ids=[t[:48] for t, _ in SARCASM])
def test_sarcastic_praise_is_read_as_a_complaint_by_the_shared_rule(text: str, forbidden: list[str]) -> None:
    del forbidden
    assert reads_as_complaint(text, _scorer(), UPSET) or draft_of(text).kind == "complaint"


def test_repmon_draft_reads_sarcasm_with_the_pipelines_complaint_rule(tmp_path: Path) -> None:
    """`repmon draft` used to ask only whether VADER's label was negative, and thanked this post."""
    from typer.testing import CliRunner

    from monitor.cli import app

    config = tmp_path / "brands.toml"
    config.write_text('[[brands]]\nname = "Coral Telecom"\ninclude = ["coral telecom", "coral"]\n', encoding="utf-8")
    text = (
        "Fantastic job Coral Telecom, I've now spent more time on hold with you this month than I've spent "
        "actually using the internet I pay you for"
    )
    assert reads_as_complaint(text, _scorer(), UPSET)
    result = CliRunner().invoke(app, ["draft", "--json", "-c", str(config), text])
    assert result.exit_code == 0, result.output
    assert '"kind": "complaint"' in result.output and "made our day" not in result.output

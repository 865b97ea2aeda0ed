"""Dry and sarcastic first-hand reports of a failure read as complaints; plain news and praise do not.

Written fresh for this test (invented brands), in two sets: the first set was read before the word
lists were extended, the second only after, as a check of how far the additions reach; what it
still misses is marked with its reason.
"""

from __future__ import annotations

import pytest

from monitor.config import validate
from monitor.scoring import Scorer
from monitor.spread.complaint import complaint_signs

CONFIG = validate({})
SCORER = Scorer(CONFIG.scoring)

REPORTS = [
    "Fun fact: Marrow Bank has now declined my card at the same supermarket four times this week.",
    "Update on my Marrow Bank transfer: still pending. It has been pending since the 3rd.",
    "Pinecrest Hotels gave away the room I booked in March. The front desk suggested a hostel down the road.",
    "Great start to the holiday: Pinecrest Hotels has no record of our booking and the confirmation means nothing.",
    "Tavi Foods substituted my baby formula with dog food. I wish I was joking.",
    "Day 9 of waiting for Corvel Telecom to reconnect my internet. Working from the library again.",
    "My Tavi Foods order arrived with the frozen stuff fully thawed. Third time in a row, if anyone is counting.",
    "Corvel Telecom billed me for a phone line I cancelled in January. Again.",
    "Tavi Foods left my shopping at the wrong address and marked it delivered.",
    # the second set, read after the lists were extended
    "Ordered a birthday cake from Sugarloaf Bakery for Saturday. It is Sunday. Still no cake.",
    "Sugarloaf Bakery charged my card for 40 cupcakes. I ordered 4. Awaiting their reply since Monday.",
    "Asked Quill Insurance to cancel my policy in August. They took another payment this week.",
    "Brightline Broadband told me the outage was fixed 3 days ago. Writing this from a café with my phone hotspot.",
]

STILL_MISSED = [
    (
        "Vantage Rail's 7:40 is 'on time' according to the app. I have been on the platform for 35 minutes.",
        "the failure is only implied: a claim of ours set against what the writer sees",
    ),
    (
        "Twelve emails to Quill Insurance about my claim and the status page still says 'received'.",
        "being ignored told through a count and a status, with no failure word",
    ),
    (
        "Brightline Broadband engineer visit #4 booked for tomorrow. The previous three never turned up.",
        "no first-person word at all: the writer's own story is only implied",
    ),
    (
        "So Harbor Gas sent me a bill for £3,200 for a two bedroom flat. Cool. Cool cool cool.",
        "an absurd amount is the failure; nothing names it",
    ),
]

NOT_COMPLAINTS = [
    "Corvel Telecom installed my fibre today, took twenty minutes, very tidy work.",
    "Does anyone know if Marrow Bank charges for international transfers?",
    "Day 3 at Pinecrest Hotels Lisbon and the breakfast is still amazing.",
    "Tavi Foods delivery arrived early today, driver even carried it upstairs.",
    "Marrow Bank is closing its branch on Elm Street in March, according to the local paper.",
    "Vantage Rail's new quiet coaches are a game changer for my commute.",
    "Has anyone used Quill Insurance for travel cover? Thinking of switching.",
    "Sugarloaf Bakery's sourdough sold out by 9am again, get there early folks.",
    "Fun fact: Pinecrest Hotels upgraded us to a suite because it was our anniversary.",
    "Great start to the holiday: Pinecrest Hotels had our room ready two hours early.",
]


def _reads_as_complaint(text: str) -> bool:
    score = SCORER.score(text, "en")
    return complaint_signs(text, score, SCORER, CONFIG.detection.upset_threshold, lang="en").complaint


@pytest.mark.parametrize("text", REPORTS)
def test_a_dry_report_of_a_failure_is_a_complaint(text: str) -> None:
    assert _reads_as_complaint(text)


@pytest.mark.parametrize(("text", "reason"), STILL_MISSED)
def test_what_dry_reports_still_slip_past(text: str, reason: str) -> None:
    if not _reads_as_complaint(text):
        pytest.xfail(reason)
    pytest.fail(f"now read as a complaint: move it to REPORTS ({reason})")


@pytest.mark.parametrize("text", NOT_COMPLAINTS)
def test_praise_news_and_questions_are_not_complaints(text: str) -> None:
    assert not _reads_as_complaint(text)

"""A critic's turn to praise ("I've roasted them more than anyone but this:") reads as the praise it is."""

from __future__ import annotations

import pytest

from monitor.scoring import Scorer
from monitor.spread.failure import first_hand


@pytest.fixture(scope="module")
def scorer() -> Scorer:
    return Scorer()


def test_a_critic_praising_is_praise_not_a_first_hand_complaint(scorer: Scorer) -> None:
    story = (
        "Ok I've roasted Acme more than anyone but this: my dad passed in June, one of their devs found "
        "his old account and put his name on a statue in the game. I sat there for an hour just looking at it."
    )
    score = scorer.score(story, "en")
    assert score.label == "positive"
    assert not first_hand(story, "en", score.compound)  # a viral thank-you is not watched as a complaint


def test_the_same_opening_before_a_complaint_stays_a_complaint(scorer: Scorer) -> None:
    complaint = "I've complained about Acme a lot but this is the worst yet: they lost my bag twice"
    assert scorer.score(complaint, "en").label == "negative"

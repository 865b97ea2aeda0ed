"""A name is not a feeling: "the Drowned Spire" is a game map, "the Walking Dead" a show."""

from __future__ import annotations

import pytest

from monitor.scoring import Scorer


@pytest.fixture(scope="module")
def scorer() -> Scorer:
    return Scorer()


def test_the_words_of_a_name_carry_no_sentiment(scorer: Scorer) -> None:
    trailer = "Driftborne expansion trailer: a new map, the Drowned Spire, a ranked overhaul and a new drifter"
    assert scorer.score(trailer, "en").label == "neutral"
    assert scorer.score("binge watching the Walking Dead tonight", "en").label == "neutral"


def test_the_same_words_outside_a_name_keep_their_sentiment(scorer: Scorer) -> None:
    assert scorer.score("my phone drowned when the ferry took a wave", "en").label == "negative"
    # one capital is a sentence start or shouting, not a name
    assert scorer.score("the Terrible service again today", "en").label == "negative"


def test_a_name_does_not_hide_what_the_post_says(scorer: Scorer) -> None:
    score = scorer.score("the Drowned Spire crashes every single match, this patch is awful", "en")
    assert score.label == "negative"


def test_a_headline_in_title_case_is_read_word_by_word(scorer: Scorer) -> None:
    # every word capitalised: the capitals say nothing about names
    assert scorer.score("New Blog: The Grieving Process", "en").label == "negative"

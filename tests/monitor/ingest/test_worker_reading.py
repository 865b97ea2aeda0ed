"""The failure reading an import's scoring worker does beside the score gives exactly the in-place answer."""

from __future__ import annotations

import pytest

from monitor.config import ScoringConfig
from monitor.scoring import Scorer
from monitor.spread.complaint import complaint_signs, read_failure
from monitor.spread.identifiers import instance_terms

TEXTS = [
    "Northwind lost my bag on NW 608 and nobody answers the phone",
    "waited 3 hours for the assistance I booked, it never came",
    "great, another 3 hour delay, love it",
    "Sat on the tarmac for two hours, my connection is gone. Great service as always!",
    "Thank you Northwind, the crew found my lost bag, amazing service",
    "IT outage grounds flights across the network",
    "Northwind a perdu ma valise et personne ne répond",
    "my order of 14 items came as one lime",
    "Bought the bundle. Charged, not delivered. Great!",
    "",
]


@pytest.mark.parametrize("lang", [None, "en", "fr"])
def test_complaint_signs_read_by_a_worker_are_the_signs_read_in_place(lang: str | None) -> None:
    scorer = Scorer(ScoringConfig())
    for text in TEXTS:
        score = scorer.score(text, lang)
        read = read_failure(text, score, scorer, lang)
        for threshold in (-0.5, -0.05, 0.5):
            for rating in (None, 1, 2, 3, 4, 5):
                here = complaint_signs(text, score, scorer, threshold, lang=lang, rating=rating)
                there = complaint_signs(text, score, scorer, threshold, lang=lang, rating=rating, read=read)
                assert here == there, (text, threshold, rating)


def test_instance_terms_read_links_and_identifiers_but_not_where() -> None:
    words = frozenset({"link:example.com/a", "id:nw608", "id:lhr", "id:b12", "id:2.14.2", "id:$40", "bag", "#topic"})
    assert instance_terms(words) == {"link:example.com/a", "id:nw608", "id:$40"}
    assert instance_terms(words, releases=True) == {"link:example.com/a", "id:nw608", "id:$40", "id:2.14.2"}
    assert instance_terms(frozenset({"lid", "idle"})) == frozenset()

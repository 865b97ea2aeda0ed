"""The phrasing and rule data files: every phrasing passes the tone check once filled in."""

from __future__ import annotations

import re

import pytest

from alerts.drafting.data import load, phrasings
from alerts.drafting.phrasing import fill
from alerts.tone import check_tone

SAMPLE = {
    "list": "we cancelled your flight the night before your sister's wedding",
    "about": "the wait for your refund",
    "req": "your money back",
    "channel": "a DM",
    "contact": "email us at help@example.com",
    "action": "trace your bag",
    "praise": "the crew on flight 22",
    "subject": "the lounge at Lisbon",
    "team": "Maya at Northwind",
    "short": "Maya",
    "handle": "jane_doe",
}
ACKNOWLEDGING = [
    "ack_clauses",
    "ack_about",
    "ack_perception",
    "ack_perception_about",
    "ack_safety",
    "ack_safety_about",
    "light_touch",
    "light_touch_about",
]
FOLLOWING = [
    "own",
    "wellbeing",
    "requests",
    "next_dm",
    "next_dm_short",
    "next_dm_already",
    "next_dm_already_short",
    "next_public",
    "next_public_short",
    "question_more",
]


def _filled(move: str) -> list[str]:
    return [fill(template, **SAMPLE) for template in phrasings("en")[move]]


@pytest.mark.parametrize("move", ACKNOWLEDGING)
def test_every_acknowledgement_passes_alone(move: str) -> None:
    for text in _filled(move):
        assert not re.search(r"\{\w+\}", text), text
        assert check_tone(text).ok, (text, check_tone(text).lines())


@pytest.mark.parametrize("move", FOLLOWING)
def test_every_later_move_passes_after_an_apology(move: str) -> None:
    for text in _filled(move):
        assert not re.search(r"\{\w+\}", text), text
        assert check_tone(f"I'm so sorry about this. {text}").ok, text


@pytest.mark.parametrize("move", ["praise_open", "praise_close", "question_open", "question_about", "mixed_praise"])
def test_praise_and_question_phrasings_do_not_apologise(move: str) -> None:
    for text in _filled(move):
        assert "sorry" not in text.lower()
        assert check_tone(text, expect_acknowledgment=False).ok, text


def test_each_move_has_enough_phrasings_to_vary() -> None:
    en = phrasings("en")
    assert len(en["ack_clauses"]) >= 20
    assert len(en["own"]) >= 8
    assert len(en["next_dm"]) >= 5
    assert len({t.split()[0] for t in en["ack_clauses"]}) >= 10  # different first words, not one opening


def test_spanish_phrasings_cover_the_moves_and_pass() -> None:
    es = phrasings("es")
    for move in ("ack_about", "ack_generic", "own", "next_dm", "next_public", "praise_open", "question_open"):
        assert es[move], move
    for text in es["ack_about"]:
        assert check_tone(text.format(about="su maleta perdida")).ok, text


def test_no_dm_wording_in_public_next_steps() -> None:
    for text in _filled("next_public") + _filled("next_public_short") + _filled("question_pointer_public"):
        assert "DM" not in text and "direct message" not in text


def test_topics_name_an_experience_and_an_action() -> None:
    for name, topic in load("topics")["topic"].items():
        assert topic["about"] and topic["es"] and topic["action"], name
        assert check_tone(f"I'm so sorry about {topic['about']}.").ok

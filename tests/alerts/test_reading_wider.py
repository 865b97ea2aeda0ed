"""Reading posts from brands and industries beyond the library: clauses, kinds and topics.

Each case is written for this test (not taken from any fixture batch) and holds one general rule:
contractions typed without apostrophes, a brand used as a modifier, losses in the customer's own
life, nobody-in-particular subjects, verbless states, chat tails, and the kind a post is read as.
"""

from __future__ import annotations

import pytest

from alerts.drafting.clauses import Subject, read_clause
from alerts.drafting.kinds import Kind
from alerts.drafting.reading import read_post, topics_of

BRAND = {"voltra"}

CLAUSES = [
    ("Cant open the app since Monday", "you can't open the app since Monday", Subject.CUSTOMER),
    ("Paying for my gran's Voltra plan", "you're paying for your gran's plan", Subject.CUSTOMER),
    ("Waited for a Voltra engineer all day", "you waited for an engineer all day", Subject.CUSTOMER),
    ("Lost my husband in May", "you lost your husband in May", Subject.CUSTOMER),
    ("Just lost my job", "you lost your job", Subject.CUSTOMER),
    ("Lost my parcel twice", "we lost your parcel twice", Subject.COMPANY),
    ("Somebody used my card in Rome", "somebody used your card in Rome", Subject.THING),
    ("Voltra broadband down since Friday", "our broadband has been down since Friday", Subject.THING),
    ("the lifts broken again", "the lifts are broken again", Subject.THING),
    ("the new logo is kinda ugly tbh", "the new logo is kinda ugly", Subject.THING),
]


@pytest.mark.parametrize(("raw", "read", "subject"), CLAUSES, ids=[c[0] for c in CLAUSES])
def test_clauses_read_back_with_who_did_what_right(raw: str, read: str, subject: Subject) -> None:
    clause = read_clause(raw, BRAND)
    assert clause is not None
    assert (clause.text, clause.subject) == (read, subject)


def test_a_wait_is_not_a_thing_to_own() -> None:
    clause = read_clause("Three weeks and my money is not back", BRAND)
    assert clause is None or not clause.text.startswith("your three weeks")


def _read(text: str):  # type: ignore[no-untyped-def]
    return read_post(text, topics=[], abusive=False, team_name="Jo at Voltra", brand_names=["Voltra"])


KINDS = [
    ("Sort my refund out by Monday or I'll make the driver regret it.", Kind.THREAT),
    ("Keep ignoring me, Voltra. I know which car is his.", Kind.THREAT),
    ("The cashiers are always lovely, but my order was wrong again and nobody rang back.", Kind.MIXED),
    ("Voltra says the meter was fitted. It wasn't. Nobody has been near the house.", Kind.COMPLAINT),
    ("Ordered a scarf for my daughter's birthday and got one in a different colour.", Kind.COMPLAINT),
]


@pytest.mark.parametrize(("text", "kind"), KINDS, ids=[k[0][:30] for k in KINDS])
def test_each_post_is_read_as_its_kind(text: str, kind: Kind) -> None:
    assert _read(text).kind is kind


def test_an_occasion_or_a_person_rules_out_the_light_touch() -> None:
    assert _read("The app icon colour is a bit garish").trivial
    assert not _read("The gift wrap colour was a bit off for my daughter's birthday").trivial


def test_going_down_the_stairs_is_no_outage() -> None:
    assert "outage" not in topics_of("My dad went down to the lobby and the courier had gone", [])
    assert "outage" in topics_of("The whole site went down at lunch", [])


def test_a_verbless_outage_is_named_in_the_draft() -> None:
    reading = _read("Voltra internet down since Sunday. I run my business from home.")
    assert any("has been down since Sunday" in c.text for c in reading.grievances)

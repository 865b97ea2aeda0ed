"""Reading the customer's words back in the second person: grammatical, and who did what stays right."""

from __future__ import annotations

import pytest

from alerts.drafting.clauses import Subject, read_clause
from alerts.drafting.data import load, word_set

BRAND = {"northwind", "northwind air"}


@pytest.mark.parametrize(
    ("words", "reading", "subject"),
    [
        # the customer did it
        ("I missed my connecting flight", "you missed your connecting flight", Subject.CUSTOMER),
        ("I was charged twice", "you were charged twice", Subject.CUSTOMER),
        ("I am still waiting for my refund", "you are still waiting for your refund", Subject.CUSTOMER),
        ("I'm still waiting", "you're still waiting", Subject.CUSTOMER),
        ("I've been on hold for 2 hours", "you've been on hold for 2 hours", Subject.CUSTOMER),
        ("We were stuck at the gate for 5 hours", "you were stuck at the gate for 5 hours", Subject.CUSTOMER),
        ("waited 3 weeks for a refund", "you waited 3 weeks for a refund", Subject.CUSTOMER),
        ("can't log in since the update", "you can't log in since the update", Subject.CUSTOMER),
        ("Locked out of my own account", "you were locked out of your own account", Subject.CUSTOMER),
        ("Nearly missed the flight", "you nearly missed the flight", Subject.CUSTOMER),
        ("I called you 5 times", "you called us 5 times", Subject.CUSTOMER),
        ("no refund after 3 weeks", "you've had no refund after 3 weeks", Subject.CUSTOMER),
        ("still no refund", "you still have no refund", Subject.CUSTOMER),
        # the company did it
        ("you cancelled my flight", "we cancelled your flight", Subject.COMPANY),
        (
            "you guys lost my suitcase with my insulin in it",
            "we lost your suitcase with your insulin in it",
            Subject.COMPANY,
        ),
        ("they made me miss my sister's wedding", "we made you miss your sister's wedding", Subject.COMPANY),
        ("Northwind has lost my bag", "we have lost your bag", Subject.COMPANY),
        ("Northwind keeps ignoring my emails", "we keep ignoring your emails", Subject.COMPANY),
        ("Northwind Air is holding my refund", "we are holding your refund", Subject.COMPANY),
        ("@NorthwindAir cancelled my flight", "we cancelled your flight", Subject.COMPANY),
        ("cancelled my flight and kept my money", "we cancelled your flight and kept your money", Subject.COMPANY),
        ("Skyways cancelled my flight", "we cancelled your flight", Subject.COMPANY),
        # a thing, or someone else
        ("my bag was lost", "your bag was lost", Subject.THING),
        ("Flight cancelled last minute", "your flight was cancelled last minute", Subject.THING),
        ("Bag damaged in transit", "your bag was damaged in transit", Subject.THING),
        ("the app froze", "the app froze", Subject.THING),
        ("the app keeps crashing", "the app keeps crashing", Subject.THING),
        ("agent was so rude to me", "our agent was so rude to you", Subject.THING),
        (
            "your staff laughed at me when I asked for help",
            "our staff laughed at you when you asked for help",
            Subject.THING,
        ),
        ("my mum was in tears at the desk", "your mum was in tears at the desk", Subject.THING),
        ("package never arrived", "your package never arrived", Subject.THING),
        ("nobody answered my calls", "nobody answered your calls", Subject.THING),
        ("the sync wiped three months of my notes", "the sync wiped three months of your notes", Subject.THING),
        ("my kids slept on the airport floor", "your kids slept on the airport floor", Subject.THING),
        ("there was no warning in the changelog", "there was no warning in the changelog", Subject.THING),
        ("CHARGED ME TWICE", "we charged you twice", Subject.COMPANY),
    ],
)
def test_clauses_read_back_with_the_right_person(words: str, reading: str, subject: Subject) -> None:
    clause = read_clause(words, BRAND)
    assert clause is not None
    assert (clause.text, clause.subject) == (reading, subject)


def test_they_is_not_the_company_when_people_were_named() -> None:
    assert read_clause("they were crying at the gate", BRAND, they_is_company=False) is None
    clause = read_clause("they lost my bag", BRAND)
    assert clause is not None and clause.text == "we lost your bag"


@pytest.mark.parametrize(
    "words",
    [
        "refund",  # a bare word: nothing to read back
        "They cancelled",  # cancelled what?
        "never again",
        "scammed me",  # accusations and swearing are not repeated in public
        "you lied to me",
        "worst airline ever",
        "you won't refund me",  # repeating a refusal confirms it
        "you can't even talk to a human",  # a generic "you", not the company
        "this is ridiculous",
        "Why is it so hard to get a refund?",
        "",
    ],
)
def test_clauses_that_do_not_read_back_cleanly_are_left_out(words: str) -> None:
    assert read_clause(words, BRAND) is None


def _third_person_verbs() -> set[str]:
    """Every listed verb a brand's clause can start with that needs agreeing when it becomes "we"."""
    listed = word_set("grammar", "words", "auxiliaries") | word_set("grammar", "words", "verbs")
    return {w for w in listed if w.endswith("s") and not w.endswith("ss")} | {"has", "is", "does", "hasn't"}


def test_every_third_person_verb_listed_has_the_form_we_takes() -> None:
    missing = _third_person_verbs() - set(load("grammar")["agree_we"])
    assert not missing, f"add these to [agree_we] in alerts/drafting/grammar.toml: {sorted(missing)}"


@pytest.mark.slow  # importing inflect costs seconds (jaraco/inflect#212)
def test_the_forms_we_takes_are_what_inflect_gives() -> None:
    inflect = pytest.importorskip("inflect")
    engine = inflect.engine()
    table = load("grammar")["agree_we"]
    assert table == {verb: engine.plural_verb(verb) for verb in table}

"""The tone check: each trap of the reply method is caught, with advice a person can act on."""

from __future__ import annotations

import pytest

from alerts.tone import (
    ACK_FIRST,
    BLAME,
    DENIAL,
    EXCUSE,
    JARGON,
    RULES,
    ToneReport,
    check_tone,
    split_sentences,
)

GOOD = [
    "I can see why being charged twice has left you worried. I'm sorry; that's on us. "
    "In case it helps: a duplicate charge usually drops off within 3 business days. "
    "Could we continue in a DM?",
    "I'm really sorry about the wait for your refund. You're right to expect better. "
    "Refunds go back to your card within 5 days of approval.",
    "Sorry about this, that must have been so frustrating. "
    "We can rebook you today, or refund you: which would you prefer?",
    "I'm sorry if what our agent said came across that way; I can understand why you'd be upset. "
    "What she meant was that the desk closes at 10.",
    "I\u2019m so sorry we left you stranded. That\u2019s on us.",  # curly apostrophes
]


@pytest.mark.parametrize("text", GOOD)
def test_replies_that_follow_the_method_pass(text: str) -> None:
    report = check_tone(text)
    assert report.ok, report.lines()
    assert report.problems == []
    assert report.rules == []


BAD = [
    # acknowledgement and apology must come first
    ("Refunds take 5 business days. Sorry for the wait.", ACK_FIRST, "business days"),
    (
        "Thanks for your message. We'll look into it and get back to you.",
        ACK_FIRST,
        "Thanks for your message",
    ),
    ("Actually refunds take a week, sorry about that.", ACK_FIRST, "Actually"),
    ("I'm sorry, but the fare you booked is non-refundable.", ACK_FIRST, "sorry, but"),
    ("We're sorry for the trouble. However, the flight left on time.", ACK_FIRST, "However"),
    ("We are not sorry. The charge was correct.", ACK_FIRST, "We are not sorry"),
    ("", ACK_FIRST, ""),
    # denying or correcting the perception
    ("Sorry you feel that way. That's not true: we refunded you on Monday.", DENIAL, "That's not true"),
    ("I'm sorry for the confusion. We actually sent the refund last week.", DENIAL, "actually"),
    ("Sorry about that. As we clearly stated in our email, the fee applies.", DENIAL, "As we clearly stated"),
    ("I'm sorry. You are wrong about the second charge.", DENIAL, "You are wrong"),
    ("Sorry to hear it. That never happened on our flights.", DENIAL, "That never happened"),
    ("I'm sorry. That\u2019s simply untrue.", DENIAL, "That's simply untrue"),
    # blaming the customer
    ("I'm sorry. You should have checked in online.", BLAME, "You should have"),
    ("Sorry about this. If you had read the confirmation you would have known.", BLAME, "If you had read"),
    ("Sorry, it's your fault for booking the wrong date.", BLAME, "your fault"),
    ("I'm sorry. You failed to update your card details.", BLAME, "You failed to"),
    ("Sorry for the trouble. Please read the terms before booking.", BLAME, "read the terms"),
    # excuses
    ("Sorry about that. It's not our fault, the weather was bad.", EXCUSE, "not our fault"),
    ("I'm sorry. Our supplier shipped the part late.", EXCUSE, "Our supplier"),
    ("Sorry, the system charged you twice.", EXCUSE, "the system"),
    ("I'm sorry, refunds are handled by another department.", EXCUSE, "another department"),
    ("Sorry, I'm afraid it's out of our hands.", EXCUSE, "out of our hands"),
    ("Sorry. There's nothing we can do about delays.", EXCUSE, "nothing we can do"),
    # policy and legal jargon
    ("We apologise. Pursuant to our conditions of carriage, no refund is due.", JARGON, "Pursuant to"),
    ("I'm sorry. Per our terms, refunds are not possible.", JARGON, "Per our terms"),
    ("Sorry for the delay. In accordance with section 4 we will not refund.", JARGON, "In accordance with"),
    ("Sorry. Failure to comply with baggage rules results in fees.", JARGON, "Failure to comply"),
    ("I'm sorry. Please see our terms and conditions.", JARGON, "terms and conditions"),
]


@pytest.mark.parametrize(("text", "rule", "excerpt"), BAD, ids=[f"{r}-{i}" for i, (_, r, _) in enumerate(BAD)])
def test_each_trap_is_caught_by_the_right_rule(text: str, rule: str, excerpt: str) -> None:
    report = check_tone(text)
    assert not report.ok
    assert rule in report.rules, report.lines()
    problem = next(p for p in report.problems if p.rule == rule)
    assert excerpt.lower() in problem.excerpt.lower().replace("\u2019", "'")


def test_advice_is_a_helpful_one_liner_for_every_problem() -> None:
    seen_rules: set[str] = set()
    for text, _, _ in BAD:
        for problem in check_tone(text).problems:
            seen_rules.add(problem.rule)
            assert problem.rule in RULES
            assert problem.advice
            assert "\n" not in problem.advice
            assert len(problem.advice) <= 110
            assert problem.advice[0].isupper()
            assert problem.advice.endswith(".")
            assert "\n" not in problem.excerpt
            assert len(problem.excerpt) <= 120
    assert seen_rules == set(RULES)


def test_a_report_lists_every_problem_once_with_a_readable_line() -> None:
    report = check_tone("Actually, per our terms, you should have read the terms and conditions. Not our fault.")
    assert isinstance(report, ToneReport)
    assert report.rules == [ACK_FIRST, DENIAL, BLAME, EXCUSE, JARGON]
    assert len(report.lines()) == len(report.problems)
    assert all(line.startswith(tuple(RULES)) for line in report.lines())
    excerpts = [p.excerpt for p in report.problems if p.rule == JARGON]
    assert len(excerpts) == len(set(excerpts))


def test_an_apology_in_the_second_sentence_still_counts_as_first() -> None:
    assert check_tone("Oh no. I'm so sorry about your bag. It should reach you tomorrow.").ok
    late = check_tone("Oh no. Bags usually arrive a day later. I'm so sorry.")
    assert late.rules == [ACK_FIRST]


def test_facts_after_the_apology_are_fine_even_with_numbers() -> None:
    text = "I can see why waiting 3 weeks has left you frustrated. I'm sorry. Refunds usually take 5 days."
    assert check_tone(text).ok


def test_sentences_split_on_punctuation_and_lines() -> None:
    assert split_sentences("One. Two!\n\nThree? “Four.” Five") == [
        "One.",
        "Two!",
        "Three?",
        '"Four."',
        "Five",
    ]

"""The tone check: each trap of the reply method is caught, with the words, why and a rewrite."""

from __future__ import annotations

import tomllib
from typing import Any

import pytest

from alerts.config import TopicFacts
from alerts.tone import ToneReport, check_tone, split_sentences
from alerts.tone import findings as trap  # the rules by name: trap.BLAME, trap.RULES...
from tests.conftest import OWN_FIXTURES

LIBRARY = tomllib.loads((OWN_FIXTURES / "replies" / "replies.toml").read_text(encoding="utf-8"))
LIBRARY_FACTS = {topic: TopicFacts(**entry) for topic, entry in LIBRARY["facts"].items()}
REPLIES: list[dict[str, Any]] = LIBRARY["reply"]

GOOD = [
    "I can see why being charged twice has left you worried. I'm sorry; that's on us. "
    "A duplicate charge usually drops off on its own. Could we continue in a DM?",
    "Sorry about this, that must have been so frustrating. Which would you prefer: a new booking or your money back?",
    "I'm sorry if what our agent said came across that way; I can understand why you'd be upset. "
    "What she meant was that the desk closes at 10.",
    "I\u2019m so sorry we left you stranded. That\u2019s on us.",  # curly apostrophes
    "I'm so sorry. You shouldn't have had to chase us five times.",  # empathy naming the customer is not blame
    "You should never have had to wait that long, and I'm sorry.",
    "Oh no. I'm so sorry about your bag. Could you DM us the file reference?",
]


@pytest.mark.parametrize("text", GOOD)
def test_replies_that_follow_the_method_pass(text: str) -> None:
    report = check_tone(text)
    assert report.ok, report.lines()
    assert report.findings == [] and report.rules == []


BAD = [
    ("Refunds take 5 business days. Sorry for the wait.", trap.FACTS_FIRST, "Refunds take 5 business days."),
    (
        "Thanks for your message. We'll look into it and get back to you.",
        trap.NO_ACKNOWLEDGMENT,
        "Thanks for your message.",
    ),
    ("We are not sorry. The charge was correct.", trap.NO_ACKNOWLEDGMENT, "We are not sorry."),
    ("Actually refunds take a week, sorry about that.", trap.CORRECTING, "Actually"),
    ("Just to clarify, the fee is listed at booking.", trap.CORRECTING, "Just to clarify"),
    ("We have no record of your call.", trap.CORRECTING, "We have no record"),
    ("I'm sorry, but the fare you booked is non-refundable.", trap.TAKE_BACK, "sorry, but"),
    ("We're sorry for the trouble. However, the flight left on time.", trap.TAKE_BACK, "However"),
    ("Sorry you feel that way.", trap.NON_APOLOGY, "Sorry you feel that way"),
    ("We apologise for any inconvenience.", trap.NON_APOLOGY, "apologise for any inconvenience"),
    ("Sorry for any confusion, the app is fine.", trap.NON_APOLOGY, "Sorry for any confusion"),
    ("Sorry. That's not accurate.", trap.DENIAL, "That's not accurate"),
    ("I'm sorry. You are wrong about the second charge.", trap.DENIAL, "You are wrong"),
    ("Sorry to hear it. That never happened on our flights.", trap.DENIAL, "That never happened"),
    ("I'm sorry. Passengers are responsible for their documents.", trap.BLAME, "Passengers are responsible"),
    ("Sorry! The problem is on your side.", trap.BLAME, "on your side"),
    ("I'm sorry. You should have checked in online.", trap.BLAME, "You should have checked"),
    ("I'm sorry. Our courier partner lost it.", trap.EXCUSE, "Our courier partner"),
    ("Sorry, due to a high volume of contacts we are slow.", trap.EXCUSE, "due to a high volume"),
    ("Sorry. The delay was due to adverse weather.", trap.EXCUSE, "due to adverse weather"),
    ("Sorry. We cannot be held responsible for lost items.", trap.POLICY, "cannot be held responsible"),
    ("I'm sorry. Per our policy, refunds are not possible.", trap.POLICY, "Per our policy"),
    ("I'm sorry. Please see our terms and conditions.", trap.POLICY, "terms and conditions"),
    ("Sorry about this. Delete this post and we'll talk.", trap.COERCION, "Delete this post and we'll"),
    ("Sorry we couldn't meet your high standards.", trap.SARCASM, "couldn't meet your high standards"),
    ("I'm sorry! We'll refund you in full.", trap.UNBACKED_PROMISE, "refund"),
    ("I'm sorry! You'll have it by tomorrow.", trap.UNBACKED_PROMISE, "by tomorrow"),
]


@pytest.mark.parametrize(("text", "rule", "words"), BAD, ids=[f"{r}-{i}" for i, (_, r, _) in enumerate(BAD)])
def test_each_trap_is_caught_with_the_words_why_and_a_rewrite(text: str, rule: str, words: str) -> None:
    report = check_tone(text)
    assert rule in report.rules, report.lines()
    finding = next(f for f in report.findings if f.rule == rule)
    assert words.lower() in finding.words.lower()
    assert finding.why.endswith(".") and "\n" not in finding.why
    assert finding.suggestion and finding.suggestion[0].isupper()
    assert check_tone(finding.suggestion).rules in ([], [trap.NO_ACKNOWLEDGMENT]) or rule == trap.FACTS_FIRST


def test_every_rule_is_exercised() -> None:
    seen = {rule for _, rule, _ in BAD} | {trap.NO_DMS, trap.TOO_LONG}
    assert seen == set(trap.RULES)


def test_suggestions_follow_the_method() -> None:
    """A rewrite that trips the same trap would teach the wrong thing."""
    for text, _, _ in BAD:
        for finding in check_tone(text).findings:
            assert finding.rule not in check_tone(finding.suggestion).rules, (text, finding)


def test_configured_facts_back_a_promise() -> None:
    facts = {
        "refund": TopicFacts(facts=["Refunds reach your card within 5 business days."], remedy="We can refund today.")
    }
    assert check_tone("I'm so sorry. We can refund today.", facts=facts).ok
    assert check_tone("I'm so sorry. You'll get your refund within 5 business days.", facts=facts).ok
    assert check_tone("I'm so sorry. You'll get your refund within 2 days.", facts=facts).rules == [
        trap.UNBACKED_PROMISE
    ]
    assert check_tone("I'm so sorry. We'll send you a voucher.", facts=facts).rules == [trap.UNBACKED_PROMISE]
    assert check_tone("I'm so sorry. I'll look into whether a refund is possible.").ok  # finding out is no promise


def test_platform_rules_need_a_platform() -> None:
    text = "I'm so sorry about the bill. Send us a DM and I'll look at it."
    assert check_tone(text).ok
    assert check_tone(text, platform="x").ok
    report = check_tone(text, platform="hackernews")
    assert report.rules == [trap.NO_DMS]
    assert "email us" in report.findings[0].suggestion
    long = "I'm so sorry about this. " * 20
    assert check_tone(long, platform="bluesky").rules == [trap.TOO_LONG]
    assert check_tone(long, platform="reddit").ok


def test_report_json_shape() -> None:
    report = check_tone("Sorry you feel that way.")
    assert isinstance(report, ToneReport)
    data = report.as_json()
    assert data["ok"] is False
    assert set(data["findings"][0]) == {"rule", "words", "why", "suggestion"}
    assert check_tone("I'm so sorry we lost your bag.").as_json() == {"ok": True, "findings": []}


def test_praise_and_question_replies_owe_no_apology() -> None:
    assert check_tone("Thank you so much! The crew will love this.").ok
    assert check_tone("Good question! The lounge opens at 5am.", expect_acknowledgment=False).ok


@pytest.mark.parametrize("reply", REPLIES, ids=[r["id"] for r in REPLIES])
def test_the_library_of_human_replies(reply: dict[str, Any]) -> None:
    rules = check_tone(reply["text"], facts=LIBRARY_FACTS, platform=reply.get("platform")).rules
    if reply["expect"]:
        assert set(reply["expect"]) <= set(rules), rules
    else:
        assert rules == []


def test_the_library_is_big_enough_and_balanced() -> None:
    good = [r for r in REPLIES if not r["expect"]]
    assert len(REPLIES) >= 60
    assert len(good) >= 20 and len(REPLIES) - len(good) >= 30


def test_sentences_split_on_punctuation_and_lines() -> None:
    assert split_sentences("One. Two!\n\nThree? \u201cFour.\u201d Five") == [
        "One.",
        "Two!",
        "Three?",
        '"Four."',
        "Five",
    ]

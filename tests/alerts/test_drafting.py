"""Reply drafts: perception first, facts second, within each platform's length limit."""

from __future__ import annotations

import logging
import tomllib
from collections.abc import Mapping, Sequence

import pytest

from alerts.config import ReplyConfig, TopicFacts
from alerts.drafting import (
    LEAD_NOTE_PREFIX,
    TOPIC_ORDER,
    draft_reply,
    echo_phrase,
    lead_suggestion,
    length_limit,
)
from alerts.tone import check_tone, split_sentences
from monitor.config import validate
from monitor.core.platforms import GENERIC, known_platforms
from tests.conftest import REPO

REFUND_FACT = "Refunds go back to the original card within 5 business days of approval."
REFUND_FACT_2 = "You can follow the refund on the bookings page at any time."
CHARGE_FACT = "A duplicate charge is usually a pending authorisation that drops off within 3 business days."
REMEDY = "We can process your refund today."
GOODWILL = "We'd also like to add a travel credit for the trouble."

FACTS: dict[str, TopicFacts] = {
    "refund": TopicFacts(facts=[REFUND_FACT, REFUND_FACT_2], remedy=REMEDY, goodwill=GOODWILL),
    "double_charge": TopicFacts(facts=[CHARGE_FACT]),
}
REPLY = ReplyConfig(team_name="Sam at Northwind Air", private_channel="a DM")


def draft(
    *,
    topics: Sequence[str] = ("refund",),
    perceptions: Sequence[str] = (),
    source: str = "mastodon",
    facts: Mapping[str, TopicFacts] | None = None,
    reply: ReplyConfig = REPLY,
    abusive: bool = False,
    author_handle: str | None = "jane_doe",
    text: str = "Northwind kept my money",
) -> str:
    return draft_reply(
        text=text,
        author_handle=author_handle,
        source=source,
        topics=topics,
        perceptions=perceptions,
        abusive=abusive,
        facts=FACTS if facts is None else facts,
        reply=reply,
    )


# --- the customer's own words ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("words", "echo"),
    [
        ("charged me twice", "being charged twice"),
        ("kept my money", "us keeping your money"),
        ("You charged me TWICE!", "being charged TWICE"),
        ("CHARGED ME TWICE", "being charged twice"),
        ("I was charged twice", "being charged twice"),
        ("I got double charged", "being double charged"),
        ("hung up on me", "being hung up on"),
        ("left me stranded at the gate", "being left stranded at the gate"),
        ("stranded", "being stranded"),
        ("delayed 6 hours", "being delayed 6 hours"),
        ("cancelled my flight", "us cancelling your flight"),
        ("cancelled my Paris flight", "us cancelling your Paris flight"),
        ("ignored my emails", "us ignoring your emails"),
        ("no refund", "getting no refund"),
        ("still no refund", "still having no refund"),
        ("can't log in", "not being able to log in"),
        ("won't let me log in", "not being able to log in"),
        ("won't refund me", "us not refunding you"),
        ("I never got my refund", "never getting your refund"),
        ("never refunded me", "never being refunded"),
        ("waited 3 weeks for a refund", "waiting 3 weeks for a refund"),
        ("I've been waiting 3 weeks", "waiting 3 weeks"),
        ("I\u2019m still waiting for my refund", "still waiting for your refund"),
        ("made me wait 3 hours", "being made to wait 3 hours"),
        ("locked me out of my account", "being locked out of your account"),
        ("my flight was cancelled", "having your flight cancelled"),
        ("you guys lost my luggage", "us losing your luggage"),
        ("Northwind cancelled my flight", "us cancelling your flight"),
        ("Flight cancelled", "having your flight cancelled"),
        ("bag was lost", "having your bag lost"),
        ("agent was so rude", "our agent being so rude"),
        ("app was down all day", "the app being down all day"),
        ("package never arrived", "your package never arriving"),
        ("nobody answers", "nobody answering"),
        ("no one helped me", "nobody helping you"),
        ("on hold for 2 hours", "being on hold for 2 hours"),
        ("customer service hung up on me", "being hung up on"),
    ],
)
def test_perceptions_turn_into_second_person(words: str, echo: str) -> None:
    assert echo_phrase(words) == echo


@pytest.mark.parametrize(
    "words",
    [
        "refund",  # a bare topic word: nothing to echo
        "app keeps crashing",  # whose app? the topic phrase says it better
        "They cancelled",  # cancelled what?
        "cancelled",
        "never again",
        "scammed me",  # accusations and swearing are not repeated in public
        "lied to me",
        "worst airline ever",
        "fucking charged me twice",
        "",
        "this is a very long complaint that goes on and on and on about many many things",
    ],
)
def test_perceptions_that_do_not_echo_cleanly_are_left_out(words: str) -> None:
    assert echo_phrase(words) is None


def test_the_draft_echoes_the_customers_own_words() -> None:
    text = draft(topics=("double_charge", "refund"), perceptions=("charged me twice", "kept my money"))
    first = split_sentences(text)[0]
    assert "being charged twice" in first
    assert "us keeping your money" in first


def test_without_usable_words_the_topic_is_named_then_a_generic_phrase() -> None:
    by_topic = draft(topics=("login",), perceptions=("worst app ever",), facts={})
    assert "being locked out of your account" in split_sentences(by_topic)[0]
    generic = draft(topics=(), perceptions=(), facts={})
    assert split_sentences(generic)[0] == "I can see why this has left you frustrated."


# --- the order: acknowledge, apologise, then facts -------------------------------------------------


def test_acknowledgement_and_apology_come_before_any_fact() -> None:
    text = draft(topics=("refund",), perceptions=("kept my money",), source="reddit")
    sentences = split_sentences(text)
    assert sentences[0].startswith("Hi jane_doe, I can see why us keeping your money")
    assert "sorry" in sentences[1].lower()
    apology_at = text.lower().index("sorry")
    assert apology_at < text.index(REFUND_FACT[:20])
    assert apology_at < text.index(REMEDY)
    assert "that's on us" in sentences[1]  # owning it, not pointing elsewhere


def test_facts_are_used_only_when_configured_for_the_posts_topics() -> None:
    without = draft(topics=("refund",), facts={})
    assert "business days" not in without
    assert REMEDY not in without
    assert GOODWILL not in without
    with_facts = draft(topics=("refund",))
    assert REFUND_FACT in with_facts
    other_topic = draft(topics=("crash",))
    assert REFUND_FACT not in other_topic
    assert CHARGE_FACT not in other_topic
    assert REMEDY not in other_topic


def test_facts_of_every_matched_topic_are_offered_most_specific_first() -> None:
    text = draft(topics=("refund", "double_charge"), source="reddit")
    assert text.index(CHARGE_FACT[:30]) < text.index(REFUND_FACT[:30])


def test_remedy_and_goodwill_are_separate_sentences() -> None:
    text = draft(topics=("refund",), source="reddit")
    sentences = split_sentences(text)
    assert REMEDY in sentences
    assert GOODWILL in sentences
    assert sentences.index(REMEDY) < sentences.index(GOODWILL)


def test_next_step_is_in_the_customers_hands() -> None:
    with_remedy = draft(topics=("refund",), source="reddit")
    assert "continue in a DM" in with_remedy
    assert "what would suit you better" in with_remedy  # they choose
    without = draft(topics=("support",), facts={}, source="reddit")
    assert "continue in a DM" in without
    assert "what would make this right" in without


def test_private_channel_and_team_name_come_from_config() -> None:
    reply = ReplyConfig(team_name="Maya from Acme", private_channel="a direct message")
    text = draft(topics=("crash",), facts={}, reply=reply, source="reddit")
    assert "continue in a direct message" in text
    assert text.endswith("— Maya from Acme")


def test_drafts_vary_by_topic_and_are_deterministic() -> None:
    drafts = {t: draft(topics=(t,), facts={}, source="reddit") for t in TOPIC_ORDER}
    assert len(set(drafts.values())) == len(TOPIC_ORDER)
    assert all(draft(topics=(t,), facts={}, source="reddit") == d for t, d in drafts.items())


def test_long_form_sources_greet_by_handle_and_use_paragraphs() -> None:
    text = draft(topics=("refund",), source="reddit", author_handle="u/jane_doe")
    assert text.startswith("Hi jane_doe, ")
    assert "\n\n" in text
    short = draft(topics=("refund",), source="bluesky")
    assert not short.startswith("Hi")
    assert "\n" not in short
    odd_handle = draft(topics=("refund",), source="reddit", author_handle="<!channel> x")
    assert odd_handle.startswith("I can see why")


# --- platform length limits ------------------------------------------------------------------------


def test_builtin_limits_and_config_overrides() -> None:
    assert length_limit("bluesky") == 300
    assert length_limit("x") == length_limit("twitter") == 280
    assert length_limit("googleplay") == 350
    assert length_limit("somewhere-new") == GENERIC.reply_limit
    reply = ReplyConfig(max_length={"bluesky": 200, "forum": 5000})
    assert length_limit("bluesky", reply) == 200
    assert length_limit("forum", reply) == 5000
    assert length_limit("mastodon", reply) == 500


LONG_FACTS = {
    "refund": TopicFacts(
        facts=[
            REFUND_FACT,
            REFUND_FACT_2,
            "A third fact that is here mostly to take up a lot of room in the reply.",
        ],
        remedy=REMEDY,
        goodwill=GOODWILL,
    )
}


@pytest.mark.parametrize("source", [*known_platforms(), "twitter", "unknown-source"])
def test_every_platform_limit_is_met_and_the_apology_always_stays(source: str) -> None:
    text = draft(topics=("refund",), perceptions=("kept my money",), facts=LONG_FACTS, source=source)
    assert len(text) <= length_limit(source)
    assert "us keeping your money" in text
    assert "I'm sorry" in text
    assert not text.endswith("…")  # parts were dropped; nothing had to be cut


def test_optional_parts_are_dropped_least_important_first() -> None:
    def at(limit: int) -> str:
        return draft(
            topics=("refund",),
            facts=LONG_FACTS,
            reply=ReplyConfig(max_length={"forum": limit}),
            source="forum",
        )

    full = at(999)
    assert GOODWILL in full
    assert REFUND_FACT_2 in full
    assert "— The team" in full
    no_goodwill = at(len(full) - 1)
    assert GOODWILL not in no_goodwill
    assert "A third fact" in no_goodwill
    assert REMEDY in no_goodwill

    two_facts = at(len(no_goodwill) - 1)
    assert "A third fact" not in two_facts
    assert REFUND_FACT_2 in two_facts

    one_fact = at(len(two_facts) - 1)
    assert REFUND_FACT in one_fact
    assert REFUND_FACT_2 not in one_fact
    assert REMEDY in one_fact

    tight = at(200)
    assert REFUND_FACT not in tight
    assert "I'm sorry" in tight
    assert len(tight) <= 200


def test_a_tiny_limit_cuts_at_a_word_boundary_as_a_last_resort() -> None:
    text = draft(topics=("refund",), reply=ReplyConfig(max_length={"bluesky": 60}), source="bluesky")
    assert len(text) <= 60
    assert text.endswith("…")
    assert text.startswith("I can see why")
    assert not text[:-1].endswith(" ")


# --- abusive posts --------------------------------------------------------------------------------


def test_abusive_posts_get_a_note_for_a_lead_not_a_warm_draft() -> None:
    note = draft(topics=("refund", "rude_staff"), perceptions=("kept my money",), abusive=True)
    assert note.startswith(LEAD_NOTE_PREFIX)
    assert "(about: refund, rude staff)" in note
    assert "Do not post this note as a reply" in note
    assert "us keeping your money" not in note
    assert REFUND_FACT not in note
    suggestion = lead_suggestion(note)
    assert suggestion is not None
    assert "respectful" in suggestion
    assert check_tone(suggestion).ok


# --- the tone check holds for every draft ---------------------------------------------------------

ALL_TOPICS = [*TOPIC_ORDER, "unknown_topic"]
FULL_FACTS = {
    topic: TopicFacts(
        facts=[
            f"Most {topic.replace('_', ' ')} cases are settled within 2 days.",
            "Our status page has live updates.",
        ],
        remedy="We can put this right today.",
        goodwill="We'd also like to add a small credit for the trouble.",
    )
    for topic in ALL_TOPICS
}
PERCEPTIONS = [(), ("charged me twice",), ("kept my money", "ignored my emails"), ("worst service ever",)]


@pytest.mark.parametrize("topic", ALL_TOPICS)
@pytest.mark.parametrize("with_facts", [True, False], ids=["facts", "no-facts"])
def test_every_draft_passes_the_tone_check(topic: str, with_facts: bool) -> None:
    for source in [*known_platforms(), "twitter"]:
        for perceptions in PERCEPTIONS:
            for handle in ("jane_doe", None):
                text = draft(
                    topics=(topic,),
                    perceptions=perceptions,
                    facts=FULL_FACTS if with_facts else {},
                    source=source,
                    author_handle=handle,
                )
                report = check_tone(text)
                assert report.ok, (source, perceptions, text, report.lines())
                assert len(text) <= length_limit(source)


def test_the_demo_configs_facts_make_passing_drafts() -> None:
    config = validate(tomllib.loads((REPO / "monitor" / "demo" / "config.toml").read_text(encoding="utf-8")))
    for topic in config.facts:
        for source in ("x", "bluesky", "reddit"):
            text = draft(topics=(topic,), facts=config.facts, reply=config.reply, source=source)
            assert check_tone(text).ok, text


def test_a_configured_fact_that_breaks_the_method_is_left_out(caplog: pytest.LogCaptureFixture) -> None:
    facts = {
        "refund": TopicFacts(
            facts=["Per our terms, refunds take 30 days.", REFUND_FACT],
            remedy="Actually, you should have asked for a refund at the desk.",
        )
    }
    with caplog.at_level(logging.WARNING, logger="repmon.drafting"):
        text = draft(topics=("refund",), facts=facts, source="reddit")
    assert "Per our terms" not in text
    assert "should have" not in text
    assert REFUND_FACT in text
    assert check_tone(text).ok
    assert "facts.refund fact left out" in caplog.text
    assert "facts.refund remedy left out" in caplog.text


COMPLAINTS = [
    "Northwind Air charged me twice for the same flight and kept my money. Three weeks, no refund.",
    "Flight cancelled, stranded at the airport for 9 hours, nobody helping",
    "My bag was lost and customer service hung up on me",
    "Your agent was so rude to me at the gate",
    "I can't log in to the app since the update and nobody answers the phone",
    "my package never arrived",
    "The app keeps crashing when I try to check in. Never flying with you again.",
    "you idiots lost my luggage again",
]


@pytest.mark.parametrize("text", COMPLAINTS)
def test_drafts_from_the_real_scorer_follow_the_method(text: str) -> None:
    from monitor.scoring.analyzer import Scorer

    score = Scorer().score(text)
    for source in ("x", "bluesky", "reddit"):
        reply = draft(
            text=text,
            topics=score.topics,
            perceptions=score.perceptions,
            abusive=score.abusive,
            source=source,
        )
        if score.abusive:  # a note for a lead; the reply it suggests must fit the platform
            assert reply.startswith(LEAD_NOTE_PREFIX)
            assert len(lead_suggestion(reply) or "") <= length_limit(source)
        else:
            assert len(reply) <= length_limit(source)
            assert check_tone(reply).ok, (score, reply)

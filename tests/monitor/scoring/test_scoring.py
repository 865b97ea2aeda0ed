"""Scoring: normalisation, the language check, the customer-service rules, abuse, config extension."""

from __future__ import annotations

import dataclasses
import json
import re
import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest
from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

from monitor.config import PhraseRule, ScoringConfig
from monitor.scoring import Score, Scorer, language, lexicon, normalize
from monitor.scoring.analyzer import label_for
from monitor.scoring.lexicon import Match, Rule, RuleSet, required_keys
from tests.conftest import OWN_FIXTURES, shared_path

FLIGHT = "Northwind cancelled my flight, kept my money and the agent laughed at me. Never again"
DOUBLE = (
    "@NorthwindAir charged me twice for the same booking, the chat agent was super friendly and then "
    "closed my complaint without a refund. Great job."
)


@pytest.fixture(scope="module")
def scorer() -> Scorer:
    return Scorer(ScoringConfig())


@pytest.fixture(scope="module")
def vader() -> SentimentIntensityAnalyzer:
    return SentimentIntensityAnalyzer()


def fixture_rows() -> list[tuple[str, str, str, str]]:
    rows = []
    for line in (OWN_FIXTURES / "complaints.tsv").read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            part, kind, topics, text = line.split("\t", 3)
            rows.append((part, kind, topics, text))
    return rows


# --- the fixed interface ----------------------------------------------------------------------


def test_score_interface_is_unchanged() -> None:
    names = [f.name for f in dataclasses.fields(Score)]
    assert names == ["compound", "pos", "neu", "neg", "label", "topics", "perceptions", "abusive"]
    assert Score(None, None, None, None, "unscored").topics == ()


def test_labels_use_vaders_thresholds() -> None:
    assert label_for(0.05) == "positive"
    assert label_for(0.0499) == "neutral"
    assert label_for(-0.0499) == "neutral"
    assert label_for(-0.05) == "negative"


# --- normalisation ----------------------------------------------------------------------------


def test_plain_text_keeps_what_a_reader_sees() -> None:
    html = (
        '<p>Hey <span class="h-card"><a href="https://m.social/@nw" class="u-url mention">@<span>nw</span></a>'
        "</span> my bag&#39;s gone &amp; so is my <b>refund</b><br>Day 3</p><p>Still nothing &lt;3</p>"
        "<script>alert(1)</script>"
    )
    assert normalize.plain_text(html) == "Hey @nw my bag's gone & so is my refund\nDay 3\n\nStill nothing <3"


def test_plain_text_leaves_plain_text_alone() -> None:
    assert normalize.plain_text("I <3 Northwind, 2 < 3 and  a\tb\n\n\n\nc") == "I <3 Northwind, 2 < 3 and a b\n\nc"


def test_for_scoring_drops_links_and_handles_but_not_emails() -> None:
    text = (
        "<p>@northwind @sam@mastodon.social @nw.bsky.social lost my bag https://t.co/x?y=1 see "
        "www.example.com/a &amp; mail me@example.com</p>"
    )
    assert normalize.for_scoring(text, 1000) == "lost my bag see & mail me@example.com"


def test_for_scoring_caps_length_at_a_word_boundary() -> None:
    text = "refund " * 400
    capped = normalize.for_scoring(text, 100)
    assert len(capped) <= 100
    assert capped.endswith("refund")


def test_for_scoring_weighs_emoji_and_shortens_runs() -> None:
    assert normalize.for_scoring("so angry 😡😡😡😡😡😡😡😡", 1000) == "so angry 😡😡😡"
    emoji = "".join(chr(0x1F600 + i % 60) for i in range(3000))
    capped = normalize.for_scoring(emoji, 1000)
    heavy = sum(1 for c in capped if ord(c) >= 0x1F000)
    assert 0 < heavy * normalize.EMOJI_WEIGHT <= 1000
    assert len(capped) + (normalize.EMOJI_WEIGHT - 1) * heavy <= 1000


def test_emoji_flood_is_scored_quickly_enough_to_finish(scorer: Scorer) -> None:
    # 2,000 angry faces uncapped take VADER seconds; capped they cost about as much as 1,000 letters.
    score = scorer.score("@northwind " + "😡" * 2000 + " 🤬" * 2000, "en")
    assert score.label == "negative"


# --- language ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("tag", "expected"),
    [
        ("en", True),
        ("en-GB", True),
        ("EN_us", True),
        ("es", False),
        ("pt-BR", False),
        ("fr, en", True),
        ("und", None),
        ("zxx", None),
        ("", None),
        (None, None),
    ],
)
def test_language_tags(tag: str | None, expected: bool | None) -> None:
    assert language.tag_is_english(tag) is expected


def test_an_english_tag_on_plainly_foreign_words_is_overruled(scorer: Scorer) -> None:
    # clients tag posts with the writer's interface language: VADER would read these as a calm 0.0
    for text in (
        "Pennyworth zablokował mi konto na trzy tygodnie. Nie mam dostępu do pensji. Ktoś miał to samo?",
        "Northwind hat meinen Flug gestrichen und ich warte immer noch auf eine Antwort",
        "Pennyworth me cobró una comisión otra vez y nadie contesta",
    ):
        assert language.decide(text, "en") == language.LanguageDecision(False, "tag-overruled"), text
        assert scorer.score(text, "en").label == "unscored"
    for text in ("My café order was wrong, naïve of me to expect better", "lol same", "Northwind lost my bag"):
        assert language.decide(text, "en") == language.LanguageDecision(True, "tag"), text


def test_language_fixture_is_decided_correctly(scorer: Scorer) -> None:
    rows = [
        line.split("\t", 1)
        for line in (OWN_FIXTURES / "languages.tsv").read_text(encoding="utf-8").splitlines()
        if line and not line.startswith("#")
    ]
    assert len(rows) >= 40
    wrong = []
    for expected, text in rows:
        score = scorer.score(text)
        if (score.label != "unscored") != (expected == "en"):
            wrong.append((expected, text, score.label))
    assert wrong == []


def test_non_english_is_unscored_not_zero(scorer: Scorer) -> None:
    for text, lang in [
        ("Northwind me canceló el vuelo y no me devuelven el dinero", None),
        ("Northwind lost my bag", "de"),
        ("Northwind отменил мой рейс", None),
    ]:
        score = scorer.score(text, lang)
        assert score == Score(None, None, None, None, "unscored")


def test_empty_and_markup_only_posts_are_unscored(scorer: Scorer) -> None:
    for text in ["", "   ", "<p></p>", "https://example.com @northwind"]:
        assert scorer.score(text, "en").label == "unscored"


def test_emoji_only_post_is_scored(scorer: Scorer) -> None:
    assert scorer.score("@northwind 😡😡😡").label == "negative"


def test_clear_cases_never_reach_langid(monkeypatch: pytest.MonkeyPatch, scorer: Scorer) -> None:
    calls: list[str] = []

    def counting(text: str) -> bool:
        calls.append(text)
        return True

    monkeypatch.setattr(language, "langid_is_english", counting)
    for text in [FLIGHT, DOUBLE, "El vuelo fue cancelado y nadie nos dice nada", "Mein Flug wurde gestrichen"]:
        scorer.score(text)
    assert calls == []
    scorer.score("Northwind 747 SFO-JFK")  # no known words either way: the uncertain case
    assert calls == ["Northwind 747 SFO-JFK"]


# --- complaint rules --------------------------------------------------------------------------


def test_the_issue_examples_read_negative_with_topics_and_own_words(
    scorer: Scorer, vader: SentimentIntensityAnalyzer
) -> None:
    assert vader.polarity_scores(FLIGHT)["compound"] > 0  # the misreading the rules fix
    score = scorer.score(FLIGHT, "en")
    assert score.label == "negative"
    assert score.compound is not None and score.compound <= -0.5
    assert set(score.topics) == {"cancellation", "refund", "rude_staff", "never_again"}
    assert "kept my money" in score.perceptions
    assert "laughed at me" in score.perceptions
    assert not score.abusive

    double = scorer.score(DOUBLE, "en")
    assert double.label == "negative"
    assert {"double_charge", "support", "refund"} <= set(double.topics)
    assert "charged me twice" in double.perceptions


def test_phrase_words_count_once_and_proportions_stay_consistent(scorer: Scorer) -> None:
    score = scorer.score("the agent laughed at me", "en")
    assert score.pos == 0.0  # "laughed" is inside the phrase: no longer positive
    assert score.neg is not None and score.neu is not None
    assert score.neg > 0
    assert abs(score.pos + score.neg + score.neu - 1) < 0.01


def test_fixture_complaints_read_negative_where_vader_misreads_them(
    scorer: Scorer, vader: SentimentIntensityAnalyzer
) -> None:
    rows = [r for r in fixture_rows() if r[0] == "main"]
    complaints = [r for r in rows if r[1] == "complaint"]
    controls = [r for r in rows if r[1] == "control"]
    assert len(complaints) >= 40 and len(controls) >= 20

    vader_misread = [t for _, _, _, t in complaints if vader.polarity_scores(t)["compound"] > -0.05]
    repmon_negative = [t for _, _, _, t in complaints if scorer.score(t, "en").label == "negative"]
    assert len(vader_misread) >= len(complaints) // 2
    assert len(repmon_negative) >= 0.95 * len(complaints)

    missing_topics = []
    for _, _, topics, text in complaints:
        wanted = set() if topics == "-" else set(topics.split(","))
        if not wanted <= set(scorer.score(text, "en").topics):
            missing_topics.append((text, wanted))
    assert missing_topics == []

    turned_negative = [t for _, _, _, t in controls if scorer.score(t, "en").label == "negative"]
    assert turned_negative == []
    praise = scorer.score("Refund arrived in two days, thank you!", "en")
    assert praise.label == "positive"
    assert praise.topics == ()


def test_later_complaints_mostly_read_negative(scorer: Scorer, vader: SentimentIntensityAnalyzer) -> None:
    """Posts written after the rules: the rules must carry over, not just fit the main set."""
    rows = [r for r in fixture_rows() if r[0] == "later"]
    complaints = [t for _, kind, _, t in rows if kind == "complaint"]
    controls = [t for _, kind, _, t in rows if kind == "control"]
    repmon = sum(scorer.score(t, "en").label == "negative" for t in complaints)
    plain = sum(vader.polarity_scores(t)["compound"] <= -0.05 for t in complaints)
    assert repmon >= 0.75 * len(complaints)
    assert repmon - plain >= 0.4 * len(complaints)
    assert [t for t in controls if scorer.score(t, "en").label == "negative"] == []


@pytest.mark.parametrize(
    ("text", "topic"),
    [
        ("Northwind didn't lose my bag this time", "delivery"),
        ("Northwind never charged me twice, the bank did", "double_charge"),
        ("I wasn't stranded, they rebooked me", "stranded"),
    ],
)
def test_negated_phrases_are_not_complaints(scorer: Scorer, text: str, topic: str) -> None:
    score = scorer.score(text, "en")
    assert topic not in score.topics
    assert score.label != "negative"


def test_negation_in_an_earlier_clause_does_not_cancel_a_phrase(scorer: Scorer) -> None:
    score = scorer.score("Paid for wifi that never worked, no refund of course", "en")
    assert "refund" in score.topics


def test_but_clause_keeps_its_weight(scorer: Scorer) -> None:
    mixed = scorer.score("They cancelled my flight but the refund came through in a day, thank you so much!", "en")
    complaint = scorer.score("The crew were lovely but they lost my bag", "en")
    assert mixed.label == "positive"
    assert "cancellation" in mixed.topics
    assert complaint.label == "negative"


def test_sarcastic_praise_around_a_failure_is_damped(scorer: Scorer, vader: SentimentIntensityAnalyzer) -> None:
    text = "Northwind lost my luggage on a direct flight. Great job."
    assert vader.polarity_scores(text)["compound"] > 0.4
    assert scorer.score(text, "en").label == "negative"


# --- abuse ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "you idiots lost my bag again",
        "You absolute clowns, where is my refund",
        "I will find your staff",
        "I'm going to burn your office down",
        "your staff are a bunch of morons",
        "the agent was a stupid cow",
        "fuck you northwind",
        "hope your ceo dies",
        "I know where your agents live",
    ],
)
def test_abuse_is_flagged(scorer: Scorer, text: str) -> None:
    score = scorer.score(text, "en")
    assert score.abusive
    assert score.label == "negative"


@pytest.mark.parametrize(
    "text",
    [
        "this is bullshit",
        "what the fuck northwind, third delay this week",
        "fucking ridiculous, 5 hours on the tarmac",
        "shit service, never again",
        "the agent was rude and useless",
        "I'll find another airline",
        "I will visit your office tomorrow to sort it out",
        "I'll wait for your reply",
        "screw it, I'm driving",
    ],
)
def test_swearing_at_a_situation_is_not_abuse(scorer: Scorer, text: str) -> None:
    assert not scorer.score(text, "en").abusive


def test_abusive_words_are_not_offered_as_perceptions(scorer: Scorer) -> None:
    score = scorer.score("you idiots lost my bag", "en")
    assert score.abusive
    assert score.perceptions == ("lost my bag",)


# --- configuration ----------------------------------------------------------------------------


def test_config_words_and_phrases_extend_the_rules() -> None:
    text = "Overbooked again and the seat was broken, they bumped me off the flight"
    plain = Scorer(ScoringConfig()).score(text, "en")
    config = ScoringConfig(
        lexicon={"overbooked": -2.0, "bumped me off": -2.5},
        phrases=[PhraseRule(pattern="seat (?:was )?(?:broken|wet)", valence=-2.0, topic="seat")],
    )
    extended = Scorer(config).score(text, "en")
    assert "seat" in extended.topics and "seat" not in plain.topics
    assert "bumped me off" in extended.perceptions
    assert extended.compound is not None and plain.compound is not None
    assert extended.compound < plain.compound


def test_builtin_rules_can_be_switched_off(vader: SentimentIntensityAnalyzer) -> None:
    bare = Scorer(ScoringConfig(builtin_rules=False))
    score = bare.score(FLIGHT, "en")
    assert score.topics == ()
    assert score.compound == vader.polarity_scores(FLIGHT)["compound"]


def test_a_config_phrase_wins_over_a_builtin_one_at_the_same_place() -> None:
    config = ScoringConfig(phrases=[PhraseRule(pattern="kept my money", valence=-1.0, topic="custom")])
    score = Scorer(config).score("they kept my money", "en")
    assert score.topics == ("custom",)


@pytest.mark.parametrize(
    "pattern",
    ["(unclosed", "(?P<name>x)", r"(a)\1", "(?i)refund", "x*"],
)
def test_bad_patterns_are_refused_clearly(pattern: str) -> None:
    with pytest.raises(ValueError, match="phrase pattern"):
        Scorer(ScoringConfig(phrases=[PhraseRule(pattern=pattern)]))


@pytest.mark.parametrize(
    "alternatives",
    [
        ["kept my money", r"no refunds?"],
        ["(?:re)?fund", "rip[- ]?off", r"\$\d+ fee", "[)]", "a|b"],
        ["fine", "(unclosed"],
        ["fine", "closed)"],
        ["fine", "(?P<name>x)"],
        ["fine", r"(a)\1"],
        ["fine", "(?i)refund"],
        ["fine", " (?i)refund"],
        ["fine", "x(?i)"],
        ["fine", "x*"],
        ["fine", "a|"],
        ["fine", "(?(1)a|b)"],
        ["fine", "trailing\\"],
    ],
)
def test_a_join_of_checked_alternatives_passes_exactly_when_each_alternative_does(alternatives: list[str]) -> None:
    """The lexicon's joined patterns are not compiled again to be checked: that is only right if the
    join passes every check exactly when all its alternatives do (checked here the long way)."""
    from monitor.scoring import patterns

    def passes(pattern: str) -> bool:
        patterns._PASSED.discard(pattern)
        try:
            patterns.validate_pattern(pattern)
        except ValueError:
            return False
        finally:
            patterns._PASSED.discard(pattern)
        return True

    each = all(passes(a) for a in alternatives)
    assert passes("|".join(f"(?:{a})" for a in alternatives)) is each
    if each:
        joined = patterns.join_alternatives(alternatives)
        assert joined in patterns._PASSED  # a rule set built on it does not check it again
        RuleSet([Rule(joined, -2.0)])
    else:
        with pytest.raises(ValueError, match="phrase pattern"):
            patterns.join_alternatives(alternatives)


def test_builtin_lexicon_loads_and_names_only_known_topics() -> None:
    assert len(lexicon.BUILTIN.rules) >= 30
    assert {r.topic for r in lexicon.BUILTIN.rules if r.topic} == set(lexicon.TOPICS)
    assert any(r.abusive for r in lexicon.BUILTIN.rules)
    with pytest.raises(ValueError, match="unknown topic"):
        lexicon.load("[[phrase]]\npatterns = ['x y']\ntopic = 'nope'\n")


# --- the fast scan is exact -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("pattern", "keys"),
    [
        ("you idiots", {"idio"}),
        ("cancel+ed", {"canc"}),
        ("no refunds?", {"refu"}),
        ("(?:re)?fund", None),  # "fund" may start inside a word
        ("rip[- ]?off", None),  # "rip" may run on into "ripoff"
        (r"\$\d+ fee", {"fee"}),
        ("(?:app|site)(?: just)?:? (?:crashes|froze)", {"cras", "froz"}),
    ],
)
def test_required_keys(pattern: str, keys: set[str] | None) -> None:
    found = required_keys(pattern)
    assert (None if found is None else set(found)) == keys


def brute_force_scan(rules: RuleSet, text: str) -> list[Match]:
    """Every alternative of every rule, no keys, case-insensitive: what ``RuleSet.scan`` must equal."""
    hits = []
    order = 0
    for index, rule in enumerate(rules.rules):
        for part in rule.parts():
            rx = re.compile(rf"(?<!\w)(?:{part})(?!\w)", re.IGNORECASE)
            hits += [(m.start(), order, m.end(), index) for m in rx.finditer(text)]
            order += 1
    hits.sort()
    matches, end = [], -1
    for start, _, stop, index in hits:
        if start >= end and stop > start:
            matches.append(Match(rules.rules[index], start, stop, text[start:stop]))
            end = stop
    return matches


def scan_texts() -> list[str]:
    texts = [r[3] for r in fixture_rows()] + [FLIGHT, DOUBLE, "REFUND?! Where's my REFUND", "İstanbul refund denied"]
    texts += [
        "you idiots, I'll find your staff and burn your office down",
        "Northwind's app keeps crashing at checkout; can't log in; locked out; bags still in Dublin",
        "rip-off, ripoff, rip off, ripped me off",
    ]
    return [normalize.for_scoring(t, 1000) for t in texts]


def test_keyed_scan_equals_brute_force_on_own_texts(scorer: Scorer) -> None:
    for text in scan_texts():
        assert scorer.rules.scan(text) == brute_force_scan(scorer.rules, text), text


@pytest.mark.slow
def test_keyed_scan_equals_brute_force_on_real_tweets(scorer: Scorer) -> None:
    texts = [normalize.for_scoring(t, 1000) for t in ground_truth_tweets()]
    assert len(texts) == 4200
    for text in texts[::3]:
        assert scorer.rules.scan(text) == brute_force_scan(scorer.rules, text), text


# --- threads ----------------------------------------------------------------------------------


@pytest.mark.slow
def test_one_scorer_is_safe_to_share_between_threads(scorer: Scorer) -> None:
    texts = [r[3] for r in fixture_rows()] * 4
    expected = [scorer.score(t, "en") for t in texts]
    start = threading.Barrier(8)

    def work(offset: int) -> list[Score]:
        start.wait()
        order = texts[offset:] + texts[:offset]
        got = [scorer.score(t, "en") for t in order]
        return got[-offset:] + got[:-offset] if offset else got

    with ThreadPoolExecutor(max_workers=8) as pool:
        results = list(pool.map(work, range(0, 80, 10)))
    for got in results:
        assert got == expected


def ground_truth_tweets() -> list[str]:
    """The texts of VADER's tweet ground truth (CRLF lines: read bytes, so no newline translation)."""
    raw = shared_path("data", "vader_ground_truth", "tweets_GroundTruth.txt").read_bytes().decode("utf-8-sig")
    return [line.split("\t", 2)[2] for line in raw.split("\r\n") if line]


def load_json(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8"))


def test_a_rule_set_checks_patterns_at_once_and_compiles_them_on_first_scan() -> None:
    """A bad pattern is a config error at start-up; compiling (~0.4 s) waits until something is scored."""
    from monitor.scoring.rules import Rule

    with pytest.raises(ValueError, match="not a valid regular expression"):
        RuleSet([Rule(r"lost (my bag", -2.0)])
    rules = RuleSet([Rule(r"lost (?:my|our) bags?", -2.0, topic="baggage")])
    assert rules._compiled is None
    assert [m.text for m in rules.scan("They LOST my bag again")] == ["LOST my bag"]
    assert rules._compiled is not None


def test_an_import_with_nothing_new_to_score_starts_no_scoring_workers() -> None:
    from monitor.config import validate
    from monitor.importing import _LazyPool

    with _LazyPool(validate({}), 1, Scorer()) as pool:
        assert pool.submit([]) == []
        assert pool._pool is None


def test_support_refusing_is_a_complaint_though_vader_likes_the_word_support() -> None:
    scorer = Scorer()
    refused = scorer.score("They billed my account $43.61. Support says it can't be reversed. Anyone else?", "en")
    assert refused.compound is not None and refused.compound <= -0.3, refused  # plain VADER: +0.40
    assert "support" in refused.topics
    assert refused.perceptions == ()  # a fragment of what support said is no phrase for a draft to echo
    thanks = scorer.score("Thanks for the support, it can't get better", "en")
    assert thanks.compound is not None and thanks.compound > 0.3  # support as help, not as a team refusing


def test_a_bank_putting_a_scam_right_is_praise_though_vader_reads_the_scam() -> None:
    scorer = Scorer()
    for text in (
        "Pennyworth refunded a scam payment in two days. proper service",
        "My bank stopped a fraudulent transfer before it left, thank you",
    ):
        put_right = scorer.score(text, "en")
        assert put_right.compound is not None and put_right.compound > 0.3, (text, put_right)
    scammed = scorer.score("They let a scammer empty my account and refused to refund the scam payment", "en")
    assert scammed.compound is not None and scammed.compound < -0.3, scammed


def test_a_refund_in_full_after_a_scam_with_a_verdict_of_praise_is_praise() -> None:
    scorer = Scorer()
    text = (
        "Pennyworth refunded all £4,076 after my mum was scammed, no fight, apologised, and rang her every day "
        "for a week to check she was ok. That's how it should be done."
    )
    praised = scorer.score(text, "en")
    assert praised.compound is not None and praised.compound > 0.3, praised  # -0.42 before the rule


def test_terms_changed_behind_the_customers_back_read_as_the_complaint_they_are() -> None:
    scorer = Scorer()
    for text in (
        "Moved my savings here for the rate. The rate is now 1.5. Lovely bait and switch",
        "the boosted pot now pays a third of what it did. no email, no notification, nothing",
        "They cut the interest on my pot and I only know because of my spreadsheet. Moving it all tonight",
    ):
        read = scorer.score(text, "en")
        assert read.compound is not None and read.compound <= -0.3, (text, read)  # VADER: positive or neutral
    for text in ("They gave me plenty of notice, great service", "Moving house tonight, thanks for the quick setup!"):
        read = scorer.score(text, "en")
        assert read.compound is not None and read.compound >= 0, (text, read)


def test_wages_held_are_a_complaint_but_not_about_a_refund() -> None:
    read = Scorer().score("They closed my account and are holding my wages since Monday", "en")
    assert read.compound is not None and read.compound <= -0.3
    assert "refund" not in read.topics  # a draft must not offer to chase a refund for held wages


def test_overdrawn_is_never_good_news() -> None:
    # VADER lacks the word, and "Nice of them to text me that I'm overdrawn" read +0.42: a wry report
    read = Scorer().score("Nice of them to text me a reminder that I'm overdrawn, by the money they took twice.", "en")
    assert read.compound is not None and read.compound < 0.35


def test_something_the_customer_held_gone_is_a_complaint() -> None:
    # VADER reads "loyalty", "gold", "free" and "reward" as good news: these read up to +0.57 before
    _read_between(
        -1.0,
        -0.3,
        "They wiped my loyalty points. Six years of stays, gone, and the app just says 0",
        "The rewards programme just deleted my points and my gold status with it. Unreal",
        "My points vanished and so did the free night I'd booked with them",
        "my Circle points are gone. Booked a reward night last week, now it says 'insufficient points'",
        "Circle balance went from 48k to nothing after the app update",
        "Logged into the app and my points balance is zero. I had 61,000.",
        "Update 2.1 erased my save data, 200 hours of progress",
    )
    _read_between(
        0.0,
        1.0,
        "Paid off my card at last, balance went to zero, thanks!",
        "My worries are gone, great service",
        "Reset my password in a minute, lovely support",
        "Points balance is 0.5 miles short of gold, so close!",
    )


def test_a_negation_stays_in_its_clause() -> None:
    # VADER looks three words back across commas and full stops: "nothing wrong. Good" read as "not good"
    _read_between(
        0.05,
        1.0,
        "7 nights on business. Nothing special, nothing wrong. Good shower, weak coffee",
        "They upgraded us for our anniversary without being asked. Lovely people",
        "No queue at all. Great check-in",
    )
    # inside a clause a negation still negates
    _read_between(-1.0, -0.05, "The food was not good", "Not great, honestly", "The room isn't clean or quiet")


def _read_between(low: float, high: float, *texts: str) -> None:
    scorer = Scorer()
    for text in texts:
        read = scorer.score(text, "en")
        assert read.compound is not None and low <= read.compound <= high, (text, read)


def test_praise_vader_misses_reads_as_praise() -> None:
    # "no notes" (slang: nothing to fault) read -0.55 with "lol" after it; "doing it right" is no VADER word
    _read_between(
        0.3,
        1.0,
        "Support stayed on a call for 40 minutes to get his hacked account back. Doing it right for once, no notes.",
        "spotless room, quiet, fast wifi. no notes lol",
        "Hats off to the night manager",
    )
    _read_between(-1.0, -0.3, "I left no notes for the cleaner and they still lost my bag")


def test_support_the_team_carries_no_praise() -> None:
    # VADER reads "support" as +1.7: these read as praise before
    _read_between(
        -1.0,
        0.05,
        "charged me $32.99, nothing showed up, support bot says 'allow 72 hours'",
        "Same here: they took the upgrade fee twice for NW 608 and closed the support case",
        "Contacted support, support team says wait. Still no bundle.",
    )
    _read_between(0.3, 1.0, "Thanks for all the support, you guys are great", "I support this change")


def test_dirt_and_pests_are_never_good_news() -> None:
    # VADER lacks the words: a bedbug report read 0.0, a filthy room as neutral
    _read_between(
        -1.0,
        -0.3,
        "Woke up covered in bites. Lifted the mattress corner: bedbugs. We're packing now",
        "Room was filthy and the bathroom mouldy",
        "Found cockroaches in the kitchen of the apartment we rented",
    )


def test_slang_praise_and_banter_are_not_complaints() -> None:
    # VADER reads "sick", "killer", "fire" and "fight" literally: each read -0.34 to -0.51
    _read_between(0.3, 1.0, "the new map looks sick", "killer deal on the bundle, thanks", "that trailer is fire")
    _read_between(-0.05, 0.05, "tier list, fight me in the replies")
    _read_between(
        -1.0, -0.3, "I'm sick of this app", "my son is sick and they still charged me", "the building is on fire"
    )

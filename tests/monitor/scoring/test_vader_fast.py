"""FastVader gives exactly vaderSentiment's scores: same keys, same floats, for every input.

The vaderSentiment package is the reference. Answers are compared with ``==`` and by ``repr``, which
for floats round-trips exactly: same keys in the same order, same types, bit-identical values (the
sign of a zero included). Inputs: VADER's four ground-truth sets (read in place from ../shared,
skipped without it), repmon's own texts (fixtures, the demo day, the bench generator), and a fuzz
set generated from a seeded RNG out of the reference's own tables, so every rule and quirk is
exercised in combination.
"""

from __future__ import annotations

import json
import random
import tomllib
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest
from vaderSentiment.vaderSentiment import (
    BOOSTER_DICT,
    NEGATE,
    SENTIMENT_LADEN_IDIOMS,
    SPECIAL_CASES,
    SentimentIntensityAnalyzer,
)

from bench.ingest import make_file
from monitor.config import ScoringConfig
from monitor.scoring import Scorer, lexicon, normalize, vader_tables
from monitor.scoring.vader_fast import REFERENCE_VERSION, FastVader, matches_installed_vader
from tests.conftest import OWN_FIXTURES, REPO, shared_path

SETS = ["tweets", "movieReviewSnippets", "amazonReviewSnippets", "nytEditorialSnippets"]


@pytest.fixture(scope="module")
def reference() -> SentimentIntensityAnalyzer:
    return SentimentIntensityAnalyzer()


@pytest.fixture(scope="module")
def fast() -> FastVader:
    return FastVader()


def mismatches(reference: Any, fast: Any, texts: list[str]) -> list[tuple[str, Any, Any]]:
    """Every text whose scores differ, with both answers (an empty list is the pass)."""
    found = []
    for text in texts:
        expected, got = reference.polarity_scores(text), fast.polarity_scores(text)
        if got != expected or repr(got) != repr(expected):
            found.append((text, expected, got))
    return found


# --- hand-picked quirks -------------------------------------------------------------------------

QUIRKS = [
    "",
    "   ",
    "!!!",
    "???",
    "good",
    "GOOD",
    "GOOD day",
    "The book was good.",
    "VADER is VERY SMART, uber handsome, and FRIGGIN FUNNY!!!",
    "At least it isn't a horrible book.",
    "The book was only kind of good.",
    "Today only kinda sux! But I'll get by, lol",
    "Make sure you :) or :D today!",
    "Catch utf-8 emoji such as 💘 and 💋 and 😁",
    "Not bad at all",
    "Sentiment analysis has never been this good!",
    "With VADER, sentiment analysis is the shit!",
    "On the other hand, VADER is quite bad ass",
    "Without a doubt, excellent idea.",
    "Roger Dodger is one of the least compelling variations on this theme.",
    "Roger Dodger is at least compelling as a variation on the theme.",
    # "but" scales the first equal value, not its own: a twin valence is scaled twice, the other not
    "good good but good good",
    "great nice but nice great",
    "bad, good, but good and bad but bad",
    "amazing adventures, but meh",  # 2.8 halved is 1.4, the next word's own valence: it is halved again
    "meh but fav lyb",  # fav 2.0 x1.5 is lyb's 3.0: lyb stays, fav is scaled twice
    # "no" before a lexicon word, "no" as the word, "no" two and three words back with or/nor
    "no good",
    "no no good",
    "no way good",
    "no love or hope",
    "no love nor good",
    # three words back: "so"/"this" right before a word multiplies by 1.25 with no "never" needed
    "it was really so good",
    "we are here so good",
    "never so good",
    "never this bad",
    "without doubt great",
    # a capitalised booster before a word of valence 0 (the "no" rule) subtracts C_INCR
    "VERY no good thing",
    # idioms and the booster n-grams from three words back, and forward from the word
    "this is kind of the bomb",
    "that was sort of a good thing",
    "just enough good food",
    "yeah right that is great",
    "a kiss of death for us",
    "to die for honestly",
    "cut the mustard good",
    "in the red and sad",
    "the least good",
    "very least good",
    "least good",
    # emoji at the start, after a space, glued to a word, in runs; one-character keys only match
    "😀 great",
    "great😀",
    "great 😀😀😀",
    "😀😀",
    "©®™ ok",
    "👍🏽 nice",
    "❤️ love",
    "\u00a0good\u00a0",
    "good\tbad\ngood",
]


def test_quirks_are_reproduced(reference: SentimentIntensityAnalyzer, fast: FastVader) -> None:
    assert mismatches(reference, fast, QUIRKS) == []


class RecordingReference(SentimentIntensityAnalyzer):  # type: ignore[misc]  # untyped base class
    """What a subclass's ``score_valence`` receives (repmon's phrase rules read both arguments)."""

    def score_valence(self, sentiments: list[float], text: str) -> Any:
        self.seen = (list(sentiments), text)
        return super().score_valence(sentiments, text)


class RecordingFast(FastVader):
    def score_valence(self, sentiments: list[float], text: str) -> dict[str, float]:
        self.seen = (list(sentiments), text)
        return super().score_valence(sentiments, text)


def test_score_valence_receives_the_same_valences_and_text() -> None:
    """Emoji spacing shows only here: the scores split on whitespace, the phrase rules read the text."""
    reference, fast = RecordingReference(), RecordingFast()
    for text in QUIRKS + fuzz_texts(200, seed=2):
        reference.polarity_scores(text)
        fast.polarity_scores(text)
        assert fast.seen == reference.seen, text


def test_the_reference_is_the_version_reproduced() -> None:
    assert matches_installed_vader(), f"FastVader reproduces vaderSentiment {REFERENCE_VERSION}; re-verify"


def test_not_a_string_is_refused_like_the_reference(reference: SentimentIntensityAnalyzer, fast: FastVader) -> None:
    with pytest.raises(TypeError):
        reference.polarity_scores(b"good")
    with pytest.raises(TypeError):
        fast.polarity_scores(b"good")  # type: ignore[arg-type]


def test_lexicon_is_read_only_and_extra_words_count() -> None:
    vader = FastVader({"rebooked": -1.5})
    assert vader.lexicon["rebooked"] == -1.5
    with pytest.raises(TypeError):
        vader.lexicon["good"] = 0.0  # type: ignore[index]
    assert FastVader().polarity_scores("rebooked again") != vader.polarity_scores("rebooked again")


# --- VADER's ground truth -----------------------------------------------------------------------


def ground_truth_texts(name: str) -> list[str]:
    raw = shared_path("data", "vader_ground_truth", f"{name}_GroundTruth.txt").read_bytes().decode("utf-8-sig")
    return [line.split("\t", 2)[2] for line in raw.split("\r\n") if line]


@pytest.mark.slow
@pytest.mark.parametrize("name", SETS)
def test_exact_on_vaders_ground_truth(name: str, reference: SentimentIntensityAnalyzer, fast: FastVader) -> None:
    texts = ground_truth_texts(name)
    assert len(texts) > 3000
    assert mismatches(reference, fast, texts) == []


# --- repmon's own texts -------------------------------------------------------------------------


def _strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


def own_texts() -> list[str]:
    """Every text repmon ships for its tests and demo: fixtures, payload strings, scenario and demo days
    (each distinct string of more than one word)."""
    texts = []
    for name in ("complaints.tsv", "languages.tsv"):
        for line in (OWN_FIXTURES / name).read_text(encoding="utf-8").splitlines():
            if line and not line.startswith("#"):
                texts.append(line.rsplit("\t", 1)[-1])
    for path in sorted(OWN_FIXTURES.rglob("*.json")):
        texts.extend(_strings(json.loads(path.read_text(encoding="utf-8"))))
    for path in sorted(OWN_FIXTURES.rglob("*.toml")):
        texts.extend(_strings(tomllib.loads(path.read_text(encoding="utf-8"))))
    for path in [*sorted(OWN_FIXTURES.glob("scenarios/*.jsonl")), REPO / "monitor" / "demo" / "northwind.jsonl"]:
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                texts.extend(_strings(json.loads(line)))
    return [t for t in dict.fromkeys(texts) if len(t.split()) > 1]  # ids, URLs and dates say nothing


def complaint_texts() -> list[str]:
    lines = (OWN_FIXTURES / "complaints.tsv").read_text(encoding="utf-8").splitlines()
    return [line.rsplit("\t", 1)[-1] for line in lines if line and not line.startswith("#")]


def test_exact_on_the_complaints_fixture(reference: SentimentIntensityAnalyzer, fast: FastVader) -> None:
    texts = complaint_texts()
    assert len(texts) > 100
    assert mismatches(reference, fast, texts) == []


@pytest.mark.slow
def test_exact_on_own_texts_raw_and_normalised(reference: SentimentIntensityAnalyzer, fast: FastVader) -> None:
    texts = own_texts()
    assert len(texts) > 1000
    normalised = [normalize.for_scoring(t, 1000) for t in texts]
    assert mismatches(reference, fast, texts + normalised) == []


@pytest.mark.slow
def test_exact_on_the_bench_generator(tmp_path: Path, reference: SentimentIntensityAnalyzer, fast: FastVader) -> None:
    texts = make_file(tmp_path / "posts.jsonl", 3000)
    assert mismatches(reference, fast, list(dict.fromkeys(texts))) == []


def test_extra_words_match_the_reference_with_the_same_words() -> None:
    words = dict(lexicon.for_config(ScoringConfig()).words)
    assert words, "repmon's customer-service lexicon adds words"
    reference = SentimentIntensityAnalyzer()
    reference.lexicon.update(words)
    texts = [*QUIRKS, *(f"{w} and not {w}, but {w.upper()} {w}!" for w in words), *complaint_texts()]
    assert mismatches(reference, FastVader(words), texts) == []


@pytest.fixture(scope="module")
def engines() -> tuple[Scorer, Scorer]:
    fast, slow = Scorer(ScoringConfig()), Scorer(ScoringConfig(), engine="reference")
    assert (fast.engine, slow.engine) == ("fast", "reference")
    return fast, slow


def test_scorer_engines_agree_with_phrase_rules(engines: tuple[Scorer, Scorer]) -> None:
    """The whole scorer (normalisation, language, phrase rules in score_valence) on both engines."""
    fast, slow = engines
    texts = complaint_texts()
    assert [fast.score(t, "en") for t in texts] == [slow.score(t, "en") for t in texts]
    assert any(fast.score(t, "en").topics for t in texts)  # the phrase rules took part


@pytest.mark.slow
def test_scorer_engines_agree_on_all_own_texts(engines: tuple[Scorer, Scorer]) -> None:
    fast, slow = engines
    texts = own_texts()
    assert [fast.score(t) for t in texts] == [slow.score(t) for t in texts]


# --- generated fuzz set -------------------------------------------------------------------------


def fuzz_texts(count: int, seed: int) -> list[str]:
    """Random mixes of the reference's own tables with the shapes social posts take."""
    rng = random.Random(seed)
    analyzer = SentimentIntensityAnalyzer()
    words = sorted(analyzer.lexicon)
    single_emoji = sorted(k for k in analyzer.emojis if len(k) == 1)
    other_emoji = sorted(k for k in analyzer.emojis if len(k) > 1)
    boosters = sorted(BOOSTER_DICT)
    phrases = sorted(SPECIAL_CASES) + sorted(SENTIMENT_LADEN_IDIOMS)
    fixed = [
        "but",
        "BUT",
        "But",
        "kind of",
        "sort of",
        "least",
        "at least",
        "very least",
        "no",
        "nor",
        "or",
        "so",
        "this",
        "never so",
        "never this",
        "without doubt",
        "without a doubt",
        "doubt",
        "kind",
        "of",
    ]
    negations = [*NEGATE, "not", "isn't", "never", "without", "NOT", "Don't", "wasn't", "ain't"]
    filler = ["the", "a", "flight", "bag", "app", "it", "was", "is", "my", "and", "to", "we", "I", "you"]
    shapes = [
        "https://example.com/x?y=1",
        "@northwind",
        "#fail",
        "it's",
        "I'm",
        "can't",
        "won't",
        "y'all",
        "...",
        "--",
        "—",
        "é",
        "über",
        "naïve",
        "İstanbul",
        "straße",
        "ΣΟΦΙΑ",
        "日本語",
        "\u200d",
        "e\u0301",
        "\u00a0",
        ":)",
        ":(",
        ":D",
        ":-P",
        "<3",
        "</3",
        ":'(",
        "xD",
        "(:",
        "8-)",
        "K",
        "ǅ",
    ]
    punct = ["!", "!!", "!!!", "!!!!!", "?", "??", "???", "????", "?!?!", ".", ",", "...", ";", ":"]
    wraps = [
        ("", ""),
        ("(", ")"),
        ('"', '"'),
        ("'", "'"),
        ("*", "*"),
        ("...", ""),
        ("", "!!"),
        ("", "?"),
        ("#", ""),
        ("", ","),
        ("--", "--"),
        ("¡", "!"),
    ]
    seps = [" ", " ", " ", " ", "  ", "\t", "\n", "", "\u00a0", "\u3000"]

    pools = [words, boosters, negations, fixed, phrases, filler, single_emoji, other_emoji, shapes, punct]
    weights = [34, 10, 10, 10, 6, 8, 8, 2, 7, 5]

    def token() -> str:
        pool = rng.choices(pools, weights)[0]
        word = rng.choice(pool)
        if pool is single_emoji:
            word *= rng.choice([1, 1, 2, 3])
        casing = rng.random()
        if casing < 0.15:
            word = word.upper()
        elif casing < 0.22:
            word = word.title()
        if rng.random() < 0.25:
            before, after = rng.choice(wraps)
            word = before + word + after
        return word

    texts = []
    for _ in range(count):
        length = rng.choice([0, 1, 2, 3, 4, 5, 6, 7, 8, 10, 12, 16, 24])
        text = "".join(token() + rng.choice(seps) for _ in range(length))
        if rng.random() < 0.3:
            text = rng.choice(["", " ", "\n", "...", "😀"]) + text + rng.choice(["", " ", "!!!", "??", ".", "😡"])
        texts.append(text)
    return texts


def test_exact_on_a_small_fuzz_set(reference: SentimentIntensityAnalyzer, fast: FastVader) -> None:
    assert mismatches(reference, fast, fuzz_texts(300, seed=1)) == []


def test_exact_while_the_token_cache_overflows_in_several_threads(
    monkeypatch: pytest.MonkeyPatch, reference: SentimentIntensityAnalyzer, fast: FastVader
) -> None:
    """The token cache is shared and ages out by generations; threads turning it under each other still agree."""
    monkeypatch.setattr(vader_tables, "_GENERATION", 7)
    texts = fuzz_texts(150, seed=3)
    expected = [reference.polarity_scores(t) for t in texts]
    with ThreadPoolExecutor(4) as pool:
        got = list(pool.map(fast.polarity_scores, texts * 4))
    assert got == expected * 4
    assert len(vader_tables._WORDS) < 7 + 4  # bounded (a thread may add one past another's check)
    assert len(vader_tables._OLDER) < 7 + 4


@pytest.mark.slow
def test_exact_on_a_large_fuzz_set(reference: SentimentIntensityAnalyzer, fast: FastVader) -> None:
    texts = fuzz_texts(20_000, seed=20261127)
    assert len(set(texts)) > 15_000
    assert mismatches(reference, fast, texts) == []

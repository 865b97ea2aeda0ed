"""General accuracy must not drop: repmon's scorer against plain VADER on VADER's own ground truth.

The four sets of Hutto & Gilbert (ICWSM 2014) are read in place from ../shared (never copied here);
the test skips cleanly without them. Metrics as shared/data/vader_ground_truth/PROVENANCE.md defines
them: Pearson r of compound against the human mean; 3-class accuracy and support-weighted F1 with
compound >= 0.05 positive, <= -0.05 negative, and the sign of the human mean as the true class.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import pytest
from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

from monitor.config import ScoringConfig
from monitor.scoring import Scorer
from tests.conftest import shared_path

pytestmark = pytest.mark.slow  # real data or processes: left out of the inner loop (-m "not slow")

SETS = ["tweets", "movieReviewSnippets", "amazonReviewSnippets", "nytEditorialSnippets"]
TOLERANCE = 0.005


@dataclass(frozen=True)
class Metrics:
    r: float
    accuracy: float
    f1: float


def read_set(name: str) -> tuple[list[float], list[str]]:
    """``id<TAB>mean<TAB>text`` lines, CRLF, split on the first two tabs only."""
    path = shared_path("data", "vader_ground_truth", f"{name}_GroundTruth.txt")
    means, texts = [], []
    for line in path.read_bytes().decode("utf-8-sig").split("\r\n"):
        if not line:
            continue
        _, mean, text = line.split("\t", 2)
        means.append(float(mean))
        texts.append(text)
    return means, texts


def pearson(xs: list[float], ys: list[float]) -> float:
    n = len(xs)
    mx, my = sum(xs) / n, sum(ys) / n
    sxy = sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True))
    sxx = sum((x - mx) ** 2 for x in xs)
    syy = sum((y - my) ** 2 for y in ys)
    return sxy / math.sqrt(sxx * syy)


def predicted(compound: float) -> int:
    return 1 if compound >= 0.05 else -1 if compound <= -0.05 else 0


def truth(mean: float) -> int:
    return (mean > 0) - (mean < 0)


def weighted_f1(gold: list[int], guess: list[int]) -> float:
    total = 0.0
    for label in set(gold) | set(guess):
        tp = sum(1 for g, p in zip(gold, guess, strict=True) if g == p == label)
        support = gold.count(label)
        chosen = guess.count(label)
        precision = tp / chosen if chosen else 0.0
        recall = tp / support if support else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        total += f1 * support
    return total / len(gold)


def metrics(means: list[float], compounds: list[float]) -> Metrics:
    gold = [truth(m) for m in means]
    guess = [predicted(c) for c in compounds]
    accuracy = sum(g == p for g, p in zip(gold, guess, strict=True)) / len(gold)
    return Metrics(pearson(compounds, means), accuracy, weighted_f1(gold, guess))


def test_metric_helpers_match_hand_computed_values() -> None:
    assert pearson([1, 2, 3], [2, 4, 6]) == pytest.approx(1.0)
    assert pearson([1, 2, 3], [3, 2, 1]) == pytest.approx(-1.0)
    # gold: +, +, -, 0; guess: +, -, -, 0 -> class + : P 1, R .5; class - : P .5, R 1; class 0 : 1, 1
    gold, guess = [1, 1, -1, 0], [1, -1, -1, 0]
    expected = (2 * (2 * 1 * 0.5 / 1.5) + 1 * (2 * 0.5 * 1 / 1.5) + 1 * 1.0) / 4
    assert weighted_f1(gold, guess) == pytest.approx(expected)


@pytest.fixture(scope="module")
def table() -> dict[str, tuple[Metrics, Metrics, int]]:
    vader = SentimentIntensityAnalyzer()
    scorer = Scorer(ScoringConfig())
    rows: dict[str, tuple[Metrics, Metrics, int]] = {}
    for name in SETS:
        means, texts = read_set(name)
        plain = [vader.polarity_scores(t)["compound"] for t in texts]
        scores = [scorer.score(t, "en") for t in texts]
        unscored = sum(s.compound is None for s in scores)
        ours = [0.0 if s.compound is None else s.compound for s in scores]
        rows[name] = (metrics(means, plain), metrics(means, ours), unscored)
    return rows


def test_accuracy_does_not_drop_on_vaders_ground_truth(
    table: dict[str, tuple[Metrics, Metrics, int]], capsys: pytest.CaptureFixture[str]
) -> None:
    lines = [
        "| set | VADER r | repmon r | VADER acc | repmon acc | VADER F1 | repmon F1 |",
        "|---|---|---|---|---|---|---|",
    ]
    for name, (plain, ours, _) in table.items():
        lines.append(
            f"| {name} | {plain.r:.4f} | {ours.r:.4f} | {plain.accuracy:.4f} | {ours.accuracy:.4f} | "
            f"{plain.f1:.4f} | {ours.f1:.4f} |"
        )
    with capsys.disabled():
        print("\n" + "\n".join(lines))
    for name, (plain, ours, _) in table.items():
        assert ours.r >= plain.r - TOLERANCE, name
        assert ours.f1 >= plain.f1 - TOLERANCE, name


def test_every_english_ground_truth_text_is_scored(table: dict[str, tuple[Metrics, Metrics, int]]) -> None:
    # lang="en" as a client would tag them: no text is so empty it would be unscored, and only a
    # handful written in another language overrule the tag (five tweets in Dutch, Norwegian or
    # Spanish, one movie snippet "Merci pour le movie."); they count as 0.0 in the table
    unscored = {name: unscored for name, (_, _, unscored) in table.items()}
    assert sum(unscored.values()) <= 8, unscored
    assert unscored["nytEditorialSnippets"] == unscored["amazonReviewSnippets"] == 0


def test_installed_vader_reproduces_the_published_tweet_figures(table: dict[str, tuple[Metrics, Metrics, int]]) -> None:
    # PROVENANCE.md: the 2014 code gives r = 0.881, F1 = 0.961 on tweets; the 3.3.2 lexicon differs a little.
    plain, _, _ = table["tweets"]
    assert 0.86 <= plain.r <= 0.89
    assert 0.94 <= plain.f1 <= 0.97

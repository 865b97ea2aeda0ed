"""Scoring cost per post against bare VADER on the same texts (printed; nothing asserted).

    python -m bench.scoring_cost [--rounds 7]

First the VADER engines: the vaderSentiment package against repmon's exact copy (FastVader) on
the same texts, runs alternating, medians of the rounds (the first round has a cold token cache and
is also shown alone). Then the whole scorer's cost per post. Uses the bench generator's mix, the own
complaints fixture, and VADER's four ground-truth sets plus recorded Bluesky and Mastodon posts from
../shared (or $REPMON_SHARED_DIR) when it is there.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, NamedTuple

from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

from bench.ingest import make_file
from monitor.config import ScoringConfig
from monitor.scoring import Scorer, language, normalize
from monitor.scoring.vader_fast import FastVader

REPO = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("REPMON_SHARED_DIR", REPO.parent / "shared"))
GROUND_TRUTH = ["tweets", "movieReviewSnippets", "amazonReviewSnippets", "nytEditorialSnippets"]


def per_post_us(fn: Callable[[str], object], texts: list[str], rounds: int = 3) -> float:
    best = float("inf")
    for _ in range(rounds):
        began = time.perf_counter()
        for text in texts:
            fn(text)
        best = min(best, time.perf_counter() - began)
    return best / len(texts) * 1e6


class EngineRates(NamedTuple):
    package: float  # posts/s, median of the rounds (wall clock)
    fast: float
    ratio: float  # median of the per-round ratios fast / package (wall clock)
    cold: float  # the first round's ratio, FastVader's token cache still cold
    cpu_ratio: float  # median of the per-round ratios in CPU time (less sensitive to a busy machine)


def engine_rates(texts: list[str], rounds: int = 7) -> EngineRates:
    """The vaderSentiment package and FastVader on ``texts``, timed in alternating runs."""
    package, fast = SentimentIntensityAnalyzer(), FastVader()
    wall: dict[str, list[float]] = {"package": [], "fast": []}
    cpu: dict[str, list[float]] = {"package": [], "fast": []}
    for _ in range(rounds):
        for name, fn in (("package", package.polarity_scores), ("fast", fast.polarity_scores)):
            began, began_cpu = time.perf_counter(), time.process_time()
            for text in texts:
                fn(text)
            wall[name].append(time.perf_counter() - began)
            cpu[name].append(time.process_time() - began_cpu)
    ratios = [p / f for p, f in zip(wall["package"], wall["fast"], strict=True)]
    cpu_ratios = [p / f for p, f in zip(cpu["package"], cpu["fast"], strict=True)]
    n = len(texts)
    return EngineRates(
        n / statistics.median(wall["package"]),
        n / statistics.median(wall["fast"]),
        statistics.median(ratios),
        ratios[0],
        statistics.median(cpu_ratios),
    )


def engine_line(name: str, texts: list[str], rounds: int) -> str:
    rates = engine_rates(texts, rounds)
    return (
        f"{name}: {len(texts)} texts | vaderSentiment {rates.package:.0f} posts/s | "
        f"FastVader {rates.fast:.0f} posts/s | x{rates.ratio:.2f} (median of {rounds} rounds; "
        f"first round, cold cache: x{rates.cold:.2f}; in CPU time: x{rates.cpu_ratio:.2f})"
    )


def ground_truth_texts() -> list[str]:
    """VADER's four ground-truth sets from ../shared, or [] when it is absent."""
    texts: list[str] = []
    for name in GROUND_TRUTH:
        path = SHARED / "data" / "vader_ground_truth" / f"{name}_GroundTruth.txt"
        if path.exists():
            raw = path.read_bytes().decode("utf-8-sig")
            texts += [line.split("\t", 2)[2] for line in raw.split("\r\n") if line]
    return texts


def engines(rounds: int, own: list[str]) -> None:
    """The engine comparison, with the load average before and after (the machine is shared)."""
    print(f"load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    with tempfile.TemporaryDirectory(prefix="repmon-bench-") as tmp:
        generated = make_file(Path(tmp) / "posts.jsonl", 5_000)
    print(engine_line("bench generator mix", generated, rounds), flush=True)
    print(engine_line("own complaints fixture (x5)", own * 5, rounds), flush=True)
    truth = ground_truth_texts()
    if truth:
        print(engine_line("VADER's four ground-truth sets", truth, max(3, rounds // 2)), flush=True)
        mix = generated + truth
        print(engine_line("generator + ground truth", mix, max(3, rounds // 2)), flush=True)
    print(f"load average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")


def cost_table(name: str, texts: list[str], scorer: Scorer, vader: SentimentIntensityAnalyzer) -> str:
    language.langid_is_english("warm up the model")
    bare = per_post_us(vader.polarity_scores, texts)
    tagged = per_post_us(lambda t: scorer.score(t, "en"), texts)
    on_package = Scorer(scorer.config, engine="reference")
    tagged_on_package = per_post_us(lambda t: on_package.score(t, "en"), texts)
    untagged = per_post_us(scorer.score, texts)
    clean = [normalize.for_scoring(t, scorer.max_chars) for t in texts]
    rules = per_post_us(scorer.rules.scan, clean)
    lang = per_post_us(language.decide, clean)
    return (
        f"{name}: {len(texts)} posts, mean {sum(map(len, texts)) / len(texts):.0f} chars | "
        f"VADER {bare:.1f} us | score(lang='en') {tagged:.1f} us ({bare / tagged:.0%} of VADER's rate; "
        f"{tagged_on_package:.1f} us on the package, x{tagged_on_package / tagged:.2f}) | "
        f"score(lang=None) {untagged:.1f} us ({bare / untagged:.0%}) | rule scan {rules:.1f} us | "
        f"language check {lang:.1f} us"
    )


def _load_json(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8"))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rounds", type=int, default=7, help="alternating runs per engine comparison")
    args = parser.parse_args()
    scorer, vader = Scorer(ScoringConfig()), SentimentIntensityAnalyzer()
    fixture = REPO / "tests" / "fixtures" / "complaints.tsv"
    own = [
        line.split("\t", 3)[3]
        for line in fixture.read_text(encoding="utf-8").splitlines()
        if line and not line.startswith("#")
    ]
    engines(args.rounds, own)
    print(cost_table("own complaints fixture", own * 5, scorer, vader))
    truth = SHARED / "data" / "vader_ground_truth" / "tweets_GroundTruth.txt"
    real = SHARED / "fixtures" / "real"
    if not truth.exists() or not real.exists():
        print(f"{SHARED} is absent: the ground-truth and recorded-post rows are skipped", file=sys.stderr)
        return 0
    raw = truth.read_bytes().decode("utf-8-sig")
    tweets = [line.split("\t", 2)[2] for line in raw.split("\r\n") if line][:2000]
    posts = [
        p["record"]["text"]
        for p in _load_json(real / "bluesky" / "bskyr-app.bsky.feed.searchPosts-5d343d.json")["posts"]
    ]
    posts += [s["content"] for s in _load_json(real / "mastodon" / "bigbone-tag_timeline.json") if s.get("content")]
    print(cost_table("VADER ground-truth tweets", tweets, scorer, vader))
    print(cost_table("recorded Bluesky + Mastodon posts", posts * 10, scorer, vader))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

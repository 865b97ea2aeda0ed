"""Scoring cost per post against bare VADER on the same texts (printed; nothing asserted).

    python -m bench.scoring_cost

Uses the own complaints fixture, and VADER's tweets plus recorded Bluesky and Mastodon posts
from ../shared when it is there.
"""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

from monitor.config import ScoringConfig
from monitor.scoring import Scorer, language, normalize

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"


def per_post_us(fn: Callable[[str], object], texts: list[str], rounds: int = 3) -> float:
    best = float("inf")
    for _ in range(rounds):
        began = time.perf_counter()
        for text in texts:
            fn(text)
        best = min(best, time.perf_counter() - began)
    return best / len(texts) * 1e6


def cost_table(name: str, texts: list[str], scorer: Scorer, vader: SentimentIntensityAnalyzer) -> str:
    language.langid_is_english("warm up the model")
    bare = per_post_us(vader.polarity_scores, texts)
    tagged = per_post_us(lambda t: scorer.score(t, "en"), texts)
    untagged = per_post_us(scorer.score, texts)
    clean = [normalize.for_scoring(t, scorer.max_chars) for t in texts]
    rules = per_post_us(scorer.rules.scan, clean)
    lang = per_post_us(language.decide, clean)
    return (
        f"{name}: {len(texts)} posts, mean {sum(map(len, texts)) / len(texts):.0f} chars | "
        f"VADER {bare:.1f} us | score(lang='en') {tagged:.1f} us ({bare / tagged:.0%} of VADER's rate) | "
        f"score(lang=None) {untagged:.1f} us ({bare / untagged:.0%}) | rule scan {rules:.1f} us | "
        f"language check {lang:.1f} us"
    )


def _load_json(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8"))


def main() -> int:
    scorer, vader = Scorer(ScoringConfig()), SentimentIntensityAnalyzer()
    fixture = REPO / "tests" / "fixtures" / "complaints.tsv"
    own = [
        line.split("\t", 3)[3]
        for line in fixture.read_text(encoding="utf-8").splitlines()
        if line and not line.startswith("#")
    ]
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

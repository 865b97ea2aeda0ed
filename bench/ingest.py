"""Ingest throughput against bare VADER, measured in the same run on the same texts.

    python bench/ingest.py [--posts 100000] [--keep]

Writes a synthetic observation file (realistic lengths and mix: praise, questions, news, gripes,
complaints, a little HTML and emoji), then times
1. bare VADER: ``SentimentIntensityAnalyzer().polarity_scores(text)`` over every text;
2. ``repmon import`` of the file into a fresh SQLite database (parse, normalise, score, store,
   detection state: velocity baselines and echo bands), through the real code path;
and prints both throughputs and their ratio. The target is a ratio of at least 0.80.
Figures are printed, never asserted: timing belongs here, not in unit tests.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

OPENERS = ["", "Honestly, ", "Ok so ", "PSA: ", "Update: ", "Not gonna lie, ", "Quick question: "]
PRAISE = [
    "the crew on my {city} flight were lovely and we landed early",
    "great job on the new app, check-in took thirty seconds",
    "shout out to the gate agent in {city} who found my daughter's teddy bear",
    "upgraded for free today, what a nice surprise",
]
NEUTRAL = [
    "does anyone know if flight {flight} to {city} usually leaves on time?",
    "what is the baggage allowance on the basic fare these days",
    "Northwind Air announces new route to {city} starting in March",
    "flying to {city} next week, any tips for the lounge?",
]
GRIPES = [
    "the coffee on flight {flight} was cold again",
    "seat {seat} does not recline, a bit annoying on a long flight",
    "boarding in {city} was a little chaotic today",
]
COMPLAINTS = [
    "cancelled my flight to {city}, kept my money and the agent laughed at me. Never again.",
    "charged me twice for the same ticket and closed my complaint without a refund",
    "left us stranded in {city} overnight with no hotel and no information",
    "the app crashes every time I try to check in, missed my flight {flight} because of it",
    "lost my luggage three days ago and nobody answers the phone",
    "refund still not here after {n} weeks, support keeps telling me to wait",
]
TAILS = [
    "",
    " https://example.com/post/{n}",
    " @northwindair",
    " &amp; that's that",
    " 😡😡",
    " <b>seriously</b>",
    " #travel",
]
CITIES = ["Denver", "Boston", "Lisbon", "Oslo", "Austin", "Porto", "Dublin", "Seattle"]


def make_file(path: Path, posts: int, seed: int = 7) -> list[str]:
    rng = random.Random(seed)
    # a post every 25 s from a fixed day well in the past: 100,000 posts span 29 days, and a start
    # near the present let the newest thousands fall in the future on some days and be quarantined,
    # so the same command imported a different file depending on the date it ran
    start = datetime(2026, 1, 1, tzinfo=UTC)
    texts = []
    with path.open("w", encoding="utf-8") as out:
        for n in range(posts):
            kind = rng.choices([PRAISE, NEUTRAL, GRIPES, COMPLAINTS], weights=[25, 35, 15, 25])[0]
            body = rng.choice(kind).format(
                city=rng.choice(CITIES),
                flight=f"NW{rng.randint(100, 999)}",
                seat=f"{rng.randint(1, 40)}C",
                n=rng.randint(2, 9),
            )
            text = f"{rng.choice(OPENERS)}Northwind Air {body}{rng.choice(TAILS).format(n=n)}"
            if rng.random() < 0.3:
                text += " " + rng.choice(kind).format(city=rng.choice(CITIES), flight="NW1", seat="2A", n=3)
            texts.append(text)
            created = start + timedelta(seconds=n * 25)
            record = {
                "observed_at": (created + timedelta(minutes=rng.randint(1, 30))).isoformat().replace("+00:00", "Z"),
                "source": rng.choice(["reddit", "mastodon", "bluesky", "hackernews"]),
                "id": f"p{n}",
                "created_at": created.isoformat().replace("+00:00", "Z"),
                "author": {
                    "id": f"u{rng.randint(1, posts // 3)}",
                    "handle": f"user{n % 9973}",
                    "followers": int(rng.lognormvariate(5, 1.5)),
                },
                "text": text,
                "engagement": {
                    "likes": rng.randint(0, 40),
                    "reposts": rng.randint(0, 5),
                    "replies": rng.randint(0, 8),
                    "quotes": 0,
                },
                "lang": "en" if rng.random() < 0.8 else None,
            }
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    return texts


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--posts", type=int, default=100_000)
    parser.add_argument("--keep", action="store_true", help="keep the generated file and database")
    args = parser.parse_args()

    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    from monitor.backtest import simulated_batches
    from monitor.config import validate
    from monitor.core.observations import read_file
    from monitor.pipeline import Pipeline
    from monitor.store.database import open_database

    tmp = Path(tempfile.mkdtemp(prefix="repmon-bench-"))
    data = tmp / "observations.jsonl"
    texts = make_file(data, args.posts)
    print(
        f"{args.posts} posts, {data.stat().st_size / 1e6:.1f} MB, "
        f"mean text {sum(map(len, texts)) / len(texts):.0f} chars"
    )

    analyzer = SentimentIntensityAnalyzer()
    began = time.perf_counter()
    for text in texts:
        analyzer.polarity_scores(text)
    vader_s = time.perf_counter() - began

    config = validate({"database": {"url": f"sqlite:///{tmp / 'bench.db'}"}})
    began = time.perf_counter()
    read = read_file(data)
    engine = open_database(config.database.url)
    pipeline = Pipeline(engine, config, raise_incidents=False)
    stored = 0
    for batch in simulated_batches(read.observations, size=2000, per_minute=False):
        stored += pipeline.ingest(batch).new_posts
    ingest_s = time.perf_counter() - began
    engine.dispose()

    from monitor.scoring import Scorer
    from monitor.scoring.normalize import plain_text

    scorer = Scorer(config.scoring)
    began = time.perf_counter()
    for obs in read.observations:
        text = plain_text(obs.text) if "<" in obs.text or "&" in obs.text else obs.text
        scorer.score(text, obs.lang)
    scoring_s = time.perf_counter() - began
    began = time.perf_counter()
    read_file(data)
    parse_s = time.perf_counter() - began

    vader_rate, ingest_rate = args.posts / vader_s, args.posts / ingest_s
    print(f"bare VADER polarity_scores: {vader_rate:9.0f} posts/s ({vader_s:.1f} s)")
    print(f"repmon import (full path):  {ingest_rate:9.0f} posts/s ({ingest_s:.1f} s, {stored} stored)")
    print(f"ratio: {ingest_rate / vader_rate:.2f} (target >= 0.80)")
    rest = ingest_s - scoring_s - parse_s
    print(
        f"where the import's time goes: parse {parse_s:.1f} s, score (VADER + rules + language) {scoring_s:.1f} s, "
        f"store and detection state {rest:.1f} s"
    )
    if not args.keep:
        for path in sorted(tmp.iterdir()):
            path.unlink()
        tmp.rmdir()
    return 0


if __name__ == "__main__":
    sys.exit(main())

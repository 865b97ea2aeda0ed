"""Build and write one seeded week of a brand (the entry point of the generator)."""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

from tools.crosscheck.basketly import BASKETLY
from tools.crosscheck.brands import Brand
from tools.crosscheck.driftborne import DRIFTBORNE
from tools.crosscheck.driftborne_week import driftborne_week
from tools.crosscheck.halden import HALDEN
from tools.crosscheck.halden_week import halden_week
from tools.crosscheck.incidents import hard_negatives, spreading
from tools.crosscheck.lumen import LUMEN
from tools.crosscheck.model import Ids, labels_path, write_week
from tools.crosscheck.pennyworth import PENNYWORTH
from tools.crosscheck.pennyworth_week import pennyworth_week

__all__ = ["BRANDS", "build_week", "config_path", "labels_path", "write"]
from tools.crosscheck.week import Week, background, topic_burst

BRANDS: dict[str, Brand] = {brand.slug: brand for brand in (BASKETLY, LUMEN, PENNYWORTH, HALDEN, DRIFTBORNE)}
# Brands whose week after the ordinary traffic is shaped by their own module, not ``incidents``.
SHAPES: dict[str, Callable[[Week], None]] = {
    PENNYWORTH.slug: pennyworth_week,
    HALDEN.slug: halden_week,
    DRIFTBORNE.slug: driftborne_week,
}
CONFIGS = Path(__file__).resolve().parent


def build_week(brand: Brand, seed: int) -> Week:
    """The week of ``brand`` generated from ``seed``; the same seed gives the same week.

    Polling intervals vary from week to week around the brand's own (0.7x to 1.5x), as a team's
    configuration and a platform's rate limits do.
    """
    rng = random.Random(f"{brand.slug}:{seed}")
    start = datetime(2026, 3, 2, tzinfo=UTC) + timedelta(days=7 * (seed % 26))
    intervals = {source: minutes * rng.uniform(0.7, 1.5) for source, minutes in brand.intervals.items()}
    week = Week(brand, seed, start, 7, rng, intervals, Ids(rng))
    background(week)
    if brand.slug in SHAPES:
        SHAPES[brand.slug](week)
        return week
    topic_burst(week)
    spreading(week)
    hard_negatives(week)
    return week


def write(week: Week, path: Path) -> int:
    """Write the week's observations to ``path`` and its labels to ``<stem>.labels.jsonl``; lines written."""
    return write_week(week.posts, week.intervals, week.end, path, week.seed)


def config_path(brand: Brand) -> Path:
    return CONFIGS / f"{brand.slug}.toml"

"""A source's normal engagement velocity, kept as a decaying log-scale histogram.

Velocities are heavy-tailed (most posts get nothing, a few get thousands), so buckets are
logarithmic; old observations decay so the baseline follows a source as it grows or quietens.
The histogram is a small JSON document stored with the source's state, so every daemon
instance and every restart sees the same baseline.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

BUCKETS_PER_DOUBLING = 4
MAX_BUCKET = 80  # 2**(80/4) = ~1M interactions per hour
DECAY_PER_SAMPLE = 0.999  # ~1000 samples of memory
MIN_SAMPLES = 20  # below this the baseline is not trusted and a floor is used


def _bucket(rate: float) -> int:
    if rate <= 0:
        return 0
    return min(MAX_BUCKET, 1 + int(math.log2(1 + rate) * BUCKETS_PER_DOUBLING))


def _bucket_value(bucket: int) -> float:
    if bucket == 0:
        return 0.0
    return float(2 ** ((bucket - 0.5) / BUCKETS_PER_DOUBLING) - 1)


@dataclass
class VelocityBaseline:
    counts: dict[int, float] = field(default_factory=dict)
    samples: int = 0

    def add(self, rate_per_hour: float) -> None:
        for key in self.counts:
            self.counts[key] *= DECAY_PER_SAMPLE
        bucket = _bucket(rate_per_hour)
        self.counts[bucket] = self.counts.get(bucket, 0.0) + 1.0
        self.samples += 1

    def add_many(self, rates: list[float]) -> None:
        """Same result as calling ``add`` for each, decaying once per batch for speed."""
        if not rates:
            return
        factor = DECAY_PER_SAMPLE ** len(rates)
        for key in self.counts:
            self.counts[key] *= factor
        for rate in rates:
            bucket = _bucket(rate)
            self.counts[bucket] = self.counts.get(bucket, 0.0) + 1.0
        self.samples += len(rates)

    def median(self) -> float | None:
        return self.quantile(0.5)

    def quantile(self, share: float) -> float | None:
        """The early rate ``share`` of the source's posts stay at or below (``None`` while untrusted)."""
        if self.samples < MIN_SAMPLES:
            return None
        total = sum(self.counts.values())
        running = 0.0
        for bucket in sorted(self.counts):
            running += self.counts[bucket]
            if running >= total * share:
                return _bucket_value(bucket)
        return _bucket_value(max(self.counts))  # rounding: the last bucket holds the rest

    def to_json(self) -> dict[str, Any]:
        return {
            "counts": {str(k): round(v, 4) for k, v in self.counts.items() if v >= 1e-4},
            "samples": self.samples,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any] | None) -> VelocityBaseline:
        if not data:
            return cls()
        return cls({int(k): float(v) for k, v in data.get("counts", {}).items()}, int(data.get("samples", 0)))

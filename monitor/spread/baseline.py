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


REBASE = 1024  # samples between rescalings of the stored weights (0.999 ** -1024 is about 2.8)
DROPPED = 1e-9  # a bucket this light at a rescaling is forgotten


@dataclass
class VelocityBaseline:
    """Bucket weights decaying by ``DECAY_PER_SAMPLE`` a sample, kept so that the stored result is the
    same however the samples were grouped (a page of 2,000 or single polls).

    Sample ``i`` is added with weight ``DECAY ** (anchor - i)`` and the weights are rescaled only
    when ``samples`` crosses a multiple of ``REBASE`` past ``anchor``: sample ``i``'s share is then
    ``DECAY ** (n - 1 - i)`` as if every earlier one had decayed once per sample, and every float
    operation depends on the sequence of samples alone. The old form decayed the stored counts
    once per page, gave a page's own samples no decay among themselves and rounded what it saved,
    so the same file stored different baselines when read in different page sizes. A quantile is a
    ratio of weights, so the scale they are kept at does not matter.
    """

    counts: dict[int, float] = field(default_factory=dict)
    samples: int = 0
    anchor: int = 0  # the sample index the weights are scaled to

    def add(self, rate_per_hour: float) -> None:
        self.add_many([rate_per_hour])

    def add_many(self, rates: list[float]) -> None:
        """Add each in turn (the same result as one ``add`` each, to the last bit)."""
        counts, index, anchor = self.counts, self.samples, self.anchor
        for rate in rates:
            if index - anchor >= REBASE:
                anchor = self._rebase(index)
                counts = self.counts  # a new dict
            bucket = _bucket(rate)
            counts[bucket] = counts.get(bucket, 0.0) + DECAY_PER_SAMPLE ** (anchor - index)
            index += 1
        self.samples = index

    def _rebase(self, index: int) -> int:
        """Rescale the weights to ``index`` (a multiple of ``REBASE`` past the anchor), dropping empty buckets."""
        steps = (index - self.anchor) // REBASE * REBASE
        factor = DECAY_PER_SAMPLE**steps
        self.counts = {k: v * factor for k, v in self.counts.items() if v * factor >= DROPPED}
        self.anchor += steps
        return self.anchor

    def median(self) -> float | None:
        return self.quantile(0.5)

    def quantile(self, share: float) -> float | None:
        """The early rate ``share`` of the source's posts stay at or below (``None`` while untrusted)."""
        if self.samples < MIN_SAMPLES:
            return None
        total = math.fsum(self.counts.values())
        running = 0.0
        for bucket in sorted(self.counts):
            running += self.counts[bucket]
            if running >= total * share:
                return _bucket_value(bucket)
        return _bucket_value(max(self.counts))  # rounding: the last bucket holds the rest

    def to_json(self) -> dict[str, Any]:
        """Weights unrounded (JSON keeps a float exactly): rounding at each save made the result depend
        on how many saves there were."""
        return {"counts": {str(k): v for k, v in self.counts.items()}, "samples": self.samples, "anchor": self.anchor}

    @classmethod
    def from_json(cls, data: dict[str, Any] | None) -> VelocityBaseline:
        if not data:
            return cls()
        counts = {int(k): float(v) for k, v in data.get("counts", {}).items()}
        samples = int(data.get("samples", 0))
        # saved before ``anchor``: the counts were the weights as of the last sample
        anchor = int(data["anchor"]) if "anchor" in data else max(samples - 1, 0)
        return cls(counts, samples, anchor)

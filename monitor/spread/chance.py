"""How many voices chance explains: counts a story's pace or a topic's traffic would reach anyway.

An echo alerts only when more distinct people join than coincidence (a busy topic matching by
chance) or the story's own pace would bring. These are the counts behind that judgement, kept
apart from the word weighing in ``content.py``.
"""

from __future__ import annotations

import math
from datetime import timedelta


def poisson_tail(at_least: int, mean: float) -> float:
    """Chance of ``at_least`` or more events when ``mean`` are expected (a Poisson count)."""
    term, below = math.exp(-mean), 0.0
    for n in range(at_least):
        below += term
        term *= mean / (n + 1)
    return max(1.0 - below, 0.0)


def unlikely_count(mean: float, tail: float, dispersion: float = 0.0) -> int:
    """The fewest events that ``mean`` expected would reach with a chance of ``tail`` or less (0 for none expected).

    With ``dispersion`` k > 0 the count is negative binomial (variance mean + mean²/k) rather than
    Poisson: a gripe's pace is an average over busy evenings and quiet mornings, so its tellings
    come in bunches, and a window holding twice its average is far likelier than Poisson says.
    """
    if mean <= 0:
        return 0
    if dispersion > 0:  # P(n) = C(n+k-1, n) p^k (1-p)^n with p = k/(k+mean), by the ratio of terms
        p = dispersion / (dispersion + mean)
        term, ratio = p**dispersion, 1.0 - p
    else:
        term, ratio = math.exp(-mean), 0.0
    below, needed = 0.0, 0
    while needed == 0 or max(1.0 - below, 0.0) > tail:  # the tail from ``needed`` on, summed in one pass
        below += term
        term *= (needed + dispersion) / (needed + 1) * ratio if dispersion > 0 else mean / (needed + 1)
        needed += 1
    return needed


def expected_chance_authors(rate_per_hour: float, window: timedelta, chance: float) -> float:
    """Distinct authors a busy topic would add to any one cluster by coincidence within the window."""
    return rate_per_hour * window.total_seconds() / 3600 * chance


def required_authors(expected: float, min_authors: int, surge: float) -> int:
    """Authors an echo needs: at least ``min_authors``, and ``surge`` times what coincidence explains."""
    return max(min_authors, 1 + math.ceil(surge * expected))

"""Stage 1: keep only observations about a configured brand, in the order they were observed."""

from __future__ import annotations

from collections.abc import Sequence

from monitor.brands import BrandMatcher
from monitor.core.observations import Observation
from monitor.ingest.batch import Batch


def filter_by_brand(
    batch: Batch, observations: Sequence[Observation], brands: BrandMatcher, assigned: str | None = None
) -> None:
    """``assigned``: the source's ``brand`` option; its posts need no term match (exclusions still apply)."""
    for obs in sorted(observations, key=lambda o: o.observed_at):  # stable: ties keep page order
        keep, brand = brands.match(obs.text, obs.lang, obs.source, assigned)
        if keep:
            batch.kept.append((obs, brand, obs.key))
    batch.report.kept = len(batch.kept)
    batch.report.outside_brands = len(observations) - len(batch.kept)

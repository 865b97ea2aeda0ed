"""The ``[ingest]`` section: how much clock disagreement a sighting may show before it is suspect.

It lives beside the screening stage that reads it; ``monitor/config.py`` composes it into the full
configuration.
"""

from __future__ import annotations

from datetime import timedelta

from pydantic import BaseModel, ConfigDict, Field

from monitor.core.durations import Duration


class IngestConfig(BaseModel):
    model_config = ConfigDict(extra="forbid", validate_default=True)

    clock_skew: Duration = Field(
        default=timedelta(minutes=5),
        description="How far a source's clock may run ahead of ours. A sighting observed, or a post created, "
        "later than now by more than this is quarantined; by less it is clamped to now. A re-sighting "
        "observed before its post was written is clamped within this, quarantined beyond it.",
    )

"""The value the ingest stages pass along: one page of observations on its way to the store."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime

from monitor.core.observations import Observation
from monitor.core.platforms import COUNTERS
from monitor.incidents import Change
from monitor.store import posts
from monitor.store.database import UnitOfWork
from monitor.store.posts import PostKey, PostRow
from monitor.store.quarantine import Reject


@dataclass
class IngestReport:
    """What one ``ingest`` did, in the counts the CLI and daemon print."""

    received: int = 0
    kept: int = 0
    outside_brands: int = 0
    """Clean observations no configured brand matched (``received - kept`` also counts what was
    quarantined before the brand filter saw it)."""
    new_posts: int = 0
    updated_posts: int = 0
    unscored: int = 0
    upset: int = 0
    quarantined: int = 0
    incidents_opened: int = 0
    incidents_updated: int = 0
    changes: list[Change] = field(default_factory=list)
    snapshots: int = 0
    new_upset: int = 0
    opened_levels: list[str] = field(default_factory=list)
    """The level of each incident opened, for the metrics."""
    anomalies: dict[tuple[str, str], int] = field(default_factory=dict)
    """Impossible or out-of-order data by (kind, action): see ``monitor.ingest.screening``."""

    def add(self, other: IngestReport) -> None:
        for name in (
            "received",
            "kept",
            "outside_brands",
            "new_posts",
            "updated_posts",
            "unscored",
            "upset",
            "snapshots",
            "new_upset",
            "quarantined",
        ):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.incidents_opened += other.incidents_opened
        self.incidents_updated += other.incidents_updated
        self.changes += other.changes
        self.opened_levels += other.opened_levels
        for key, count in other.anomalies.items():
            self.anomalies[key] = self.anomalies.get(key, 0) + count


Kept = tuple[Observation, str | None, PostKey]
"""A sighting the page keeps, with its brand and its post's key: the key is worked out once, when
the brand filter keeps it, and every later stage of the page reads it from here."""


@dataclass
class Batch:
    """Everything the stages know about one page, filled in as it moves through them."""

    report: IngestReport
    present: datetime
    """Now, as far as this page is concerned: nothing in it can have happened later."""
    found_by: str | None = None
    """The configured source whose page this is (None for an import): new posts belong to it."""
    set_aside: list[Reject] = field(default_factory=list)
    """Sightings the screening stage quarantines, in the page's transaction."""
    moved_back: set[PostKey] = field(default_factory=set)
    """Stored posts whose creation a sighting moved back (they were seen before their stored creation)."""
    kept: list[Kept] = field(default_factory=list)
    rows: dict[PostKey, PostRow] = field(default_factory=dict)
    """Every post row loaded or built (also cluster roots and reply parents read for context)."""
    looked_up: set[PostKey] = field(default_factory=set)
    """Keys of the page's sightings already asked of the store (found or not): see :func:`load_page_rows`."""
    dirty: dict[PostKey, PostRow] = field(default_factory=dict)
    """The rows this page changed: what the store stage writes."""
    new_keys: set[PostKey] = field(default_factory=set)
    to_score: set[PostKey] = field(default_factory=set)
    """Posts whose text is new or edited: scored once, after the last sighting of the page."""
    rewritten: set[PostKey] = field(default_factory=set)
    """Re-sighted posts that changed beyond their state without a rescore (marked deleted): written whole."""
    snapshots: list[dict[str, object]] = field(default_factory=list)
    rate_samples: dict[str, list[tuple[datetime, float]]] = field(default_factory=lambda: defaultdict(list))
    """Per platform, (when, early engagement rate) samples for the velocity baseline, in event time."""
    last_seen: dict[PostKey, datetime] = field(default_factory=dict)
    sightings: dict[PostKey, list[tuple[datetime, dict[str, int | None]]]] = field(
        default_factory=lambda: defaultdict(list)
    )
    """Every sighting of the page per post, with its counters: detection walks them in event time."""
    new_upset: list[PostKey] = field(default_factory=list)
    """New complaints: upset posts, and first-hand failure reports whatever their sentiment."""
    touched_upset: dict[PostKey, datetime] = field(default_factory=dict)


def engagement_total(row: PostRow) -> int | None:
    """Interactions that spread a post, or ``None`` when none of its counters is known."""
    known = [int(row[name]) for name in COUNTERS if row.get(name) is not None]
    return sum(known) if known else None


def load_page_rows(uow: UnitOfWork, batch: Batch) -> None:
    """Read the stored rows of the page's posts into ``batch.rows``, asking the store for each key once.

    Screening reads them and merging finds them there; a key the store did not have is remembered
    too, so the new posts of an import are not looked up a second time by the merge stage (nothing
    inserts posts between the two stages of one page).
    """
    rows, looked_up = batch.rows, batch.looked_up
    # membership tests per sighting: a set difference with ``rows.keys()`` walked every row of the page
    wanted = {key for _, _, key in batch.kept if key not in rows and key not in looked_up}
    batch.looked_up |= wanted
    batch.rows.update(posts.load_posts(uow, wanted))

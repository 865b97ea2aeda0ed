"""Stage 1b: recognise sightings that are out of order, from the future or impossible, before merging.

A page can carry what no clock allows: a post observed before it was written, a sighting dated
later than now, counters that went down since the last snapshot, sightings older than the ones
already stored (a replay fed out of order). Left alone they distort what detection reads: a
snapshot dated weeks before its post made a huge "rate", and an incident "first alerted" three
weeks before its post was written. Each kind is decided here, once, and counted:

================================  ===========================================================
kind                              what happens
================================  ===========================================================
``future``                        observed or created later than now + ``[ingest] clock_skew``:
                                  quarantined (stored, it would stay the post's "latest"
                                  sighting forever); within the allowance: clamped to now
``observed_before_created``       created after it was observed, in one record: creation
                                  clamped to the sighting (more than a day apart is already an
                                  impossible date for ``sanitize``); a re-sighting observed
                                  before the stored creation: the creation moves back to it
                                  within ``clock_skew``, or when the creation was only ever the
                                  first sighting's moment; beyond, the sighting is quarantined
``out_of_order``                  older than the post's latest stored sighting: kept (it fills
                                  the history); its counters are clamped between the stored
                                  snapshots around it. Within a page, order is restored (the
                                  brand filter sorts it) and the disorder counted.
``counter_backwards``             a counter below its earlier high-water mark: clamped up to it,
                                  so stored engagement only ever grows and velocity never reads
                                  a negative gain (unlikes, downvotes, a platform recount)
``impossible_date``               before 1970 or after 2200 (``sanitize``): quarantined
``incident_time``                 an incident moment before its root post was written or after
                                  now (an echo replayed before its root): clamped into range
================================  ===========================================================

The stage only ever reads the store (the page's posts and, for an out-of-order sighting, the
snapshots around it), so the common in-order page costs a few comparisons per sighting.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from monitor.core.durations import humanize
from monitor.core.observations import Observation
from monitor.ingest.batch import Batch, Kept, load_page_rows
from monitor.ingest.sanitize import raw_record
from monitor.store import posts
from monitor.store.database import UnitOfWork
from monitor.store.posts import SNAPSHOT_COUNTERS, PostKey, PostRow
from monitor.store.quarantine import Reject

FUTURE = "future"
BEFORE_CREATED = "observed_before_created"
OUT_OF_ORDER = "out_of_order"
COUNTER_BACKWARDS = "counter_backwards"
IMPOSSIBLE_DATE = "impossible_date"
INCIDENT_TIME = "incident_time"
CLAMPED, KEPT, QUARANTINED = "clamped", "kept", "quarantined"

_WORDS = {
    FUTURE: "dated in the future",
    BEFORE_CREATED: "observed before the post was written",
    OUT_OF_ORDER: "out of observed order",
    COUNTER_BACKWARDS: "with counters going backwards",
    IMPOSSIBLE_DATE: "with impossible dates",
    INCIDENT_TIME: "incident moments outside [post written, now]",
}

Counters = dict[str, int]


@dataclass(slots=True)
class _Track:
    """What is known of one post while its page is screened."""

    created: datetime
    derived: bool  # the creation was never given: it is the first sighting's moment
    last: datetime  # latest sighting stored or screened
    counters: Counters  # high-water mark of each known counter
    floor: Counters = field(default_factory=dict)  # counters of this page's latest out-of-order sighting


def note(batch: Batch, kind: str, action: str, count: int = 1) -> None:
    key = (kind, action)
    batch.report.anomalies[key] = batch.report.anomalies.get(key, 0) + count


def describe(anomalies: Mapping[tuple[str, str], int]) -> str:
    """One readable line: ``2 sightings out of observed order (kept), 1 dated in the future (quarantined)``."""
    parts = []
    for (kind, action), count in sorted(anomalies.items()):
        noun = "" if kind == INCIDENT_TIME else (" sighting" if count == 1 else " sightings")
        parts.append(f"{count}{noun} {_WORDS.get(kind, kind)} ({action})")
    return ", ".join(parts)


def screen_sightings(uow: UnitOfWork, batch: Batch, skew: timedelta) -> None:
    """Clamp, keep or set aside each sighting of the page (see the table above), in observed order.

    The brand filter has put the page in observed order. Loads the page's stored posts into
    ``batch.rows`` (the merge stage uses them); what is set aside goes to ``batch.set_aside`` for
    the quarantine, in the page's transaction.
    """
    load_page_rows(uow, batch)
    tracks: dict[PostKey, _Track] = {}
    screened: list[Kept] = []
    future = batch.present + skew  # later than this is the future: worked out once for the page
    for obs, brand, key in batch.kept:
        clean = _screen(uow, batch, obs, key, tracks, skew, future)
        if clean is not None:
            screened.append((clean, brand, key))  # a clamped copy keeps its source and id: the same key
    batch.kept = screened


def note_disorder(batch: Batch, page: Sequence[Observation]) -> None:
    """Count sightings that arrived after a later sighting of the same post on this page (as received)."""
    latest: dict[PostKey, datetime] = {}
    late = 0
    for obs in page:
        key = obs.key
        seen = latest.get(key)
        if seen is not None and obs.observed_at < seen:
            late += 1
        else:
            latest[key] = obs.observed_at
    if late:
        note(batch, OUT_OF_ORDER, KEPT, late)


def _screen(
    uow: UnitOfWork,
    batch: Batch,
    obs: Observation,
    key: PostKey,
    tracks: dict[PostKey, _Track],
    skew: timedelta,
    future: datetime,
) -> Observation | None:
    present = batch.present
    observed, created = obs.observed_at, obs.created_at
    if observed > future or (created is not None and created > future):
        name, moment = ("observed_at", observed) if observed > future else ("created_at", created)
        assert moment is not None
        ahead, allowed = humanize(moment - present), humanize(skew)
        _set_aside(batch, obs, FUTURE, f"{name} {moment.isoformat()} is {ahead} ahead of now (allowed: {allowed})")
        return None
    changes: dict[str, Any] = {}
    if observed > present:
        observed = changes["observed_at"] = present
        note(batch, FUTURE, CLAMPED)
    if created is not None and created > observed:
        created = changes["created_at"] = observed
        note(batch, BEFORE_CREATED, CLAMPED)
    track = tracks.get(key) or _track_of(batch.rows.get(key))
    if track is None:  # a new post: its earliest sighting on the page founds it
        tracks[key] = _Track(created or observed, created is None, observed, _known(obs))
        return obs.model_copy(update=changes) if changes else obs
    tracks[key] = track
    if observed < track.created:
        if not (track.derived or track.created - observed <= skew):
            written = track.created.isoformat()
            why = f"observed {humanize(track.created - observed)} before the post was written ({written})"
            _set_aside(batch, obs, BEFORE_CREATED, why)
            return None
        if not track.derived:
            note(batch, BEFORE_CREATED, CLAMPED)
        _move_creation_back(batch, key, track, created or observed, observed)
    counters = _known(obs)
    if observed < track.last:
        between = _between(uow, batch, key, observed, track, counters)
        if between is None:
            return obs.model_copy(update=changes) if changes else obs  # a repeat: the store ignores it
        note(batch, OUT_OF_ORDER, KEPT)
        track.floor = clamped = between
    else:
        clamped = _raise_to_high_water(track, counters)
        track.last = observed
    if clamped is not counters:
        note(batch, COUNTER_BACKWARDS, CLAMPED)
        changes["engagement"] = obs.engagement.model_copy(update=clamped)
    return obs.model_copy(update=changes) if changes else obs


def _raise_to_high_water(track: _Track, counters: Counters) -> Counters:
    """``counters`` itself when none went down (the usual case, nothing copied), else a clamped copy."""
    high = track.counters
    clamped = counters
    for name, value in counters.items():
        mark = high.get(name)
        if mark is not None and value < mark:
            if clamped is counters:
                clamped = dict(counters)
            clamped[name] = mark
        else:
            high[name] = value
    return clamped


def _between(
    uow: UnitOfWork, batch: Batch, key: PostKey, observed: datetime, track: _Track, counters: Counters
) -> Counters | None:
    """Counters of an out-of-order sighting clamped between the snapshots around it; None for a repeat."""
    before = posts.snapshot_before(uow, key[0], key[1], observed)
    if before is not None and before["observed_at"] == observed:
        return None
    after = posts.snapshot_after(uow, key[0], key[1], observed)
    low = {**_known_row(before or {}), **track.floor}
    high = _known_row(after) if after is not None else track.counters
    clamped = {name: min(max(value, low.get(name, value)), high.get(name, value)) for name, value in counters.items()}
    return counters if clamped == counters else clamped


def _move_creation_back(batch: Batch, key: PostKey, track: _Track, created: datetime, observed: datetime) -> None:
    """The post existed when it was seen: its creation (and first sighting) move back to this sighting."""
    row = batch.rows[key]
    row["created_at"] = created
    row["first_seen_at"] = min(row["first_seen_at"], observed)
    batch.moved_back.add(key)
    track.created, track.derived = created, created == row["first_seen_at"]


def _track_of(row: PostRow | None) -> _Track | None:
    if row is None:
        return None
    derived = row["created_at"] == row["first_seen_at"]
    return _Track(row["created_at"], derived, row["last_observed_at"], _known_row(row))


def _known(obs: Observation) -> Counters:
    """The counters the sighting knows (its Engagement fields are exactly the snapshot counters)."""
    return {name: value for name, value in obs.engagement.__dict__.items() if value is not None}


def _known_row(row: Mapping[str, Any]) -> Counters:
    return {name: int(value) for name in SNAPSHOT_COUNTERS if (value := row.get(name)) is not None}


def _set_aside(batch: Batch, obs: Observation, kind: str, why: str) -> None:
    batch.set_aside.append(Reject(batch.found_by or obs.source, why, raw_record(obs), obs.id))
    note(batch, kind, QUARANTINED)


def incident_moment(at: datetime, root_created: datetime, present: datetime) -> datetime:
    """When an incident event is recorded: never before its root post was written, never after now."""
    return min(max(at, root_created), present)

"""The posts aggregate: posts and their engagement snapshots.

A post row is the latest known state of one post; snapshots are its engagement over time. The
echo index and word frequencies live in ``echo_terms``. The application passes rows as plain
mappings (``PostRow``) and never writes SQL itself.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from datetime import datetime
from operator import itemgetter
from typing import Any

from sqlalchemy import and_, func, or_, select, update

from monitor.core.statuses import IncidentStatus
from monitor.store import driver, pg_bulk
from monitor.store.database import Database, UnitOfWork
from monitor.store.tables import Incident, IncidentPost, Post, Snapshot

POSTS = Post.__table__  # type: ignore[attr-defined]
SNAPSHOTS = Snapshot.__table__  # type: ignore[attr-defined]
_INCIDENTS = Incident.__table__  # type: ignore[attr-defined]
_MEMBERS = IncidentPost.__table__  # type: ignore[attr-defined]

PostKey = tuple[str, str]
PostRow = dict[str, Any]
"""A post as stored: one key per column of ``posts`` (see ``monitor/store/tables.py``)."""

LOOKUP_CHUNK = 400  # ids per SQLite query: under its limit of bound parameters
PG_LOOKUP_CHUNK = 20_000  # ids per PostgreSQL array parameter
KEEP_FIRST = ("found_by",)
"""Set once: the source instance that first yielded a post keeps it (a NULL is filled by the first that does)."""
MUTABLE = tuple(c.name for c in POSTS.columns if c.name not in ("source", "post_id", "first_seen_at", *KEEP_FIRST))
SNAPSHOT_COUNTERS = ("likes", "reposts", "replies", "quotes", "views")
_COLUMNS = tuple(c.name for c in POSTS.columns)
_SELECT_LIST = ", ".join(_COLUMNS)
_TIME_COLUMNS = ("created_at", "first_seen_at", "last_observed_at")
_STATE_COLUMNS = ("last_observed_at", *SNAPSHOT_COUNTERS, "author_followers", "url", "cluster")
_STATE_VALUES = itemgetter(*_STATE_COLUMNS[1:])
_SNAPSHOT_VALUES = itemgetter(*SNAPSHOT_COUNTERS)
_QUICK_COLUMNS = ("last_observed_at", *SNAPSHOT_COUNTERS, "author_followers")
_QUICK_VALUES = itemgetter(*_QUICK_COLUMNS[1:])
_RARE_STATE = itemgetter("url", "cluster", "found_by")


class StoredRow(dict[str, Any]):
    """A post row as SQLite gave it in this transaction, with its ``rowid`` and its rarely changing
    state (link, cluster, owner) as read: :func:`update_post_state` writes a re-sighting that left
    those alone by rowid, skipping the primary-key lookup and the cluster index's upkeep.

    Only SQLite's rows are these; a copy (``dict(row)``) is a plain row, written the general way.
    A rowid holds within the transaction that read it (``BEGIN IMMEDIATE``: no VACUUM runs meanwhile).
    """

    __slots__ = ("rare", "rowid")
    rare: tuple[Any, ...]
    rowid: int


def load_posts(uow: UnitOfWork, keys: Iterable[PostKey]) -> dict[PostKey, PostRow]:
    """Rows for these keys, queried per source (SQLite scans the table for a row-value IN)."""
    found: dict[PostKey, PostRow] = {}
    from_time, from_json, columns, rare = driver.from_db_time, driver.from_db_json, _COLUMNS, _RARE_STATE
    sqlite = uow.dialect.name != "postgresql"
    select_list = f"{_SELECT_LIST}, rowid" if sqlite else _SELECT_LIST  # the rowid last: zip() leaves it out
    for source, chunk in _by_source(uow, keys):
        where, params = driver.any_of(uow, "post_id", chunk)
        sql = f"SELECT {select_list} FROM posts WHERE source = {driver.placeholder(uow)} AND {where}"  # noqa: S608
        for values in driver.fetch_all(uow, sql, (source, *params)):
            row = StoredRow(zip(columns, values, strict=False)) if sqlite else dict(zip(columns, values, strict=True))
            if not (sqlite and _sqlite_times(row)):  # PostgreSQL's datetimes, or text of another form
                row["created_at"] = from_time(row["created_at"])
                row["first_seen_at"] = from_time(row["first_seen_at"])
                row["last_observed_at"] = from_time(row["last_observed_at"])
            row["upset"], row["abusive"] = bool(row["upset"]), bool(row["abusive"])
            row["extra"] = from_json(row["extra"])
            if type(row) is StoredRow:
                row.rowid, row.rare = values[-1], rare(row)
            found[(row["source"], row["post_id"])] = row
    return found


def _sqlite_times(row: PostRow) -> bool:
    """SQLite's three time texts as written, parsed in one go without a call each; False when one is
    of another form (the caller converts them the general way). Never tried on PostgreSQL, whose
    driver hands back datetimes: an exception a row would cost more than it saves."""
    utc_text = datetime.fromisoformat
    try:
        row["created_at"] = utc_text(row["created_at"] + "+00:00")
        row["first_seen_at"] = utc_text(row["first_seen_at"] + "+00:00")
        row["last_observed_at"] = utc_text(row["last_observed_at"] + "+00:00")
    except (TypeError, ValueError):
        return False
    return True


def existing_keys(db: Database, keys: Iterable[PostKey]) -> set[PostKey]:
    """Which of these posts are stored already (keys only: no row is read)."""
    found: set[PostKey] = set()
    with db.connect() as uow:
        for source, chunk in _by_source(uow, keys):
            where, params = driver.any_of(uow, "post_id", chunk)
            sql = f"SELECT post_id FROM posts WHERE source = {driver.placeholder(uow)} AND {where}"  # noqa: S608
            found.update((source, str(post_id)) for (post_id,) in driver.fetch_all(uow, sql, (source, *params)))
    return found


def _by_source(uow: UnitOfWork, keys: Iterable[PostKey]) -> Iterator[tuple[str, list[str]]]:
    """The keys' post ids per source, in lists one query can take (one per source on PostgreSQL)."""
    by_source: dict[str, list[str]] = defaultdict(list)
    for source, post_id in keys:
        by_source[source].append(post_id)
    size = PG_LOOKUP_CHUNK if uow.dialect.name == "postgresql" else LOOKUP_CHUNK
    for source, ids in by_source.items():
        for start in range(0, len(ids), size):
            yield source, ids[start : start + size]


def save_posts(uow: UnitOfWork, rows: Sequence[PostRow]) -> None:
    """Insert new posts and overwrite the mutable columns of known ones (``found_by`` only where unset)."""
    driver.upsert_rows(uow, POSTS, rows, ["source", "post_id"], MUTABLE, KEEP_FIRST)


def update_post_state(uow: UnitOfWork, rows: Sequence[PostRow]) -> None:
    """Write only what a re-sighting changes (time, counters, reach, link, cluster): no text, no score.

    A post no source instance owned yet is adopted by the one that sighted it (``found_by`` if unset).
    On SQLite a row read in this transaction whose link, cluster and owner are as read (nearly every
    re-sighting) is written by rowid without them: the same stored values, for half the work.
    """
    if uow.dialect.name != "postgresql":
        rows = _update_unchanged_rare(uow, rows)
    mark = driver.placeholder(uow)
    sql = (
        f"UPDATE posts SET {', '.join(f'{name} = {mark}' for name in _STATE_COLUMNS)}, "  # noqa: S608 - constant names
        f"found_by = COALESCE(found_by, {mark}) WHERE source = {mark} AND post_id = {mark}"
    )
    seen = driver.time_column(uow)([row["last_observed_at"] for row in rows])
    state = _STATE_VALUES
    values = [
        (at, *state(row), row.get("found_by"), row["source"], row["post_id"])
        for at, row in zip(seen, rows, strict=True)
    ]
    if uow.dialect.name == "postgresql" and values:
        names = (*_STATE_COLUMNS, "found_by", "source", "post_id")
        assignments = [f"{name} = v.{name}" for name in _STATE_COLUMNS]
        assignments.append("found_by = COALESCE(posts.found_by, v.found_by)")
        if pg_bulk.update(uow, POSTS, names, values, ("source", "post_id"), assignments):
            return
    driver.execute_many(uow, sql, values)


def _update_unchanged_rare(uow: UnitOfWork, rows: Sequence[PostRow]) -> list[PostRow]:
    """Write the rows read by :func:`load_posts` whose link, cluster and owner did not change, by
    rowid and without those columns; the others are returned for the general statement.

    ``found_by = COALESCE(found_by, ?)`` with the value read is a no-op; so is setting ``url`` and
    ``cluster`` to what they hold. Left out, SQLite neither looks the key up nor rewrites the
    cluster index's entry.
    """
    quick: list[StoredRow] = []
    rest: list[PostRow] = []
    rare = _RARE_STATE
    for row in rows:
        if type(row) is StoredRow and rare(row) == row.rare:
            quick.append(row)
        else:
            rest.append(row)
    if quick:
        seen = driver.time_column(uow)([row["last_observed_at"] for row in quick])
        values = _QUICK_VALUES
        driver.execute_many(
            uow,
            f"UPDATE posts SET {', '.join(f'{name} = ?' for name in _QUICK_COLUMNS)} WHERE rowid = ?",  # noqa: S608
            [(at, *values(row), row.rowid) for at, row in zip(seen, quick, strict=True)],
        )
    return rest


def add_snapshots(uow: UnitOfWork, snapshots: Sequence[dict[str, Any]]) -> None:
    """Engagement sightings; a repeated ``(source, post_id, observed_at)`` is ignored."""
    mark = driver.placeholder(uow)
    columns = ("source", "post_id", "observed_at", *SNAPSHOT_COUNTERS)
    sql = (
        f"INSERT INTO snapshots ({', '.join(columns)}) VALUES ({', '.join([mark] * len(columns))}) "  # noqa: S608
        "ON CONFLICT DO NOTHING"
    )
    observed = driver.time_column(uow)([s["observed_at"] for s in snapshots])
    counters = _SNAPSHOT_VALUES
    values = [(s["source"], s["post_id"], at, *counters(s)) for at, s in zip(observed, snapshots, strict=True)]
    if uow.dialect.name == "postgresql" and pg_bulk.insert(uow, SNAPSHOTS, columns, values, (), "DO NOTHING"):
        return
    driver.execute_many(uow, sql, values)


def snapshot_before(uow: UnitOfWork, source: str, post_id: str, moment: datetime) -> dict[str, Any] | None:
    """The latest snapshot of a post at or before ``moment``, or ``None``."""
    found = (
        uow.execute(
            select(SNAPSHOTS)
            .where(SNAPSHOTS.c.source == source, SNAPSHOTS.c.post_id == post_id, SNAPSHOTS.c.observed_at <= moment)
            .order_by(SNAPSHOTS.c.observed_at.desc())
            .limit(1)
        )
        .mappings()
        .first()
    )
    return dict(found) if found is not None else None


def _of_brand(brand: str | None) -> Any:
    """Posts of one brand; ``None`` is a configuration that names no brand."""
    return POSTS.c.brand.is_(None) if brand is None else POSTS.c.brand == brand


def negative_posts(
    uow: UnitOfWork, brand: str | None, start: datetime, end: datetime, except_cluster: str | None = None
) -> int:
    """Negative posts of a brand created in ``(start, end]`` and seen by ``end``: its complaint traffic then.

    Posts first seen later are left out, so a day read in one page counts what the same day read poll
    by poll had seen. A range of the brand/label/time index.
    """
    return int(uow.execute(negative_posts_query(brand, start, end, except_cluster)).scalar_one())


def negative_posts_query(brand: str | None, start: datetime, end: datetime, except_cluster: str | None = None) -> Any:
    """The count ``negative_posts`` runs (apart, so a test can read its plan)."""
    query = (
        select(func.count())
        .select_from(POSTS)
        .where(
            _of_brand(brand),
            POSTS.c.label == "negative",
            POSTS.c.created_at > start,
            POSTS.c.created_at <= end,
            POSTS.c.first_seen_at <= end,
        )
    )
    if except_cluster is not None:
        query = query.where(or_(POSTS.c.cluster.is_(None), POSTS.c.cluster != except_cluster))
    return query


def gathering_clusters(
    uow: UnitOfWork, brand: str | None, start: datetime, end: datetime, except_cluster: str, min_authors: int
) -> int:
    """Other echo clusters of the brand with ``min_authors`` authors among its negative posts written in
    ``(start, end]`` and seen by ``end``: how many stories were gathering voices at the same time."""
    return len(uow.execute(gathering_clusters_query(brand, start, end, except_cluster, min_authors)).all())


def gathering_clusters_query(
    brand: str | None, start: datetime, end: datetime, except_cluster: str, min_authors: int
) -> Any:
    """The query ``gathering_clusters`` runs: the same index range as ``negative_posts``."""
    base = negative_posts_query(brand, start, end).with_only_columns(POSTS.c.cluster)
    return (
        base.where(POSTS.c.cluster.is_not(None), POSTS.c.cluster != except_cluster)
        .group_by(POSTS.c.cluster)
        .having(func.count(func.distinct(func.coalesce(POSTS.c.author_id, POSTS.c.author_handle))) >= min_authors)
    )


def first_negative_at(uow: UnitOfWork, brand: str | None) -> datetime | None:
    """When the brand's earliest stored negative post was written: how long its traffic has been watched."""
    found: datetime | None = uow.execute(
        select(func.min(POSTS.c.created_at)).where(_of_brand(brand), POSTS.c.label == "negative")
    ).scalar_one()
    return found


def snapshot_after(uow: UnitOfWork, source: str, post_id: str, moment: datetime) -> dict[str, Any] | None:
    """The earliest snapshot of a post after ``moment``, or ``None`` (bounds an out-of-order sighting)."""
    found = (
        uow.execute(
            select(SNAPSHOTS)
            .where(SNAPSHOTS.c.source == source, SNAPSHOTS.c.post_id == post_id, SNAPSHOTS.c.observed_at > moment)
            .order_by(SNAPSHOTS.c.observed_at)
            .limit(1)
        )
        .mappings()
        .first()
    )
    return dict(found) if found is not None else None


def move_creation_back(uow: UnitOfWork, rows: Sequence[PostRow]) -> None:
    """Store an earlier creation and first sighting (a sighting older than both arrived late)."""
    for row in rows:
        uow.execute(
            update(POSTS)
            .where(POSTS.c.source == row["source"], POSTS.c.post_id == row["post_id"])
            .values(created_at=row["created_at"], first_seen_at=row["first_seen_at"])
        )


def tracked_posts(
    db: Database, platform: str, found_by: str, since: datetime, now: datetime, limit: int
) -> list[tuple[str, datetime, datetime, bool]]:
    """Posts of ``platform`` that the source instance ``found_by`` yielded first and should re-poll:
    members of active incidents, then upset posts created since ``since``, each with its creation,
    its last sighting and whether an incident holds it (the caller re-polls older posts less often).
    Posts this very poll has just seen (``last_observed_at >= now``) are left out; so are posts another
    source instance yielded (a replay file's, another query's) and posts nobody polls (imports)."""
    active = [status.value for status in IncidentStatus if status.is_active]
    columns = (POSTS.c.post_id, POSTS.c.created_at, POSTS.c.last_observed_at)
    with db.connect() as uow:
        held = uow.execute(
            select(*columns)
            .join(_MEMBERS, and_(POSTS.c.source == _MEMBERS.c.source, POSTS.c.post_id == _MEMBERS.c.post_id))
            .join(_INCIDENTS, _INCIDENTS.c.id == _MEMBERS.c.incident_id)
            .where(
                and_(
                    _MEMBERS.c.source == platform,
                    POSTS.c.found_by == found_by,
                    _INCIDENTS.c.status.in_(active),
                    POSTS.c.last_observed_at < now,
                )
            )
            .limit(limit)
        ).all()
        upset = uow.execute(
            select(*columns)
            .where(
                and_(
                    POSTS.c.source == platform,
                    POSTS.c.upset == True,  # noqa: E712 - the partial index's own condition, as SQL sees it
                    POSTS.c.created_at >= since,
                    POSTS.c.found_by == found_by,
                    POSTS.c.last_observed_at < now,
                )
            )
            .order_by(POSTS.c.created_at.desc())
            .limit(limit)
        ).all()
        failures = uow.execute(  # first-hand failure reports that do not read upset are followed as well
            select(*columns)
            .where(
                and_(
                    POSTS.c.source == platform,
                    POSTS.c.failure == True,  # noqa: E712 - the partial index's own condition, as SQL sees it
                    POSTS.c.created_at >= since,
                    POSTS.c.found_by == found_by,
                    POSTS.c.last_observed_at < now,
                )
            )
            .order_by(POSTS.c.created_at.desc())
            .limit(limit)
        ).all()
    found: dict[str, tuple[str, datetime, datetime, bool]] = {}
    for rows, in_incident in ((held, True), (upset, False), (failures, False)):
        for post_id, created_at, seen_at in rows:
            found.setdefault(post_id, (post_id, created_at, seen_at, in_incident))
    return list(found.values())[:limit]


def iter_posts(db: Database, since: datetime | None = None) -> Iterator[PostRow]:
    """Every stored post in observation order, streamed (for export)."""
    query = select(POSTS).order_by(POSTS.c.last_observed_at, POSTS.c.source, POSTS.c.post_id)
    if since is not None:
        query = query.where(POSTS.c.last_observed_at >= since)
    with db.connect() as uow:
        for row in uow.execution_options(yield_per=1000).execute(query).mappings():
            yield dict(row)


def count_upset(db: Database) -> int:
    with db.connect() as uow:
        return int(uow.execute(select(func.count()).select_from(POSTS).where(POSTS.c.upset.is_(True))).scalar_one())

"""Echo state: the brand's decaying word frequencies and the index of complaints by their rare words."""

from __future__ import annotations

import zlib
from collections.abc import Iterable, Sequence
from datetime import datetime
from functools import lru_cache
from operator import itemgetter
from typing import Any

from sqlalchemy import func, select

from monitor.store import driver
from monitor.store.database import UnitOfWork
from monitor.store.posts import PostKey
from monitor.store.tables import EchoBand, EchoTerm, Post

TERMS = EchoTerm.__table__  # type: ignore[attr-defined]
INDEX = EchoBand.__table__  # type: ignore[attr-defined]
POSTS = Post.__table__  # type: ignore[attr-defined]
CHUNK = 400
PG_CHUNK = 20_000
MAX_TERM = 200


@lru_cache(maxsize=4096)
def index_key(scope: str, term: str) -> str:
    """The ``echo_bands.band`` value under which complaints using ``term`` are found (cached: a batch
    looks up every word of every complaint, and a brand's words repeat from post to post)."""
    return f"t{zlib.crc32(f'{scope}|{term}'.encode()):08x}"


def _chunk(conn: UnitOfWork) -> int:
    """Values per lookup: SQLite's bound parameters are limited; PostgreSQL takes one array."""
    return PG_CHUNK if conn.dialect.name == "postgresql" else CHUNK


def load_term_counts(conn: UnitOfWork, scope: str, terms: Iterable[str]) -> dict[str, tuple[float, datetime]]:
    wanted = sorted({t[:MAX_TERM] for t in terms})
    found: dict[str, tuple[float, datetime]] = {}
    mark, size = driver.placeholder(conn), _chunk(conn)
    for start in range(0, len(wanted), size):
        where, params = driver.any_of(conn, "term", wanted[start : start + size])
        sql = f"SELECT term, weight, as_of FROM echo_terms WHERE scope = {mark} AND {where}"  # noqa: S608
        for term, weight, as_of in driver.fetch_all(conn, sql, (scope, *params)):
            found[term] = (float(weight), driver.from_db_time(as_of) or as_of)
    return found


def save_term_counts(conn: UnitOfWork, scope: str, counts: Sequence[tuple[str, float, datetime]]) -> None:
    rows = [{"scope": scope, "term": t[:MAX_TERM], "weight": w, "as_of": at} for t, w, at in counts]
    driver.upsert_rows(conn, TERMS, rows, ["scope", "term"], ["weight", "as_of"])


def complaints_using(
    conn: UnitOfWork, keys: Iterable[str], since: datetime
) -> list[tuple[str, tuple[str, str], datetime]]:
    """(index key, post key, seen_at) of indexed complaints seen since ``since``, oldest first."""
    wanted = sorted(set(keys))
    out: list[tuple[str, tuple[str, str], datetime]] = []
    mark, size = driver.placeholder(conn), _chunk(conn)
    floor = driver.to_db_time(conn, since)
    times: dict[Any, datetime] = {}  # a complaint holds several words, all seen at once: each time read once
    for start in range(0, len(wanted), size):
        where, params = driver.any_of(conn, "band", wanted[start : start + size])
        sql = f"SELECT band, source, post_id, seen_at FROM echo_bands WHERE {where} AND seen_at >= {mark}"  # noqa: S608
        for band, source, post_id, seen_at in driver.fetch_all(conn, sql, (*params, floor)):
            at = times.get(seen_at)
            if at is None:
                at = times[seen_at] = driver.from_db_time(seen_at) or seen_at
            out.append((band, (source, post_id), at))
    out.sort(key=itemgetter(2, 1))  # ties in a fixed order: the same candidates every run
    return out


def index_complaints(conn: UnitOfWork, rows: Sequence[tuple[str, tuple[str, str], datetime]]) -> None:
    driver.upsert_rows(
        conn,
        INDEX,
        [{"band": band, "source": key[0], "post_id": key[1], "seen_at": at} for band, key, at in rows],
        [c.name for c in INDEX.primary_key],
        [],
    )


def cluster_member_rows(uow: UnitOfWork, cluster: str) -> list[tuple[PostKey, str, datetime, bool, str, str | None]]:
    """(post, author, first seen, upset, signature, replied-to id) of a cluster's posts, to judge it at any moment."""
    found = uow.execute(
        select(
            POSTS.c.source,
            POSTS.c.post_id,
            func.coalesce(POSTS.c.author_id, POSTS.c.author_handle, POSTS.c.post_id),
            POSTS.c.first_seen_at,
            POSTS.c.upset,
            POSTS.c.signature,
            POSTS.c.in_reply_to,
        ).where(POSTS.c.cluster == cluster)
    ).all()
    return [
        ((str(s), str(p)), str(author), seen, bool(upset), str(signature or ""), parent)
        for s, p, author, seen, upset, signature, parent in found
    ]

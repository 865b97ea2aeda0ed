"""The store on both backends: SQLite files and the real PostgreSQL server."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

from sqlalchemy import Engine, select, text

from monitor.store.database import insert_ignore, open_database, upsert
from monitor.store.tables import Post, Snapshot

POSTS = Post.__table__  # type: ignore[attr-defined]
SNAPS = Snapshot.__table__  # type: ignore[attr-defined]
WHEN = datetime(2026, 11, 20, 10, 0, tzinfo=UTC)


def _post(post_id: str, likes: int) -> dict[str, object]:
    return {
        "source": "reddit",
        "post_id": post_id,
        "created_at": WHEN,
        "first_seen_at": WHEN,
        "last_observed_at": WHEN,
        "text": "hello",
        "likes": likes,
        "label": "neutral",
    }


def test_upsert_and_insert_ignore_never_duplicate(engine: Engine) -> None:
    with engine.begin() as conn:
        upsert(conn, POSTS, [_post("a", 1), _post("b", 2)], ["source", "post_id"], ["likes"])
        upsert(conn, POSTS, [_post("a", 5)], ["source", "post_id"], ["likes"])
        snap = {"source": "reddit", "post_id": "a", "observed_at": WHEN, "likes": 1}
        insert_ignore(conn, SNAPS, [snap, snap])
        insert_ignore(conn, SNAPS, [snap])
    with engine.connect() as conn:
        assert conn.execute(select(POSTS.c.post_id, POSTS.c.likes).order_by(POSTS.c.post_id)).all() == [
            ("a", 5),
            ("b", 2),
        ]
        assert len(conn.execute(select(SNAPS)).all()) == 1


def test_datetimes_come_back_as_aware_utc(engine: Engine) -> None:
    paris = timezone(timedelta(hours=1))
    row = _post("tz", 0) | {"created_at": datetime(2026, 11, 20, 11, 0, tzinfo=paris)}
    with engine.begin() as conn:
        upsert(conn, POSTS, [row], ["source", "post_id"], ["likes"])
    with engine.connect() as conn:
        created = conn.execute(select(POSTS.c.created_at)).scalar_one()
    assert created == WHEN and created.tzinfo is not None


def test_failed_transaction_leaves_nothing(engine: Engine) -> None:
    try:
        with engine.begin() as conn:
            upsert(conn, POSTS, [_post("x", 1)], ["source", "post_id"], ["likes"])
            raise RuntimeError("crash mid-way")
    except RuntimeError:
        pass
    with engine.connect() as conn:
        assert conn.execute(select(POSTS)).all() == []


def test_sqlite_is_wal_with_busy_timeout_and_shared_between_engines(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'shared.db'}"
    daemon, cli = open_database(url), open_database(url)
    with daemon.connect() as conn:
        assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert conn.execute(text("PRAGMA busy_timeout")).scalar() == 30000
    with daemon.begin() as conn:
        upsert(conn, POSTS, [_post("d", 1)], ["source", "post_id"], ["likes"])
    with cli.begin() as conn:  # a second process-like engine writes to the same file
        upsert(conn, POSTS, [_post("c", 1)], ["source", "post_id"], ["likes"])
    with daemon.connect() as conn:
        assert conn.execute(select(POSTS.c.post_id).order_by(POSTS.c.post_id)).scalars().all() == ["c", "d"]
    daemon.dispose()
    cli.dispose()

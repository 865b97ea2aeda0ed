"""The batch writes and reads behind the posts store mean the same on both databases.

PostgreSQL writes a batch as one statement over arrays (``monitor/store/pg_bulk.py``) and SQLite
through ``executemany``; what is stored, what a repeated key does and what a value too long for
its column does must not depend on which path ran.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import Engine
from sqlalchemy.exc import DataError

from monitor.store import driver, pg_bulk, posts
from monitor.store.posts import PostRow

T0 = datetime(2026, 11, 27, 18, 0, 5, 123456, tzinfo=UTC)


def _row(post_id: str, **changes: Any) -> PostRow:
    row: PostRow = {
        "source": "reddit",
        "post_id": post_id,
        "found_by": None,
        "url": "https://example.com/p",
        "created_at": T0 - timedelta(minutes=5),
        "first_seen_at": T0,
        "last_observed_at": T0,
        "author_id": "u1",
        "author_handle": "someone",
        "author_followers": 2**62,
        "text": "they lost my bag ☹",
        "text_hash": 4_000_000_000,
        "in_reply_to": None,
        "lang": "en",
        "rating": None,
        "brand": "northwind",
        "compound": -0.4767,
        "pos": 0.0,
        "neu": 0.7,
        "neg": 0.3,
        "label": "negative",
        "upset": True,
        "failure": False,
        "abusive": False,
        "topics": "baggage",
        "likes": 3,
        "reposts": None,
        "replies": 0,
        "quotes": None,
        "views": 10,
        "cluster": None,
        "signature": None,
        "extra": {"deleted": False, "tags": ["a", "b"]},
    }
    row.update(changes)
    return row


def test_a_batch_of_posts_reads_back_as_written(engine: Engine) -> None:
    rows = [_row("1"), _row("2", extra=None, upset=False, rating=2, compound=None), _row("3", found_by="hn-1")]
    with engine.begin() as uow:
        posts.save_posts(uow, rows)
    with engine.connect() as uow:
        stored = posts.load_posts(uow, [("reddit", "1"), ("reddit", "2"), ("reddit", "3"), ("reddit", "absent")])
    assert sorted(stored) == [("reddit", "1"), ("reddit", "2"), ("reddit", "3")]
    for row in rows:
        assert stored[(row["source"], row["post_id"])] == row


def test_a_key_repeated_in_one_batch_ends_as_its_last_row_with_the_first_owner(engine: Engine) -> None:
    """``DO UPDATE`` refuses one key twice in one statement: the array path must step aside."""
    with engine.begin() as uow:
        posts.save_posts(uow, [_row("1", found_by="hn-1", likes=1), _row("1", found_by="hn-2", likes=7)])
        posts.update_post_state(uow, [_row("1", likes=9, found_by="hn-3"), _row("1", likes=11, found_by="hn-3")])
    with engine.connect() as uow:
        stored = posts.load_posts(uow, [("reddit", "1")])[("reddit", "1")]
    assert stored["likes"] == 11
    assert stored["found_by"] == "hn-1"


def test_a_re_sighting_writes_its_state_and_adopts_an_unowned_post(engine: Engine) -> None:
    later = T0 + timedelta(hours=1)
    with engine.begin() as uow:
        posts.save_posts(uow, [_row("1"), _row("2", found_by="hn-1")])
        posts.update_post_state(
            uow,
            [
                _row("1", last_observed_at=later, likes=40, found_by="hn-2", cluster="c1", text="never written"),
                _row("2", last_observed_at=later, likes=5, found_by="hn-2"),
            ],
        )
        posts.add_snapshots(
            uow,
            [{"source": "reddit", "post_id": "1", "observed_at": later, **dict.fromkeys(posts.SNAPSHOT_COUNTERS)}] * 2,
        )
    with engine.connect() as uow:
        stored = posts.load_posts(uow, [("reddit", "1"), ("reddit", "2")])
        before = posts.snapshot_before(uow, "reddit", "1", later)
    one, two = stored[("reddit", "1")], stored[("reddit", "2")]
    assert (one["last_observed_at"], one["likes"], one["found_by"], one["cluster"]) == (later, 40, "hn-2", "c1")
    assert one["text"] == "they lost my bag ☹"  # a re-sighting never rewrites the words
    assert (two["likes"], two["found_by"]) == (5, "hn-1")  # an owner, once set, stays
    assert before is not None and before["observed_at"] == later


def test_a_value_too_long_for_its_column_is_never_cut(engine: Engine) -> None:
    handle = "h" * 300  # the column holds 255
    if engine.dialect.name == "postgresql":
        with pytest.raises(DataError), engine.begin() as uow:
            posts.save_posts(uow, [_row("1", author_handle=handle)])
        return
    with engine.begin() as uow:  # SQLite has no length limit: stored whole
        posts.save_posts(uow, [_row("1", author_handle=handle)])
    with engine.connect() as uow:
        assert posts.load_posts(uow, [("reddit", "1")])[("reddit", "1")]["author_handle"] == handle


def test_lookups_find_what_is_stored_across_many_ids(engine: Engine) -> None:
    rows = [_row(str(n)) for n in range(posts.LOOKUP_CHUNK + 50)]
    with engine.begin() as uow:
        posts.save_posts(uow, rows)
    wanted = {("reddit", str(n)) for n in range(0, posts.LOOKUP_CHUNK + 100, 3)}
    expected = {key for key in wanted if int(key[1]) < posts.LOOKUP_CHUNK + 50}
    assert posts.existing_keys(engine, wanted) == expected
    with engine.connect() as uow:
        assert set(posts.load_posts(uow, wanted)) == expected


@pytest.mark.parametrize(
    "stored", ["2026-11-27 18:00:05.123456", "2026-11-27 18:00:05", "0999-01-02 03:04:05.000007"], ids=str
)
def test_a_sqlite_time_reads_as_the_same_utc_moment_either_way(stored: str) -> None:
    assert driver.from_db_time(stored) == datetime.fromisoformat(stored).replace(tzinfo=UTC)
    assert driver.from_db_time(stored).tzinfo is UTC  # type: ignore[union-attr]


@pytest.mark.parametrize(
    "stored", ["2026-11-27 18:00:05", "2026-11-27T18:00:05.5", "2026-11-27 20:00:05+02:00", "2026-11-27"], ids=str
)
def test_a_post_reads_its_times_as_from_db_time_reads_them_whatever_their_text(engine: Engine, stored: str) -> None:
    """``load_posts`` parses SQLite's usual time text inline; any other text takes ``from_db_time``, as before."""
    if engine.dialect.name == "postgresql":
        pytest.skip("PostgreSQL stores datetimes, not text")
    with engine.begin() as uow:
        posts.save_posts(uow, [_row("1")])
        uow.exec_driver_sql("UPDATE posts SET first_seen_at = ? WHERE post_id = '1'", (stored,))
    with engine.connect() as uow:
        row = posts.load_posts(uow, [("reddit", "1")])[("reddit", "1")]
    expected = driver.from_db_time(stored)
    assert expected is not None
    assert row["first_seen_at"] == expected and row["first_seen_at"].tzinfo is expected.tzinfo
    assert row["created_at"] == T0 - timedelta(minutes=5) and row["last_observed_at"] == T0
    assert row["created_at"].tzinfo is UTC and row["last_observed_at"].tzinfo is UTC


def test_a_value_json_cannot_carry_is_stored_the_same(engine: Engine) -> None:
    """On PostgreSQL a column travels as a JSON array unless JSON would not carry it exactly (an
    infinite float): that column alone keeps its array, and every row reads back as written."""
    rows = [_row("1", compound=float("inf"), neg=float("-inf")), _row("2", text='quotes " \\ {braces}, NULL', pos=0.1)]
    with engine.begin() as uow:
        posts.save_posts(uow, rows)
    with engine.connect() as uow:
        stored = posts.load_posts(uow, [("reddit", "1"), ("reddit", "2")])
    for row in rows:
        assert stored[(row["source"], row["post_id"])] == row


@pytest.mark.parametrize(
    ("kind", "values", "carried"),
    [
        ("bigint", [1, None, 2**62], True),
        ("bigint", [1, 2.0], False),  # a float in an integer column: psycopg's own way
        ("float8", [0.1, None, 1e-300], True),
        ("float8", [0.1, float("nan")], False),
        ("float8", [1, 0.5], False),
        ("boolean", [True, False, None], True),
        ("text", ["", "NULL", 'a "b" \\ c', "☹"], True),
        ("timestamp", [T0.replace(tzinfo=None), None], True),
        ("timestamp", [T0], False),  # aware: psycopg sends it as timestamptz
    ],
)
def test_only_values_json_carries_exactly_travel_as_json(kind: str, values: list[Any], carried: bool) -> None:
    assert (pg_bulk._as_json(kind, values) is not None) is carried

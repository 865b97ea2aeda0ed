"""Records are skipped, never pages: each kind of poison on both databases, through the pipeline.

A page holds good posts and one poisoned record; the good ones are stored, the poison is either
cleaned (and stored) or quarantined with a one-line reason, and the cursor moves.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from sqlalchemy import Engine, select

from monitor.core.observations import Observation, parse_line
from monitor.ingest.sanitize import BIGINT_MAX, sanitize
from monitor.pipeline import Pipeline
from monitor.store.quarantine import count_held, list_held
from monitor.store.tables import Post, SourceState
from tests.builders import config

POSTS = Post.__table__  # type: ignore[attr-defined]
STATE = SourceState.__table__  # type: ignore[attr-defined]


def record(post_id: str, **fields: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "observed_at": "2026-11-20T09:10:00Z",
        "source": "reddit",
        "id": post_id,
        "created_at": "2026-11-20T09:00:00Z",
        "author": {"id": f"a-{post_id}", "handle": f"a-{post_id}", "followers": 10},
        "text": "Northwind Air lost my bag again.",
        "engagement": {"likes": 1},
    }
    data.update(fields)
    return data


# poison that is safe to clean: stored, with the bad parts replaced or clamped
CLEANABLE = {
    "nul in text": ({"text": "Northwind Air \x00 lost my bag"}, lambda row: "\x00" not in row["text"]),
    "lone surrogate in text": ({"text": "Northwind Air \ud83d lost my bag"}, lambda row: "\ufffd" in row["text"]),
    "lone surrogate in handle": (
        {"author": {"id": "x\udc00", "handle": "x\udc00", "followers": 1}},
        lambda row: row["author_handle"] == "x\ufffd",
    ),
    "huge counters": (
        {"engagement": {"likes": 10**23, "replies": 1e30}, "author": {"followers": 1e30}},
        lambda row: row["likes"] == BIGINT_MAX and row["author_followers"] == BIGINT_MAX,
    ),
    "nul in an extra field": (
        {"client": {"name\x00": "app\ud800"}},
        lambda row: "\x00" not in json.dumps(row["extra"]),
    ),
}
# poison that cannot be cleaned without inventing data: quarantined
UNCLEANABLE = {
    "observed before 1970": {"observed_at": "1900-01-01T00:00:00Z"},
    "created in the far future": {"created_at": "3000-01-01T00:00:00Z"},
    "id too long for its column": {"id": "9" * 300},
}


def pipe(engine: Engine, url: str) -> Pipeline:
    cfg = config(url, brands=[{"name": "Northwind Air", "include": ["northwind"]}])
    return Pipeline(engine, cfg)


def page(poison: dict[str, Any]) -> list[Observation]:
    return [
        Observation.model_validate(record("good-1")),
        Observation.model_validate(record("poison", **poison)),
        Observation.model_validate(record("good-2")),
    ]


def stored(engine: Engine) -> dict[str, dict[str, Any]]:
    with engine.connect() as conn:
        return {row["post_id"]: dict(row) for row in conn.execute(select(POSTS)).mappings()}


def cursor_of(engine: Engine) -> Any:
    with engine.connect() as conn:
        return conn.execute(select(STATE.c.cursor).where(STATE.c.name == "src")).scalar_one()


@pytest.mark.parametrize("kind", sorted(CLEANABLE))
def test_cleanable_poison_is_stored_clean_with_the_rest_of_the_page(engine: Engine, db_url: str, kind: str) -> None:
    poison, check = CLEANABLE[kind]
    report = pipe(engine, db_url).ingest(page(poison), source_name="src", source_type="replay", cursor={"n": 3})
    rows = stored(engine)
    assert set(rows) == {"good-1", "poison", "good-2"}
    assert check(rows["poison"])
    assert report.quarantined == 0
    assert cursor_of(engine) == {"n": 3}


@pytest.mark.parametrize("kind", sorted(UNCLEANABLE))
def test_uncleanable_poison_is_quarantined_and_the_cursor_moves(engine: Engine, db_url: str, kind: str) -> None:
    report = pipe(engine, db_url).ingest(
        page(UNCLEANABLE[kind]), source_name="src", source_type="replay", cursor={"n": 3}
    )
    assert set(stored(engine)) == {"good-1", "good-2"}
    assert report.quarantined == 1
    assert cursor_of(engine) == {"n": 3}
    (held,) = list_held(engine)
    assert held.source == "src" and held.origin == "poll"
    assert "\n" not in held.reason and held.reason
    assert held.record()["engagement"]["likes"] == 1  # the record as received, to retry later
    assert count_held(engine) == {"src": 1}


@pytest.mark.parametrize("kind", ["nul in text", "lone surrogate in text", "huge counters"])
def test_the_database_refusing_one_record_quarantines_it_not_the_page(
    engine: Engine, db_url: str, kind: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Second line of defence: were the sanitiser to miss something, the page is stored record by record."""
    monkeypatch.setattr("monitor.pipeline.sanitize", lambda o: o)
    poison, _ = CLEANABLE[kind]
    if kind == "nul in text" and not db_url.startswith("postgresql"):
        pytest.skip("SQLite stores NUL in text; only PostgreSQL refuses it")
    report = pipe(engine, db_url).ingest(page(poison), source_name="src", source_type="replay", cursor={"n": 3})
    assert set(stored(engine)) == {"good-1", "good-2"}
    assert report.quarantined == 1
    assert cursor_of(engine) == {"n": 3}
    (held,) = list_held(engine)
    assert "SELECT" not in held.reason and "INSERT" not in held.reason and "lost my bag" not in held.reason


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ('{"observed_at": "0001-01-01T00:00:00+05:00", "source": "x", "id": "1", "text": "a"}', "utc"),
        ('{"observed_at": "9999-12-31T23:00:00-05:00", "source": "x", "id": "1", "text": "a"}', "utc"),
    ],
)
def test_dates_outside_what_utc_can_hold_are_a_readable_bad_line(line: str, reason: str) -> None:
    with pytest.raises(ValueError, match=reason):
        parse_line(line)


def test_sanitize_leaves_a_clean_record_equal_and_does_not_touch_its_input() -> None:
    original = Observation.model_validate(record("p", text="Northwind \x00"))
    clean = Observation.model_validate(record("p"))
    assert sanitize(clean) == clean
    sanitize(original)
    assert "\x00" in original.text

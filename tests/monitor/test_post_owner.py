"""A post belongs to the source instance that first yielded it: only that one re-polls it.

Two Hacker News sources (two queries) each follow their own posts; a post that came from a replay
file is never asked of the live API ("item ... is gone (HTTP 404)" every poll, before); an
imported post is adopted by the first source that yields it. Cursors and health are per instance.
"""

from __future__ import annotations

import asyncio
import copy
import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from pytest_httpserver import HTTPServer
from sqlalchemy import Engine, select, text

from monitor.config import Config
from monitor.core.observations import Observation
from monitor.pipeline import Pipeline
from monitor.polling import PollResult, poll_source
from monitor.store import sources
from monitor.store.database import alembic_config, create_schema, make_engine
from monitor.store.tables import Post
from tests.builders import config
from tests.conftest import OWN_FIXTURES, first_in_the_inner_loop

POSTS = Post.__table__  # type: ignore[attr-defined]
NOW = datetime(2026, 11, 20, 12, 0, tzinfo=UTC)
LATER = datetime(2026, 11, 20, 12, 10, tzinfo=UTC)
PAGE: dict[str, Any] = json.loads((OWN_FIXTURES / "hackernews" / "search_page1.json").read_text())
ITEM: dict[str, Any] = json.loads((OWN_FIXTURES / "hackernews" / "item.json").read_text())
EMPTY = {**PAGE, "hits": [], "nbHits": 0}


async def no_sleep(_: float) -> None:
    raise AssertionError("no retry is expected in this test")


def _hn(name: str, server: HTTPServer, prefix: str) -> dict[str, Any]:
    return {"type": "hackernews", "name": name, "query": "Northwind Air", "base_url": server.url_for(prefix)}


def _shifted(page: dict[str, Any], by: int) -> dict[str, Any]:
    """The same hits under other ids: what a second query finds."""
    shifted = copy.deepcopy(page)
    for hit in shifted["hits"]:
        hit["objectID"] = str(int(hit["objectID"]) + by)
    return shifted


def _poll(engine: Engine, cfg: Config, index: int, pipeline: Pipeline, when: datetime) -> PollResult:
    result = asyncio.run(poll_source(engine, cfg, cfg.sources[index], pipeline, clock=lambda: when, sleep=no_sleep))
    assert result.ok, result.error
    return result


def _owners(engine: Engine) -> dict[str, str | None]:
    with engine.connect() as conn:
        return dict(conn.execute(select(POSTS.c.post_id, POSTS.c.found_by)).all())  # type: ignore[arg-type]


def _followed(engine: Engine) -> set[str]:
    """Posts worth re-polling: upset ones and first-hand failure reports."""
    with engine.connect() as conn:
        query = select(POSTS.c.post_id).where(POSTS.c.upset.is_(True) | POSTS.c.failure.is_(True))
        return set(conn.execute(query).scalars())


def _items_asked(server: HTTPServer, prefix: str) -> set[str]:
    return {r.path.rsplit("/", 1)[1] for r, _ in server.log if r.path.startswith(f"{prefix}/items/")}


def _answer_items(server: HTTPServer, prefix: str, ids: set[str]) -> None:
    for post_id in ids:
        server.expect_request(f"{prefix}/items/{post_id}").respond_with_json({**ITEM, "id": int(post_id), "points": 9})


@pytest.mark.slow
def test_two_sources_of_one_platform_each_refresh_only_their_own_posts(
    engine: Engine, db_url: str, httpserver: HTTPServer
) -> None:
    cfg = config(db_url, sources=[_hn("hn-a", httpserver, "/a"), _hn("hn-b", httpserver, "/b")])
    pipeline = Pipeline(engine, cfg)
    httpserver.expect_oneshot_request("/a/search_by_date").respond_with_json(PAGE)
    httpserver.expect_oneshot_request("/b/search_by_date").respond_with_json(_shifted(PAGE, 100_000))
    _poll(engine, cfg, 0, pipeline, NOW)
    _poll(engine, cfg, 1, pipeline, NOW)
    owners = _owners(engine)
    mine_a = {p for p, owner in owners.items() if owner == "hn-a"}
    mine_b = {p for p, owner in owners.items() if owner == "hn-b"}
    assert mine_a == {h["objectID"] for h in PAGE["hits"]} and len(mine_b) == len(mine_a)
    followed = _followed(engine)
    assert followed & mine_a and followed & mine_b, "each query stored posts worth following"

    httpserver.expect_oneshot_request("/a/search_by_date").respond_with_json(EMPTY)
    httpserver.expect_oneshot_request("/b/search_by_date").respond_with_json(EMPTY)
    _answer_items(httpserver, "/a", set(owners))  # a wrong request is answered too, so it shows in the log
    _answer_items(httpserver, "/b", set(owners))
    _poll(engine, cfg, 0, pipeline, LATER)
    _poll(engine, cfg, 1, pipeline, LATER)
    assert _items_asked(httpserver, "/a") == followed & mine_a
    assert _items_asked(httpserver, "/b") == followed & mine_b


def test_a_replayed_post_is_never_re_polled_by_the_live_source(
    engine: Engine, db_url: str, httpserver: HTTPServer, tmp_path: Path
) -> None:
    """The reported case: the live source asked the API for the replay file's posts every poll."""
    replayed = tmp_path / "replay.jsonl"
    hit = PAGE["hits"][0]
    line = {
        "observed_at": "2026-11-20T11:00:00Z",
        "source": "hackernews",
        "id": "777001",  # not on the live API: asking for it is what answered 404
        "created_at": hit["created_at"],
        "author": {"id": "skyfarer", "handle": "skyfarer"},
        "text": "Northwind Air lost my bag and then closed the ticket. Never again, worst airline.",
        "engagement": {"likes": 3, "replies": 1},
    }
    replayed.write_text(json.dumps(line) + "\n")
    cfg = config(
        db_url, sources=[{"type": "replay", "name": "file", "path": str(replayed)}, _hn("hn", httpserver, "/hn")]
    )
    pipeline = Pipeline(engine, cfg)
    _poll(engine, cfg, 0, pipeline, NOW)
    assert _owners(engine) == {"777001": "file"} and _followed(engine) == {"777001"}

    # the live search happens to find the same post later: it stays the replay file's
    httpserver.expect_oneshot_request("/hn/search_by_date").respond_with_json(
        {**PAGE, "hits": [{**hit, "objectID": "777001"}]}
    )
    httpserver.expect_oneshot_request("/hn/search_by_date").respond_with_json(EMPTY)
    _answer_items(httpserver, "/hn", {"777001"})
    _poll(engine, cfg, 1, pipeline, NOW)
    _poll(engine, cfg, 1, pipeline, LATER)
    assert _owners(engine)["777001"] == "file"
    assert _items_asked(httpserver, "/hn") == set()


def test_an_imported_post_is_adopted_by_the_first_source_that_yields_it(
    engine: Engine, db_url: str, httpserver: HTTPServer
) -> None:
    cfg = config(db_url, sources=[_hn("hn", httpserver, "/hn")])
    pipeline = Pipeline(engine, cfg, raise_incidents=False)
    hit = PAGE["hits"][0]
    angry = "Northwind Air lost my bag and then closed the ticket. Never again, worst airline."
    imported = Observation.model_validate(
        {"observed_at": NOW, "source": "hackernews", "id": hit["objectID"], "created_at": hit["created_at"],
         "text": angry, "engagement": {"likes": 1}}
    )  # fmt: skip
    other = imported.model_copy(update={"id": "555"})
    pipeline.ingest([imported, other], origin="import")
    assert _owners(engine) == {hit["objectID"]: None, "555": None}

    httpserver.expect_oneshot_request("/hn/search_by_date").respond_with_json(EMPTY)
    _answer_items(httpserver, "/hn", {hit["objectID"], "555"})
    _poll(engine, cfg, 0, pipeline, LATER)
    assert _items_asked(httpserver, "/hn") == set(), "nobody re-polls what was imported"

    httpserver.expect_oneshot_request("/hn/search_by_date").respond_with_json({**PAGE, "hits": [hit]})
    _poll(engine, cfg, 0, pipeline, LATER.replace(minute=20))
    assert _owners(engine) == {hit["objectID"]: "hn", "555": None}


def test_cursors_and_health_are_kept_per_instance(engine: Engine, db_url: str, httpserver: HTTPServer) -> None:
    cfg = config(db_url, sources=[_hn("hn-a", httpserver, "/a"), _hn("hn-b", httpserver, "/b")])
    pipeline = Pipeline(engine, cfg)
    httpserver.expect_oneshot_request("/a/search_by_date").respond_with_json(PAGE)
    httpserver.expect_request("/b/search_by_date").respond_with_data("down", 503)
    _poll(engine, cfg, 0, pipeline, NOW)
    failed = asyncio.run(
        poll_source(engine, cfg, cfg.sources[1], pipeline, clock=lambda: NOW, sleep=lambda _s: asyncio.sleep(0))
    )
    assert not failed.ok
    health = {row["name"]: row for row in sources.source_health(engine)}
    assert health["hn-a"]["last_success_at"] == NOW and health["hn-a"]["consecutive_failures"] == 0
    assert health["hn-b"]["last_success_at"] is None and health["hn-b"]["consecutive_failures"] == 1
    assert "503" in (health["hn-b"]["last_error"] or "")
    assert sources.load_cursor(engine, "hn-a") and sources.load_cursor(engine, "hn-b") is None


@pytest.fixture
def bare_engine(empty_db_url: str) -> Any:
    engine = make_engine(empty_db_url)
    yield engine
    engine.dispose()


@pytest.mark.parametrize("empty_db_url", first_in_the_inner_loop(["sqlite", "postgres"]), indirect=True)
def test_the_migration_gives_old_posts_the_one_source_of_their_platform(bare_engine: Engine) -> None:  # PG: 0.6 s
    """Backfill: the single configured source of a post's platform owns it; with none or several, nobody does."""
    from alembic import command

    alembic = alembic_config()
    with bare_engine.begin() as conn:
        alembic.attributes["connection"] = conn
        command.upgrade(alembic, "0005_quarantine")  # the schema before found_by
        for name, kind in (("hn", "hackernews"), ("file", "replay"), ("r1", "reddit"), ("r2", "reddit"),
                           ("baseline:hackernews", "baseline")):  # fmt: skip
            conn.execute(
                text("INSERT INTO source_state (name, type, consecutive_failures, posts_stored) VALUES (:n, :t, 0, 0)"),
                {"n": name, "t": kind},
            )
        for platform, post_id in (("hackernews", "h1"), ("reddit", "r1"), ("bluesky", "b1")):
            conn.execute(
                text(
                    "INSERT INTO posts (source, post_id, created_at, first_seen_at, last_observed_at, text, text_hash,"
                    " label, upset, failure, abusive, topics) VALUES (:s, :p, :t, :t, :t, 'x', 0, 'unscored',"
                    " false, false, false, '')"
                ),
                {"s": platform, "p": post_id, "t": NOW.replace(tzinfo=None)},
            )
    create_schema(bare_engine)
    assert _owners(bare_engine) == {"h1": "hn", "r1": None, "b1": None}

"""Framework behaviour seen from the application: a source's brand, deleted posts, refresh and credentials."""

from __future__ import annotations

import asyncio
import json
import logging
from datetime import UTC, datetime, timedelta

import pytest
from pytest_httpserver import HTTPServer
from sqlalchemy import Engine, select

from connectors import reddit
from monitor.pipeline import Pipeline
from monitor.polling import poll_source
from monitor.store.tables import Post
from tests.builders import at, config, obs
from tests.conftest import OWN_FIXTURES

POSTS = Post.__table__  # type: ignore[attr-defined]
BRAND = {"name": "Northwind Air", "include": ["northwind"], "exclude": ["northwind traders"]}
REVIEWS = {"type": "replay", "name": "reviews", "path": "unused.jsonl", "brand": "Northwind Air"}
ENV = {"REDDIT_CLIENT_ID": "poll-test-id", "REDDIT_CLIENT_SECRET": "poll-test-secret"}


def stored(engine: Engine) -> dict[str, dict[str, object]]:
    with engine.connect() as conn:
        return {row["post_id"]: dict(row) for row in conn.execute(select(POSTS)).mappings()}


def test_a_source_brand_keeps_posts_without_a_term_match_but_exclusions_still_apply(
    engine: Engine, db_url: str
) -> None:
    cfg = config(db_url, brands=[BRAND], sources=[REVIEWS])
    pipeline = Pipeline(engine, cfg)
    reviews = [
        obs("r1", 1, "The app crashes every time I check in. Useless.", source="appstore"),
        obs("r2", 2, "Bought this for Northwind Traders invoices, wrong app", source="appstore"),
        obs("r3", 3, "Die App stürzt ständig ab", source="appstore", lang="de"),
    ]
    report = pipeline.ingest(reviews, source_name="reviews", source_type="replay")
    assert report.kept == 1
    assert stored(engine)["r1"]["brand"] == "Northwind Air"

    # the same post from a source without the option needs the term
    other = pipeline.ingest([obs("x1", 4, "The app crashes every time.", source="appstore")], source_name="other")
    assert other.kept == 0


def test_a_deleted_post_keeps_its_words_and_score(engine: Engine, db_url: str) -> None:
    pipeline = Pipeline(engine, config(db_url))
    pipeline.ingest([obs("p1", 1, "Northwind Air lost my bag and nobody answers. Awful.")])
    before = stored(engine)["p1"]
    gone = obs("p1", 30, "", likes=9).model_copy(update={"text": ""})
    gone = gone.model_validate({**gone.model_dump(), "deleted": True})
    pipeline.ingest([gone])
    after = stored(engine)["p1"]
    assert after["text"] == before["text"] and after["compound"] == before["compound"]
    assert after["extra"] == {"deleted": True}
    assert after["likes"] == 9 and after["last_observed_at"] == at(30)


def _reddit_source(httpserver: HTTPServer) -> dict[str, object]:
    root = httpserver.url_for("/").rstrip("/")
    return {
        "type": "reddit",
        "name": "reddit",
        "query": "Northwind Air",
        "base_url": root,
        "auth_url": root,
        "lookup_authors": False,
    }


def test_missing_credential_fails_the_poll_before_any_request(
    engine: Engine, db_url: str, httpserver: HTTPServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in ENV:
        monkeypatch.delenv(name, raising=False)
    cfg = config(db_url, sources=[_reddit_source(httpserver)])
    result = asyncio.run(poll_source(engine, cfg, cfg.sources[0], Pipeline(engine, cfg)))
    assert not result.ok
    assert result.error == (
        "reddit: $REDDIT_CLIENT_ID is not set (client_id_env: the id of a Reddit script app "
        "(reddit.com/prefs/apps)); see docs/connectors.md"
    )
    assert httpserver.log == []


def test_a_failing_refresh_never_fails_the_poll(
    engine: Engine,
    db_url: str,
    httpserver: HTTPServer,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    reddit._TOKENS.clear()
    for name, value in ENV.items():
        monkeypatch.setenv(name, value)
    own = OWN_FIXTURES / "reddit"
    httpserver.expect_request("/api/v1/access_token", method="POST").respond_with_data(
        (own / "token.json").read_bytes(), content_type="application/json"
    )
    httpserver.expect_request("/search").respond_with_data((own / "search_new.json").read_bytes())
    httpserver.expect_request("/api/info").respond_with_data("down", 503)
    cfg = config(db_url, sources=[_reddit_source(httpserver)])
    pipeline = Pipeline(engine, cfg)
    created = json.loads((own / "search_new.json").read_text())["data"]["children"][0]["data"]["created_utc"]
    first_at = datetime.fromtimestamp(created, UTC) + timedelta(minutes=30)
    first = asyncio.run(poll_source(engine, cfg, cfg.sources[0], pipeline, clock=lambda: first_at))
    assert first.ok, first.error
    assert any(row["upset"] for row in stored(engine).values()), "the fixture has an upset post to follow"

    async def no_wait(_: float) -> None:
        return None

    with caplog.at_level(logging.WARNING):
        second = asyncio.run(
            poll_source(
                engine, cfg, cfg.sources[0], pipeline, clock=lambda: first_at + timedelta(minutes=10), sleep=no_wait
            )
        )
    assert second.ok, second.error
    assert "refresh of" in caplog.text and "will retry next poll" in caplog.text
    assert any(r.path == "/api/info" for r, _ in httpserver.log)


def test_tracked_posts_are_re_read_less_often_as_they_age(engine: Engine, db_url: str) -> None:
    from monitor.polling import refresh_gap, tracked_post_ids

    assert [refresh_gap(timedelta(hours=h)) for h in (1, 12, 30)] == [
        timedelta(0),
        timedelta(minutes=30),
        timedelta(hours=2),
    ]
    cfg = config(db_url)
    pipeline = Pipeline(engine, cfg, raise_incidents=False)  # no incident: those are re-read every poll
    angry = "Northwind Air lost my bag, cancelled my flight and support hung up on me. Worst airline ever."
    now = at(60 * 40)
    pipeline.ingest(
        [
            obs("young", 60 * 39, angry, created=60 * 38),  # 2 h old, seen 1 h ago: every poll
            obs("old-seen-lately", 60 * 39, angry, created=60 * 8),  # 32 h old, seen 1 h ago: not yet
            obs("old-seen-long-ago", 60 * 37, angry, created=60 * 8),  # 32 h old, seen 3 h ago: due
        ],
        source_name="reddit",  # the source instance that re-polls them
    )
    assert all(row["upset"] for row in stored(engine).values())
    assert sorted(tracked_post_ids(engine, cfg, "reddit", "reddit", now)) == ["old-seen-long-ago", "young"]


def test_per_instance_sources_are_bounded_by_their_instance_host(db_url: str) -> None:
    from monitor.polling import source_host

    cfg = config(
        db_url,
        sources=[
            {"type": "mastodon", "name": "m", "instance_url": "https://fosstodon.org", "hashtags": ["x"]},
            {"type": "lemmy", "name": "l", "instance_url": "https://lemmy.world", "query": "x"},
            {"type": "reddit", "name": "r", "query": "x"},
        ],
    )
    assert [source_host(s) for s in cfg.sources] == ["fosstodon.org", "lemmy.world", "oauth.reddit.com"]

"""Re-polling known upset posts: the framework asks the connector for fresh engagement."""

from __future__ import annotations

import asyncio
import json
from datetime import UTC, datetime

from pytest_httpserver import HTTPServer
from sqlalchemy import Engine, select

from monitor.pipeline import Pipeline
from monitor.polling import poll_source
from monitor.store.tables import Post, Snapshot
from tests.builders import config
from tests.conftest import OWN_FIXTURES

POSTS = Post.__table__  # type: ignore[attr-defined]
SNAPS = Snapshot.__table__  # type: ignore[attr-defined]
NOW = datetime(2026, 11, 20, 12, 0, tzinfo=UTC)
LATER = datetime(2026, 11, 20, 12, 10, tzinfo=UTC)


async def no_sleep(_: float) -> None:
    raise AssertionError("no retry is expected in this test")


def test_upset_posts_are_refreshed_on_later_polls(engine: Engine, db_url: str, httpserver: HTTPServer) -> None:
    page = json.loads((OWN_FIXTURES / "hackernews" / "search_page1.json").read_text())
    httpserver.expect_ordered_request("/search_by_date").respond_with_json(page)
    cfg = config(
        db_url,
        sources=[{"type": "hackernews", "name": "hn", "query": "Northwind Air", "base_url": httpserver.url_for("/")}],
    )
    pipeline = Pipeline(engine, cfg)
    first = asyncio.run(poll_source(engine, cfg, cfg.sources[0], pipeline, clock=lambda: NOW, sleep=no_sleep))
    assert first.ok, first.error
    assert [r.path for r, _ in httpserver.log] == ["/search_by_date"]  # just fetched: not refreshed yet
    with engine.connect() as conn:
        upset = conn.execute(select(POSTS.c.post_id).where(POSTS.c.upset.is_(True))).scalars().all()
    assert upset, "the own fixture has at least one upset Hacker News post"

    item: dict[str, object] = json.loads((OWN_FIXTURES / "hackernews" / "item.json").read_text())
    empty = {**page, "hits": [], "nbHits": 0}
    httpserver.expect_ordered_request("/search_by_date").respond_with_json(empty)
    for post_id in upset:
        httpserver.expect_request(f"/items/{post_id}").respond_with_json({**item, "id": int(post_id), "points": 500})
    second = asyncio.run(poll_source(engine, cfg, cfg.sources[0], pipeline, clock=lambda: LATER, sleep=no_sleep))
    assert second.ok, second.error
    with engine.connect() as conn:
        likes = dict(conn.execute(select(POSTS.c.post_id, POSTS.c.likes).where(POSTS.c.post_id.in_(upset))).all())
        snaps = conn.execute(select(SNAPS.c.post_id).where(SNAPS.c.likes == 500)).scalars().all()
    assert set(likes.values()) == {500}
    assert sorted(snaps) == sorted(upset)  # a new engagement snapshot per refreshed post
    requested = {request.path for request, _ in httpserver.log}
    assert {f"/items/{post_id}" for post_id in upset} <= requested

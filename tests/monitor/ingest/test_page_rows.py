"""A page's stored rows are asked of the store once per key: screening reads them, merging finds them."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import Engine

from monitor.config import validate
from monitor.core.observations import Observation
from monitor.ingest import batch as batch_module
from monitor.ingest.batch import Batch, IngestReport, load_page_rows
from monitor.pipeline import Pipeline
from monitor.store.posts import PostKey, PostRow

START = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)


def _sighting(post: int, minutes: int, likes: int) -> Observation:
    return Observation.model_validate(
        {
            "observed_at": START + timedelta(minutes=minutes),
            "source": "reddit",
            "id": f"p{post}",
            "created_at": START,
            "text": f"Northwind lost bag number {post}",
            "engagement": {"likes": likes},
        }
    )


def _counting(monkeypatch: pytest.MonkeyPatch) -> list[set[PostKey]]:
    asked: list[set[PostKey]] = []
    load = batch_module.posts.load_posts

    def counted(uow: Any, keys: Iterable[PostKey]) -> dict[PostKey, PostRow]:
        keys = set(keys)
        if keys:
            asked.append(keys)
        return load(uow, keys)

    monkeypatch.setattr(batch_module.posts, "load_posts", counted)
    return asked


def test_a_key_is_asked_once_per_page_found_or_not(engine: Engine, monkeypatch: pytest.MonkeyPatch) -> None:
    asked = _counting(monkeypatch)
    page = Batch(IngestReport(), present=START + timedelta(hours=1))
    page.kept = [(s, None, s.key) for s in (_sighting(1, 1, 0), _sighting(2, 2, 0))]
    with engine.begin() as uow:
        load_page_rows(uow, page)
        load_page_rows(uow, page)  # the merge stage after screening: nothing left to ask
        page.kept.append((third := _sighting(3, 3, 0), None, third.key))
        load_page_rows(uow, page)  # a key the page did not have yet is still asked
    assert asked == [{("reddit", "p1"), ("reddit", "p2")}, {("reddit", "p3")}]
    assert page.rows == {}  # none stored: the absence is what was remembered


def test_an_import_asks_for_new_posts_once_and_stores_the_same(engine: Engine, monkeypatch: pytest.MonkeyPatch) -> None:
    asked = _counting(monkeypatch)
    pipeline = Pipeline(engine, validate({}), raise_incidents=False)
    first = pipeline.ingest([_sighting(n, n, 1) for n in range(5)], origin="import")
    assert first.new_posts == 5
    assert sum(len(keys) for keys in asked) == 5
    asked.clear()
    again = pipeline.ingest([_sighting(n, 30 + n, 4) for n in range(5)], origin="import")
    assert (again.new_posts, again.updated_posts) == (0, 5)
    assert sum(len(keys) for keys in asked) == 5
    with engine.connect() as uow:
        stored = batch_module.posts.load_posts(uow, [("reddit", f"p{n}") for n in range(5)])
    assert {row["likes"] for row in stored.values()} == {4}

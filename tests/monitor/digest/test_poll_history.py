"""Every poll leaves one line of history, so the digest can show a week of source health."""

from __future__ import annotations

import asyncio
from datetime import timedelta
from pathlib import Path

from sqlalchemy import Engine, select

from monitor.pipeline import Pipeline
from monitor.polling import poll_source
from monitor.store.tables import PollRun
from tests.builders import T0, at, config, obs

POLLS = PollRun.__table__  # type: ignore[attr-defined]


def test_each_poll_is_recorded_with_what_it_fetched_and_how_it_ended(
    engine: Engine, tmp_path: Path, db_url: str
) -> None:
    feed = tmp_path / "feed.jsonl"
    feed.write_text("".join(obs(f"p{n}", 1).model_dump_json() + "\n" for n in range(3)))
    cfg = config(db_url, sources=[{"type": "replay", "name": "feed", "path": str(feed), "interval": "1m"}])
    pipeline = Pipeline(engine, cfg)
    assert asyncio.run(poll_source(engine, cfg, cfg.sources[0], pipeline, clock=lambda: T0)).ok
    feed.unlink()  # the next poll fails: the file is gone
    failed = asyncio.run(poll_source(engine, cfg, cfg.sources[0], pipeline, clock=lambda: at(1)))
    assert not failed.ok
    with engine.connect() as conn:
        rows = conn.execute(select(POLLS).order_by(POLLS.c.started_at)).mappings().all()
    assert [(r["source"], r["ok"], r["items"], r["new_posts"]) for r in rows] == [
        ("feed", True, 3, 3),
        ("feed", False, 0, 0),
    ]
    assert rows[0]["started_at"] == T0 and rows[1]["started_at"] == T0 + timedelta(minutes=1)
    assert rows[1]["error"] == failed.error

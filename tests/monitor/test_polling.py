"""The connector framework: cursor with the posts, health in one line, leases between instances."""

from __future__ import annotations

import asyncio
from datetime import timedelta
from pathlib import Path

from sqlalchemy import Engine, func, select

from monitor.config import Config
from monitor.pipeline import Pipeline
from monitor.polling import poll_source
from monitor.store.sources import acquire_lease
from monitor.store.tables import Post, SourceState
from tests.builders import T0, at, config, obs

POSTS = Post.__table__  # type: ignore[attr-defined]
STATE = SourceState.__table__  # type: ignore[attr-defined]


def write(path: Path, ids: list[str], minute: float = 1) -> None:
    with path.open("a", encoding="utf-8") as handle:
        for post_id in ids:
            handle.write(obs(post_id, minute).model_dump_json() + "\n")


def setup(engine: Engine, tmp_path: Path, url: str) -> tuple[Config, Pipeline, Path]:
    feed = tmp_path / "feed.jsonl"
    feed.touch()
    cfg = config(url, sources=[{"type": "replay", "name": "feed", "path": str(feed), "interval": "1m"}])
    return cfg, Pipeline(engine, cfg), feed


def state(engine: Engine) -> dict[str, object]:
    with engine.connect() as conn:
        return dict(conn.execute(select(STATE).where(STATE.c.name == "feed")).mappings().one())


def posts(engine: Engine) -> int:
    with engine.connect() as conn:
        return int(conn.execute(select(func.count()).select_from(POSTS)).scalar_one())


def test_replay_source_resumes_from_its_cursor(engine: Engine, tmp_path: Path, db_url: str) -> None:
    cfg, pipeline, feed = setup(engine, tmp_path, db_url)
    write(feed, ["a", "b"])
    with feed.open("a") as handle:
        handle.write("this line is broken\n")
    result = asyncio.run(poll_source(engine, cfg, cfg.sources[0], pipeline, clock=lambda: T0))
    assert result.ok and result.report is not None and result.report.new_posts == 2
    first = state(engine)
    assert first["cursor"] == {"offset": feed.stat().st_size, "line": 3}
    assert first["last_success_at"] == T0 and first["consecutive_failures"] == 0
    assert first["next_due_at"] == at(1) and first["lease_owner"] is None
    write(feed, ["c"])
    with feed.open("a") as handle:
        handle.write('{"observed_at": "2026-11-20T09:0')  # a line still being written: not read yet
    result = asyncio.run(poll_source(engine, cfg, cfg.sources[0], pipeline, clock=lambda: at(1)))
    assert result.report is not None and result.report.received == 1
    assert posts(engine) == 3


def test_a_failing_source_reports_one_line_and_keeps_its_cursor(engine: Engine, tmp_path: Path, db_url: str) -> None:
    cfg, pipeline, feed = setup(engine, tmp_path, db_url)
    write(feed, ["a"])
    asyncio.run(poll_source(engine, cfg, cfg.sources[0], pipeline, clock=lambda: T0))
    cursor = state(engine)["cursor"]
    feed.unlink()
    result = asyncio.run(poll_source(engine, cfg, cfg.sources[0], pipeline, clock=lambda: at(1)))
    assert not result.ok
    assert result.line() == f"feed: FAILED feed: observation file {feed} does not exist"
    after = state(engine)
    assert after["cursor"] == cursor
    assert after["consecutive_failures"] == 1 and after["last_error"] == f"feed: observation file {feed} does not exist"
    assert after["lease_owner"] is None  # a failure releases the lease too


def test_only_one_instance_polls_a_source_at_a_time(engine: Engine, tmp_path: Path, db_url: str) -> None:
    cfg, pipeline, feed = setup(engine, tmp_path, db_url)
    write(feed, ["a"])
    assert acquire_lease(engine, cfg.sources[0].source_name, "replay", "instance-a", T0, timedelta(seconds=600))
    result = asyncio.run(poll_source(engine, cfg, cfg.sources[0], pipeline, owner="instance-b", clock=lambda: at(1)))
    assert result.skipped and posts(engine) == 0
    # the lease expires (instance-a died): instance-b takes over
    result = asyncio.run(poll_source(engine, cfg, cfg.sources[0], pipeline, owner="instance-b", clock=lambda: at(11)))
    assert result.ok and not result.skipped and posts(engine) == 1

"""/healthz, /readyz and /metrics: in process against a real database, then as ops see a running daemon."""

from __future__ import annotations

import asyncio
import json
import urllib.error
import urllib.request
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx
import pytest
from pytest_httpserver import HTTPServer

from connectors.http import SourceHTTP
from monitor import telemetry
from monitor.config import Config
from monitor.endpoints import OpsServer, Readiness
from monitor.pipeline import Pipeline
from monitor.polling import poll_source
from monitor.store.database import open_database
from tests.builders import config, obs, spreading_feed
from tests.fake_slack import FakeSlack, fake_slack_fixture  # noqa: F401  (provides fake_slack)
from tests.processes import RepmonProcess, metric

TOKEN = "xoxb-endpoint-test-secret-1"


def _get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=10) as answer:
            return answer.status, answer.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


def _config(tmp_path: Path, url: str) -> Config:
    feed = tmp_path / "feed.jsonl"
    feed.write_text(obs("a", 1).model_dump_json() + "\n")
    return config(
        url,
        sources=[{"type": "replay", "name": "feed", "interval": "1m", "path": str(feed)}],
        daemon={"listen": "127.0.0.1:0"},
    )


@pytest.mark.slow
def test_readiness_follows_the_database_the_sources_and_slack(
    tmp_path: Path, sqlite_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The last delivery's outcome is process-wide: start from none, whatever tests ran before.
    monkeypatch.setattr(telemetry, "_delivery", telemetry.DeliveryState())
    cfg = _config(tmp_path, sqlite_url)
    engine = open_database(sqlite_url)
    now = {"t": datetime.now(UTC)}
    readiness = Readiness(cfg, engine, slack_configured=True, clock=lambda: now["t"])
    server = OpsServer("127.0.0.1:0", readiness)
    server.start()
    try:
        assert _get(server.url + "/healthz") == (200, "ok\n")
        status, body = _get(server.url + "/readyz")
        checks = json.loads(body)["checks"]
        assert status == 200, body
        assert checks["source:feed"]["detail"] == "waiting for its first poll"
        assert checks["migrations"]["ok"] and checks["database"]["ok"]

        now["t"] += timedelta(minutes=4)  # three intervals and more: a source that never succeeded is stale
        status, body = _get(server.url + "/readyz")
        assert status == 503 and "last success never (allowed 3 min)" in body

        result = asyncio.run(poll_source(engine, cfg, cfg.sources[0], Pipeline(engine, cfg), clock=lambda: now["t"]))
        assert result.ok
        assert _get(server.url + "/readyz")[0] == 200

        telemetry.delivery_failed("slack: chat.postMessage failed: not_in_channel (invite the bot)")
        status, body = _get(server.url + "/readyz")
        assert status == 503 and "not_in_channel" in json.loads(body)["checks"]["slack"]["detail"]
        telemetry.delivery_sent()
        assert _get(server.url + "/readyz")[0] == 200

        telemetry.poll_finished("feed", seconds=0.2, ok=True, items=1)
        status, text = _get(server.url + "/metrics")
        assert status == 200
        assert metric(text, "repmon_source_poll_duration_seconds_count", source="feed") >= 1
        assert metric(text, "repmon_source_items_fetched_total", source="feed") >= 1
        for name in ("repmon_posts_ingested_total", "repmon_incidents_opened_total", "repmon_deliveries_total"):
            assert f"# TYPE {name} counter" in text
        assert _get(server.url + "/nowhere")[0] == 404
    finally:
        server.stop()
        engine.dispose()


def test_readiness_names_an_unreachable_database_without_its_password(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'gone' / 'repmon.db'}"
    cfg = _config(tmp_path, url)
    engine = open_database(f"sqlite:///{tmp_path / 'r.db'}")
    readiness = Readiness(cfg, engine, slack_configured=False)
    (tmp_path / "r.db").unlink()
    engine.dispose()
    (tmp_path / "r.db").mkdir()  # the file is now a directory: SQLite cannot open it
    checks = {c.name: c for c in readiness.checks()}
    assert not checks["database"].ok
    assert checks["database"].detail.startswith(f"database {url}:")


@pytest.mark.slow
def test_a_running_daemon_serves_endpoints_and_logs_json_without_secrets(tmp_path: Path, fake_slack: FakeSlack) -> None:
    feed = tmp_path / "feed.jsonl"
    feed.write_text("".join(o.model_dump_json() + "\n" for o in spreading_feed()))
    db = tmp_path / "repmon.db"
    cfg = tmp_path / "repmon.toml"
    cfg.write_text(
        f'[database]\nurl = "sqlite:///{db}"\n'
        f'[slack]\nchannel = "C0ALERTS"\nbase_url = "{fake_slack.url}"\n[slack.app]\nenabled = false\n'
        '[daemon]\noutbox_interval = "1s"\nlisten = "127.0.0.1:0"\nlog_format = "json"\n'
        '[[sources]]\ntype = "replay"\nname = "feed"\ninterval = "1s"\npath = "feed.jsonl"\n'
    )
    daemon = RepmonProcess(cfg, env={"SLACK_BOT_TOKEN": TOKEN})
    try:
        started = daemon.wait_for_message("started: database")
        assert f"database sqlite:///{db}" in started and "Slack channel C0ALERTS" in started
        assert "feed (replay) every 1s" in started
        assert daemon.get("/healthz") == (200, "ok\n")

        def polled(times: int) -> bool:
            text = daemon.get("/metrics")[1]
            return metric(text, "repmon_source_poll_duration_seconds_count", source="feed") >= times

        daemon.wait_for("three polls", lambda _: polled(3))
        daemon.wait_for("the alert", lambda _: bool(fake_slack.top_level()))
        daemon.wait_for("readiness", lambda _: daemon.get("/readyz")[0] == 200)
        text = daemon.get("/metrics")[1]
        assert metric(text, "repmon_source_items_fetched_total", source="feed") == 323  # 40 posts x 8, and 3
        assert metric(text, "repmon_source_poll_failures_total", source="feed") == 0
        assert metric(text, "repmon_posts_ingested_total", source="feed") == 41
        assert metric(text, "repmon_snapshots_ingested_total", source="feed") == 323
        assert metric(text, "repmon_upset_posts_total", source="feed") == 1
        assert sum(metric(text, "repmon_incidents_opened_total", level=lv) for lv in ("spreading", "viral")) == 1
        assert metric(text, "repmon_deliveries_total", outcome="sent") >= 1
        assert metric(text, "repmon_deliveries_waiting") == 0
        assert metric(text, "repmon_scoring_duration_seconds_count") >= 1
        assert metric(text, "repmon_detection_duration_seconds_count") >= 1
    finally:
        code = daemon.stop()
    assert code == 0
    events = [json.loads(line) for line in daemon.lines]  # every line is one JSON object
    assert {"ts", "level", "logger", "message"} <= set(events[0])
    polls = [e["message"] for e in events if e["message"].startswith("feed:")]
    assert len(polls) == 1 and polls[0].startswith("feed: 323 observations, 41 new posts")  # idle polls: DEBUG
    assert TOKEN not in "\n".join(daemon.lines) + daemon.stdout


def test_rate_limit_waits_are_counted(httpserver: HTTPServer) -> None:
    httpserver.expect_ordered_request("/feed").respond_with_data("slow down", status=429, headers={"Retry-After": "0"})
    httpserver.expect_ordered_request("/feed").respond_with_data("ok")

    async def fetch() -> SourceHTTP:
        async with httpx.AsyncClient() as client:
            http = SourceHTTP(client, source="feed", max_attempts=3)
            assert (await http.get(httpserver.url_for("/feed"))).status_code == 200
            return http

    http = asyncio.run(fetch())
    assert (http.rate_limit_waits, http.rate_limit_seconds) == (1, 0.0)
    before = metric(telemetry.exposition()[0].decode(), "repmon_rate_limit_waits_total", target="feed")
    telemetry.rate_limited("feed", http.rate_limit_waits, http.rate_limit_seconds)
    after = metric(telemetry.exposition()[0].decode(), "repmon_rate_limit_waits_total", target="feed")
    assert after == before + 1

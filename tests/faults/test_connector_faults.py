"""Fault matrix, connector rows: every fault at once, one source each, through `repmon poll` processes.

Each source meets its fault on the first poll; the second poll sees the source healthy again.
Per row: posts lost 0 (every post the source served is stored or, if poison, quarantined),
the process ends normally (exit 0 or 1, no traceback) and a one-line reason is recorded (a retry
line in the log for faults retried away within the poll, `last error` in `status` for the rest).
Runs on SQLite and on PostgreSQL.
"""

from __future__ import annotations

import email.utils
import json
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from tests.faults.harness import (
    OUTPUTS,
    SECRET_FEED,
    SECRET_PASSWORD,
    FakeSource,
    Reply,
    assert_no_secrets,
    fake_source,
    hn_hit,
    hn_page,
    post_ids,
    repmon,
    rows,
    rss_feed,
    write_config,
)

if TYPE_CHECKING:
    from tests.pg_schemas import PostgresSchemas

pytestmark = pytest.mark.slow

HTML_PAGE = Reply(200, b"<html><body><h1>502 Bad Gateway</h1></body></html>", {"Content-Type": "text/html"})


def _http_date(seconds_ahead: float) -> str:
    return email.utils.formatdate(time.time() + seconds_ahead, usegmt=True)


@dataclass
class Row:
    name: str  # the source's name, one per row
    replies: tuple[Reply, ...]  # the fault, served first
    recovers_within_poll: bool  # True: retried away in the first poll; False: the first poll fails
    options: dict[str, Any]
    texts: tuple[str, ...] = (f"Northwind lost my bag {0}", "Northwind crew was kind")


ROWS = [
    Row("storm-seconds", (Reply(429, b"{}", {"Retry-After": "1"}),) * 2, True, {"max_attempts": 4}),
    Row("storm-date", (Reply(429, b"{}", {"Retry-After": _http_date(1)}),) * 2, True, {"max_attempts": 4}),
    Row("storm-long", (Reply(429, b"{}", {"Retry-After": "1"}),) * 2, False, {"max_attempts": 2}),
    Row("server-5xx", (Reply(500, b"oops"), Reply(503, b"{}")), True, {"max_attempts": 3}),
    Row("timeouts", (Reply(200, b"{}", delay=3.0),), True, {"max_attempts": 2, "timeout": "1s"}),
    Row("truncated-json", (Reply(200, b'{"hits": [{"objectID": "1'),), False, {}),
    Row("invalid-utf8", (Reply(200, b'{"hits": [{"objectID": "\xff\xfe", "comment_text": "\xc3"}]}'),), False, {}),
    Row("html-error-page", (HTML_PAGE,), False, {}),
    Row("empty-page", (Reply(200, b""),), False, {}),
    Row("nul-surrogates", (), True, {}, ("Northwind \u0000 lost \ud83d my bag", "Northwind \udc00 crew")),
    Row(
        "html-and-1mb",
        (),
        True,
        {},
        ("<p>Northwind <b>lost</b> my bag<script>alert(1)</script></p>", "Northwind " + "x" * 1_000_000),
    ),
    Row("injection", (), True, {}, ("<!channel> Northwind <https://evil.test|click here> @here", "Northwind &amp; co")),
]
REPLAY_LINES = [
    '{"observed_at": "2026-11-23T10:00:00Z", "source": "replay", "id": "r-good", "text": "Northwind ok"}',
    '{"observed_at": "2026-11-23T10:00:00Z", "source": "replay", "id": "r-nul", "text": "Northwind \\u0000 nul"}',
    '{"observed_at": "2026-11-23T10:00:00Z", "source": "replay", "id": "r-sur", "text": "Northwind \\ud83d x"}',
    '{"observed_at": "2026-11-23T10:00:00Z", "source": "replay", "id": "r-big", "text": "Northwind",'
    ' "engagement": {"likes": 1e23}, "author": {"followers": 100000000000000000000000000000}}',
    '{"observed_at": "0001-01-01T00:00:00+05:00", "source": "replay", "id": "r-year1", "text": "Northwind"}',
    '{"observed_at": "2026-11-23T10:00:00Z", "source": "replay", "id": "r-future", "text": "Northwind",'
    ' "created_at": "3000-01-01T00:00:00Z"}',
    '{"observed_at": "2026-11-23T10:00:00Z", "source": "replay", "id": "r-trunc", "text": "Nort',
]
REPLAY_STORED = {"r-good", "r-nul", "r-sur", "r-big", "r-bytes"}
REPLAY_QUARANTINED = 3  # year 1 and truncated JSON (bad lines), created in the year 3000 (impossible date)


def _ids(index: int) -> list[int]:
    return [40_000_000 + index * 10 + k for k in (1, 2)]


@dataclass
class Outcome:
    db_url: str
    first: Any
    second: Any
    status_after_first: str
    fake: FakeSource
    config: Path


@pytest.fixture(scope="module", params=["sqlite", "postgres"])
def outcome(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Outcome]:
    tmp = tmp_path_factory.mktemp(f"connectors-{request.param}")
    if request.param == "sqlite":
        db_url = f"sqlite:///{tmp / 'repmon.db'}"
    else:
        db_url = request.getfixturevalue("postgres_url_module").replace("postgres@", f"postgres:{SECRET_PASSWORD}@")
    replay = tmp / "replay.jsonl"
    with replay.open("wb") as out:
        out.write("\n".join(REPLAY_LINES).encode() + b"\n")
        out.write(
            b'{"observed_at": "2026-11-23T10:00:00Z", "source": "replay", "id": "r-bytes", "text": "Northwind \xff"}\n'
        )
    with fake_source() as fake:
        sources: list[dict[str, Any]] = []
        for index, row in enumerate(ROWS):
            hits = [hn_hit(pid, text) for pid, text in zip(_ids(index), row.texts, strict=True)]
            fake.script(row.name, *row.replies, steady=hn_page(hits))
            sources.append(
                {"type": "hackernews", "name": row.name, "query": "northwind", "base_url": f"{fake.url}/{row.name}"}
                | row.options
            )
        feed = rss_feed([("rss-1", "Northwind &lt;b&gt;lost&lt;/b&gt; my bag"), ("rss-2", "Northwind fine")])
        fake.script("feed", Reply(503, b"<html>busy</html>", {"Content-Type": "text/html"}), steady=feed)
        secret_url = fake.url.replace("http://", f"http://reader:{SECRET_FEED}@") + "/feed/rss.xml"
        sources.append({"type": "rss", "name": "feed", "url": secret_url, "max_attempts": 2})
        sources.append({"type": "replay", "name": "replay", "path": str(replay)})
        config = write_config(tmp / "repmon.toml", db_url, sources)
        first = repmon("poll", "--config", str(config), timeout=150)
        status_first = repmon("status", "--config", str(config)).stdout
        second = repmon("poll", "--config", str(config), timeout=150)
        yield Outcome(db_url, first, second, status_first, fake, config)


@pytest.fixture(scope="module")
def postgres_url_module(postgres_schemas: PostgresSchemas) -> Iterator[str]:
    """A PostgreSQL schema for the whole module (the per-test fixture would re-run the processes)."""
    with postgres_schemas.fresh(migrated=True) as url:
        yield url


@pytest.mark.parametrize("index", range(len(ROWS)), ids=[row.name for row in ROWS])
def test_connector_row(outcome: Outcome, index: int) -> None:
    row = ROWS[index]
    assert outcome.first.returncode in (0, 1) and outcome.second.returncode == 0, outcome.second.stdout
    # posts lost 0: every post the source served is stored
    assert {str(i) for i in _ids(index)} <= post_ids(outcome.db_url)
    # a one-line reason recorded
    first_lines = [line for line in outcome.first.stdout.splitlines() if line.startswith(f"{row.name}:")]
    assert len(first_lines) == 1
    if row.recovers_within_poll:
        assert "FAILED" not in first_lines[0]
        if row.replies:
            retried = [
                line for line in outcome.first.stderr.splitlines() if f"{row.name}: " in line and "retry" in line
            ]
            assert retried and all("\n" not in line for line in retried)
    else:
        assert "FAILED" in first_lines[0]
        status = outcome.status_after_first.splitlines()
        at = next(i for i, line in enumerate(status) if line.startswith(row.name))
        assert "failing x1" in status[at]
        assert status[at + 1].strip().startswith("last error: ") and row.name in status[at + 1]
    healthy = rows(outcome.db_url, "SELECT consecutive_failures FROM source_state WHERE name = :n", n=row.name)
    assert healthy == [(0,)]  # the second poll succeeded


def test_poison_in_text_is_stored_clean(outcome: Outcome) -> None:
    index = next(i for i, row in enumerate(ROWS) if row.name == "nul-surrogates")
    texts = {r[0]: r[1] for r in rows(outcome.db_url, "SELECT post_id, text FROM posts")}
    for post_id in _ids(index):
        assert "\x00" not in texts[str(post_id)] and "\ufffd" in texts[str(post_id)]


def test_html_is_stripped_and_a_megabyte_post_is_stored(outcome: Outcome) -> None:
    index = next(i for i, row in enumerate(ROWS) if row.name == "html-and-1mb")
    texts = {r[0]: r[1] for r in rows(outcome.db_url, "SELECT post_id, text FROM posts")}
    html, big = (texts[str(i)] for i in _ids(index))
    assert "<b>" not in html and "<script>" not in html
    assert len(big) > 1_000_000


def test_rss_retried_and_stored(outcome: Outcome) -> None:
    stored = post_ids(outcome.db_url)
    assert any("rss-1" in p for p in stored) and any("rss-2" in p for p in stored)
    assert any("feed: " in line and "retry" in line for line in outcome.first.stderr.splitlines())


def test_replay_poison_is_stored_clean_or_quarantined(outcome: Outcome) -> None:
    assert post_ids(outcome.db_url) >= REPLAY_STORED
    held = rows(outcome.db_url, "SELECT source, reason, raw FROM quarantine WHERE source = 'replay'")
    assert len(held) == REPLAY_QUARANTINED
    assert all("\n" not in reason for _, reason, _ in held)
    assert any("year" in reason or "utc" in reason.lower() for _, reason, _ in held)
    assert "quarantined records: 3" in outcome.status_after_first  # `status` counts them
    counters = rows(outcome.db_url, "SELECT likes, author_followers FROM posts WHERE post_id = 'r-big'")
    assert counters == [(2**63 - 1, 2**63 - 1)]


def test_the_cursor_moved_past_the_poison(outcome: Outcome) -> None:
    """The second poll reads nothing new from the replay file: poison did not pin the cursor."""
    cursor = rows(outcome.db_url, "SELECT cursor FROM source_state WHERE name = 'replay'")[0][0]
    cursor = json.loads(cursor) if isinstance(cursor, str) else cursor
    assert cursor["line"] == len(REPLAY_LINES) + 1


def test_no_secret_in_any_output(outcome: Outcome) -> None:
    assert_no_secrets(*OUTPUTS)
    assert_no_secrets(*(str(r) for r in rows(outcome.db_url, "SELECT last_error FROM source_state")))

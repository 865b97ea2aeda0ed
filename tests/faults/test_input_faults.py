"""Fault matrix, input rows: bad configs of every kind and malformed observation files, via the real CLI.

Per row: the process exits with its documented status and no traceback, every problem is one
line naming where it is, nothing is half-imported, and no configured secret shows in any output.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.faults.harness import (
    SECRET_FEED,
    SECRET_PASSWORD,
    SECRET_TOKEN,
    assert_no_secrets,
    environment,
    post_ids,
    repmon,
    write_config,
)

pytestmark = pytest.mark.slow

BAD_CONFIG = f"""
[database]
url = "postgresql://repmon:{SECRET_PASSWORD}@db.internal/repmon"
databse = "typo"

[slack]
channel = "C0ALERTS"
base_url = "ftp://slack.example/api/"

[detection]
upset_threshold = 0.5
velocity_window = "ten minutes"

[[sources]]
type = "rss"
name = "feed"
url = "https://reader:{SECRET_FEED}@/feed.xml"

[[sources]]
type = "rss"
name = "feed"
url = "gopher://reader:{SECRET_FEED}@example.test/feed"

[[sources]]
type = "hackernews"
name = "hn"
query = "northwind"
base_url = "hn.algolia.com/api/v1"

[[sources]]
type = "mastodonx"

[[sources]]
name = "untyped"
"""
EXPECTED_PROBLEMS = [
    "databse: unknown key",
    "slack.base_url: must be an http:// or https:// URL",
    "detection.upset_threshold:",
    "detection.velocity_window:",
    "sources[0].url: 'https://reader:***@/feed.xml' has no host",
    "sources[1].name: two sources are named 'feed' (also sources[0])",
    "sources[1].url: 'gopher://reader:***@example.test/feed' must start with http:// or https://",
    "sources[2].base_url: 'hn.algolia.com/api/v1' must start with http:// or https://",
    "sources[3]: unknown source type 'mastodonx'",
    "sources[4]: missing 'type'",
]


def test_every_config_problem_is_reported_in_one_pass(tmp_path: Path) -> None:
    config = tmp_path / "bad.toml"
    config.write_text(BAD_CONFIG)
    done = repmon("check-config", "--config", str(config))
    assert done.returncode == 2
    for expected in EXPECTED_PROBLEMS:
        assert expected in done.stderr, f"{expected!r} missing from:\n{done.stderr}"
    assert_no_secrets(done.stdout, done.stderr)


@pytest.mark.parametrize(
    ("content", "reason"),
    [("[database\nurl = 1", "not valid TOML"), (None, "cannot read")],
    ids=["invalid-toml", "missing-file"],
)
def test_an_unreadable_config_is_one_line(tmp_path: Path, content: str | None, reason: str) -> None:
    config = tmp_path / "repmon.toml"
    if content is not None:
        config.write_text(content)
    done = repmon("check-config", "--config", str(config))
    assert done.returncode == 2 and reason in done.stderr
    assert len(done.stderr.strip().splitlines()) == 2  # "invalid configuration in ..." and the reason


def test_a_channel_without_its_token_is_an_error_not_the_console(tmp_path: Path) -> None:
    config = write_config(tmp_path / "repmon.toml", f"sqlite:///{tmp_path / 'r.db'}", [], slack={"channel": "C0ALERTS"})
    env = environment()
    env.pop("SLACK_BOT_TOKEN")
    checked = repmon("check-config", "--config", str(config), env=env)
    started = repmon("run", "--config", str(config), env=env, timeout=60)
    for done in (checked, started):
        assert done.returncode == 2 and "SLACK_BOT_TOKEN" in done.stderr


def test_check_config_masks_every_credential(tmp_path: Path) -> None:
    config = tmp_path / "repmon.toml"
    config.write_text(
        f'[database]\nurl = "postgresql://repmon:{SECRET_PASSWORD}@db.internal/repmon"\n'
        '[[sources]]\ntype = "rss"\nname = "feed"\n'
        f'url = "https://reader:{SECRET_FEED}@feeds.example/alerts?token={SECRET_TOKEN}"\n'
    )
    done = repmon("check-config", "--offline", "--config", str(config))
    assert done.returncode == 0, done.stderr
    assert_no_secrets(done.stdout, done.stderr)


def _line(post_id: str, **fields: object) -> str:
    data: dict[str, object] = {
        "observed_at": "2026-11-23T10:00:00Z",
        "source": "reddit",
        "id": post_id,
        "text": f"Northwind Air {post_id}",
    }
    data.update(fields)
    return json.dumps(data)


MALFORMED: list[tuple[bytes, str | None]] = [  # (line, the reason reported, or None when it is stored)
    (_line("good-1").encode(), None),
    (b'{"observed_at": "2026-11-23T10:00:00Z", "source": "reddit", "id": "cut', "not JSON"),
    (b"[1, 2, 3]", "not a JSON object"),
    (b'{"source": "reddit", "id": "x", "text": "Northwind"}', "observed_at: field required"),
    (_line("year1", observed_at="0001-01-01T00:00:00+05:00").encode(), "cannot be expressed in utc"),
    (_line("future", created_at="3000-01-01T00:00:00Z").encode(), "impossible"),
    (_line("long-id" + "9" * 300).encode(), "at most 255 fit"),
    (b'{"observed_at": "2026-11-23T10:00:00Z", "source": "reddit", "id": "bytes", "text": "Northwind \xff"}', "UTF-8"),
    (_line("nul", text="Northwind \u0000 Air").encode(), None),
    (_line("surrogate", text="Northwind \ud83d Air").encode(), None),
    (_line("huge", engagement={"likes": 10**30}, author={"followers": 1e30}).encode(), None),
    (b"", None),
    (_line("good-2").encode(), None),
]
STORED = {"good-1", "nul", "surrogate", "huge", "good-2"}


@pytest.fixture
def observation_file(tmp_path: Path) -> Path:
    path = tmp_path / "history.jsonl"
    path.write_bytes(b"\n".join(line for line, _ in MALFORMED) + b"\n")
    return path


def _assert_every_bad_line_reported(stderr: str) -> None:
    for number, (_, reason) in enumerate(MALFORMED, start=1):
        if reason is not None:
            reported = [line for line in stderr.splitlines() if f": line {number}: " in line]
            assert len(reported) == 1 and reason in reported[0], f"line {number} ({reason}) in:\n{stderr}"


def test_import_reports_every_bad_line_and_stores_the_rest(tmp_path: Path, observation_file: Path, db_url: str) -> None:
    db = db_url  # both databases: NUL is refused by PostgreSQL only, a lone surrogate by both
    config = write_config(tmp_path / "repmon.toml", db, [])
    strict = repmon("import", str(observation_file), "--config", str(config), "--strict")
    assert strict.returncode == 1 and "nothing imported" in strict.stderr
    _assert_every_bad_line_reported(strict.stderr)
    assert post_ids(db) == set()  # --strict refused before writing anything
    done = repmon("import", str(observation_file), "--config", str(config))
    assert done.returncode == 0, done.stderr
    _assert_every_bad_line_reported(done.stderr)
    assert "imported 5 observations: 5 new posts" in done.stdout and "7 line(s) skipped" in done.stdout
    assert post_ids(db) == STORED


def test_backtest_reports_every_bad_line_and_prints_its_summary(tmp_path: Path, observation_file: Path) -> None:
    config = write_config(tmp_path / "repmon.toml", f"sqlite:///{tmp_path / 'r.db'}", [])
    done = repmon("backtest", str(observation_file), "--config", str(config))
    assert done.returncode == 0, done.stderr
    _assert_every_bad_line_reported(done.stderr)
    assert "alert(s); 7 line(s) skipped" in done.stdout

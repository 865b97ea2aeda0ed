"""The command line as ops meet it: clear one-line failures, no secrets anywhere, honest reports."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from typer.testing import CliRunner

from monitor.cli import app
from tests.builders import obs

runner = CliRunner()
TOKEN = "xoxb-cli-secret-0123456789"
PASSWORD = "hunter2-database-password"
APP_TOKEN = "xapp-1-A0-app-level-secret"

# a process where the PostgreSQL driver is not installed, as after a plain `pip install repmon`
NO_DRIVER = """
import importlib.abc, sys
class NoPsycopg(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path, target=None):
        if name.split(".")[0] in ("psycopg", "psycopg2"):
            raise ModuleNotFoundError(f"No module named {name!r}", name=name)
sys.meta_path.insert(0, NoPsycopg())
from monitor.cli import main
sys.argv = ["repmon", *sys.argv[1:]]
main()
"""


def _repmon(*args: str, env: dict[str, str] | None = None, code: str | None = None) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-c", code, *args] if code else [sys.executable, "-m", "monitor", *args]
    return subprocess.run(command, capture_output=True, text=True, env={**os.environ, **(env or {})}, timeout=120)


class _Done:
    """What a command printed and returned, whether it ran in this process or in its own."""

    def __init__(self, returncode: int, stdout: str, stderr: str) -> None:
        self.returncode, self.stdout, self.stderr = returncode, stdout, stderr


def _cli(*args: str, env: dict[str, str] | None = None) -> _Done:
    """In process (fast); an exception escaping the central handler fails the test with its traceback."""
    result = runner.invoke(app, list(args), env=env)
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return _Done(result.exit_code, result.stdout, result.stderr)


def _config(tmp_path: Path, url: str, extra: str = "") -> Path:
    path = tmp_path / "repmon.toml"
    path.write_text(f'[database]\nurl = "{url}"\n{extra}')
    return path


def _one_clear_line(done: _Done | subprocess.CompletedProcess[str], *fragments: str) -> None:
    assert done.returncode == 2, done.stderr
    lines = [line for line in done.stderr.strip().splitlines() if line.startswith("repmon:")]  # logs aside
    assert len(lines) == 1, done.stderr
    assert "Traceback" not in done.stderr
    for fragment in fragments:
        assert fragment in lines[0], lines[0]


@pytest.mark.slow
def test_a_bad_sqlite_path_is_one_line_in_every_command(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'missing-dir' / 'repmon.db'}"
    cfg = _config(tmp_path, url, '[[sources]]\ntype = "replay"\npath = "feed.jsonl"\n')
    empty = tmp_path / "empty.jsonl"
    empty.write_text("")
    for command in (["export"], ["db", "upgrade"], ["db", "prune"], ["import", str(empty)], ["poll", "--once"]):
        done = _cli(*command, "--config", str(cfg))
        _one_clear_line(done, f"repmon: database {url}: unable to open database file", "directory does not exist")
    checked = _cli("check-config", "--config", str(cfg))
    assert checked.returncode == 2 and "directory" in checked.stderr and "does not exist" in checked.stderr
    assert not (tmp_path / "missing-dir").exists()  # nothing was created


@pytest.mark.slow
def test_a_bad_sqlite_path_is_one_line_from_a_real_process(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'missing-dir' / 'repmon.db'}"
    done = _repmon("status", "--config", str(_config(tmp_path, url)))  # exit 2, no traceback
    _one_clear_line(done, f"repmon: database {url}: unable to open database file")
    assert not (tmp_path / "missing-dir").exists()


def test_an_unreachable_postgres_names_the_url_without_its_password(tmp_path: Path) -> None:
    cfg = _config(tmp_path, f"postgresql://repmon:{PASSWORD}@127.0.0.1:9/repmon")
    done = _cli("status", "--config", str(cfg))
    _one_clear_line(done, "postgresql+psycopg://repmon:***@127.0.0.1:9/repmon", "Connection refused", "is the server")
    assert PASSWORD not in done.stderr + done.stdout
    offline = _cli("check-config", "--offline", "--config", str(cfg))
    assert offline.returncode == 0 and "not contacted (--offline)" in offline.stdout
    online = _cli("check-config", "--config", str(cfg))
    assert online.returncode == 2 and "Connection refused" in online.stderr
    assert PASSWORD not in online.stdout + online.stderr


@pytest.mark.slow
def test_an_unreachable_postgres_is_one_line_without_its_password_from_a_real_process(tmp_path: Path) -> None:
    cfg = _config(tmp_path, f"postgresql://repmon:{PASSWORD}@127.0.0.1:9/repmon")
    done = _repmon("status", "--config", str(cfg))
    _one_clear_line(done, "postgresql+psycopg://repmon:***@127.0.0.1:9/repmon", "Connection refused", "is the server")
    assert PASSWORD not in done.stderr + done.stdout


@pytest.mark.slow  # a process without the PostgreSQL driver
def test_a_missing_postgres_driver_says_what_to_install(tmp_path: Path) -> None:
    cfg = _config(tmp_path, "postgresql+psycopg://repmon@127.0.0.1/repmon")
    done = _repmon("status", "--config", str(cfg), code=NO_DRIVER)
    _one_clear_line(done, "database postgresql+psycopg://repmon@127.0.0.1/repmon", 'pip install "repmon[postgres]"')
    assert "the PostgreSQL driver is not installed" in done.stderr


def test_a_wrong_database_name_says_to_create_it(tmp_path: Path) -> None:
    base = os.environ.get("REPMON_TEST_DATABASE_URL")
    if not base:
        pytest.skip("REPMON_TEST_DATABASE_URL is not set; .ci/run sets it to the local PostgreSQL server")
    url = base.rsplit("/", 1)[0] + "/repmon_no_such_database"
    done = _cli("status", "--config", str(_config(tmp_path, url)))
    _one_clear_line(done, 'database "repmon_no_such_database" does not exist', "create it")


@pytest.mark.slow  # twelve commands against PostgreSQL: about a second even on a quiet machine
def test_no_output_shows_a_configured_secret(tmp_path: Path, postgres_url: str) -> None:
    """Every command, successful or failing, with a password in the URL and a token in the environment."""
    with_password = postgres_url.replace("postgres@", f"postgres:{PASSWORD}@", 1)  # trust auth ignores it
    assert PASSWORD in with_password
    feed = tmp_path / "feed.jsonl"
    feed.write_text(obs("a", 1, "Northwind Air lost my bag and nobody answers").model_dump_json() + "\n")
    cfg = _config(
        tmp_path,
        with_password,
        '[slack]\nchannel = "C0ALERTS"\nbase_url = "http://127.0.0.1:9/api/"\n'
        '[slack.app]\nmode = "socket"\n'
        '[[sources]]\ntype = "replay"\nname = "feed"\npath = "feed.jsonl"\n',
    )
    env = {"SLACK_BOT_TOKEN": TOKEN, "SLACK_SIGNING_SECRET": "signing-secret-abcdef", "SLACK_APP_TOKEN": APP_TOKEN}
    outputs = []
    for command in (
        ["check-config"],
        ["db", "upgrade"],
        ["db", "current"],
        ["poll", "--once", "--verbose"],
        ["status"],
        ["export", "--format", "csv"],
        ["import", str(feed)],
        ["backtest", str(feed)],
        ["db", "prune"],
    ):
        done = _cli(*command, "--config", str(cfg), env=env)
        outputs.append(done.stdout + done.stderr)
    broken = _config(tmp_path, with_password.replace("127.0.0.1:5432", "127.0.0.1:9"))
    for command in (["status"], ["check-config"], ["poll", "--once"]):
        done = _cli(*command, "--config", str(broken), env=env)
        outputs.append(done.stdout + done.stderr)
    everything = "\n".join(outputs)
    assert "postgres:***@" in everything  # the URL is named, masked
    for secret in (PASSWORD, TOKEN, "signing-secret-abcdef", APP_TOKEN):
        assert secret not in everything


@pytest.mark.slow
def test_backtest_says_which_config_it_used_and_what_the_brand_filter_dropped(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = tmp_path / "data.jsonl"
    data.write_text("".join(obs(f"p{n}", n, "Lovely crew on Contoso today").model_dump_json() + "\n" for n in range(3)))
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("REPMON_CONFIG", raising=False)
    (tmp_path / "repmon.toml").write_text('[[brands]]\nname = "Northwind Air"\ninclude = ["northwind"]\n')
    result = runner.invoke(app, ["backtest", str(data)])
    assert result.exit_code == 0, result.output
    assert "config repmon.toml (found in the working directory); brands Northwind Air" in result.stderr
    assert "the brand filter dropped all 3 observations" in result.stderr
    (tmp_path / "repmon.toml").unlink()
    plain = runner.invoke(app, ["backtest", str(data)])
    assert "built-in defaults" in plain.stderr and "no brands (every post is kept)" in plain.stderr
    assert "dropped" not in plain.stderr


@pytest.mark.slow
def test_export_relative_since_brand_and_csv(tmp_path: Path) -> None:
    cfg = _config(
        tmp_path,
        f"sqlite:///{tmp_path / 'r.db'}",
        '[[brands]]\nname = "Northwind Air"\ninclude = ["northwind"]\n',
    )
    now = datetime.now(UTC).replace(microsecond=0)
    history = tmp_path / "h.jsonl"
    rows = [
        obs("old", 0, "Northwind Air lost my bag", likes=3).model_copy(
            update={"observed_at": now - timedelta(days=10), "created_at": now - timedelta(days=10)}
        ),
        obs("new", 0, "Northwind Air crew were lovely, thanks", likes=5).model_copy(
            update={"observed_at": now - timedelta(hours=2), "created_at": now - timedelta(hours=3)}
        ),
        obs("other", 0, "Contoso is fine").model_copy(update={"observed_at": now}),
    ]
    history.write_text("".join(r.model_dump_json() + "\n" for r in rows))
    imported = runner.invoke(app, ["import", str(history), "--config", str(cfg)])
    assert "1 of 3 observation(s) dropped by the brand filter" in imported.stderr
    recent = runner.invoke(app, ["export", "--config", str(cfg), "--since", "7d"])
    assert recent.exit_code == 0, recent.output
    [line] = [json.loads(x) for x in recent.stdout.splitlines()]
    assert line["id"] == "new" and line["brand"] == "Northwind Air"
    table = runner.invoke(app, ["export", "--config", str(cfg), "--format", "csv"])
    parsed = list(csv.DictReader(io.StringIO(table.stdout)))
    assert [r["id"] for r in parsed] == ["old", "new"]
    assert parsed[1]["brand"] == "Northwind Air" and parsed[1]["likes"] == "5" and parsed[0]["label"] == "negative"
    assert parsed[1]["observed_at"] == (now - timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M:%SZ")
    bad = runner.invoke(app, ["export", "--config", str(cfg), "--since", "last tuesday"])
    assert bad.exit_code == 2 and "expected a time such as 7d" in bad.stderr


@pytest.mark.slow
def test_db_commands_migrate_report_and_prune(tmp_path: Path) -> None:
    db = tmp_path / "r.db"
    cfg = _config(tmp_path, f"sqlite:///{db}")
    before = _cli("db", "current", "--config", str(cfg))
    assert before.returncode == 0 and "not created yet" in before.stdout and not db.exists()  # nothing created
    upgraded = _cli("db", "upgrade", "--config", str(cfg))
    assert upgraded.returncode == 0 and upgraded.stdout.strip().endswith("(current)")
    assert "schema at" in _cli("db", "current", "--config", str(cfg)).stdout
    pruned = _cli("db", "prune", "--config", str(cfg))
    assert pruned.returncode == 0 and "retention: 0 snapshots thinned" in pruned.stdout
    assert "rows: posts 0 -> 0" in pruned.stdout


@pytest.mark.slow
def test_the_daemon_runs_retention_and_counts_it(tmp_path: Path) -> None:
    from monitor import telemetry
    from monitor.config import load
    from monitor.daemon import Daemon
    from monitor.pipeline import Pipeline
    from monitor.store.database import open_database
    from tests.processes import metric

    cfg = load(_config(tmp_path, f"sqlite:///{tmp_path / 'r.db'}"))
    engine = open_database(cfg.database.url)
    old = datetime.now(UTC) - cfg.retention.posts_for - timedelta(days=1)
    Pipeline(engine, cfg).ingest([obs("old", 0).model_copy(update={"observed_at": old, "created_at": old})])
    text = telemetry.exposition()[0].decode()
    before = metric(text, "repmon_retention_deleted_total", table="posts")
    Daemon(cfg, engine).retain()
    after = metric(telemetry.exposition()[0].decode(), "repmon_retention_deleted_total", table="posts")
    assert after == before + 1
    engine.dispose()


def test_import_counts_what_it_set_aside_once_not_also_as_off_brand(tmp_path: Path) -> None:
    """A sighting dated in the future is quarantined after the brand filter kept it: the summary
    said "-1 outside the configured brands" and blamed the brand filter for it."""
    cfg = _config(
        tmp_path,
        f"sqlite:///{tmp_path / 'q.db'}",
        '[[brands]]\nname = "Northwind Air"\ninclude = ["northwind"]\n',
    )
    now = datetime.now(UTC).replace(microsecond=0)
    rows = [
        obs("past", 0, "Northwind Air lost my bag").model_copy(
            update={"observed_at": now - timedelta(hours=2), "created_at": now - timedelta(hours=3)}
        ),
        obs("future", 0, "Northwind Air lost my bag too").model_copy(
            update={"observed_at": now + timedelta(days=2), "created_at": now - timedelta(hours=3)}
        ),
        obs("other", 0, "Contoso is fine").model_copy(update={"observed_at": now - timedelta(hours=1)}),
    ]
    history = tmp_path / "q.jsonl"
    history.write_text("".join(r.model_dump_json() + "\n" for r in rows))
    imported = runner.invoke(app, ["import", str(history), "--config", str(cfg)])
    assert imported.exit_code == 0, imported.output
    assert "1 new posts, 0 updated, 1 outside the configured brands, 0 unscored, 1 quarantined" in imported.stdout
    assert "1 of 3 observation(s) dropped by the brand filter" in imported.stderr

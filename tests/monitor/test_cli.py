"""The command line as users and scripts call it."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from monitor import __version__
from monitor.cli import app
from tests.builders import obs

runner = CliRunner()


def test_version_and_help() -> None:
    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0 and result.stdout.strip() == f"repmon {__version__}"
    help_text = runner.invoke(app, ["--help"]).stdout
    for command in ("demo", "check-config", "poll", "run", "backtest", "import", "export"):
        assert command in help_text


@pytest.mark.slow
def test_python_dash_m_is_the_same_program() -> None:
    done = subprocess.run([sys.executable, "-m", "monitor", "--version"], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == f"repmon {__version__}"


@pytest.mark.slow
def test_demo_prints_the_alert_as_slack_shows_it() -> None:
    result = runner.invoke(app, ["demo"])
    assert result.exit_code == 0, result.output
    assert "using the bundled demo config" in result.stderr  # never the ./repmon.toml of wherever it runs
    out = result.stdout
    assert "Spreading: Northwind Air" in out or "Viral: Northwind Air" in out
    assert "cancelled my flight to Denver" in out
    assert "Why this alerted" in out and "this source's median rate" in out
    assert "Suggested reply" in out and "[ Acknowledge ]" in out
    assert "thread reply" in out and "escalated from spreading to viral" in out
    assert "1 incident(s) alerted" in out
    # the draft is acknowledgment-first: the apology comes before any configured fact
    draft = out.split("Suggested reply", 1)[1]
    assert draft.lower().index("sorry") < draft.find("business days") or "business days" not in draft


@pytest.mark.slow
def test_import_then_export_round_trip(tmp_path: Path) -> None:
    config = tmp_path / "repmon.toml"
    config.write_text(f'[database]\nurl = "sqlite:///{tmp_path / "r.db"}"\n')
    data = tmp_path / "history.jsonl"
    lines = [
        obs("a", 1, "Northwind Air cancelled my flight and kept my money. Never again.", likes=2).model_dump_json(),
        obs("a", 11, "Northwind Air cancelled my flight and kept my money. Never again.", likes=7).model_dump_json(),
        '{"source": "reddit", "id": "broken"}',
        obs("b", 5, "Lovely crew on Northwind Air today!", likes=1)
        .model_dump_json()
        .replace('"lang":"en"', '"lang":"en","flair":"Trip report"'),
    ]
    data.write_text("\n".join(lines) + "\n")
    result = runner.invoke(app, ["import", str(data), "--config", str(config)])
    assert result.exit_code == 0, result.output
    assert "imported 3 observations: 2 new posts" in result.stdout
    assert "line 3: observed_at: field required" in result.stderr
    again = runner.invoke(app, ["import", str(data), "--config", str(config)])
    assert "0 new posts" in again.stdout  # idempotent
    strict = runner.invoke(app, ["import", str(data), "--config", str(config), "--strict"])
    assert strict.exit_code == 1 and "nothing imported" in strict.stderr

    exported = runner.invoke(app, ["export", "--config", str(config)])
    assert exported.exit_code == 0
    rows = [json.loads(line) for line in exported.stdout.splitlines()]
    assert [r["id"] for r in rows] == ["b", "a"]  # by last observation time
    a = rows[1]
    assert a["engagement"]["likes"] == 7 and a["observed_at"] == "2026-11-20T09:11:00Z"
    assert a["sentiment"]["label"] == "negative" and a["sentiment"]["compound"] < -0.3
    assert rows[0]["flair"] == "Trip report"  # unknown keys survive the round trip
    since = runner.invoke(app, ["export", "--config", str(config), "--since", "2026-11-20T09:10:00+00:00"])
    assert [json.loads(line)["id"] for line in since.stdout.splitlines()] == ["a"]


@pytest.mark.slow
def test_poll_once_with_a_replay_source(tmp_path: Path) -> None:
    feed = tmp_path / "feed.jsonl"
    feed.write_text(obs("a", 1).model_dump_json() + "\n")
    config = tmp_path / "repmon.toml"
    config.write_text(
        f'[database]\nurl = "sqlite:///{tmp_path / "r.db"}"\n'
        '[[sources]]\ntype = "replay"\nname = "feed"\npath = "feed.jsonl"\n'
    )
    result = runner.invoke(app, ["poll", "--once", "--config", str(config)])
    assert result.exit_code == 0, result.output
    assert "feed: 1 observations, 1 new posts" in result.stdout
    status = runner.invoke(app, ["status", "--config", str(config)])
    assert "feed" in status.stdout and " ok " in status.stdout
    feed.unlink()
    failed = runner.invoke(app, ["poll", "--once", "--config", str(config)])
    assert failed.exit_code == 1 and "FAILED" in failed.stdout
    assert "failing x1" in runner.invoke(app, ["status", "--config", str(config)]).stdout

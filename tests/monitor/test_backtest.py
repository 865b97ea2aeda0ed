"""Detection judged on the bundled demo and on the scenario files (tests/fixtures/scenarios)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from monitor.backtest import run_backtest
from monitor.cli import app
from monitor.config import Config
from tests.conftest import OWN_FIXTURES, REPO

pytestmark = pytest.mark.slow  # real data or processes: left out of the inner loop (-m "not slow")

SCENARIOS = OWN_FIXTURES / "scenarios"
DEMO = REPO / "monitor" / "demo" / "northwind"


@pytest.mark.parametrize(
    ("name", "incidents"),
    [
        ("quiet_day", 0),
        ("viral_praise", 0),
        ("slow_burn_echo", 1),
        ("influencer_complaint", 1),
        ("velocity_spike_reddit", 1),
        ("two_incidents", 2),
    ],
)
def test_scenarios_are_caught_without_false_alerts(name: str, incidents: int) -> None:
    path = SCENARIOS / f"{name}.jsonl"
    result = run_backtest(path, Config(), SCENARIOS / f"{name}.labels.jsonl")
    metrics = result.metrics
    assert metrics is not None
    assert metrics["caught_incidents"] == incidents == metrics["labelled_incidents"]
    assert metrics["false_alerts"] == 0, [a["reasons"] for a in result.alerts]
    if incidents:
        assert metrics["lead_time_minutes"]["min"] >= 0  # caught by the peak, never after it


def test_demo_raises_one_critical_incident_with_every_echo() -> None:
    result = run_backtest(DEMO.with_suffix(".jsonl"), Config(), DEMO.with_suffix(".labels.jsonl"))
    [alert] = result.alerts
    assert alert["level"] == "viral"
    labels = [json.loads(line) for line in DEMO.with_suffix(".labels.jsonl").read_text().splitlines()]
    spreading = {(label["source"], label["id"]) for label in labels if label["spreading"]}
    assert {tuple(p) for p in alert["posts"]} >= spreading
    kinds = " ".join(alert["reasons"])
    assert "this source's median rate" in kinds and "echoed by" in kinds and "high-reach author" in kinds
    assert result.metrics is not None and result.metrics["precision"] == 1.0


def test_backtest_json_contract(tmp_path: Path) -> None:
    source = (SCENARIOS / "influencer_complaint.jsonl").read_text().splitlines()
    broken = tmp_path / "with_bad_lines.jsonl"
    broken.write_text("\n".join([source[0], "not json", '{"source": "x"}', *source[1:]]) + "\n")
    result = CliRunner().invoke(
        app,
        ["backtest", str(broken), "--labels", str(SCENARIOS / "influencer_complaint.labels.jsonl"), "--json"],
    )
    assert result.exit_code == 0, result.output
    out = json.loads(result.stdout)
    assert out["skipped_lines"] == 2
    [alert] = out["alerts"]
    assert set(alert) == {"incident", "source", "id", "at", "level", "score", "reasons", "posts", "draft"}
    assert alert["incident"] == f"{alert['source']}:{alert['id']}"
    assert all(isinstance(p, list) and len(p) == 2 for p in alert["posts"])
    assert set(out["metrics"]) >= {"precision", "recall", "lead_time_minutes"}
    assert "line 2: not JSON" in result.stderr and "line 3:" in result.stderr

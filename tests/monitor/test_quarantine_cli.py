"""`repmon quarantine list|show|retry|drop` and the quarantine count in `repmon status`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from monitor.cli import app
from monitor.store.database import open_database, transaction
from monitor.store.quarantine import Reject, list_held, set_aside
from tests.builders import T0

runner = CliRunner()
GOOD = {"observed_at": "2026-11-23T10:00:00Z", "source": "replay", "id": "ok", "text": "Northwind Air was fine"}


def _setup(tmp_path: Path) -> tuple[Path, str]:
    feed = tmp_path / "feed.jsonl"
    feed.write_text(
        json.dumps(GOOD) + "\n" + json.dumps(GOOD | {"id": "y1", "observed_at": "0001-01-01T00:00:00+05:00"}) + "\n"
    )
    url = f"sqlite:///{tmp_path / 'r.db'}"
    config = tmp_path / "repmon.toml"
    config.write_text(f'[database]\nurl = "{url}"\n[[sources]]\ntype = "replay"\nname = "r"\npath = "{feed}"\n')
    return config, url


@pytest.mark.slow
def test_list_show_retry_drop(tmp_path: Path) -> None:
    config, url = _setup(tmp_path)
    polled = runner.invoke(app, ["poll", "--config", str(config)])
    assert polled.exit_code == 0, polled.output
    assert "1 quarantined" in polled.stdout
    engine = open_database(url)
    with transaction(engine) as uow:  # a record the store refused under an older release, fine today
        set_aside(uow, [Reject("r", "ValueError: refused by an old bug", GOOD | {"id": "later"}, "later")], "poll", T0)
    refused, fixed = list_held(engine)

    status = runner.invoke(app, ["status", "--config", str(config)])
    assert "quarantined records: 2" in status.stdout and "quarantined 2" in status.stdout

    listed = runner.invoke(app, ["quarantine", "list", "--config", str(config)])
    assert f"#{refused.id}" in listed.stdout and "cannot be expressed in utc" in listed.stdout
    assert "2 record(s) in quarantine" in listed.stdout
    shown = runner.invoke(app, ["quarantine", "show", str(refused.id), "--config", str(config)])
    assert "0001-01-01T00:00:00+05:00" in shown.stdout  # the line exactly as received

    retried = runner.invoke(app, ["quarantine", "retry", "--all", "--config", str(config)])
    assert retried.exit_code == 1  # one is still refused
    assert f"#{fixed.id}: stored" in retried.stdout and f"#{refused.id}: still refused" in retried.stdout
    [still] = list_held(engine)
    assert still.id == refused.id and still.retries == 1

    dropped = runner.invoke(app, ["quarantine", "drop", str(refused.id), "--config", str(config)])
    assert "dropped 1 record(s)" in dropped.stdout and list_held(engine) == []
    missing = runner.invoke(app, ["quarantine", "show", "999", "--config", str(config)])
    assert missing.exit_code == 1 and "no quarantined record #999" in missing.stderr
    engine.dispose()

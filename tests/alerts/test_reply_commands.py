"""`repmon draft` and `repmon check-reply`: output, JSON shapes and exit codes as users and scripts see them."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from monitor.cli import app
from monitor.core.platforms import known_platforms
from tests.conftest import first_in_the_inner_loop

runner = CliRunner()

CONFIG = """
[reply]
team_name = "Maya at Northwind"
private_channel = "a DM"
support_email = "help@northwind.example"

[facts.refund]
facts = ["Refunds reach your card within 5 business days of approval."]
remedy = "We can refund the fare today."
"""


@pytest.fixture
def config(tmp_path: Path) -> Path:
    path = tmp_path / "repmon.toml"
    path.write_text(CONFIG, encoding="utf-8")
    return path


def test_check_reply_exits_0_when_fine_and_1_with_findings_in_the_documented_shape(config: Path) -> None:
    good = runner.invoke(app, ["check-reply", "--json", "-c", str(config), "I'm so sorry we lost your bag."])
    assert good.exit_code == 0, good.output
    assert json.loads(good.stdout) == {"ok": True, "findings": []}
    bad = runner.invoke(
        app, ["check-reply", "--json", "-c", str(config), "Sorry you feel that way. Per our policy, no."]
    )
    assert bad.exit_code == 1
    data = json.loads(bad.stdout)
    assert data["ok"] is False
    assert {f["rule"] for f in data["findings"]} >= {"non_apology", "policy"}
    assert all(set(f) == {"rule", "words", "why", "suggestion"} for f in data["findings"])


def test_check_reply_uses_the_configured_facts_and_the_platform(config: Path) -> None:
    backed = runner.invoke(app, ["check-reply", "-c", str(config), "I'm so sorry. We can refund the fare today."])
    assert backed.exit_code == 0 and "ok: no problems found" in backed.stdout
    unbacked = runner.invoke(app, ["check-reply", "-c", str(config), "I'm so sorry. We'll send you a voucher."])
    assert unbacked.exit_code == 1 and "unbacked_promise" in unbacked.stdout and "try:" in unbacked.stdout
    dm = runner.invoke(app, ["check-reply", "-p", "hackernews", "I'm sorry about this. DM us."])
    assert dm.exit_code == 1 and "no_dms" in dm.stdout


def test_draft_json_shape(config: Path) -> None:
    post = "Northwind cancelled my flight the night before my sister's wedding. Still no refund."
    result = runner.invoke(app, ["draft", "--json", "-p", "bluesky", "-c", str(config), post])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert set(data) == {"draft", "kind", "lead_note", "language", "findings"}
    assert data["kind"] == "complaint" and data["language"] == "en" and data["findings"] == []
    assert "wedding" in data["draft"].split(".")[0]
    assert len(data["draft"]) <= 300


def test_draft_for_an_abusive_post_is_a_lead_note(config: Path) -> None:
    result = runner.invoke(app, ["draft", "--json", "-c", str(config), "your staff are brain-dead morons"])
    data = json.loads(result.stdout)
    assert data["kind"] == "abusive" and data["draft"] == "" and data["lead_note"].startswith("Flagged for a lead")


@pytest.mark.parametrize("platform", first_in_the_inner_loop(known_platforms()))  # a whole `repmon draft` each
def test_every_platform_is_accepted(platform: str) -> None:
    result = runner.invoke(app, ["draft", "-p", platform, "My parcel never arrived and nobody answers."])
    assert result.exit_code == 0, result.output
    assert "kind: complaint" in result.stdout


def test_bad_input_is_one_clear_line() -> None:
    unknown = runner.invoke(app, ["draft", "-p", "myspace", "hello"])
    assert unknown.exit_code == 2 and "unknown platform 'myspace'" in unknown.output
    empty = runner.invoke(app, ["check-reply", "   "])
    assert empty.exit_code == 2 and "the text is empty" in empty.output
    assert "Traceback" not in unknown.output + empty.output


@pytest.mark.slow
def test_check_reply_as_a_process_reads_stdin_and_sets_the_exit_code() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "monitor", "check-reply", "--json", "-"],
        input="We apologise for any inconvenience.",
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 1, done.stderr
    assert json.loads(done.stdout)["findings"][0]["rule"] in {"no_acknowledgment", "non_apology"}

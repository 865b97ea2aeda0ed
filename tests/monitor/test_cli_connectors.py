"""`repmon connectors`: one line per type, and a JSON list whose examples pass check-config."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from connectors import registry
from monitor.cli import app
from tests.conftest import first_in_the_inner_loop
from tests.connectors.test_suite import _toml


def test_lists_every_connector_with_its_credentials() -> None:
    result = CliRunner().invoke(app, ["connectors"])
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert [line.split()[0] for line in lines] == list(registry())
    for line, cls in zip(lines, registry().values(), strict=True):
        assert cls.summary in line
        for credential in cls.credentials:
            assert f"${credential.env}" in line


def _config_for(tmp_path: Path, example: dict[str, object]) -> Path:
    body = "\n".join(f"{key} = {_toml(value)}" for key, value in example.items())
    path = tmp_path / f"{example['type']}.toml"
    path.write_text(f"[[sources]]\n{body}\n", encoding="utf-8")
    if example["type"] == "replay":
        (tmp_path / str(example["path"])).write_text("", encoding="utf-8")
    return path


@pytest.mark.parametrize("kind", first_in_the_inner_loop(registry()))  # a whole `repmon check-config` each
def test_json_example_passes_check_config_once_its_variables_are_set(
    kind: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    result = CliRunner().invoke(app, ["connectors", "--json"])
    assert result.exit_code == 0
    described = {item["type"]: item for item in json.loads(result.output)}
    item = described[kind]
    assert set(item) >= {"type", "summary", "credentials", "example"}
    assert all(set(c) == {"env", "required"} for c in item["credentials"])
    config = _config_for(tmp_path, item["example"])
    for credential in item["credentials"]:
        monkeypatch.delenv(credential["env"], raising=False)
    required = [c["env"] for c in item["credentials"] if c["required"]]
    if required:
        refused = CliRunner().invoke(app, ["check-config", "-c", str(config)])
        assert refused.exit_code == 2
        assert all(f"${env} is not set" in refused.output for env in required), refused.output
    for credential in item["credentials"]:
        monkeypatch.setenv(credential["env"], "set-for-the-test")
    accepted = CliRunner().invoke(app, ["check-config", "-c", str(config)])
    assert accepted.exit_code == 0, accepted.output
    assert "OK (1 sources, 0 brands)" in accepted.output

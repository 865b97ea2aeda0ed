from __future__ import annotations

import tomllib
from datetime import timedelta
from pathlib import Path

import pytest
from pydantic import BaseModel
from typer.testing import CliRunner

from alerts.config import SlackAppConfig
from connectors import registry
from monitor import config as cfg
from monitor.cli import app
from tests.conftest import REPO

EXAMPLE = REPO / "config.example.toml"


def test_example_config_is_valid() -> None:
    loaded = cfg.load(EXAMPLE)
    names = [s.source_name for s in loaded.sources]
    assert names[:3] == ["hn", "google-alerts", "replay"]
    assert {"bluesky", "stackoverflow", "github", "youtube", "appstore", "googleplay"} <= set(names)
    assert loaded.sources[0].interval == timedelta(minutes=5)
    assert loaded.detection.velocity_window == timedelta(minutes=60)
    # a relative replay path is taken relative to the config file, not the working directory
    assert loaded.sources[2].path == EXAMPLE.parent / "observations.jsonl"


def _keys(model: type[BaseModel]) -> set[str]:
    return set(model.model_fields)


def test_example_documents_every_key() -> None:
    data = tomllib.loads(EXAMPLE.read_text())
    sections = {
        "database": cfg.DatabaseConfig,
        "slack": cfg.SlackConfig,
        "detection": cfg.DetectionConfig,
        "scoring": cfg.ScoringConfig,
        "reply": cfg.ReplyConfig,
        "daemon": cfg.DaemonConfig,
        "retention": cfg.RetentionConfig,
    }
    text = EXAMPLE.read_text()
    for name, model in sections.items():
        # a key may be shown commented out ("# mention_on_critical = ...") when any value would be a placeholder
        missing = {key for key in _keys(model) - set(data[name]) if f"\n# {key} = " not in text}
        assert not missing, f"config.example.toml [{name}] lacks {sorted(missing)}"
    assert _keys(SlackAppConfig) <= set(data["slack"]["app"])
    assert "mention_on_critical" not in data["slack"]  # a placeholder mention would ping nobody, or someone
    assert _keys(cfg.BrandConfig) <= set(data["brands"][0])
    assert _keys(cfg.TopicFacts) <= set(data["facts"]["refund"])
    for connector in registry().values():
        documented = [s for s in data["sources"] if s["type"] == connector.type]
        assert documented, f"no example [[sources]] for {connector.type}"
        own = _keys(connector.config_class) - {
            "name",
            "interval",
            "base_url",
            "timeout",
            "max_attempts",
            "max_pages",
            "max_items",
            "brand",
            "high_reach_followers",
        }
        assert own <= set(documented[0]), f"{connector.type}: example lacks {sorted(own - set(documented[0]))}"
    # the common source keys are shown at least once
    shown = set().union(*(set(s) for s in data["sources"]))
    common = {"name", "interval", "base_url", "timeout", "max_attempts", "max_pages", "max_items", "brand"}
    assert common | {"high_reach_followers"} <= shown


def test_every_problem_is_reported_at_once_with_its_key_path() -> None:
    with pytest.raises(cfg.ConfigError) as caught:
        cfg.validate(
            {
                "sources": [
                    {"type": "hackernews", "interval": "soon"},
                    {"type": "myspace"},
                    {"interval": "5m"},
                ],
                "detection": {"upset_threshold": 0.5, "velocity_window": "5 parsecs"},
                "slack": {"base_url": "slack.com"},
                "databse": {},
            }
        )
    problems = caught.value.problems
    assert "sources[0].interval: expected a duration such as '90s', '5m' or '1h', got 'soon'" in problems
    assert "sources[0].query: required but missing" in problems
    known = ", ".join(sorted(registry()))
    assert f"sources[1]: unknown source type 'myspace' (known: {known})" in problems
    assert "sources[2]: missing 'type' (the connector to use)" in problems
    assert any(p.startswith("detection.upset_threshold: ") for p in problems)
    assert any(p.startswith("detection.velocity_window: ") for p in problems)
    assert "slack.base_url: must be an http:// or https:// URL" in problems
    assert "databse: unknown key (check the spelling against config.example.toml)" in problems
    assert len(problems) == 8


def test_duplicate_source_names_are_rejected() -> None:
    with pytest.raises(cfg.ConfigError, match="two sources are named 'feed'"):
        cfg.validate(
            {
                "sources": [
                    {"type": "rss", "name": "feed", "url": "a"},
                    {"type": "rss", "name": "feed", "url": "b"},
                ]
            }
        )


def test_token_comes_from_the_named_environment_variable(monkeypatch: pytest.MonkeyPatch) -> None:
    loaded = cfg.validate({"slack": {"token_env": "MY_TOKEN", "channel": "C1"}})
    monkeypatch.delenv("MY_TOKEN", raising=False)
    assert loaded.slack.token() is None
    monkeypatch.setenv("MY_TOKEN", "xoxb-secret")
    assert loaded.slack.token() == "xoxb-secret"
    with pytest.raises(cfg.ConfigError, match=r"slack\.token: unknown key"):
        cfg.validate({"slack": {"token": "xoxb-in-the-file"}})


def test_database_url_forms() -> None:
    assert cfg.validate({"database": {"url": "postgresql://u@h/db"}}).database.url == "postgresql+psycopg://u@h/db"
    assert cfg.validate({"database": {"url": "postgres://u@h/db"}}).database.url == "postgresql+psycopg://u@h/db"
    with pytest.raises(cfg.ConfigError, match=r"database\.url: must start with"):
        cfg.validate({"database": {"url": "mysql://x"}})


def test_config_file_resolution(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv(cfg.CONFIG_ENV, raising=False)
    assert cfg.resolve_path(None) is None
    assert cfg.load(None).database.url == "sqlite:///repmon.db"
    (tmp_path / "repmon.toml").write_text('[database]\nurl = "sqlite:///local.db"\n')
    assert cfg.load(None).database.url == "sqlite:///local.db"
    other = tmp_path / "other.toml"
    other.write_text('[database]\nurl = "sqlite:///env.db"\n')
    monkeypatch.setenv(cfg.CONFIG_ENV, str(other))
    assert cfg.load(None).database.url == "sqlite:///env.db"
    explicit = tmp_path / "explicit.toml"
    explicit.write_text('[database]\nurl = "sqlite:///explicit.db"\n')
    assert cfg.load(explicit).database.url == "sqlite:///explicit.db"


def test_check_config_exit_codes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for connector in registry().values():  # the example's sources pass once their credentials are set
        for need in connector.credentials:
            monkeypatch.setenv(need.env, "set-for-the-test")
    runner = CliRunner()
    monkeypatch.delenv("SLACK_BOT_TOKEN", raising=False)
    monkeypatch.delenv("SLACK_APP_TOKEN", raising=False)
    tokenless = runner.invoke(app, ["check-config", "--config", str(EXAMPLE)])
    assert tokenless.exit_code == 2
    assert "$SLACK_BOT_TOKEN is empty" in tokenless.output
    assert "$SLACK_APP_TOKEN is empty" in tokenless.output
    monkeypatch.setenv("SLACK_BOT_TOKEN", "xoxb-test")
    monkeypatch.setenv("SLACK_APP_TOKEN", "xapp-test")
    good = runner.invoke(app, ["check-config", "--config", str(EXAMPLE)])
    assert good.exit_code == 0, good.output
    sources = len(tomllib.loads(EXAMPLE.read_text())["sources"])
    assert f"OK ({sources} sources, 1 brands)" in good.output
    off = tmp_path / "off.toml"
    off.write_text("[slack]\nenabled = false\n")
    monkeypatch.delenv("SLACK_BOT_TOKEN")
    quiet = runner.invoke(app, ["check-config", "--config", str(off)])
    assert quiet.exit_code == 0, quiet.output
    assert "alerts go to the console" in quiet.output
    bad = tmp_path / "bad.toml"
    bad.write_text('[detection]\nvelocity_ratio = 0.5\n[[sources]]\ntype = "rss"\n')
    result = runner.invoke(app, ["check-config", "--config", str(bad)])
    assert result.exit_code == 2
    assert "detection.velocity_ratio: Input should be greater than 1" in result.output
    assert "sources[0].url: required but missing" in result.output
    broken = tmp_path / "broken.toml"
    broken.write_text("[database\n")
    result = runner.invoke(app, ["check-config", "--config", str(broken)])
    assert result.exit_code == 2
    assert "not valid TOML" in result.output


def test_the_older_name_of_the_viral_score_still_reads() -> None:
    from monitor.config import validate

    assert validate({"detection": {"critical_score": 4.5}}).detection.viral_score == 4.5

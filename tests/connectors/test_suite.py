"""Every registered connector through the same standard tests (see ``tests/connectors/suite.py``)."""

from __future__ import annotations

import email.utils
import importlib
import logging
import pkgutil
import time
from pathlib import Path
from typing import Any

import pytest
from pytest_httpserver import HTTPServer
from typer.testing import CliRunner

from connectors import describe, registry
from connectors.base import SourceFatal
from monitor.cli import app
from monitor.config import ConfigError, validate
from monitor.core.observations import Observation
from monitor.core.platforms import known_platforms
from tests.connectors import cases
from tests.connectors.suite import MAX_ATTEMPTS, SuiteCase, run_fetch

WITHOUT_HTTP = {"replay"}  # reads a local file: nothing for an HTTP suite to check

CASES: dict[str, SuiteCase] = {}
for _info in pkgutil.iter_modules(cases.__path__):
    _case: SuiteCase = importlib.import_module(f"{cases.__name__}.{_info.name}").CASE
    CASES[_case.type] = _case

ALL = pytest.mark.parametrize("case", list(CASES.values()), ids=list(CASES))


def test_every_connector_has_a_suite_case() -> None:
    missing = set(registry()) - set(CASES) - WITHOUT_HTTP
    assert not missing, f"no tests/connectors/cases/<type>.py for {sorted(missing)}"


def _one_line_without_secrets(case: SuiteCase, message: str, logs: str = "") -> None:
    assert message.strip(), "an error must say what went wrong"
    assert "\n" not in message, f"health reports need one line: {message!r}"
    for secret in case.env.values():
        assert secret not in message, "a secret leaked into an error message"
        assert secret not in logs, "a secret leaked into the log"


# -- metadata and config --------------------------------------------------------------------------


@ALL
def test_metadata_describes_the_connector(case: SuiteCase) -> None:
    cls = case.connector_class
    info = describe(cls)
    assert info["summary"] and "\n" not in info["summary"]
    assert cls.platform_key() in known_platforms()
    example = info["example"]
    assert example["type"] == case.type
    assert set(case.url_options()) <= set(example), "the example must list every URL option"
    config = validate({"sources": [example]}).sources[0]
    declared = {(c["env"], c["required"]) for c in info["credentials"]}
    needs = {(n.env, n.required) for n in config.credential_needs()}
    assert {env for env, _ in needs} <= {env for env, _ in declared}, "credentials must list every variable read"
    assert config.missing_credentials({env: "set" for env, _ in declared}) == []


@ALL
def test_required_credential_missing_is_a_clear_problem(case: SuiteCase) -> None:
    config = validate({"sources": [dict(case.connector_class.example)]}).sources[0]
    required = [n for n in config.credential_needs() if n.required]
    if not required:
        pytest.skip(f"{case.type} needs no credential with this example")
    problems = config.missing_credentials({})
    assert len(problems) == len(required)
    assert all(f"${need.env} is not set" in line for need, line in zip(required, problems, strict=True))


@ALL
def test_config_rejects_bad_values_with_clear_messages(case: SuiteCase) -> None:
    example = dict(case.connector_class.example)
    bad: list[tuple[dict[str, Any], str]] = [
        ({"max_pages": 0}, "max_pages"),
        ({"interval": "soon"}, "interval"),
        ({"no_such_option": 1}, "unknown key"),
        *[({option: "ftp://example.org"}, f"{option} must be an http") for option in case.url_options()],
        *case.bad_config,
    ]
    env_options = [name for name in case.connector_class.config_class.model_fields if name.endswith("_env")]
    bad += [({option: "sk-this is the secret itself"}, "NAME of an environment variable") for option in env_options]
    for options, fragment in bad:
        with pytest.raises(ConfigError) as caught:
            validate({"sources": [{**example, **options}]})
        text = str(caught.value)
        assert fragment in text, f"{options}: {text}"
        assert "sk-this is the secret itself" not in text


# -- pages ----------------------------------------------------------------------------------------


def _valid(observations: list[Observation], case: SuiteCase) -> None:
    keys = [o.key for o in observations]
    assert len(keys) == len(set(keys)), "one poll must not yield a post twice"
    for obs in observations:
        Observation.model_validate(obs.model_dump())
        assert obs.source == case.connector_class.platform_key()
        assert obs.created_at is not None or not case.dated
        assert "<p>" not in obs.text and "&amp;" not in obs.text, "HTML must become plain text once"


@ALL
def test_own_fixture_page_yields_valid_observations(case: SuiteCase, httpserver: HTTPServer) -> None:
    case.serve(httpserver)
    run = run_fetch(case.connector(httpserver), env=case.env)
    assert run.error is None, str(run.error)
    assert len(run.observations) >= case.min_observations
    _valid(run.observations, case)
    assert run.cursor is not None


@ALL
def test_real_payload_page_yields_valid_observations(case: SuiteCase, httpserver: HTTPServer) -> None:
    if case.real is None:
        pytest.skip(f"../shared has no real payload for {case.type}; own fixtures stand in")
    case.serve(httpserver, case.real())
    run = run_fetch(case.connector(httpserver), env=case.env)
    assert run.error is None, str(run.error)
    assert run.observations
    _valid(run.observations, case)


@ALL
def test_cursor_moves_forward_and_second_run_adds_nothing(case: SuiteCase, httpserver: HTTPServer) -> None:
    case.serve(httpserver)
    first = run_fetch(case.connector(httpserver), env=case.env)
    assert first.error is None and first.cursor is not None
    second = run_fetch(case.connector(httpserver), first.cursor, env=case.env)
    assert second.error is None, str(second.error)
    assert second.observations == [], "the same data read again must add nothing"
    if second.cursor is not None:
        assert case.cursor_key(second.cursor) >= case.cursor_key(first.cursor)


# -- failures -------------------------------------------------------------------------------------
# The failure drills, 13 connectors each, run in the full suite; the inner loop keeps the config,
# metadata, page and cursor tests above.


@ALL
@pytest.mark.parametrize("form", ["seconds", "http-date"])
@pytest.mark.slow
def test_429_retry_after_is_honoured(case: SuiteCase, httpserver: HTTPServer, form: str) -> None:
    wait = 40
    value = str(wait) if form == "seconds" else email.utils.formatdate(time.time() + wait, usegmt=True)
    httpserver.expect_oneshot_request(case.listing_path).respond_with_data("slow down", 429, {"Retry-After": value})
    case.serve(httpserver)
    run = run_fetch(case.connector(httpserver), env=case.env)
    assert run.error is None, str(run.error)
    assert run.observations
    assert any(wait - 2 <= delay <= wait for delay in run.sleeps), run.sleeps


@ALL
@pytest.mark.slow
def test_5xx_is_retried_then_reported(
    case: SuiteCase, httpserver: HTTPServer, caplog: pytest.LogCaptureFixture
) -> None:
    for _ in range(MAX_ATTEMPTS):
        httpserver.expect_oneshot_request(case.listing_path).respond_with_data("down", 503)
    case.serve(httpserver)
    with caplog.at_level(logging.DEBUG):
        run = run_fetch(case.connector(httpserver), env=case.env)
    assert run.error is not None
    assert "503" in str(run.error)
    assert len(run.sleeps) == MAX_ATTEMPTS - 1
    assert run.cursor is None
    _one_line_without_secrets(case, str(run.error), caplog.text)


BAD_BODIES = {
    "truncated": None,  # the own page cut in half
    "invalid-utf8": b'{"data": "\xff\xfe broken \xc3"}',
    "html-error-page": b"<!DOCTYPE html><html><body><h1>502 Bad Gateway</h1></body></html>",
    "empty": b"",
}


@ALL
@pytest.mark.parametrize("kind", list(BAD_BODIES))
@pytest.mark.slow
def test_broken_page_is_one_line_and_keeps_the_cursor(
    case: SuiteCase, httpserver: HTTPServer, caplog: pytest.LogCaptureFixture, kind: str
) -> None:
    body = BAD_BODIES[kind]
    if body is None:
        page = case.page()
        body = page[: len(page) // 2]
    httpserver.expect_oneshot_request(case.listing_path).respond_with_data(body, content_type=case.content_type)
    case.serve(httpserver)
    with caplog.at_level(logging.DEBUG):
        run = run_fetch(case.connector(httpserver), {"stale": True}, env=case.env)
    assert run.error is not None, f"a {kind} page must be reported"
    assert run.cursor is None, "a broken page must not move the cursor"
    _one_line_without_secrets(case, str(run.error), caplog.text)


@ALL
@pytest.mark.slow
def test_refused_credentials_are_reported_without_the_secret(
    case: SuiteCase, httpserver: HTTPServer, caplog: pytest.LogCaptureFixture
) -> None:
    httpserver.expect_request(case.listing_path).respond_with_data('{"error": "unauthorized"}', 401)
    case.serve(httpserver)
    with caplog.at_level(logging.DEBUG):
        run = run_fetch(case.connector(httpserver), env=case.env)
    assert run.error is not None
    _one_line_without_secrets(case, str(run.error), caplog.text)


@ALL
def test_missing_credential_fails_before_any_request(case: SuiteCase, httpserver: HTTPServer) -> None:
    config = case.connector(httpserver).config
    if not [n for n in config.credential_needs() if n.required]:
        pytest.skip(f"{case.type} works without credentials")
    case.serve(httpserver)
    run = run_fetch(case.connector(httpserver), env={})
    assert isinstance(run.error, SourceFatal)
    assert "is not set" in str(run.error)


# -- end to end -----------------------------------------------------------------------------------


@ALL
@pytest.mark.slow
def test_poll_once_end_to_end(
    case: SuiteCase, httpserver: HTTPServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`repmon poll --once` twice against the loopback source: new posts, then nothing new."""
    case.serve(httpserver)
    lines = [f'[database]\nurl = "sqlite:///{tmp_path / "repmon.db"}"\n', "[[sources]]"]
    for key, value in case.source(httpserver).items():
        lines.append(f"{key} = {_toml(value)}")
    config = tmp_path / "repmon.toml"
    config.write_text("\n".join(lines) + "\n", encoding="utf-8")
    for name, value in case.env.items():
        monkeypatch.setenv(name, value)
    runner = CliRunner()
    check = runner.invoke(app, ["check-config", "-c", str(config)])
    assert check.exit_code == 0, check.output
    first = runner.invoke(app, ["poll", "--once", "-c", str(config)])
    assert first.exit_code == 0, first.output
    new_posts = int(first.output.split(" new posts")[0].rsplit(", ", 1)[1])
    assert new_posts >= case.min_observations, first.output
    second = runner.invoke(app, ["poll", "--once", "-c", str(config)])
    assert second.exit_code == 0, second.output
    assert ", 0 new posts" in second.output, second.output


def _toml(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return str(value)
    if isinstance(value, list):
        return "[" + ", ".join(_toml(v) for v in value) + "]"
    return '"' + str(value).replace("\\", "\\\\").replace('"', '\\"') + '"'

""" "Why was I not pinged about X?" is answered from the database, for every reason, and by the CLI.

Each test drives the real pipeline on SQLite and PostgreSQL with an injected clock. Listed key
accounts alert on their first upset post, so an incident is one observation.
"""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import Engine, func, select
from typer.testing import CliRunner

from monitor.cli import app
from monitor.config import Config
from monitor.digest.figures import build
from monitor.digest.weeks import Week
from monitor.pipeline import Pipeline
from monitor.store import decisions, workflow
from monitor.store.database import open_database, transaction
from monitor.store.tables import Delivery
from tests.builders import T0, at, config, obs

DELIVERIES = Delivery.__table__  # type: ignore[attr-defined]
KEY_ACCOUNT = "bigcorp_travel"
BRAND = {"name": "Northwind Air", "include": ["northwind"], "key_accounts": [KEY_ACCOUNT]}
COMPLAINT = "Northwind Air lost our whole team's bookings and nobody calls back. Unacceptable."
ECHO_A = "Northwind Air flight NW482 from gate B12 to Oslo cancelled, no hotel, no refund. Disgusting."
ECHO_B = "Stuck at gate B12 too: Northwind Air cancelled NW482 to Oslo, no hotel and no refund. Disgusting."
MILD = "Northwind Air coffee was a bit cold this morning, meh."
ANGRY_ALONE = "Northwind Air is the worst airline, rude staff, never again. Disgusting."
FINE = "Flew Northwind Air today, it was fine."


class Clock:
    def __init__(self) -> None:
        self.now = T0

    def __call__(self) -> object:
        return self.now


def pipeline(engine: Engine, clock: Clock, **sections: object) -> Pipeline:
    cfg: Config = config("sqlite://", brands=[BRAND], slack={"enabled": False}, **sections)
    return Pipeline(engine, cfg, clock=clock)  # type: ignore[arg-type]


def key_account_week(engine: Engine) -> None:
    """One key-account complaint through every reason not to ping, and a pair of echoes on watch."""
    clock = Clock()
    p = pipeline(engine, clock, detection={"viral_score": 10})  # velocity adds signals, never a new level

    def see(minute: float, likes: int) -> None:
        clock.now = at(minute)
        p.ingest([obs("k0", minute, COMPLAINT, author=KEY_ACCOUNT, likes=likes, created=0)])

    see(1, 3)  # opened: queued
    see(3, 3)  # the same again: nothing material changed...
    see(4, 3)  # ...twice: one row, counted
    see(12, 900)  # accelerating, 11 minutes after the alert: throttled
    with transaction(engine) as conn:
        workflow.snooze(conn, "reddit:k0", at(120))
    see(22, 20_000)
    with transaction(engine) as conn:
        workflow.resolve(conn, "reddit:k0", "U0MAYA", at(23))
    see(32, 400_000)
    with transaction(engine) as conn:
        workflow.reopen(conn, "reddit:k0")
        workflow.close_not_relevant(conn, "reddit:k0", "U0MAYA", "Maya", "spam", at(33))
    see(42, 9_000_000)
    clock.now = at(45)
    p.ingest([obs("e1", 44, ECHO_A, created=43, author="ann"), obs("e2", 45, ECHO_B, created=44, author="bob")])


@pytest.mark.slow  # the whole pipeline: left out of the inner loop
def test_every_reason_not_to_ping_is_recorded_with_its_words(engine: Engine) -> None:
    key_account_week(engine)
    why = decisions.why(engine, "reddit:k0")
    assert [(d.kind, d.repeats) for d in why.decisions] == [
        ("queued", 1),
        ("quiet_update", 2),
        ("throttled", 1),
        ("snoozed", 1),
        ("resolved", 1),
        ("muted", 1),
    ]
    reasons = {d.kind: d.reason for d in why.decisions}
    assert reasons["throttled"].startswith("throttled: last update 11 min ago, at most one every 15 min")
    assert reasons["snoozed"].startswith("snoozed by the team until 2026-11-20 11:00 UTC")
    assert reasons["resolved"].startswith("resolved by the team; the level did not rise")
    assert reasons["muted"] == "closed as not relevant by the team"
    assert why.decisions[1].last_at == at(4)  # the counted row says when it last happened
    with engine.connect() as conn:  # none of the quiet changes reached the outbox
        assert conn.execute(select(func.count()).select_from(DELIVERIES)).scalar_one() == 1

    echo = decisions.why(engine, "reddit:e2")  # an echo: answered with its incident's decisions
    assert echo.member_of == "reddit:e1"
    assert [d.kind for d in echo.decisions] == ["below_level"]
    assert "echoed by 2 distinct authors" in echo.decisions[0].reason
    assert not decisions.why(engine, "reddit:nothing-like-it").known


@pytest.mark.slow  # the whole pipeline: left out of the inner loop
def test_mildly_negative_posts_that_do_not_spread_are_the_digests(engine: Engine) -> None:
    clock = Clock()
    p = pipeline(engine, clock)
    clock.now = at(10)
    p.ingest(
        [
            obs("mild", 5, MILD, created=4, author="cy"),
            obs("alone", 6, ANGRY_ALONE, created=5, author="di"),
            obs("fine", 7, FINE, created=6, author="ed"),
        ]
    )
    mild, alone, fine = (decisions.why(engine, f"reddit:{k}") for k in ("mild", "alone", "fine"))
    assert [d.kind for d in mild.decisions] == ["digest_only"]
    assert mild.decisions[0].reason.startswith("mildly negative (compound -0.")
    assert [d.kind for d in alone.decisions] == ["digest_only"]
    assert alone.decisions[0].reason.startswith("upset (compound -0.")
    assert fine.decisions == [] and fine.post is not None  # a fine post needs no decision
    with engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(DELIVERIES)).scalar_one() == 0
        digest = build(conn, p.config, Week.containing(T0.date()), now=T0 + timedelta(days=8))
    negatives = {post["id"] for post in digest["top_posts"]["negative"]}
    assert {"mild", "alone"} <= negatives  # in the digest's negative posts, where the team reads them
    assert digest["sentiment"]["negative"] == 2
    assert digest["response"]["alerts_held"] == 0


@pytest.mark.slow  # the whole pipeline: left out of the inner loop
def test_repmon_incidents_why_answers_people_and_scripts(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'repmon.db'}"
    engine = open_database(url)
    key_account_week(engine)
    engine.dispose()
    cfg = tmp_path / "repmon.toml"
    cfg.write_text(f'[database]\nurl = "{url}"\n')
    runner = CliRunner()
    result = runner.invoke(app, ["incidents", "why", "reddit:k0", "--json", "--config", str(cfg)])
    assert result.exit_code == 0, result.output
    record = json.loads(result.output)
    assert record["incident"]["key"] == "reddit:k0" and record["incident"]["status"] == "closed"
    assert [d["kind"] for d in record["decisions"]] == [
        "queued", "quiet_update", "throttled", "snoozed", "resolved", "muted"
    ]  # fmt: skip
    assert [d["notified"] for d in record["decisions"]] == [False] * 6
    assert record["decisions"][1]["repeats"] == 2 and record["decisions"][0]["at"] == "2026-11-20T09:01:00Z"
    assert record["waiting"] == [{"version": 1, "kind": "opened", "status": "pending", "attempts": 0,
                                  "last_error": None, "next_attempt_at": "2026-11-20T09:01:00Z"}]  # fmt: skip

    text = runner.invoke(app, ["incidents", "why", "reddit:e2", "--config", str(cfg)])
    assert text.exit_code == 0, text.output
    lines = text.output.splitlines()
    assert lines[0] == "post reddit:e2 is part of incident reddit:e1: watch, open"
    assert "below_level" in lines[1] and "on watch, below the alerting level" in lines[1]

    listed = runner.invoke(app, ["incidents", "--status", "all", "--json", "--config", str(cfg)])
    assert listed.exit_code == 0 and {r["key"] for r in json.loads(listed.output)} == {"reddit:k0", "reddit:e1"}

    unknown = runner.invoke(app, ["incidents", "why", "reddit:nope", "--config", str(cfg)])
    assert unknown.exit_code == 1
    assert unknown.output.strip().startswith("repmon: nothing recorded about 'reddit:nope'")
    assert len(unknown.output.strip().splitlines()) == 1


@pytest.mark.parametrize(
    ("line", "error"),
    [
        ('quiet_hours = "10pm-7am"', "slack.quiet_hours: expected HH:MM-HH:MM such as '22:00-07:00', got '10pm-7am'"),
        ('quiet_hours_timezone = "Paris"', "slack.quiet_hours_timezone: unknown time zone 'Paris'"),
        ("budget_per_hour = -2", "slack.budget_per_hour: Input should be greater than or equal to 0"),
    ],
)
def test_a_bad_budget_or_quiet_hours_is_one_line_at_load(tmp_path: Path, line: str, error: str) -> None:
    cfg = tmp_path / "repmon.toml"
    cfg.write_text(f"[slack]\nenabled = false\n{line}\n")
    result = CliRunner().invoke(app, ["check-config", "--offline", "--config", str(cfg)])
    assert result.exit_code == 2
    [problem] = [x for x in result.output.splitlines() if x.strip().startswith("slack.")]
    assert problem.strip().startswith(error)

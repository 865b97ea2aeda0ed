"""The `repmon` command line. Command names and options are a stable interface: scripts use them."""

from __future__ import annotations

import asyncio
import json
import logging
import sys
from datetime import datetime
from pathlib import Path
from typing import Annotated

import typer
from sqlalchemy import select

from monitor import __version__
from monitor import config as config_module
from monitor.config import Config, ConfigError

app = typer.Typer(
    name="repmon",
    help="Catch an upset customer's post as it starts to spread, and draft an acknowledgment-first reply.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

ConfigOption = Annotated[
    Path | None,
    typer.Option(
        "--config",
        "-c",
        help="Config file (default: $REPMON_CONFIG, else ./repmon.toml, else built-in defaults).",
    ),
]
VerboseOption = Annotated[bool, typer.Option("--verbose", "-v", help="Log debug detail.")]


def _setup_logging(verbose: bool = False) -> None:
    logging.basicConfig(
        level=logging.DEBUG if verbose else logging.INFO,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
        stream=sys.stderr,
        force=True,
    )
    for noisy in ("apscheduler", "httpx", "httpcore", "slack_sdk", "alembic"):
        logging.getLogger(noisy).setLevel(logging.WARNING)


def _load(path: Path | None) -> Config:
    try:
        return config_module.load(path)
    except ConfigError as exc:
        where = f" in {exc.path}" if exc.path else ""
        typer.echo(f"repmon: invalid configuration{where}:", err=True)
        for problem in exc.problems:
            typer.echo(f"  {problem}", err=True)
        raise typer.Exit(2) from None


def _version(value: bool) -> None:
    if value:
        typer.echo(f"repmon {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version and exit.")
    ] = False,
) -> None:
    """repmon: social-media reputation monitor."""


@app.command()
def demo() -> None:
    """Replay the bundled Northwind Air day and print the alerts as Slack would show them."""
    from monitor.demo import run_demo

    _setup_logging()
    logging.getLogger("repmon").setLevel(logging.WARNING)
    raise typer.Exit(run_demo(sys.stdout))


@app.command("check-config")
def check_config(config: ConfigOption = None) -> None:
    """Validate the config; exit 2 listing every problem as `key.path: what is wrong`."""
    path = config_module.resolve_path(config)
    loaded = _load(config)
    where = str(path) if path else "built-in defaults (no config file found)"
    typer.echo(f"{where}: OK ({len(loaded.sources)} sources, {len(loaded.brands)} brands)")
    if loaded.slack.channel and not loaded.slack.token():
        typer.echo(
            f"note: slack.channel is set but ${loaded.slack.token_env} is empty; alerts will go to the console",
            err=True,
        )


@app.command()
def poll(
    once: Annotated[
        bool, typer.Option("--once", help="Poll every source once and exit (the only mode; see `run`).")
    ] = True,
    config: ConfigOption = None,
    verbose: VerboseOption = False,
) -> None:
    """Poll every configured source once: fetch, score, store, detect, deliver alerts."""
    from alerts.notify import notifier_from_config
    from monitor.outbox import Outbox
    from monitor.pipeline import Pipeline
    from monitor.polling import poll_source
    from monitor.store.database import open_database

    _setup_logging(verbose)
    cfg = _load(config)
    if not cfg.sources:
        typer.echo("repmon: no [[sources]] configured; nothing to poll (see config.example.toml)", err=True)
        raise typer.Exit(2)
    engine = open_database(cfg.database.url)
    pipeline = Pipeline(engine, cfg)
    failures = 0
    for source in cfg.sources:
        result = asyncio.run(poll_source(engine, cfg, source, pipeline))
        typer.echo(result.line())
        failures += not result.ok
    report = Outbox(engine, notifier_from_config(cfg.slack)).dispatch()
    typer.echo(f"alerts: {report.sent} delivered, {report.failed} waiting to retry")
    engine.dispose()
    raise typer.Exit(1 if failures else 0)


@app.command()
def run(config: ConfigOption = None, verbose: VerboseOption = False) -> None:
    """Run the daemon: poll each source at its interval; SIGTERM/SIGINT stop it cleanly."""
    from monitor.daemon import run as run_daemon

    _setup_logging(verbose)
    cfg = _load(config)
    raise typer.Exit(run_daemon(cfg))


@app.command()
def backtest(
    file: Annotated[Path, typer.Argument(exists=True, dir_okay=False, help="Observation file (JSON Lines).")],
    labels: Annotated[
        Path | None,
        typer.Option("--labels", exists=True, dir_okay=False, help="Labels file: adds precision/recall/lead time."),
    ] = None,
    config: ConfigOption = None,
    as_json: Annotated[bool, typer.Option("--json", help="Machine-readable output.")] = False,
    strict: Annotated[bool, typer.Option("--strict", help="Fail on the first bad line.")] = False,
) -> None:
    """Replay FILE in simulated time on a throwaway database; print the alerts it would raise."""
    from monitor.backtest import run_backtest
    from monitor.observations import StrictModeError

    _setup_logging()
    logging.getLogger("repmon").setLevel(logging.WARNING)
    cfg = _load(config)
    try:
        result = run_backtest(file, cfg, labels, strict=strict)
    except StrictModeError as exc:
        typer.echo(f"repmon: {file}: {exc}", err=True)
        raise typer.Exit(1) from None
    for bad in result.bad_lines:
        typer.echo(f"{file}: {bad} (skipped)", err=True)
    for problem in result.label_problems:
        typer.echo(f"{labels}: {problem}", err=True)
    if as_json:
        typer.echo(json.dumps(result.to_json(), indent=2, ensure_ascii=False))
        return
    typer.echo(f"{len(result.alerts)} alert(s); {result.skipped_lines} line(s) skipped")
    for alert in result.alerts:
        typer.echo(f"\n[{alert['level']}] {alert['at']}  {alert['source']}:{alert['id']}  score {alert['score']}")
        for reason in alert["reasons"]:
            typer.echo(f"  - {reason}")
        typer.echo(f"  posts: {len(alert['posts'])}")
        typer.echo("  draft: " + alert["draft"].replace("\n", "\n         "))
    if result.metrics is not None:
        m = result.metrics
        typer.echo(
            f"\nprecision {m['precision']}  recall {m['recall']}  "
            f"({m['caught_incidents']}/{m['labelled_incidents']} incidents, {m['false_alerts']} false alerts)  "
            f"median lead time {m['lead_time_minutes']['median']} min"
        )


@app.command("import")
def import_(
    file: Annotated[Path, typer.Argument(exists=True, dir_okay=False, help="Observation file (JSON Lines).")],
    config: ConfigOption = None,
    strict: Annotated[bool, typer.Option("--strict", help="Fail on the first bad line, changing nothing.")] = False,
) -> None:
    """Load an observation file into the database (history backfill): score and store, no alerts."""
    from monitor.backtest import simulated_batches
    from monitor.observations import StrictModeError, read_file
    from monitor.pipeline import IngestReport, Pipeline
    from monitor.store.database import open_database

    _setup_logging()
    cfg = _load(config)
    try:
        read = read_file(file, strict=strict)
    except StrictModeError as exc:
        typer.echo(f"repmon: {file}: {exc}; nothing imported", err=True)
        raise typer.Exit(1) from None
    for bad in read.bad_lines:
        typer.echo(f"{file}: {bad} (skipped)", err=True)
    engine = open_database(cfg.database.url)
    pipeline = Pipeline(engine, cfg, raise_incidents=False)
    total = IngestReport()
    for batch in simulated_batches(read.observations, size=2000, per_minute=False):
        total.add(pipeline.ingest(batch))
    engine.dispose()
    typer.echo(
        f"imported {len(read.observations)} observations: {total.new_posts} new posts, "
        f"{total.updated_posts} updated, {total.received - total.kept} outside the configured brands, "
        f"{total.unscored} unscored; {len(read.bad_lines)} line(s) skipped"
    )


@app.command()
def export(
    config: ConfigOption = None,
    since: Annotated[
        datetime | None, typer.Option("--since", help="Only posts observed at or after this time (ISO 8601).")
    ] = None,
) -> None:
    """Write stored posts as observations (JSON Lines) to stdout, with their sentiment."""
    from monitor.exporting import export_posts
    from monitor.store.database import open_database

    cfg = _load(config)
    engine = open_database(cfg.database.url)
    count = export_posts(engine, sys.stdout, since)
    engine.dispose()
    typer.echo(f"exported {count} posts", err=True)


@app.command()
def status(config: ConfigOption = None) -> None:
    """Health of each source, open incidents and the delivery backlog."""
    from monitor.store.database import open_database
    from monitor.store.tables import Delivery, Incident, SourceState

    cfg = _load(config)
    engine = open_database(cfg.database.url)
    state = SourceState.__table__  # type: ignore[attr-defined]
    incidents = Incident.__table__  # type: ignore[attr-defined]
    deliveries = Delivery.__table__  # type: ignore[attr-defined]
    with engine.connect() as conn:
        rows = conn.execute(select(state).where(state.c.type != "baseline").order_by(state.c.name)).mappings().all()
        open_count = len(conn.execute(select(incidents.c.id).where(incidents.c.status == "open")).all())
        backlog = len(conn.execute(select(deliveries.c.id).where(deliveries.c.status != "sent")).all())
    engine.dispose()
    for row in rows:
        health = "ok" if row["consecutive_failures"] == 0 else f"failing x{row['consecutive_failures']}"
        last = row["last_success_at"].isoformat(timespec="seconds") if row["last_success_at"] else "never"
        typer.echo(f"{row['name']:<20} {health:<12} last success {last}  posts {row['posts_stored']}")
        if row["consecutive_failures"] and row["last_error"]:
            typer.echo(f"{'':<20} last error: {row['last_error']}")
    typer.echo(f"open incidents: {open_count}; deliveries waiting: {backlog}")


def main() -> None:
    app()

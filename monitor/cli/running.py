"""Commands that run repmon's main job: the demo, one poll of every source, the daemon."""

from __future__ import annotations

import logging
import sys
from typing import Annotated

import typer

from monitor.cli.common import (
    ConfigOption,
    LogFormatOption,
    VerboseOption,
    app,
    known_secrets,
    load_config,
    setup_logging,
)
from monitor.core.redact import redact


@app.command()
def demo() -> None:
    """Replay the bundled Northwind Air day and print the alerts as Slack would show them."""
    from monitor.demo import run_demo

    typer.echo(
        "repmon demo: using the bundled demo config (monitor/demo/config.toml); ./repmon.toml is not read", err=True
    )
    setup_logging()
    logging.getLogger("repmon").setLevel(logging.WARNING)
    raise typer.Exit(run_demo(sys.stdout))


@app.command()
def poll(
    once: Annotated[
        bool, typer.Option("--once", help="Poll every source once and exit (the only mode; see `run`).")
    ] = True,
    config: ConfigOption = None,
    verbose: VerboseOption = False,
    log_format: LogFormatOption = None,
) -> None:
    """Poll every configured source once: fetch, score, store, detect, deliver alerts.

    Exits 1 when a source failed or an alert failed fatally (a person must fix the token or channel).
    """
    import asyncio

    from alerts.notify import SlackNotConfigured, notifier_from_config
    from monitor.outbox import Outbox
    from monitor.pipeline import Pipeline
    from monitor.polling import poll_all
    from monitor.store.database import open_database

    cfg = load_config(config)
    setup_logging(verbose, log_format, cfg)
    if not cfg.sources:
        typer.echo("repmon: no [[sources]] configured; nothing to poll (see config.example.toml)", err=True)
        raise typer.Exit(2)
    try:
        notifier = notifier_from_config(cfg.slack)
    except SlackNotConfigured as exc:
        typer.echo(f"repmon: {exc}", err=True)
        raise typer.Exit(2) from None
    engine = open_database(cfg.database.url)
    pipeline = Pipeline(engine, cfg)
    failures = 0
    secrets = known_secrets(cfg)
    for result in asyncio.run(poll_all(engine, cfg, pipeline)):
        typer.echo(redact(result.line(), secrets))  # a source URL may carry credentials
        if result.report is not None and result.report.outside_brands:
            dropped = result.report.outside_brands
            typer.echo(f"{result.source}: {dropped} observation(s) dropped by the brand filter")
        failures += not result.ok
    outbox = Outbox(engine, notifier, policy=cfg.slack.policy())
    outbox.retry_failed()
    report = outbox.dispatch()
    waiting = outbox.waiting()
    line = f"alerts: {report.sent} delivered, {waiting} waiting to be sent (retried by the next poll or `repmon run`)"
    if report.reconciled:
        line += f", {report.reconciled} found already in Slack"
    if report.held or report.summaries:
        line += f", {report.held} held for quiet hours or the budget, {report.summaries} summaries of held alerts sent"
    typer.echo(line)
    for error in report.errors:
        typer.echo(f"alert NOT delivered, needs a person: {error}", err=True)
    engine.dispose()
    raise typer.Exit(1 if failures or report.fatal else 0)


@app.command()
def run(config: ConfigOption = None, verbose: VerboseOption = False, log_format: LogFormatOption = None) -> None:
    """Run the daemon: poll each source at its interval; SIGTERM/SIGINT stop it cleanly."""
    from monitor.daemon import run as run_daemon

    cfg = load_config(config)
    problems = cfg.slack.problems()
    if problems:
        for problem in problems:
            typer.echo(f"repmon: {problem}", err=True)
        raise typer.Exit(2)
    setup_logging(verbose, log_format, cfg)
    raise typer.Exit(run_daemon(cfg))

"""`repmon slack-app`: the Slack app (buttons, modals, /repmon) on its own, without polling;
`repmon feedback`: what the team marked not relevant, for tuning and backtests.

`repmon run` already runs the app; this is for a second instance or a separate host.
"""

from __future__ import annotations

import json
import signal
import threading
from types import FrameType
from typing import Annotated

import typer

from monitor.cli.common import ConfigOption, VerboseOption, app, load_config, setup_logging


@app.command("slack-app")
def slack_app(config: ConfigOption = None, verbose: VerboseOption = False) -> None:
    """Serve the Slack app alone (Socket Mode or HTTP per [slack.app]); SIGTERM/SIGINT stop it."""
    from monitor.slack_app import build_slack_app
    from monitor.store.database import open_database

    setup_logging(verbose)
    cfg = load_config(config)
    if not cfg.slack.enabled:
        typer.echo("repmon: Slack is off ([slack] enabled = false or no [slack] section); nothing to serve", err=True)
        raise typer.Exit(2)
    problems = cfg.slack.problems()
    if problems:
        for problem in problems:
            typer.echo(f"repmon: {problem}", err=True)
        raise typer.Exit(2)
    engine = open_database(cfg.database.url)
    _, server = build_slack_app(cfg, engine)
    stop = threading.Event()

    def _on_signal(_signum: int, _frame: FrameType | None) -> None:
        stop.set()

    signal.signal(signal.SIGTERM, _on_signal)
    signal.signal(signal.SIGINT, _on_signal)
    try:
        server.start()
    except Exception as exc:  # a refused token or a port in use: one line, no traceback
        typer.echo(f"repmon: the Slack app could not start: {' '.join(str(exc).split())[:300]}", err=True)
        engine.dispose()
        raise typer.Exit(2) from None
    while not stop.wait(timeout=1.0):
        pass
    server.stop()
    engine.dispose()


@app.command()
def feedback(
    config: ConfigOption = None,
    labels: Annotated[
        bool, typer.Option("--labels", help="Print backtest labels (JSON lines, spreading false) instead.")
    ] = False,
) -> None:
    """The team's 'Not relevant' verdicts from Slack: who, why, when; or as labels for `repmon backtest`."""
    from monitor.store import workflow
    from monitor.store.database import open_database

    cfg = load_config(config)
    engine = open_database(cfg.database.url)
    with engine.connect() as uow:
        verdicts = workflow.feedback(uow)
    engine.dispose()
    for verdict in verdicts:
        source, _, post_id = str(verdict["key"]).partition(":")
        if labels:
            line = {"source": source, "id": post_id, "spreading": False, "feedback": verdict["reason"]}
            typer.echo(json.dumps(line))
        else:
            who = verdict["user_name"] or verdict["user_id"]
            when = verdict["created_at"].isoformat(timespec="minutes")
            typer.echo(f"{verdict['key']}\t{verdict['reason']}\t{who}\t{when}")

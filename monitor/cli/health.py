"""Commands that look without changing anything: check-config, status."""

from __future__ import annotations

import typer

from monitor import config as config_module
from monitor.cli.common import ConfigOption, app, load_config


@app.command("check-config")
def check_config(config: ConfigOption = None) -> None:
    """Validate the config; exit 2 listing every problem as `key.path: what is wrong`."""
    path = config_module.resolve_path(config)
    loaded = load_config(config)
    where = str(path) if path else "built-in defaults (no config file found)"
    problems = loaded.slack.problems()
    if problems:
        typer.echo(f"{where}: Slack is enabled but cannot work:", err=True)
        for problem in problems:
            typer.echo(f"  {problem}", err=True)
        raise typer.Exit(2)
    typer.echo(f"{where}: OK ({len(loaded.sources)} sources, {len(loaded.brands)} brands)")
    if not loaded.slack.enabled:
        typer.echo("note: Slack is off ([slack] enabled = false or no [slack] section): alerts go to the console")


@app.command()
def status(config: ConfigOption = None) -> None:
    """Health of each source, incidents by status with who took them, and deliveries that need a person."""
    from monitor.slack_app import status_lines
    from monitor.store.database import open_database

    cfg = load_config(config)
    engine = open_database(cfg.database.url)
    lines = status_lines(engine)
    engine.dispose()
    for line in lines:
        typer.echo(line)

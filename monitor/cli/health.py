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
    typer.echo(f"{where}: OK ({len(loaded.sources)} sources, {len(loaded.brands)} brands)")
    if loaded.slack.channel and not loaded.slack.token():
        typer.echo(
            f"note: slack.channel is set but ${loaded.slack.token_env} is empty; alerts will go to the console",
            err=True,
        )


@app.command()
def status(config: ConfigOption = None) -> None:
    """Health of each source, open incidents and the delivery backlog."""
    from monitor.store import deliveries, incidents, sources
    from monitor.store.database import open_database

    cfg = load_config(config)
    engine = open_database(cfg.database.url)
    rows = sources.source_health(engine)
    open_count = incidents.count_active(engine)
    backlog = deliveries.backlog(engine)
    engine.dispose()
    for row in rows:
        health = "ok" if row["consecutive_failures"] == 0 else f"failing x{row['consecutive_failures']}"
        last = row["last_success_at"].isoformat(timespec="seconds") if row["last_success_at"] else "never"
        typer.echo(f"{row['name']:<20} {health:<12} last success {last}  posts {row['posts_stored']}")
        if row["consecutive_failures"] and row["last_error"]:
            typer.echo(f"{'':<20} last error: {row['last_error']}")
    typer.echo(f"open incidents: {open_count}; deliveries waiting: {backlog}")

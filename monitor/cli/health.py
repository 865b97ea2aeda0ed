"""Commands that look without changing anything: check-config, status."""

from __future__ import annotations

from typing import Annotated

import typer

from monitor.cli.common import ConfigOption, app, config_source, load_config


@app.command("check-config")
def check_config(
    config: ConfigOption = None,
    offline: Annotated[bool, typer.Option("--offline", help="Do not contact the database.")] = False,
) -> None:
    """Validate the config, the database driver and connection, and the token variables; exit 2 on a problem.

    Changes nothing: an SQLite file is opened read-only and a missing one is not created.
    """
    from monitor.store.health import probe

    loaded = load_config(config)
    typer.echo(f"{config_source(config)}: OK ({len(loaded.sources)} sources, {len(loaded.brands)} brands)")
    problems = loaded.slack.problems()
    for problem in problems:
        typer.echo(f"repmon: Slack is enabled but cannot work: {problem}", err=True)
    missing = [
        f"sources[{i}] ({source.source_name}): {problem}"
        for i, source in enumerate(loaded.sources)
        for problem in source.missing_credentials()
    ]
    for line in missing:
        typer.echo(f"repmon: a source cannot poll without its credential: {line}; see docs/connectors.md", err=True)
    if not loaded.slack.enabled:
        typer.echo("note: Slack is off ([slack] enabled = false or no [slack] section): alerts go to the console")
    elif not problems:
        typer.echo(f"slack: ${loaded.slack.token_env} is set; alerts go to {loaded.slack.channel}")
    database = probe(loaded.database.url, offline=offline)
    typer.echo(database.line if database.ok else f"repmon: {database.line}", err=not database.ok)
    if loaded.daemon.listen and not loaded.daemon.listen.startswith(("127.", "[::1]", "localhost")):
        typer.echo(
            f"warning: daemon.listen {loaded.daemon.listen} is not a loopback address; /metrics will be reachable "
            "from other hosts",
            err=True,
        )
    if problems or missing or not database.ok:
        raise typer.Exit(2)


@app.command()
def status(config: ConfigOption = None) -> None:
    """Health of each source, incidents by status with who took them, and deliveries that need a person."""
    from monitor.status import status_lines
    from monitor.store.database import open_database

    cfg = load_config(config)
    engine = open_database(cfg.database.url)
    lines = status_lines(engine)
    engine.dispose()
    for line in lines:
        typer.echo(line)

"""`repmon db`: the schema and retention, by hand, for people who prefer not to leave it to start-up."""

from __future__ import annotations

import typer

from monitor.cli.common import ConfigOption, app, load_config
from monitor.core.redact import mask_url

db_app = typer.Typer(help="Schema migrations and retention, by hand.", no_args_is_help=True)
app.add_typer(db_app, name="db")


@db_app.command("current")
def current(config: ConfigOption = None) -> None:
    """Print the schema revision the database is at, and this repmon's newest; changes nothing."""
    from monitor.store.health import probe

    cfg = load_config(config)
    found = probe(cfg.database.url)
    typer.echo(found.line if found.ok else f"repmon: {found.line}", err=not found.ok)
    if not found.ok:
        raise typer.Exit(2)


@db_app.command("upgrade")
def upgrade(config: ConfigOption = None) -> None:
    """Migrate the schema to this repmon's newest revision (repmon also does this at every start)."""
    from monitor.store.database import open_database
    from monitor.store.health import current_revision

    cfg = load_config(config)
    engine = open_database(cfg.database.url)
    typer.echo(f"database {mask_url(cfg.database.url)}: schema at {current_revision(engine)} (current)")
    engine.dispose()


@db_app.command("prune")
def prune(config: ConfigOption = None) -> None:
    """Apply the retention settings now: thin old snapshots, delete posts past the window unless in an incident."""
    from datetime import UTC, datetime

    from monitor.store.database import open_database
    from monitor.store.retention import prune as apply_retention
    from monitor.store.retention import size_of

    cfg = load_config(config)
    keep = cfg.retention
    engine = open_database(cfg.database.url)
    before = size_of(engine)
    report = apply_retention(
        engine,
        datetime.now(UTC),
        hourly_after=keep.snapshots_hourly_after,
        daily_after=keep.snapshots_daily_after,
        posts_for=keep.posts_for,
    )
    after = size_of(engine)
    engine.dispose()
    typer.echo(report.line())
    typer.echo("rows: " + ", ".join(f"{name} {before[name]} -> {after[name]}" for name in before))

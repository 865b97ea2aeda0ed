"""`repmon digest`: one week of posts, incidents and sources, as HTML, Markdown, JSON or CSV."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Annotated

import typer

from monitor.cli.common import ConfigOption, app, load_config
from monitor.digest.formats import Format


@app.command()
def digest(
    week: Annotated[
        str | None, typer.Option("--week", help="ISO week, e.g. 2026-W47 (default: the last complete week).")
    ] = None,
    brand: Annotated[str | None, typer.Option("--brand", help="One brand only (default: all brands).")] = None,
    fmt: Annotated[Format, typer.Option("--format", help="html (default), md, json or csv.")] = Format.HTML,
    out: Annotated[
        Path | None, typer.Option("--out", dir_okay=False, help="File to write (default: digest-<week>.<format>).")
    ] = None,
    config: ConfigOption = None,
) -> None:
    """Write the weekly digest of a week to a file and print its path."""
    from monitor.digest.output import UnknownBrand, check_brand, default_path, write
    from monitor.digest.weeks import Week, WeekError
    from monitor.store.database import open_database

    cfg = load_config(config)
    try:
        chosen = Week.parse(week) if week else Week.last_complete(datetime.now(UTC), cfg.digest.zone)
        brand = check_brand(cfg, brand)
    except (WeekError, UnknownBrand) as exc:
        typer.echo(f"repmon: {exc}", err=True)
        raise typer.Exit(2) from None
    path = out or default_path(chosen, brand, fmt)
    if not path.parent.is_dir():
        typer.echo(f"repmon: cannot write {path}: directory {path.parent} does not exist", err=True)
        raise typer.Exit(2)
    engine = open_database(cfg.database.url)
    try:
        written = write(engine, cfg, chosen, brand, fmt, path)
    except OSError as exc:
        typer.echo(f"repmon: cannot write {path}: {exc.strerror or exc}", err=True)
        raise typer.Exit(1) from None
    finally:
        engine.dispose()
    typer.echo(str(written))

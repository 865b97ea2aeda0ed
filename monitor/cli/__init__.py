"""The `repmon` command line. Command names and options are a stable interface: scripts use them.

Each group of commands is one module; importing it registers its commands on the shared app.
"""

from __future__ import annotations

from typing import Annotated

import typer

from monitor import __version__
from monitor.cli import (  # noqa: F401  (importing a command module registers its commands)
    connectors,
    data,
    db,
    digest,
    health,
    incidents,
    replies,
    running,
    slack,
)
from monitor.cli.common import app


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


def main() -> None:
    app()


__all__ = ["app", "main"]

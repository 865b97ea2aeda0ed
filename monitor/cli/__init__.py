"""The `repmon` command line. Command names and options are a stable interface: scripts use them.

Each group of commands is one module; importing it registers its commands on the shared app.
Command modules import what a command needs inside the command, so ``repmon --help`` and a
command's start stay fast (``python -X importtime -m monitor --help`` shows what loads).
"""

from __future__ import annotations

import logging
import sys
from typing import Annotated

import typer

from monitor.cli import (  # noqa: F401  (importing a command module registers its commands)
    connectors,
    data,
    db,
    digest,
    health,
    incidents,
    quarantine,
    replies,
    running,
    slack,
)
from monitor.cli.common import app


def _version(value: bool) -> None:
    if value:
        from monitor import __version__

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
    """Run a command; a failure nobody can fix by reading a traceback is one line and an exit status.

    The database being locked past the busy timeout, down or unreachable exits 2 with the reason;
    anything else unexpected exits 1 with its type and first line (``-v`` logs the traceback).
    """
    try:
        app()
    except Exception as exc:
        from monitor.store.failures import one_line, unavailable_reason

        logging.getLogger("repmon").debug("command failed", exc_info=True)
        if unavailable_reason(exc) is not None:
            typer.echo(f"repmon: {one_line(exc)}; nothing was changed by the failed step, try again", err=True)
            sys.exit(2)
        typer.echo(f"repmon: unexpected error: {one_line(exc)}", err=True)
        sys.exit(1)


__all__ = ["app", "main"]

"""What every command shares: the config and verbosity options, logging set-up, loading the config.

A command module imports ``app`` from here and adds itself with ``@app.command``; listing the
module in ``monitor/cli/__init__.py`` is all it takes to appear in ``repmon --help``.
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path
from typing import Annotated

import typer

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


def setup_logging(verbose: bool = False) -> None:
    logging.basicConfig(
        level=logging.DEBUG if verbose else logging.INFO,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
        stream=sys.stderr,
        force=True,
    )
    for noisy in ("apscheduler", "httpx", "httpcore", "slack_sdk", "alembic"):
        logging.getLogger(noisy).setLevel(logging.WARNING)


def load_config(path: Path | None) -> Config:
    try:
        return config_module.load(path)
    except ConfigError as exc:
        where = f" in {exc.path}" if exc.path else ""
        typer.echo(f"repmon: invalid configuration{where}:", err=True)
        for problem in exc.problems:
            typer.echo(f"  {problem}", err=True)
        raise typer.Exit(2) from None


JsonOption = Annotated[bool, typer.Option("--json", help="Machine-readable output.")]

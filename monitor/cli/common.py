"""What every command shares: the config and logging options, loading the config, failing clearly.

A command module imports ``app`` from here and adds itself with ``@app.command``; listing the
module in ``monitor/cli/__init__.py`` is all it takes to appear in ``repmon --help``.

Two promises hold for every command because they are kept here, once: a database problem is one
line naming the URL (password masked) and what to do, exit 2, never a traceback
(:class:`_ClearFailures`); and no log line carries a secret (:class:`RedactingFilter`).
"""

from __future__ import annotations

import json
import logging
import os
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from typer.core import TyperGroup

from monitor.core.redact import redact

if TYPE_CHECKING:
    from monitor.config import Config

# the database the running command uses, for the one-line failure (one command per process);
# monitor.config (every connector's options) is imported by the first command that loads a config
_loaded: dict[str, str] = {}
_SECRET_NAMES = ("TOKEN", "SECRET", "PASSWORD", "API_KEY")
MIN_ENV_SECRET = 8


class _ClearFailures(TyperGroup):
    """Turns a database failure anywhere below into one line and exit 2."""

    def invoke(self, ctx: Any) -> Any:  # typer's vendored click Context
        try:
            return super().invoke(ctx)
        except Exception as exc:  # Exit, Abort and usage errors are not database problems: re-raised below
            from monitor.config import DatabaseConfig
            from monitor.store.problems import explain

            message = explain(exc, _loaded.get("database_url") or DatabaseConfig().url)
            if message is None:
                raise
            typer.echo(f"repmon: {message}", err=True)
            raise typer.Exit(2) from None


app = typer.Typer(
    name="repmon",
    help="Catch an upset customer's post as it starts to spread, and draft an acknowledgment-first reply.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,  # help texts name config sections like [slack.app]: print them as written
    cls=_ClearFailures,
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
LogFormatOption = Annotated[
    str | None,
    typer.Option("--log-format", help="text or json (one JSON object per line); default: daemon.log_format."),
]
JsonOption = Annotated[bool, typer.Option("--json", help="Machine-readable output.")]


def known_secrets(config: Config | None = None) -> list[str]:
    """Values no output may show: the configured token variables, credential-looking variables, the DB password."""
    from monitor.store.problems import url_password

    names = {n for n in os.environ if any(part in n.upper() for part in _SECRET_NAMES)}
    if config is not None:
        names |= {config.slack.token_env, config.slack.signing_secret_env, config.slack.app.app_token_env}
    values = [v for v in (os.environ.get(name, "") for name in names) if len(v) >= MIN_ENV_SECRET]
    if config is not None:
        values.append(url_password(config.database.url) or "")
    return [v for v in values if v]


class RedactingFilter(logging.Filter):
    """Masks secrets and URL passwords in every record, whoever logged it."""

    def __init__(self, secrets: list[str]) -> None:
        super().__init__()
        self.secrets = secrets

    def filter(self, record: logging.LogRecord) -> bool:
        record.msg = redact(record.getMessage(), self.secrets)
        record.args = None
        if record.exc_info:
            record.exc_text = redact(logging.Formatter().formatException(record.exc_info), self.secrets)
            record.exc_info = None
        return True


class OneLineFormatter(logging.Formatter):
    """Text logs, one event per line: a traceback's lines are joined with ' | '."""

    def format(self, record: logging.LogRecord) -> str:
        return " | ".join(line for line in super().format(record).splitlines() if line.strip())


class JsonFormatter(logging.Formatter):
    """One JSON object per line, the shape log shippers (Vector, Fluent Bit, Loki) expect."""

    def format(self, record: logging.LogRecord) -> str:
        event: dict[str, Any] = {
            "ts": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname.lower(),
            "logger": record.name,
            "message": record.getMessage(),
        }
        if record.exc_text:
            event["error"] = record.exc_text
        return json.dumps(event, ensure_ascii=False)


def setup_logging(verbose: bool = False, log_format: str | None = None, config: Config | None = None) -> None:
    chosen = log_format or (config.daemon.log_format if config is not None else "text")
    if chosen not in ("text", "json"):
        typer.echo(f"repmon: --log-format must be text or json, got {chosen!r}", err=True)
        raise typer.Exit(2)
    handler = logging.StreamHandler(sys.stderr)
    handler.addFilter(RedactingFilter(known_secrets(config)))
    formatter: logging.Formatter = (
        JsonFormatter() if chosen == "json" else OneLineFormatter("%(asctime)s %(levelname)s %(name)s: %(message)s")
    )
    handler.setFormatter(formatter)
    logging.basicConfig(level=logging.DEBUG if verbose else logging.INFO, handlers=[handler], force=True)
    for noisy in ("apscheduler", "httpx", "httpcore", "slack_sdk", "alembic"):
        logging.getLogger(noisy).setLevel(logging.WARNING)


def load_config(path: Path | None) -> Config:
    from monitor import config as config_module
    from monitor.config import ConfigError

    try:
        loaded = config_module.load(path)
    except ConfigError as exc:
        where = f" in {exc.path}" if exc.path else ""
        typer.echo(f"repmon: invalid configuration{where}:", err=True)
        for problem in exc.problems:
            typer.echo(f"  {redact(problem)}", err=True)
        raise typer.Exit(2) from None
    _loaded["database_url"] = loaded.database.url
    return loaded


def config_source(path: Path | None) -> str:
    """Which config a command used, in words: the file and why it was chosen, or the defaults."""
    from monitor import config as config_module

    resolved = config_module.resolve_path(path)
    if resolved is None:
        return "built-in defaults (no --config, no $REPMON_CONFIG, no ./repmon.toml)"
    if path is not None:
        return str(resolved)
    if os.environ.get(config_module.CONFIG_ENV):
        return f"{resolved} (from ${config_module.CONFIG_ENV})"
    return f"{resolved} (found in the working directory)"

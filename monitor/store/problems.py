"""Database failures as one line a person can act on: which database, what is wrong, what to do.

A driver's exception is dozens of lines of traceback with the fix buried in the middle. Every
database problem the CLI meets (a missing driver, a refused connection, a wrong database name, an
SQLite path that cannot be opened, a schema newer than this repmon) goes through :func:`explain`,
which names the URL with its password masked and says what to do. The hints are data
(``problems.toml``), matched in order against the driver's message.
"""

from __future__ import annotations

import sys
import tomllib
from dataclasses import dataclass
from functools import cache
from importlib.resources import files

from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, NoSuchModuleError, SQLAlchemyError

from monitor.core.errors import FatalError
from monitor.core.redact import mask_url, redact


class DatabaseProblem(FatalError):
    """One line naming the database (password masked), what is wrong and what to do."""


@dataclass(frozen=True)
class _Hint:
    match: tuple[str, ...]
    say: str
    backend: str | None


@cache
def _hints() -> tuple[_Hint, ...]:
    data = tomllib.loads(files(__package__).joinpath("problems.toml").read_text(encoding="utf-8"))
    return tuple(
        _Hint(tuple(m.lower() for m in item["match"]), item["say"], item.get("backend")) for item in data["hint"]
    )


def url_password(url: str) -> str | None:
    """The password inside a database URL, so outputs can mask it wherever it shows up."""
    try:
        password = make_url(url).password
        return str(password) if password else None
    except ArgumentError:
        return None


def _detail(exc: BaseException) -> str:
    cause = getattr(exc, "orig", None) or exc
    lines = [line.strip() for line in str(cause).splitlines() if line.strip()]
    return lines[0] if lines else type(cause).__name__


def _is_migration_error(exc: BaseException) -> bool:
    """An Alembic failure; Alembic is loaded only by a migration, so there is none without it."""
    util = sys.modules.get("alembic.util")
    return util is not None and isinstance(exc, util.CommandError)


def explain(exc: BaseException, url: str) -> str | None:
    """The one-line message for a database failure, or None when ``exc`` is not one."""
    if not isinstance(exc, SQLAlchemyError | ImportError | DatabaseProblem) and not _is_migration_error(exc):
        return None
    if isinstance(exc, DatabaseProblem):
        return str(exc)
    if isinstance(exc, SQLAlchemyError) and not isinstance(exc, DBAPIError | ArgumentError | NoSuchModuleError):
        return None  # a programming error in repmon, not a problem with the database: let it show
    try:
        backend = make_url(url).get_backend_name()
    except ArgumentError:
        backend = None
    text = f"{type(exc).__name__} {_detail(exc)}".lower()
    detail = redact(_detail(exc), [url_password(url)])
    for hint in _hints():
        if (hint.backend is None or hint.backend == backend) and any(m in text for m in hint.match):
            return f"database {mask_url(url)}: {detail}; {hint.say}"
    return f"database {mask_url(url)}: {detail}; check [database] url (see config.example.toml)"

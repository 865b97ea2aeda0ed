"""Database failures in one line: what went wrong, without the SQL, the parameters or a password.

SQLAlchemy's error text carries the statement and its bound parameters (a post's text, its
author), which must never reach ``repmon status``, a log shipper or a terminal. The store is
the only layer that knows SQLAlchemy, so it is the one that reads these errors and says:

- :func:`unavailable_reason`: the database itself is the problem (locked past the busy timeout,
  down, unreachable, full). The CLI prints the line and exits 2; the daemon logs it and retries.
- :func:`is_record_problem`: the data of one record is (a value the column cannot hold); the
  pipeline stores the page record by record and quarantines the ones that fail.
"""

from __future__ import annotations

import sqlite3

from sqlalchemy import exc as sa_exc

from monitor.core.errors import RetriableError
from monitor.core.redact import redact

LINE_MAX = 240


class DatabaseUnavailable(RetriableError):
    """The database cannot be used right now; ``str()`` is the one-line reason."""


def _first_line(text: str) -> str:
    line = (text.strip().splitlines() or [""])[0]
    line = redact(line)
    return line if len(line) <= LINE_MAX else line[: LINE_MAX - 1] + "…"


def _origin(error: BaseException) -> BaseException:
    return getattr(error, "orig", None) or error


def unavailable_reason(error: BaseException) -> str | None:
    """One line if ``error`` means the database cannot be used right now, else None."""
    if isinstance(error, DatabaseUnavailable):
        return str(error)
    if isinstance(error, sa_exc.TimeoutError):
        return "database busy: no connection free in the pool"
    if not isinstance(error, sa_exc.OperationalError | sa_exc.InterfaceError | sa_exc.DisconnectionError):
        return None
    detail = _first_line(str(_origin(error)))
    lowered = detail.lower()
    if "locked" in lowered or "busy" in lowered:
        return "database is locked: another process held it longer than the busy timeout"
    if "disk is full" in lowered or "no space left" in lowered or "could not extend" in lowered:
        return f"database is full: free disk space ({detail})"
    if "unable to open" in lowered:
        return f"cannot open the SQLite database file ({detail})"
    return f"database unavailable: {detail}"


def is_record_problem(error: BaseException) -> bool:
    """True when the values of a record, not the database, made a statement fail."""
    if unavailable_reason(error) is not None:
        return False
    origin = _origin(error)
    if isinstance(origin, UnicodeError | OverflowError | ValueError | sqlite3.DataError):
        return True
    return isinstance(error, sa_exc.DataError | sa_exc.IntegrityError | sa_exc.StatementError)


def one_line(error: BaseException) -> str:
    """Any error as one safe line: a database reason, else the type and first line of the message."""
    reason = unavailable_reason(error)
    if reason is not None:
        return reason
    origin = _origin(error)
    if isinstance(error, sa_exc.SQLAlchemyError) or origin is not error:
        return f"{type(origin).__name__}: {_first_line(str(origin))}"  # never the statement or parameters
    return f"{type(error).__name__}: {_first_line(str(error))}"

"""Errors grouped by how to recover, so every caller knows what to do without reading the cause.

- :class:`FatalError`: stop this unit of work and report it; trying again will not help until a
  person changes something (a revoked token, a channel that does not exist, a bad config).
- :class:`RetriableError`: back off and try again later (429, 5xx, timeouts, a database that is
  briefly unreachable). ``retry_after`` carries the server's advice when it gave one.
- :class:`SkipRecord`: this one record cannot be used; set it aside with the reason and go on with
  the rest of the page.

Messages are one line, safe to show in ``repmon status``: no SQL, no post text, no secrets.
"""

from __future__ import annotations


class RepmonError(Exception):
    """Base of the recovery groups; ``str(error)`` is the one-line reason."""


class FatalError(RepmonError):
    """Stop and report: retrying cannot fix this."""


class RetriableError(RepmonError):
    """Back off and try again; ``retry_after`` is the server's advice in seconds, if any."""

    def __init__(self, message: str, retry_after: float | None = None) -> None:
        super().__init__(message)
        self.retry_after = retry_after


class SkipRecord(RepmonError):
    """Drop this record, record why, and go on with the others."""

"""How far one poll reads: a page and item cap, and the stop conditions that prevent endless loops."""

from __future__ import annotations

import logging
from collections.abc import Hashable

from connectors.config import SourceConfig


class Paging:
    """Bounds one poll: at most ``max_pages`` pages and ``max_items`` posts, and no endless loops.

    Call :meth:`is_new` for each record's id, then :meth:`more` once per page with the token that
    would fetch the next one. Paging ends when there is no next token, the page brought nothing
    new (an API that ignores the cursor returns the same page forever), the token repeats, or a
    cap is reached (``capped`` is then True: the connector must keep enough in its cursor not to
    skip what it has not read).
    """

    def __init__(self, config: SourceConfig, log: logging.Logger, where: str) -> None:
        self.max_pages = config.max_pages
        self.max_items = config.max_items
        self.pages = 0
        self.items = 0
        self.capped = False
        self.reason = ""
        self._log = log
        self._where = where
        self._seen: set[str] = set()
        self._tokens: set[Hashable] = set()
        self._new_on_page = 0

    def is_new(self, record_id: str) -> bool:
        if record_id in self._seen:
            return False
        self._seen.add(record_id)
        self._new_on_page += 1
        return True

    def more(self, next_token: Hashable | None) -> bool:
        self.pages += 1
        self.items += self._new_on_page
        new, self._new_on_page = self._new_on_page, 0
        if next_token is None:
            self.reason = "no further page"
        elif new == 0:
            self.reason = "a page with nothing new"
        elif next_token in self._tokens:
            self.reason = "the cursor did not advance"
        elif self.pages >= self.max_pages or self.items >= self.max_items:
            self.capped = True
            self.reason = f"the cap of {self.max_pages} pages / {self.max_items} posts per poll"
            self._log.warning(
                "%s: stopped at %s; the rest is read at the next poll (raise max_pages/max_items or poll more often)",
                self._where,
                self.reason,
            )
        else:
            self._tokens.add(next_token)
            return True
        return False

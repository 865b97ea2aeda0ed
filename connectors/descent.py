"""Reading a newest-first listing down to what is already stored (reviews, comment threads).

Some sources have no "since" filter: they list newest first and page with an opaque token (or a
page number). A poll walks down from the top until it meets a post at or below the stored mark.
The mark only rises once the walk has reached it, so nothing in between is skipped:

- a walk that meets the mark (or the end of the listing) sets the mark to the newest post read;
- a walk stopped by the page cap keeps the old mark and stores the token of the next page plus
  the newest post read so far; the next poll resumes from that token and, once it meets the old
  mark, raises the mark to that newest post (posts that arrived meanwhile are read the poll after);
- the first poll (no mark) reads one page: repmon watches from now on, it does not backfill.

Cursor: ``{"moment": ISO, "ids": [...]}`` plus ``"resume"`` and ``"top"`` while a walk is unfinished.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable, Iterable
from datetime import datetime
from typing import Any, TypeVar

from connectors.base import Page, Paging
from connectors.watermark import Watermark, dump_time_mark, time_mark
from monitor.core.observations import Observation

Cursor = dict[str, Any]
T = TypeVar("T")


class Descent:
    def __init__(self, cursor: Cursor | None) -> None:
        cursor = cursor if isinstance(cursor, dict) else {}
        self.mark = time_mark(cursor)
        top = cursor.get("top")
        self.earlier_top = time_mark(top) if isinstance(top, dict) else Watermark[datetime]()
        resume = cursor.get("resume")
        self.resume: str | None = str(resume) if isinstance(resume, str | int) and self.mark.moment else None
        self.top: Watermark[datetime] = Watermark()
        self.reached = False

    @property
    def first_poll(self) -> bool:
        return self.mark.moment is None

    def take(self, posts: Iterable[tuple[datetime | None, str, T]]) -> list[T]:
        """The posts of one page not stored yet; notes when the walk met the stored mark."""
        fresh: list[T] = []
        for moment, post_id, post in posts:
            if moment is None:
                continue
            if self.mark.admits(moment, post_id):
                fresh.append(post)
                self.top.advance([(moment, post_id)])
            elif self.mark.moment is not None and moment <= self.mark.moment:
                self.reached = True
        return fresh

    def go_on(self) -> bool:
        """Whether a walk that still has a next page should read it."""
        return not self.first_poll and not self.reached

    def cursor(self, next_token: str | int | None, *, capped: bool) -> Cursor | None:
        """The cursor after the walk; None leaves the stored one as it was."""
        top = self.earlier_top if self.earlier_top.moment is not None else self.top
        if self.earlier_top.moment is not None and self.top.moment is not None:
            top = _higher(self.earlier_top, self.top)
        if capped and next_token is not None and not self.first_poll and not self.reached:
            if top.moment is None:
                return None
            return {**dump_time_mark(self.mark), "resume": next_token, "top": dump_time_mark(top)}
        if top.moment is None:
            return None
        return dump_time_mark(_higher(self.mark, top) if self.mark.moment is not None else top)


def _higher(a: Watermark[datetime], b: Watermark[datetime]) -> Watermark[datetime]:
    if a.moment is None:
        return b
    if b.moment is None or a.moment > b.moment:
        return a
    if b.moment > a.moment:
        return b
    return Watermark(a.moment, a.ids | b.ids)


async def walk_feeds(
    feeds: Iterable[str],
    cursor: Cursor | None,
    new_paging: Callable[[], Paging],
    read: Callable[[str, str | None], Awaitable[tuple[list[tuple[datetime | None, str, T]], str | None]]],
    observe: Callable[[list[T]], Awaitable[list[Observation]]],
) -> AsyncIterator[Page]:
    """Walk each feed down to its mark, one :class:`Descent` per feed under the cursor's ``"feeds"``.

    ``read(feed, token)`` fetches one page (``token`` is None for the top) and returns its posts as
    ``(moment, id, post)`` plus the next page's token; ``observe`` turns the fresh posts into
    observations. Each feed gets the whole page budget; the cursor moves only when a walk ends.
    """
    stored = (cursor or {}).get("feeds")
    marks: dict[str, Any] = dict(stored) if isinstance(stored, dict) else {}
    for feed in feeds:
        paging = new_paging()
        descent = Descent(marks.get(feed))
        token = descent.resume
        while True:
            posts, next_token = await read(feed, token)
            fresh = descent.take(post for post in posts if paging.is_new(post[1]))
            observations = await observe(fresh)
            if descent.go_on() and paging.more(next_token):
                yield Page(observations, None)
                token = next_token
                continue
            moved = descent.cursor(next_token, capped=paging.capped)
            if moved is not None:
                marks[feed] = moved
            yield Page(observations, {"feeds": dict(marks)} if moved is not None else None)
            break

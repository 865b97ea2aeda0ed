"""The high-water mark of a source: the newest moment stored, and the ids stored at that moment.

Sources filter by time at a granularity (a second, a millisecond) that several posts can share.
Keeping only the moment would either lose the posts that arrive later in the boundary moment
(``>``) or store the boundary posts again on every poll (``>=``). Keeping the ids stored at that
moment as well makes an inclusive filter exact: a post is new when it is later than the mark, or
at the mark and not among its ids.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Generic, TypeVar

Moment = TypeVar("Moment", int, datetime)


@dataclass
class Watermark(Generic[Moment]):
    moment: Moment | None = None
    """None before the first poll: every post the source returns is new."""
    ids: set[str] = field(default_factory=set)

    def admits(self, moment: Moment, post_id: str) -> bool:
        """True when a post at ``moment`` has not been stored yet."""
        if self.moment is None:
            return True
        return moment > self.moment or (moment == self.moment and post_id not in self.ids)

    def advance(self, posts: Iterable[tuple[Moment, str]]) -> bool:
        """Raise the mark over posts now stored; False when there were none."""
        changed = False
        for moment, post_id in posts:
            if self.moment is None or moment > self.moment:
                self.moment, self.ids = moment, {post_id}
            elif moment == self.moment:
                self.ids.add(post_id)
            else:
                continue
            changed = True
        return changed

    def sorted_ids(self) -> list[str]:
        return sorted(self.ids)

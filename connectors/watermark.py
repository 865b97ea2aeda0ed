"""The high-water mark of a source: the newest moment stored, and the ids stored at that moment.

Sources filter by time at a granularity (a second, a millisecond) that several posts can share.
Keeping only the moment would either lose the posts that arrive later in the boundary moment
(``>``) or store the boundary posts again on every poll (``>=``). Keeping the ids stored at that
moment as well makes an inclusive filter exact: a post is new when it is later than the mark, or
at the mark and not among its ids.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Generic, TypeVar

Moment = TypeVar("Moment", int, datetime)
_LONG_FRACTION = re.compile(r"(\.\d{7,})")


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


def parse_time(value: object) -> datetime | None:
    """An ISO 8601 moment as an aware datetime (naive ones are UTC); None when absent or unreadable."""
    if isinstance(value, datetime):
        return value if value.tzinfo else value.replace(tzinfo=UTC)
    if not isinstance(value, str) or not value.strip():
        return None
    text = value.strip().replace("Z", "+00:00").replace("z", "+00:00")
    text = _LONG_FRACTION.sub(lambda m: m.group(1)[:7], text)  # more than microseconds: cut to six digits
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def iso(moment: datetime, timespec: str = "auto") -> str:
    """A moment as UTC ISO 8601 with a ``Z``, the way the APIs write them."""
    return moment.astimezone(UTC).isoformat(timespec=timespec).replace("+00:00", "Z")


def time_mark(cursor: object, key: str = "moment") -> Watermark[datetime]:
    """The time mark a cursor stores under ``key`` (with its ids under ``"ids"``); empty when absent."""
    if not isinstance(cursor, dict):
        return Watermark()
    moment = parse_time(cursor.get(key))
    ids = cursor.get("ids")
    if moment is None:
        return Watermark()
    return Watermark(moment, {str(i) for i in ids} if isinstance(ids, list) else set())


def dump_time_mark(mark: Watermark[datetime], key: str = "moment") -> dict[str, object]:
    """The cursor form of a time mark: ``{key: ISO moment, "ids": [...]}``."""
    return {key: iso(mark.moment) if mark.moment is not None else None, "ids": mark.sorted_ids()}

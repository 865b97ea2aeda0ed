"""The newest point a newest-first source has been read up to, exact at the boundary.

Sources that list newest first and can only be asked "older than" (Reddit, Lemmy, Discourse,
Algolia) need a cursor that says how far up everything is stored. A timestamp alone is not
enough: posts sharing the boundary moment would be lost (``>``) or read twice (``>=``). A
:class:`Watermark` is the moment plus the ids already read at exactly that moment.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Watermark:
    at: float  # seconds since the epoch (fractions kept when the source has them)
    ids: frozenset[str] = frozenset()

    @classmethod
    def read(cls, raw: Any) -> Watermark | None:
        """The mark stored in a cursor by :meth:`cursor`, or None when absent or unreadable."""
        if not isinstance(raw, dict):
            return None
        at, ids = raw.get("at"), raw.get("ids", [])
        if not isinstance(at, int | float) or isinstance(at, bool) or not isinstance(ids, list):
            return None
        return cls(float(at), frozenset(str(i) for i in ids))

    def covers(self, at: float, post_id: str) -> bool:
        """True when the post at ``at`` with ``post_id`` is at or below this mark (already read)."""
        return at < self.at or (at == self.at and post_id in self.ids)

    def raised(self, at: float, post_id: str) -> Watermark:
        """This mark moved up to the post if it is newer, or widened if it shares the moment."""
        if at > self.at:
            return Watermark(at, frozenset({post_id}))
        if at == self.at:
            return Watermark(self.at, self.ids | {post_id})
        return self

    def cursor(self) -> dict[str, Any]:
        at: float | int = int(self.at) if self.at.is_integer() else self.at
        return {"at": at, "ids": sorted(self.ids)}


def highest(mark: Watermark | None, posts: Iterable[tuple[float, str]]) -> Watermark | None:
    """``mark`` raised past every ``(at, id)`` post (a ``None`` mark starts below all of them)."""
    for at, post_id in posts:
        mark = (mark or Watermark(float("-inf"))).raised(at, post_id)
    return mark

"""The quarantine: records set aside with the reason, so one bad record never stops a page.

Rows are written in the same transaction as the page they came from (or right after it, when
the page had to be stored record by record), so a record is always either stored, quarantined,
or still ahead of the cursor. ``raw`` is ASCII JSON: any database stores it whatever was in it.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, Engine, delete, func, select, update

from monitor.store.database import plain_insert, transaction
from monitor.store.tables import Quarantined

QUARANTINE = Quarantined.__table__  # type: ignore[attr-defined]
REASON_MAX = 300
_UNSAFE = re.compile("[\x00\ud800-\udfff]")


@dataclass(frozen=True)
class Held:
    """One quarantined record as ``repmon quarantine`` shows it."""

    id: int
    source: str
    origin: str
    post_id: str | None
    reason: str
    raw: str
    quarantined_at: datetime
    retries: int

    def record(self) -> Any:
        """The record as received: a dict for an observation, a str for a line that did not parse."""
        return json.loads(self.raw)


@dataclass(frozen=True)
class Reject:
    """A record to set aside: what it was, where from, and why it could not be stored."""

    source: str
    reason: str
    raw: Any  # JSON-ready: an observation's dict, or the raw line
    post_id: str | None = None


def encode_raw(raw: Any) -> str:
    return json.dumps(raw, ensure_ascii=True, default=str)


def _safe(text: str, limit: int) -> str:
    """One line any database stores: NUL and lone surrogates (the poison itself) replaced."""
    return _UNSAFE.sub("\ufffd", " ".join(text.split()))[:limit]


def _row(reject: Reject, origin: str, now: datetime) -> dict[str, Any]:
    return {
        "source": _safe(reject.source, 64),
        "origin": origin[:16],
        "post_id": _safe(reject.post_id, 255) if reject.post_id else None,
        "reason": _safe(reject.reason, REASON_MAX),
        "raw": encode_raw(reject.raw),
        "quarantined_at": now,
        "retries": 0,
    }


def set_aside(conn: Connection, rejects: Sequence[Reject], origin: str, now: datetime) -> None:
    """Quarantine ``rejects`` inside the caller's transaction."""
    plain_insert(conn, QUARANTINE, [_row(r, origin, now) for r in rejects])


def count_held(engine: Engine) -> dict[str, int]:
    """Quarantined records per source."""
    with engine.connect() as conn:
        rows = conn.execute(select(QUARANTINE.c.source, func.count()).group_by(QUARANTINE.c.source)).all()
    return {str(source): int(n) for source, n in rows}


def _held(row: Any) -> Held:
    return Held(**{name: row[name] for name in Held.__dataclass_fields__})


def list_held(engine: Engine, source: str | None = None, limit: int = 100) -> list[Held]:
    query = select(QUARANTINE).order_by(QUARANTINE.c.id).limit(limit)
    if source is not None:
        query = query.where(QUARANTINE.c.source == source)
    with engine.connect() as conn:
        return [_held(row) for row in conn.execute(query).mappings()]


def get_held(engine: Engine, ids: Sequence[int]) -> list[Held]:
    with engine.connect() as conn:
        rows = conn.execute(select(QUARANTINE).where(QUARANTINE.c.id.in_(list(ids))).order_by(QUARANTINE.c.id))
        return [_held(row) for row in rows.mappings()]


def release(conn: Connection, held_id: int) -> None:
    """Remove a record that has now been stored, in the transaction that stored it."""
    conn.execute(delete(QUARANTINE).where(QUARANTINE.c.id == held_id))


def still_held(engine: Engine, held_id: int, reason: str) -> None:
    """A retry failed again: keep the record, with the newest reason."""
    with transaction(engine) as conn:
        conn.execute(
            update(QUARANTINE)
            .where(QUARANTINE.c.id == held_id)
            .values(reason=_safe(reason, REASON_MAX), retries=QUARANTINE.c.retries + 1)
        )


def drop_held(engine: Engine, ids: Sequence[int] | None = None, source: str | None = None) -> int:
    """Delete quarantined records for good: by id, by source, or (neither given) nothing."""
    if not ids and source is None:
        return 0
    statement = delete(QUARANTINE)
    if ids:
        statement = statement.where(QUARANTINE.c.id.in_(list(ids)))
    if source is not None:
        statement = statement.where(QUARANTINE.c.source == source)
    with transaction(engine) as conn:
        return int(conn.execute(statement).rowcount)

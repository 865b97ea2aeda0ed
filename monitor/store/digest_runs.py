"""The weekly digest's claim rows: a unique key per week makes the Slack post happen once.

Every daemon instance tries to claim the week; the primary key lets exactly one insert win, and
a failed or abandoned send can be taken over once its lease has passed.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Engine, and_, func, or_, select, update

from monitor.store.database import insert_ignore, transaction
from monitor.store.tables import DigestRun

RUNS = DigestRun.__table__  # type: ignore[attr-defined]


@dataclass(frozen=True)
class Claim:
    key: str
    won: bool
    status: str


def claim_digest(engine: Engine, key: str, owner: str, now: datetime, lease: timedelta) -> Claim:
    """Take the right to send the digest ``key``; at most one instance wins, once per key.

    The row's primary key is the week: the first ``INSERT`` wins and every other instance
    (or a restart in the same minute) sees the row. A failed send, or a sender that died
    holding the claim, may be taken over once ``lease`` has passed since the last attempt.
    """
    with transaction(engine) as conn:
        before = conn.execute(select(func.count()).select_from(RUNS).where(RUNS.c.key == key)).scalar_one()
        insert_ignore(conn, RUNS, [{"key": key, "status": "sending", "owner": owner, "claimed_at": now, "attempts": 1}])
        if not before:
            row = conn.execute(select(RUNS.c.owner, RUNS.c.status).where(RUNS.c.key == key)).one()
            return Claim(key, row.owner == owner and row.status == "sending", str(row.status))
        retake = and_(or_(RUNS.c.status == "failed", RUNS.c.status == "sending"), RUNS.c.claimed_at < now - lease)
        taken = conn.execute(
            update(RUNS)
            .where(and_(RUNS.c.key == key, retake))
            .values(status="sending", owner=owner, claimed_at=now, attempts=RUNS.c.attempts + 1)
        )
        status = conn.execute(select(RUNS.c.status).where(RUNS.c.key == key)).scalar_one()
        return Claim(key, bool(taken.rowcount), str(status))


def finish_digest(
    engine: Engine,
    key: str,
    owner: str,
    now: datetime,
    *,
    error: str | None = None,
    channel: str | None = None,
    ts: str | None = None,
) -> None:
    values: dict[str, Any] = (
        {"status": "failed", "error": error}
        if error
        else {"status": "sent", "sent_at": now, "channel": channel, "ts": ts, "error": None}
    )
    with transaction(engine) as conn:
        conn.execute(update(RUNS).where(and_(RUNS.c.key == key, RUNS.c.owner == owner)).values(**values))


def digest_run(engine: Engine, key: str) -> dict[str, Any] | None:
    with engine.connect() as conn:
        row = conn.execute(select(RUNS).where(RUNS.c.key == key)).mappings().first()
    return dict(row) if row is not None else None

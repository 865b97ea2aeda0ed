"""The sources aggregate: each configured source's cursor, schedule, lease, health and baselines.

One row per source name in ``source_state``. Velocity baselines share the table as rows named
``baseline:<platform>`` so they move with the same backups and transactions.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import and_, or_, select, update

from monitor.store import driver
from monitor.store.database import Database, UnitOfWork, transaction, upsert
from monitor.store.tables import SourceState

STATE = SourceState.__table__  # type: ignore[attr-defined]
BASELINE_TYPE = "baseline"


def _ensure(uow: UnitOfWork, name: str, source_type: str) -> None:
    upsert(uow, STATE, [{"name": name, "type": source_type, "posts_stored": 0}], ["name"], ["type"])


def load_cursor(db: Database, name: str) -> dict[str, Any] | None:
    with db.connect() as uow:
        cursor: dict[str, Any] | None = uow.execute(
            select(STATE.c.cursor).where(STATE.c.name == name)
        ).scalar_one_or_none()
    return cursor


def next_due(db: Database, name: str) -> datetime | None:
    """When a source was scheduled to poll next (survives restarts), or ``None``."""
    with db.connect() as uow:
        due: datetime | None = uow.execute(select(STATE.c.next_due_at).where(STATE.c.name == name)).scalar_one_or_none()
    return due


def record_page(
    uow: UnitOfWork, name: str, source_type: str, cursor: dict[str, Any] | None, new_posts: int, now: datetime
) -> None:
    """Count a stored page and move the cursor, in the same transaction as the page's posts."""
    _ensure(uow, name, source_type)
    change: dict[str, Any] = {"posts_stored": STATE.c.posts_stored + new_posts}
    if cursor is not None:
        change |= {"cursor": cursor, "cursor_updated_at": now}
    uow.execute(update(STATE).where(STATE.c.name == name).values(**change))


def acquire_lease(
    db: Database,
    name: str,
    source_type: str,
    owner: str,
    now: datetime,
    lease_for: timedelta,
    presumed_dead: Callable[[str], bool] = lambda _owner: False,
) -> bool:
    """Claim the right to poll ``name`` until the lease expires; False if another instance has it.

    A lease whose holder ``presumed_dead`` says is gone (this host's process that no longer
    exists, e.g. the daemon before a ``kill -9`` and restart) is taken over at once instead of
    waiting out its expiry; the compare-and-set on the holder keeps two takers from both winning.
    """
    with transaction(db) as uow:
        _ensure(uow, name, source_type)
        holder = uow.execute(select(STATE.c.lease_owner).where(STATE.c.name == name)).scalar_one_or_none()
        free = or_(STATE.c.lease_until.is_(None), STATE.c.lease_until < now, STATE.c.lease_owner == owner)
        if holder and holder != owner and presumed_dead(holder):
            free = or_(free, STATE.c.lease_owner == holder)
        claimed = uow.execute(
            update(STATE)
            .where(and_(STATE.c.name == name, free))
            .values(lease_owner=owner, lease_until=now + lease_for, last_poll_started_at=now)
        )
        return bool(claimed.rowcount)


def lease_holder(db: Database, name: str) -> tuple[str, datetime | None] | None:
    """Who holds ``name``'s poll lease and since when, or None when nobody does."""
    with db.connect() as uow:
        row = uow.execute(
            select(STATE.c.lease_owner, STATE.c.last_poll_started_at).where(STATE.c.name == name)
        ).one_or_none()
    if row is None or row[0] is None:
        return None
    return str(row[0]), row[1]


def release_lease(db: Database, name: str, owner: str, next_due_at: datetime) -> None:
    """Give the lease back without a health verdict (the poll was stopped by a shutdown)."""
    with transaction(db) as uow:
        uow.execute(
            update(STATE)
            .where(and_(STATE.c.name == name, STATE.c.lease_owner == owner))
            .values(lease_owner=None, lease_until=None, next_due_at=next_due_at)
        )


def record_poll(db: Database, name: str, owner: str, error: str | None, now: datetime, next_due_at: datetime) -> None:
    """Release the lease and keep the one-line health of how the poll went."""
    values: dict[str, object] = {"lease_owner": None, "lease_until": None, "next_due_at": next_due_at}
    if error is None:
        values |= {"last_success_at": now, "consecutive_failures": 0}
    else:
        values |= {
            "last_error": error,
            "last_error_at": now,
            "consecutive_failures": STATE.c.consecutive_failures + 1,
        }
    with transaction(db) as uow:
        uow.execute(update(STATE).where(and_(STATE.c.name == name, STATE.c.lease_owner == owner)).values(**values))


def source_health(db: Database) -> list[dict[str, Any]]:
    """Every source's state row (baselines excluded), by name: what ``repmon status`` shows."""
    with db.connect() as uow:
        rows = uow.execute(select(STATE).where(STATE.c.type != BASELINE_TYPE).order_by(STATE.c.name)).mappings()
        return [dict(row) for row in rows]


def load_baselines(uow: UnitOfWork, platforms: Sequence[str]) -> dict[str, dict[str, Any] | None]:
    """The stored velocity baseline of each platform (``None`` where there is none yet)."""
    names = {f"{BASELINE_TYPE}:{p}": p for p in platforms}
    found: dict[str, dict[str, Any] | None] = dict.fromkeys(platforms)
    if names:
        # through the driver: read once a page, SQLAlchemy's expanding of the IN list cost more than the read
        where, params = driver.any_of(uow, "name", list(names))
        sql = f"SELECT name, baseline FROM source_state WHERE {where}"  # noqa: S608 - a constant column name
        for name, baseline in driver.fetch_all(uow, sql, params):
            found[names[name]] = driver.from_db_json(baseline)
    return found


def save_baseline(uow: UnitOfWork, platform: str, baseline: dict[str, Any]) -> None:
    upsert(
        uow,
        STATE,
        [{"name": f"{BASELINE_TYPE}:{platform}", "type": BASELINE_TYPE, "baseline": baseline}],
        ["name"],
        ["baseline"],
    )

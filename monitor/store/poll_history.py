"""Poll history: one row per poll of each source, for the digest's week of source health.

``source_state`` keeps only the latest health of a source; a week's polls, failures and gaps
need the history, which this table keeps (written once per poll, read once a week).
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import ColumnElement, Connection, Engine, and_, case, func, select

from monitor.store.database import transaction
from monitor.store.tables import PollRun

POLLS = PollRun.__table__  # type: ignore[attr-defined]


def poll_totals(conn: Connection, start: datetime, end: datetime) -> list[dict[str, Any]]:
    """Per source: polls, failed polls, items fetched, last error, in the period."""
    failed = func.sum(case((POLLS.c.ok.is_(False), 1), else_=0))
    query = (
        select(
            POLLS.c.source,
            func.count().label("polls"),
            failed.label("failures"),
            func.sum(POLLS.c["items"]).label("items"),
            func.sum(POLLS.c.new_posts).label("new_posts"),
        )
        .where(and_(POLLS.c.started_at >= start, POLLS.c.started_at < end))
        .group_by(POLLS.c.source)
        .order_by(POLLS.c.source)
    )
    rows = [dict(r) for r in conn.execute(query).mappings()]
    for row in rows:
        row["last_error"] = conn.execute(
            select(POLLS.c.error)
            .where(and_(POLLS.c.source == row["source"], POLLS.c.ok.is_(False)))
            .where(and_(POLLS.c.started_at >= start, POLLS.c.started_at < end))
            .order_by(POLLS.c.started_at.desc())
            .limit(1)
        ).scalar_one_or_none()
    return rows


def _seconds_between(dialect: str, later: Any, earlier: Any) -> ColumnElement[Any]:
    if dialect == "sqlite":
        return (func.julianday(later) - func.julianday(earlier)) * 86400.0
    return func.extract("epoch", later - earlier)


def poll_gaps(
    conn: Connection, source: str, start: datetime, end: datetime, longer_than: timedelta
) -> list[tuple[datetime, datetime]]:
    """Stretches of the period longer than ``longer_than`` with no successful poll of ``source``.

    Consecutive successful polls (by start, on the ``source, started_at`` index) are paired in the
    database (``LAG``), so only the gaps come back; the stretches before the first and after the
    last poll of the period count too.
    """
    ok = and_(POLLS.c.source == source, POLLS.c.started_at >= start, POLLS.c.started_at < end, POLLS.c.ok.is_(True))
    previous = func.lag(POLLS.c.started_at).over(order_by=POLLS.c.started_at)
    pairs = select(POLLS.c.started_at.label("at"), previous.label("before")).where(ok).subquery()
    long = _seconds_between(conn.dialect.name, pairs.c.at, pairs.c.before) > longer_than.total_seconds()
    rows = conn.execute(
        select(pairs.c.before, pairs.c.at).where(and_(pairs.c.before.is_not(None), long)).order_by(pairs.c.at)
    ).all()
    gaps = [(_aware(before), _aware(at)) for before, at in rows]
    first, last = conn.execute(select(func.min(POLLS.c.started_at), func.max(POLLS.c.started_at)).where(ok)).one()
    if first is None:
        return [(start, end)] if end - start > longer_than else []
    if first - start > longer_than:
        gaps.insert(0, (start, first))
    if end - last > longer_than:
        gaps.append((last, end))
    return gaps


def _aware(value: Any) -> datetime:
    """A timestamp read through a subquery (so without the column's type) as aware UTC."""
    when = value if isinstance(value, datetime) else datetime.fromisoformat(str(value))
    return when.replace(tzinfo=UTC) if when.tzinfo is None else when.astimezone(UTC)


def has_poll_history(conn: Connection, before: datetime) -> bool:
    """Whether polls were recorded at all by then (older databases have no history to show)."""
    return conn.execute(select(POLLS.c.id).where(POLLS.c.started_at < before).limit(1)).first() is not None


def record_poll_run(
    engine: Engine,
    *,
    source: str,
    started_at: datetime,
    finished_at: datetime,
    error: str | None,
    items: int,
    new_posts: int,
) -> None:
    """One line of source history per poll, kept for the digest's source health."""
    with transaction(engine) as conn:
        conn.execute(
            POLLS.insert().values(
                source=source,
                started_at=started_at,
                finished_at=finished_at,
                ok=error is None,
                error=error,
                items=items,
                new_posts=new_posts,
            )
        )

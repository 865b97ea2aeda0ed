"""The deliveries aggregate: the outbox of alerts, one row per incident version, sent exactly once.

Claiming takes a short lease (``FOR UPDATE SKIP LOCKED`` on PostgreSQL) so two instances never
send the same delivery; the network call happens between :func:`claim_due_deliveries` and
:func:`record_sent` / :func:`schedule_retry`, outside any transaction.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import and_, func, select, update

from monitor.core.statuses import DeliveryStatus
from monitor.store.database import Database, UnitOfWork, insert_ignore, transaction
from monitor.store.decisions import Note
from monitor.store.summaries import SUMMARIES
from monitor.store.tables import Delivery, Incident

DELIVERIES = Delivery.__table__  # type: ignore[attr-defined]
_INCIDENTS = Incident.__table__  # type: ignore[attr-defined]


def enqueue(
    uow: UnitOfWork,
    incident_id: int,
    version: int,
    kind: str,
    reason: str,
    now: datetime,
    channel: str | None,
    *,
    rising: bool = False,
) -> None:
    """Queue one version of an incident for sending, with the reason it is sent.

    ``rising``: the level rose with this change, so quiet hours and the budget do not hold it.
    """
    insert_ignore(
        uow,
        DELIVERIES,
        [
            {
                "incident_id": incident_id,
                "version": version,
                "kind": kind,
                "reason": reason,
                "status": DeliveryStatus.PENDING.value,
                "attempts": 0,
                "created_at": now,
                "next_attempt_at": now,
                "channel": channel,
                "rising": rising,
            }
        ],
    )


def claim_due_deliveries(db: Database, now: datetime, limit: int, lease: timedelta) -> dict[int, list[int]]:
    """Due deliveries grouped by incident, marked ``sending`` until ``now + lease``."""
    waiting = (DeliveryStatus.PENDING.value, DeliveryStatus.SENDING.value)
    with transaction(db) as uow:
        due = and_(DELIVERIES.c.status.in_(waiting), DELIVERIES.c.next_attempt_at <= now)
        query = select(DELIVERIES.c.id, DELIVERIES.c.incident_id).where(due).order_by(DELIVERIES.c.id).limit(limit)
        if uow.dialect.name == "postgresql":
            query = query.with_for_update(skip_locked=True)
        rows = uow.execute(query).all()
        claimed: dict[int, list[int]] = defaultdict(list)
        for delivery_id, incident_id in rows:
            claimed[int(incident_id)].append(int(delivery_id))
        if rows:
            uow.execute(
                update(DELIVERIES)
                .where(DELIVERIES.c.id.in_([r[0] for r in rows]))
                .values(
                    status=DeliveryStatus.SENDING.value,
                    next_attempt_at=now + lease,
                    attempts=DELIVERIES.c.attempts + 1,
                )
            )
    return claimed


def deliveries_by_id(uow: UnitOfWork, delivery_ids: Sequence[int]) -> list[dict[str, Any]]:
    query = select(DELIVERIES).where(DELIVERIES.c.id.in_(delivery_ids)).order_by(DELIVERIES.c.id)
    return [dict(row) for row in uow.execute(query).mappings()]


def record_sent(
    db: Database,
    delivery_ids: Sequence[int],
    incident_id: int,
    version: int,
    now: datetime,
    message: tuple[str | None, str | None] | None = None,
    note: Note | None = None,
) -> None:
    """Mark deliveries sent; ``message`` is the ``(channel, ts)`` of a newly posted Slack message.

    ``note`` is the decision recorded with it (sent, or broke through quiet hours or the budget).
    """
    with transaction(db) as uow:
        if note is not None:
            note.write(uow, now)
        uow.execute(
            update(DELIVERIES)
            .where(DELIVERIES.c.id.in_(delivery_ids))
            .values(status=DeliveryStatus.SENT.value, sent_at=now, last_error=None)
        )
        values: dict[str, Any] = {"last_sent_version": version}
        if message is not None:
            values |= {"slack_channel": message[0], "slack_ts": message[1]}
        uow.execute(update(_INCIDENTS).where(_INCIDENTS.c.id == incident_id).values(**values))


def schedule_retry(
    db: Database,
    delivery_ids: Sequence[int],
    incident_id: int,
    retry_at: datetime,
    error: str | None,
    *,
    forget_message: bool = False,
) -> None:
    """Back to pending until ``retry_at``; ``forget_message`` makes the next attempt post afresh."""
    with transaction(db) as uow:
        if forget_message:
            uow.execute(update(_INCIDENTS).where(_INCIDENTS.c.id == incident_id).values(slack_ts=None))
        uow.execute(
            update(DELIVERIES)
            .where(DELIVERIES.c.id.in_(delivery_ids))
            .values(status=DeliveryStatus.PENDING.value, next_attempt_at=retry_at, last_error=error)
        )


def backlog(db: Database) -> int:
    """Deliveries not yet sent."""
    with db.connect() as uow:
        query = select(func.count()).select_from(DELIVERIES).where(DELIVERIES.c.status != DeliveryStatus.SENT.value)
        return int(uow.execute(query).scalar_one())


def record_failed(
    db: Database, delivery_ids: Sequence[int], error: str | None, note: Note | None = None, now: datetime | None = None
) -> None:
    """Stop these deliveries: an error only a person can fix. Never claimed again by themselves."""
    with transaction(db) as uow:
        if note is not None and now is not None:
            note.write(uow, now)
        uow.execute(
            update(DELIVERIES)
            .where(DELIVERIES.c.id.in_(delivery_ids))
            .values(status=DeliveryStatus.FAILED.value, last_error=error)
        )


def requeue_failed(db: Database, now: datetime) -> int:
    """Give deliveries (and summaries of held alerts) stopped by a fatal error another try.

    At start-up: a person may have fixed the token or the channel.
    """
    requeued = 0
    with transaction(db) as uow:
        for table in (DELIVERIES, SUMMARIES):
            done = uow.execute(
                update(table)
                .where(table.c.status == DeliveryStatus.FAILED.value)
                .values(status=DeliveryStatus.PENDING.value, next_attempt_at=now)
            )
            requeued += int(done.rowcount or 0)
    return requeued


def hold(db: Database, delivery_ids: Sequence[int], note: Note, now: datetime) -> None:
    """Keep these deliveries back (quiet hours or the budget) until a summary lists them; never dropped."""
    with transaction(db) as uow:
        uow.execute(
            update(DELIVERIES)
            .where(DELIVERIES.c.id.in_(delivery_ids))
            .values(status=DeliveryStatus.HELD.value, hold=note.kind.value, last_error=None)
        )
        note.write(uow, now)


def held_for(uow: UnitOfWork, incident_id: int) -> list[int]:
    """This incident's held deliveries no summary has taken yet: a send of the incident carries them."""
    query = select(DELIVERIES.c.id).where(
        DELIVERIES.c.incident_id == incident_id,
        DELIVERIES.c.status == DeliveryStatus.HELD.value,
        DELIVERIES.c.summary_id.is_(None),
    )
    return [int(i) for i in uow.execute(query.order_by(DELIVERIES.c.id)).scalars()]

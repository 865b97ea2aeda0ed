"""The held summaries aggregate: one message per channel listing the alerts quiet hours or the budget held.

A summary is opened in one transaction that also claims every held delivery of its channel, so
after a crash either the summary and its list exist or neither does. It is then claimed with a
lease and sent like an alert (``claim_due_summaries`` ... ``record_summary_sent``), outside any
transaction: nothing held is lost, and nothing is summarised twice.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import and_, delete, func, select, update

from monitor.core.statuses import Decision, DeliveryStatus
from monitor.store import decisions
from monitor.store.database import Database, UnitOfWork, transaction
from monitor.store.tables import Delivery, HeldSummary, Incident

SUMMARIES = HeldSummary.__table__  # type: ignore[attr-defined]
_DELIVERIES = Delivery.__table__  # type: ignore[attr-defined]
_INCIDENTS = Incident.__table__  # type: ignore[attr-defined]


def _on(column: Any, channel: str | None) -> Any:
    return column.is_(None) if channel is None else column == channel


def messages_sent(uow: UnitOfWork, channel: str | None, since: datetime) -> int:
    """Messages (alerts, updates, summaries) sent to ``channel`` since ``since``: what the budget counts."""
    summaries = select(func.count()).where(
        SUMMARIES.c.status == DeliveryStatus.SENT.value, _on(SUMMARIES.c.channel, channel), SUMMARIES.c.sent_at >= since
    )
    return decisions.sends_to(uow, channel, since) + int(uow.execute(summaries).scalar_one())


def held_channels(db: Database) -> list[str | None]:
    """Channels with held alerts that no summary has taken yet."""
    with db.connect() as uow:
        query = select(_DELIVERIES.c.channel).where(
            _DELIVERIES.c.status == DeliveryStatus.HELD.value, _DELIVERIES.c.summary_id.is_(None)
        )
        return list(uow.execute(query.distinct()).scalars())


def open_summary(db: Database, channel: str | None, now: datetime) -> int | None:
    """A summary of every held alert of ``channel``, due now; None when another instance took them first."""
    with transaction(db) as uow:
        inserted = uow.execute(
            SUMMARIES.insert().values(
                channel=channel,
                status=DeliveryStatus.PENDING.value,
                attempts=0,
                created_at=now,
                next_attempt_at=now,
            )
        ).inserted_primary_key
        assert inserted is not None
        summary_id = int(inserted[0])
        taken = uow.execute(
            update(_DELIVERIES)
            .where(
                _DELIVERIES.c.status == DeliveryStatus.HELD.value,
                _DELIVERIES.c.summary_id.is_(None),
                _on(_DELIVERIES.c.channel, channel),
            )
            .values(summary_id=summary_id)
        )
        if not taken.rowcount:
            uow.execute(delete(SUMMARIES).where(SUMMARIES.c.id == summary_id))
            return None
    return summary_id


def claim_due_summaries(db: Database, now: datetime, lease: timedelta) -> list[int]:
    """Summaries due, marked ``sending`` until ``now + lease`` (another instance leaves them alone)."""
    waiting = (DeliveryStatus.PENDING.value, DeliveryStatus.SENDING.value)
    with transaction(db) as uow:
        query = (
            select(SUMMARIES.c.id)
            .where(SUMMARIES.c.status.in_(waiting), SUMMARIES.c.next_attempt_at <= now)
            .order_by(SUMMARIES.c.id)
        )
        if uow.dialect.name == "postgresql":
            query = query.with_for_update(skip_locked=True)
        ids = [int(i) for i in uow.execute(query).scalars()]
        if ids:
            uow.execute(
                update(SUMMARIES)
                .where(SUMMARIES.c.id.in_(ids))
                .values(
                    status=DeliveryStatus.SENDING.value, next_attempt_at=now + lease, attempts=SUMMARIES.c.attempts + 1
                )
            )
    return ids


@dataclass
class HeldIncident:
    """One incident as a summary lists it: what was held of it, why, and since when."""

    incident_id: int
    key: str
    versions: list[int] = field(default_factory=list)
    kinds: list[str] = field(default_factory=list)  # opened / updated
    holds: set[str] = field(default_factory=set)  # quiet_hours / budget
    reasons: list[str] = field(default_factory=list)
    held_since: datetime | None = None
    slack_channel: str | None = None
    slack_ts: str | None = None


@dataclass
class SummaryRow:
    summary_id: int
    channel: str | None
    attempts: int
    created_at: datetime
    incidents: list[HeldIncident]


def summary(uow: UnitOfWork, summary_id: int) -> SummaryRow:
    """A summary and the held alerts it lists, grouped by incident in the order they were held."""
    head = uow.execute(select(SUMMARIES).where(SUMMARIES.c.id == summary_id)).mappings().one()
    rows = uow.execute(
        select(
            _DELIVERIES.c.incident_id,
            _DELIVERIES.c.version,
            _DELIVERIES.c.kind,
            _DELIVERIES.c.hold,
            _DELIVERIES.c.reason,
            _DELIVERIES.c.created_at,
            _INCIDENTS.c.key,
            _INCIDENTS.c.slack_channel,
            _INCIDENTS.c.slack_ts,
        )
        .join(_INCIDENTS, _INCIDENTS.c.id == _DELIVERIES.c.incident_id)
        .where(_DELIVERIES.c.summary_id == summary_id)
        .order_by(_DELIVERIES.c.id)
    ).mappings()
    grouped: dict[int, HeldIncident] = {}
    for row in rows:
        item = grouped.get(int(row["incident_id"]))
        if item is None:
            item = HeldIncident(int(row["incident_id"]), row["key"], held_since=row["created_at"])
            item.slack_channel, item.slack_ts = row["slack_channel"], row["slack_ts"]
            grouped[item.incident_id] = item
        item.versions.append(int(row["version"]))
        item.kinds.append(row["kind"])
        item.holds.add(row["hold"] or Decision.BUDGET.value)
        item.reasons.append(row["reason"])
    return SummaryRow(summary_id, head["channel"], int(head["attempts"]), head["created_at"], list(grouped.values()))


def record_summary_sent(db: Database, row: SummaryRow, now: datetime, message: tuple[str | None, str | None]) -> None:
    """The summary is in Slack: its alerts count as sent, each incident records that it was summarised."""
    with transaction(db) as uow:
        uow.execute(
            update(SUMMARIES)
            .where(SUMMARIES.c.id == row.summary_id)
            .values(
                status=DeliveryStatus.SENT.value,
                sent_at=now,
                last_error=None,
                slack_channel=message[0],
                slack_ts=message[1],
            )
        )
        uow.execute(
            update(_DELIVERIES)
            .where(_DELIVERIES.c.summary_id == row.summary_id)
            .values(status=DeliveryStatus.SENT.value, sent_at=now, last_error=None)
        )
        listed = len(row.incidents)
        for item in row.incidents:
            version = max(item.versions)
            uow.execute(
                update(_INCIDENTS)
                .where(and_(_INCIDENTS.c.id == item.incident_id, _INCIDENTS.c.last_sent_version < version))
                .values(last_sent_version=version)
            )
            why = " and ".join(sorted(item.holds)).replace("_", " ")
            reason = f"listed in one summary of {listed} held alert(s) to {row.channel or 'the console'} (held: {why})"
            decisions.record(
                uow,
                item.key,
                Decision.SUMMARISED,
                reason,
                now,
                incident_id=item.incident_id,
                version=version,
                channel=row.channel,
            )


def schedule_summary_retry(db: Database, summary_id: int, retry_at: datetime, error: str | None) -> None:
    with transaction(db) as uow:
        uow.execute(
            update(SUMMARIES)
            .where(SUMMARIES.c.id == summary_id)
            .values(status=DeliveryStatus.PENDING.value, next_attempt_at=retry_at, last_error=error)
        )


def record_summary_failed(db: Database, summary_id: int, error: str | None) -> None:
    """An error only a person can fix: the summary waits, like a failed alert, for a restart to retry it."""
    with transaction(db) as uow:
        uow.execute(
            update(SUMMARIES)
            .where(SUMMARIES.c.id == summary_id)
            .values(status=DeliveryStatus.FAILED.value, last_error=error)
        )


def waiting_count(db: Database) -> dict[str, int]:
    """Held alerts not yet summarised, and summaries not yet sent (for status lines)."""
    with db.connect() as uow:
        held = uow.execute(
            select(func.count()).where(
                _DELIVERIES.c.status == DeliveryStatus.HELD.value, _DELIVERIES.c.summary_id.is_(None)
            )
        ).scalar_one()
        pending = uow.execute(select(func.count()).where(SUMMARIES.c.status != DeliveryStatus.SENT.value)).scalar_one()
    return {"held": int(held), "summaries": int(pending)}

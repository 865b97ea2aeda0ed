"""The incident lifecycle, modelled on Alertmanager: group, dedupe, update one message, say why.

An incident is keyed by its cluster root (the first post of a complaint), so every echo joins
the same incident and the team sees one Slack message that is updated as it escalates. Each
enqueued delivery records *why* it was sent (opened, or what changed), and small changes are
folded in silently until ``update_interval`` has passed, unless the level rises.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from monitor.config import DetectionConfig
from monitor.core.statuses import ChangeKind, IncidentStatus, level_rank
from monitor.spread.detector import Assessment, flatten_reasons, material_changes
from monitor.store import incidents as store
from monitor.store.database import UnitOfWork


@dataclass(frozen=True)
class Change:
    incident_id: int
    key: str
    kind: ChangeKind  # a quiet change refreshed the incident's state and pinged nobody
    reason: str
    version: int = 1
    brand: str | None = None
    priority: bool = False  # a key account or a high-reach author: the priority channel

    @property
    def notifies(self) -> bool:
        """Opened and escalated incidents are announced; a quiet refresh pings nobody."""
        return self.kind is not ChangeKind.QUIET


def apply(
    conn: UnitOfWork,
    *,
    key: str,
    brand: str | None,
    root: tuple[str, str],
    members: Sequence[tuple[str, str]],
    assessment: Assessment,
    draft: str,
    abusive: bool,
    now: datetime,
    config: DetectionConfig,
) -> Change:
    row = store.find_incident(conn, key)
    if row is None:
        incident_id = store.open_incident(
            conn,
            dict(
                key=key,
                brand=brand,
                root_source=root[0],
                root_post_id=root[1],
                status=IncidentStatus.OPEN.value,
                level=assessment.level,
                score=assessment.score,
                reasons=assessment.reasons,
                signals={**assessment.signals, "reasons": assessment.reasons_by_kind},
                abusive=abusive,
                draft=draft,
                version=1,
                first_alert_at=now,
                last_change_at=now,
                last_sent_version=0,
            ),
        )
        store.add_members(conn, incident_id, members, now)
        reason = "opened: " + "; ".join(assessment.reasons)
        return Change(incident_id, key, ChangeKind.OPENED, reason, 1, brand, _priority(assessment))

    incident_id = int(row["id"])
    store.add_members(conn, incident_id, members, now)
    changes = material_changes(row["signals"] or {}, assessment.signals, row["level"], assessment.level)
    level = row["level"] if level_rank(row["level"]) >= level_rank(assessment.level) else assessment.level
    merged = _merge_signals(row["signals"] or {}, assessment)
    values = {
        "reasons": flatten_reasons(merged["reasons"]),
        "score": max(float(row["score"]), assessment.score),
        "signals": merged,
        "level": level,
        "draft": draft or row["draft"],
        "abusive": abusive or bool(row["abusive"]),
    }
    rose = level_rank(assessment.level) > level_rank(row["level"])
    status = IncidentStatus(row["status"])
    reopened = status is IncidentStatus.RESOLVED and rose
    due = now - row["last_change_at"] >= config.update_interval
    snoozed = status is IncidentStatus.SNOOZED and row["snoozed_until"] is not None and row["snoozed_until"] > now
    if snoozed and not rose:
        due = False  # snoozed: no updates meanwhile, unless the level rises
    if status is IncidentStatus.CLOSED:
        rose = due = False  # the team closed it as not relevant (their feedback is recorded)
    if changes and (rose or due):
        version = int(row["version"]) + 1
        values |= {"version": version, "last_change_at": now}
        if reopened:
            values["status"] = IncidentStatus.OPEN.value
            changes.insert(0, "reopened")
        elif snoozed:
            back = IncidentStatus.ACKNOWLEDGED if row["acknowledged_by"] else IncidentStatus.OPEN
            values |= {"status": back.value, "snoozed_until": None}
            changes.insert(0, "snooze ended early: the level rose")
        store.update_incident(conn, incident_id, values)
        reason = "; ".join(changes)
        return Change(incident_id, key, ChangeKind.UPDATED, reason, version, row["brand"], _priority(assessment))
    store.update_incident(conn, incident_id, values)
    return Change(incident_id, key, ChangeKind.QUIET, "; ".join(changes), int(row["version"]))


def _priority(assessment: Assessment) -> bool:
    """Key accounts and high-reach authors are routed higher (the reply method's tiers)."""
    return bool({"reach", "key_account"} & set(assessment.kinds))


def _merge_signals(old: dict[str, Any], new: Assessment) -> dict[str, Any]:
    """Strongest value seen of each signal, and the newest wording of each kind of reason.

    A kind that fired once stays on the alert (the complaint *did* spread that way) even when a
    later post of the same incident shows only another kind.
    """
    merged = dict(old)
    for name, value in new.signals.items():
        if name == "kinds":
            kinds = list(old.get("kinds", []))
            merged["kinds"] = kinds + [k for k in value if k not in kinds]
        elif isinstance(value, int | float) and isinstance(old.get(name), int | float):
            merged[name] = max(value, old[name])
        else:
            merged[name] = value
    reasons = {**old.get("reasons", {}), **new.reasons_by_kind}
    if "velocity" in old.get("reasons", {}) and new.signals.get("velocity_ratio", 0) < old.get("velocity_ratio", 0):
        reasons["velocity"] = old["reasons"]["velocity"]  # keep the figures of the fastest spread seen
    merged["reasons"] = reasons
    return merged

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
from monitor.core.durations import humanize
from monitor.core.statuses import ChangeKind, Decision, IncidentStatus, alerts, level_rank
from monitor.spread.detector import Assessment, flatten_reasons, material_changes
from monitor.store import incidents as store
from monitor.store.database import UnitOfWork


@dataclass(frozen=True)
class Change:
    incident_id: int
    key: str
    kind: ChangeKind  # a quiet change refreshed the incident's state (or put it on watch) and pinged nobody
    reason: str
    version: int = 1
    brand: str | None = None
    priority: bool = False  # a key account or a high-reach author: the priority channel
    rising: bool = False  # the level rose (watch -> spreading -> viral): breaks through quiet hours and budget
    quiet: Decision = Decision.QUIET_UPDATE  # for a quiet change: why nobody was pinged

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
    wall_now: datetime | None = None,
) -> Change:
    """Open, escalate, refresh or reopen the incident of ``key`` for a finding at event time ``now``."""
    row = store.find_incident(conn, key)
    late = _late_note(now, wall_now, config)
    if row is None:
        return _open(conn, key, brand, root, members, assessment, draft, abusive, now, late)

    incident_id = int(row["id"])
    store.add_members(conn, incident_id, members, now)
    changes = material_changes(row["signals"] or {}, assessment.signals, row["level"], assessment.level)
    level = row["level"] if level_rank(row["level"]) >= level_rank(assessment.level) else assessment.level
    merged = _merge_signals(row["signals"] or {}, assessment)
    values: dict[str, Any] = {
        "reasons": flatten_reasons(merged["reasons"]),
        "score": max(float(row["score"]), assessment.score),
        "signals": merged,
        "level": level,
        "draft": draft or row["draft"],
        "abusive": abusive or bool(row["abusive"]),
        "last_activity_at": now,
    }
    version = int(row["version"])
    priority = _priority(assessment)
    rose = level_rank(assessment.level) > level_rank(row["level"])
    status = IncidentStatus(row["status"])
    cooled = status is IncidentStatus.CLOSED and not row.get("resolved_by")  # closed by detection, not by a person
    if status is IncidentStatus.CLOSED and not cooled:
        store.update_incident(conn, incident_id, values)  # the team closed it as not relevant: feedback recorded
        return Change(
            incident_id, key, ChangeKind.QUIET, "closed as not relevant by the team", version, quiet=Decision.MUTED
        )
    if cooled and alerts(assessment.level):
        quiet = now - (row["last_activity_at"] or row["last_change_at"])
        values |= {
            "status": IncidentStatus.OPEN.value,
            "closed_at": None,
            "version": version + 1,
            "last_change_at": now,
        }
        store.update_incident(conn, incident_id, values)
        what = "; ".join(changes or assessment.reasons)
        reason = f"reopened: flared up again after {humanize(quiet)} quiet; {what}{late}"
        return Change(incident_id, key, ChangeKind.UPDATED, reason, version + 1, row["brand"], priority, rose)
    if alerts(assessment.level) and not alerts(row["level"]):
        # on watch until now: this is the first the team hears of it
        values |= {"version": version + 1, "last_change_at": now, "first_alert_at": now}
        store.update_incident(conn, incident_id, values)
        reason = "opened: " + "; ".join(assessment.reasons) + late
        # it rose from watch: the first the team hears of it, and a rising level
        return Change(incident_id, key, ChangeKind.OPENED, reason, version + 1, row["brand"], priority, True)
    reopened = status is IncidentStatus.RESOLVED and rose
    due = now - row["last_change_at"] >= config.update_interval
    snoozed = status is IncidentStatus.SNOOZED and row["snoozed_until"] is not None and row["snoozed_until"] > now
    if (snoozed or status is IncidentStatus.RESOLVED) and not rose:
        due = False  # snoozed or resolved by the team: no updates meanwhile, unless the level rises
    if changes and (rose or due) and alerts(level) and not cooled:
        values |= {"version": version + 1, "last_change_at": now}
        if reopened:
            values["status"] = IncidentStatus.OPEN.value
            changes.insert(0, "reopened")
        elif snoozed:
            back = IncidentStatus.ACKNOWLEDGED if row["acknowledged_by"] else IncidentStatus.OPEN
            values |= {"status": back.value, "snoozed_until": None}
            changes.insert(0, "snooze ended early: the level rose")
        store.update_incident(conn, incident_id, values)
        reason = "; ".join(changes)
        return Change(incident_id, key, ChangeKind.UPDATED, reason, version + 1, row["brand"], priority, rose)
    store.update_incident(conn, incident_id, values)
    quiet, why = _why_quiet(row, level, changes, cooled, snoozed, now, config)
    return Change(incident_id, key, ChangeKind.QUIET, why, version, quiet=quiet)


def _why_quiet(
    row: dict[str, Any],
    level: str,
    changes: list[str],
    cooled: bool,
    snoozed: bool,
    now: datetime,
    config: DetectionConfig,
) -> tuple[Decision, str]:
    """Why a refresh of an incident pings nobody, as a decision kind and words."""
    what = "; ".join(changes)
    if not alerts(level):
        return Decision.BELOW_LEVEL, "on watch, below the alerting level"
    if cooled:
        return Decision.BELOW_LEVEL, "closed after cooling down; the new signal is below the alerting level"
    if not changes:
        return Decision.QUIET_UPDATE, "nothing material changed"
    if snoozed:
        return Decision.SNOOZED, f"snoozed by the team until {row['snoozed_until']:%Y-%m-%d %H:%M} UTC: {what}"
    if row["status"] == IncidentStatus.RESOLVED:
        return Decision.RESOLVED, f"resolved by the team; the level did not rise: {what}"
    last = humanize(now - row["last_change_at"])
    every = humanize(config.update_interval)
    return Decision.THROTTLED, f"throttled: last update {last} ago, at most one every {every}: {what}"


def _priority(assessment: Assessment) -> bool:
    """Key accounts and high-reach authors are routed higher (the reply method's tiers)."""
    return bool({"reach", "key_account"} & set(assessment.kinds))


def _open(
    conn: UnitOfWork,
    key: str,
    brand: str | None,
    root: tuple[str, str],
    members: Sequence[tuple[str, str]],
    assessment: Assessment,
    draft: str,
    abusive: bool,
    now: datetime,
    late: str,
) -> Change:
    signals = {**assessment.signals, "reasons": assessment.reasons_by_kind}
    if late:
        signals["late"] = late.removeprefix("; ")
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
            signals=signals,
            abusive=abusive,
            draft=draft,
            version=1,
            first_alert_at=now,
            last_change_at=now,
            last_sent_version=0,
            opened_at=now,
            last_activity_at=now,
        ),
    )
    store.add_members(conn, incident_id, members, now)
    if not alerts(assessment.level):
        reason = "on watch, below the alerting level: " + "; ".join(assessment.reasons)
        return Change(incident_id, key, ChangeKind.QUIET, reason, 1, quiet=Decision.BELOW_LEVEL)
    reason = "opened: " + "; ".join(assessment.reasons) + late
    return Change(incident_id, key, ChangeKind.OPENED, reason, 1, brand, _priority(assessment))


def _late_note(now: datetime, wall_now: datetime | None, config: DetectionConfig) -> str:
    """A signal found long after it happened (a backlog) says so, and when it would have alerted."""
    if wall_now is None or wall_now - now < config.late_after:
        return ""
    return f"; late: would have alerted at {now:%Y-%m-%d %H:%M} UTC, found {humanize(wall_now - now)} later"


def close_quiet(conn: UnitOfWork, now: datetime, config: DetectionConfig) -> list[int]:
    """Incidents with no new signal for ``close_after`` cool down and close (a flare-up reopens them)."""
    return store.close_incidents_quiet_since(conn, now - config.close_after, now)


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

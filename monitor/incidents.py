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

from sqlalchemy import Connection, func, select, update

from monitor.config import DetectionConfig
from monitor.core.view import IncidentView, PostView
from monitor.spread.detector import LEVELS, Assessment, flatten_reasons, material_changes
from monitor.store.database import insert_ignore
from monitor.store.tables import Delivery, Incident, IncidentPost, Post

_INC = Incident.__table__  # type: ignore[attr-defined]
_MEMBERS = IncidentPost.__table__  # type: ignore[attr-defined]
_DELIVERIES = Delivery.__table__  # type: ignore[attr-defined]
_POSTS = Post.__table__  # type: ignore[attr-defined]


@dataclass(frozen=True)
class Change:
    incident_id: int
    key: str
    kind: str  # "opened" | "updated" | "quiet" (state refreshed, nobody pinged)
    reason: str


def apply(
    conn: Connection,
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
    channel: str | None,
    wall_now: datetime,
) -> Change:
    row = conn.execute(select(_INC).where(_INC.c.key == key)).mappings().first()
    if row is None:
        incident_id = conn.execute(
            _INC.insert().values(
                key=key,
                brand=brand,
                root_source=root[0],
                root_post_id=root[1],
                status="open",
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
            )
        ).inserted_primary_key[0]  # type: ignore[index]
        _add_members(conn, incident_id, members, now)
        reason = "opened: " + "; ".join(assessment.reasons)
        _enqueue(conn, incident_id, 1, "new", reason, wall_now, channel)
        return Change(incident_id, key, "opened", reason)

    incident_id = int(row["id"])
    _add_members(conn, incident_id, members, now)
    changes = material_changes(row["signals"] or {}, assessment.signals, row["level"], assessment.level)
    level = row["level"] if LEVELS[row["level"]] >= LEVELS[assessment.level] else assessment.level
    merged = _merge_signals(row["signals"] or {}, assessment)
    values = {
        "reasons": flatten_reasons(merged["reasons"]),
        "score": max(float(row["score"]), assessment.score),
        "signals": merged,
        "level": level,
        "draft": draft or row["draft"],
        "abusive": abusive or bool(row["abusive"]),
    }
    rose = LEVELS[assessment.level] > LEVELS[row["level"]]
    reopened = row["status"] == "resolved" and rose
    due = now - row["last_change_at"] >= config.update_interval
    if changes and (rose or due):
        version = int(row["version"]) + 1
        values |= {"version": version, "last_change_at": now}
        if reopened:
            values["status"] = "open"
            changes.insert(0, "reopened")
        conn.execute(update(_INC).where(_INC.c.id == incident_id).values(**values))
        reason = "; ".join(changes)
        _enqueue(conn, incident_id, version, "update", reason, wall_now, channel)
        return Change(incident_id, key, "updated", reason)
    conn.execute(update(_INC).where(_INC.c.id == incident_id).values(**values))
    return Change(incident_id, key, "quiet", "; ".join(changes))


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


def _add_members(conn: Connection, incident_id: int, members: Sequence[tuple[str, str]], now: datetime) -> None:
    insert_ignore(
        conn,
        _MEMBERS,
        [{"incident_id": incident_id, "source": s, "post_id": p, "added_at": now} for s, p in members],
    )


def _enqueue(
    conn: Connection,
    incident_id: int,
    version: int,
    kind: str,
    reason: str,
    wall_now: datetime,
    channel: str | None,
) -> None:
    insert_ignore(
        conn,
        _DELIVERIES,
        [
            {
                "incident_id": incident_id,
                "version": version,
                "kind": kind,
                "reason": reason,
                "status": "pending",
                "attempts": 0,
                "created_at": wall_now,
                "next_attempt_at": wall_now,
                "channel": channel,
            }
        ],
    )


def view_of(conn: Connection, incident_id: int, changes: Sequence[str] = ()) -> IncidentView:
    """Everything an alert shows, read fresh: a delivery always shows the latest state."""
    inc = conn.execute(select(_INC).where(_INC.c.id == incident_id)).mappings().one()
    post = (
        conn.execute(
            select(_POSTS).where(_POSTS.c.source == inc["root_source"], _POSTS.c.post_id == inc["root_post_id"])
        )
        .mappings()
        .one()
    )
    members = conn.execute(
        select(
            func.count(),
            func.count(func.distinct(func.coalesce(_POSTS.c.author_id, _POSTS.c.author_handle, _POSTS.c.post_id))),
        )
        .select_from(
            _MEMBERS.join(_POSTS, (_MEMBERS.c.source == _POSTS.c.source) & (_MEMBERS.c.post_id == _POSTS.c.post_id))
        )
        .where(_MEMBERS.c.incident_id == incident_id)
    ).one()
    sources = (
        conn.execute(
            select(_MEMBERS.c.source)
            .where(_MEMBERS.c.incident_id == incident_id)
            .distinct()
            .order_by(_MEMBERS.c.source)
        )
        .scalars()
        .all()
    )
    return IncidentView(
        key=inc["key"],
        brand=inc["brand"],
        level=inc["level"],
        status=inc["status"],
        score=float(inc["score"]),
        reasons=list(inc["reasons"]),
        root=PostView(
            source=post["source"],
            post_id=post["post_id"],
            url=post["url"],
            author_handle=post["author_handle"],
            author_followers=post["author_followers"],
            text=post["text"],
            compound=post["compound"],
            label=post["label"],
            created_at=post["created_at"],
            likes=post["likes"],
            reposts=post["reposts"],
            replies=post["replies"],
            quotes=post["quotes"],
        ),
        post_count=int(members[0]),
        author_count=int(members[1]),
        sources=list(sources),
        draft=inc["draft"],
        abusive=bool(inc["abusive"]),
        first_alert_at=inc["first_alert_at"],
        version=int(inc["version"]),
        changes=list(changes),
    )

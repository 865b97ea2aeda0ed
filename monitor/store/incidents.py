"""The incidents aggregate: one row per spreading complaint, its member posts, and what alerts show.

An incident is keyed by its cluster root; the application decides what changes, this module
only reads and writes it.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import func, select, update

from monitor.core.statuses import IncidentStatus, Level
from monitor.core.view import Handling, IncidentView, PostView
from monitor.store.database import Database, UnitOfWork, insert_ignore
from monitor.store.tables import Incident, IncidentPost, Post

INCIDENTS = Incident.__table__  # type: ignore[attr-defined]
MEMBERS = IncidentPost.__table__  # type: ignore[attr-defined]
_POSTS = Post.__table__  # type: ignore[attr-defined]

IncidentRow = dict[str, Any]


def find_incident(uow: UnitOfWork, key: str) -> IncidentRow | None:
    row = uow.execute(select(INCIDENTS).where(INCIDENTS.c.key == key)).mappings().first()
    return dict(row) if row is not None else None


def incident_by_id(uow: UnitOfWork, incident_id: int) -> IncidentRow:
    return dict(uow.execute(select(INCIDENTS).where(INCIDENTS.c.id == incident_id)).mappings().one())


def open_incident(uow: UnitOfWork, values: dict[str, Any]) -> int:
    """Insert a new incident; returns its id."""
    inserted = uow.execute(INCIDENTS.insert().values(**values)).inserted_primary_key
    assert inserted is not None
    return int(inserted[0])


def update_incident(uow: UnitOfWork, incident_id: int, values: dict[str, Any]) -> None:
    uow.execute(update(INCIDENTS).where(INCIDENTS.c.id == incident_id).values(**values))


def add_members(uow: UnitOfWork, incident_id: int, members: Sequence[tuple[str, str]], now: datetime) -> None:
    insert_ignore(
        uow,
        MEMBERS,
        [{"incident_id": incident_id, "source": s, "post_id": p, "added_at": now} for s, p in members],
    )


def incident_holding(uow: UnitOfWork, post: tuple[str, str], other_than: str) -> IncidentRow | None:
    """The latest incident keyed other than ``other_than`` that holds ``post``: where its cluster was folded."""
    query = (
        select(INCIDENTS)
        .join(MEMBERS, MEMBERS.c.incident_id == INCIDENTS.c.id)
        .where(MEMBERS.c.source == post[0], MEMBERS.c.post_id == post[1], INCIDENTS.c.key != other_than)
        .order_by(INCIDENTS.c.id.desc())
    )
    row = uow.execute(query).mappings().first()
    return dict(row) if row is not None else None


def alerting_since(uow: UnitOfWork, brand: str | None, since: datetime) -> list[IncidentRow]:
    """The brand's active incidents above watch with a signal since ``since``, oldest first."""
    active = [status.value for status in IncidentStatus if status.is_active]
    last = func.coalesce(INCIDENTS.c.last_activity_at, INCIDENTS.c.last_change_at)
    query = select(INCIDENTS).where(
        INCIDENTS.c.status.in_(active), INCIDENTS.c.level != Level.WATCH.value, last >= since
    )  # a busy brand keeps many everyday gripes on watch: they are never read here
    query = query.where(INCIDENTS.c.brand.is_(None) if brand is None else INCIDENTS.c.brand == brand)
    return [dict(r) for r in uow.execute(query.order_by(INCIDENTS.c.id)).mappings()]


def member_posts(uow: UnitOfWork, incident_id: int) -> list[tuple[str, str]]:
    held = uow.execute(select(MEMBERS.c.source, MEMBERS.c.post_id).where(MEMBERS.c.incident_id == incident_id))
    return [(str(s), str(p)) for s, p in held]


def close_incidents_quiet_since(uow: UnitOfWork, cutoff: datetime, now: datetime) -> list[int]:
    """Close active incidents whose latest signal is older than ``cutoff``; returns their ids."""
    active = [status.value for status in IncidentStatus if status.is_active]
    last = func.coalesce(INCIDENTS.c.last_activity_at, INCIDENTS.c.last_change_at)
    ids = [
        int(i)
        for i in uow.execute(select(INCIDENTS.c.id).where(INCIDENTS.c.status.in_(active), last < cutoff)).scalars()
    ]
    if ids:
        uow.execute(
            update(INCIDENTS).where(INCIDENTS.c.id.in_(ids)).values(status=IncidentStatus.CLOSED.value, closed_at=now)
        )
    return ids


Listed = tuple[IncidentRow, PostView | None, list[tuple[str, str]]]


def list_incidents(db: Database, statuses: Sequence[str] | None) -> list[Listed]:
    """Incidents (optionally of these statuses), newest first, with their root post and member posts."""
    with db.connect() as uow:
        query = select(INCIDENTS).order_by(INCIDENTS.c.first_alert_at.desc(), INCIDENTS.c.id.desc())
        if statuses is not None:
            query = query.where(INCIDENTS.c.status.in_(list(statuses)))
        found = [dict(r) for r in uow.execute(query).mappings()]
        out: list[Listed] = []
        for inc in found:
            post = (
                uow.execute(
                    select(_POSTS).where(_POSTS.c.source == inc["root_source"], _POSTS.c.post_id == inc["root_post_id"])
                )
                .mappings()
                .first()
            )
            members = uow.execute(
                select(MEMBERS.c.source, MEMBERS.c.post_id)
                .where(MEMBERS.c.incident_id == inc["id"])
                .order_by(MEMBERS.c.added_at, MEMBERS.c.source, MEMBERS.c.post_id)
            ).all()
            root = _post_view(post) if post is not None else None
            out.append((inc, root, [(str(s), str(p)) for s, p in members]))
    return out


def count_active(db: Database) -> int:
    active = [status.value for status in IncidentStatus if status.is_active]
    with db.connect() as uow:
        return int(
            uow.execute(select(func.count()).select_from(INCIDENTS).where(INCIDENTS.c.status.in_(active))).scalar_one()
        )


def all_incidents_with_members(db: Database) -> list[tuple[IncidentRow, list[tuple[str, str]]]]:
    """Every incident in the order it first alerted, with its member posts (for backtests)."""
    with db.connect() as uow:
        incidents = [dict(r) for r in uow.execute(select(INCIDENTS).order_by(INCIDENTS.c.first_alert_at)).mappings()]
        members: dict[int, list[tuple[str, str]]] = defaultdict(list)
        for incident_id, source, post_id in uow.execute(
            select(MEMBERS.c.incident_id, MEMBERS.c.source, MEMBERS.c.post_id).order_by(
                MEMBERS.c.incident_id, MEMBERS.c.added_at, MEMBERS.c.source, MEMBERS.c.post_id
            )
        ):
            members[int(incident_id)].append((str(source), str(post_id)))
    return [(incident, members[int(incident["id"])]) for incident in incidents]


def incident_view(uow: UnitOfWork, incident_id: int, changes: Sequence[str] = ()) -> IncidentView:
    """Everything an alert shows, read fresh: a delivery always shows the latest state."""
    inc = incident_by_id(uow, incident_id)
    post = (
        uow.execute(
            select(_POSTS).where(_POSTS.c.source == inc["root_source"], _POSTS.c.post_id == inc["root_post_id"])
        )
        .mappings()
        .one()
    )
    joined = MEMBERS.join(_POSTS, (MEMBERS.c.source == _POSTS.c.source) & (MEMBERS.c.post_id == _POSTS.c.post_id))
    author = func.coalesce(_POSTS.c.author_id, _POSTS.c.author_handle, _POSTS.c.post_id)
    members = uow.execute(
        select(func.count(), func.count(func.distinct(author)))
        .select_from(joined)
        .where(MEMBERS.c.incident_id == incident_id)
    ).one()
    sources = (
        uow.execute(
            select(MEMBERS.c.source).where(MEMBERS.c.incident_id == incident_id).distinct().order_by(MEMBERS.c.source)
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
        root=_post_view(post),
        post_count=int(members[0]),
        author_count=int(members[1]),
        sources=list(sources),
        draft=inc["draft"],
        abusive=bool(inc["abusive"]),
        first_alert_at=inc["first_alert_at"],
        version=int(inc["version"]),
        changes=list(changes),
        handling=handling_of(inc),
    )


def handling_of(row: IncidentRow) -> Handling:
    """What the team did (from the Slack buttons), as the alert shows it."""
    return Handling(
        acknowledged_by=row["acknowledged_by"],
        acknowledged_at=row["acknowledged_at"],
        snoozed_until=row["snoozed_until"],
        resolved_by=row["resolved_by"],
        resolved_at=row["resolved_at"],
        replied_by=row["replied_by"],
        replied_at=row["replied_at"],
        reply_url=row["reply_url"],
        draft_by=row["draft_by"],
    )


def _post_view(post: Mapping[Any, Any]) -> PostView:
    """A stored post as alerts show it."""
    return PostView(
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
    )

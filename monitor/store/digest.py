"""The weekly digest's queries: every count is a GROUP BY in the database, never a loop over posts.

A week of posts can be tens of thousands of rows; the digest reads only aggregates (one row per
day, source and label), the few posts it quotes, and, for recurring phrases, a capped stream of
texts. Columns the incident workflow adds later (``acknowledged_at``, ``replied_at``...) are read
when the table has them, so the digest degrades to "not recorded" instead of failing.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import lru_cache
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Connection,
    Engine,
    String,
    TextClause,
    and_,
    bindparam,
    case,
    column,
    func,
    inspect,
    literal,
    or_,
    select,
    text,
    update,
)

from monitor.store.database import insert_ignore, transaction
from monitor.store.tables import Delivery, DigestRun, Incident, IncidentPost, PollRun, Post, UTCDateTime

POSTS = Post.__table__  # type: ignore[attr-defined]
INCIDENTS = Incident.__table__  # type: ignore[attr-defined]
MEMBERS = IncidentPost.__table__  # type: ignore[attr-defined]
DELIVERIES = Delivery.__table__  # type: ignore[attr-defined]
POLLS = PollRun.__table__  # type: ignore[attr-defined]
RUNS = DigestRun.__table__  # type: ignore[attr-defined]

# Columns the Slack workflow adds to incidents; read only when present.
OPTIONAL_INCIDENT_TIMES = ("acknowledged_at", "replied_at", "resolved_at", "snoozed_until", "closed_at")
OPTIONAL_INCIDENT_TEXT = ("acknowledged_by", "resolution", "feedback", "reply_url", "resolved_by")
POST_COLUMNS = (
    "source",
    "post_id",
    "url",
    "created_at",
    "author_handle",
    "author_followers",
    "text",
    "label",
    "compound",
    "topics",
    "brand",
    "likes",
    "reposts",
    "replies",
    "quotes",
)


def _engagement() -> ColumnElement[Any]:
    parts = [func.coalesce(POSTS.c[name], 0) for name in ("likes", "reposts", "replies", "quotes")]
    return parts[0] + parts[1] + parts[2] + parts[3]


ENGAGEMENT = _engagement()  # interactions of a post (likes, reposts, replies, quotes); built once


def _in_scope(start: datetime, end: datetime, brand: str | None) -> ColumnElement[bool]:
    clause = and_(POSTS.c.created_at >= start, POSTS.c.created_at < end)
    return and_(clause, POSTS.c.brand == brand) if brand is not None else clause


LABELS = ("positive", "neutral", "negative", "unscored")


def sources_present(conn: Connection, brand: str | None) -> list[str]:
    """The distinct sources of stored posts, by stepping through an index (one seek per source)."""
    found: list[str] = []
    while True:
        query = select(func.min(POSTS.c.source))
        if brand is not None:
            query = query.where(POSTS.c.brand == brand)
        if found:
            query = query.where(POSTS.c.source > found[-1])
        following = conn.execute(query).scalar()
        if following is None:
            return found
        found.append(str(following))


@lru_cache(maxsize=16)
def _mix_statement(days: int, by_brand: bool) -> TextClause:
    """One count per (label, day) of one source, as scalar subqueries over an index range.

    Written as SQL text, built once per shape with bind parameters (``source``, ``brand``,
    ``b0``..``b<days>``): composing and compiling hundreds of subqueries as expressions cost
    more than the counting itself.
    """
    brand = "brand = :brand AND " if by_brand else ""
    counts = [
        f"(SELECT count(*) FROM posts WHERE {brand}source = :source AND label = '{label}' "  # noqa: S608 - constants and binds only
        f"AND created_at >= :b{day} AND created_at < :b{day + 1})"
        for label in LABELS
        for day in range(days)
    ]
    statement = text("SELECT " + ",\n".join(counts))
    return statement.bindparams(*[bindparam(f"b{i}", type_=UTCDateTime()) for i in range(days + 1)])


def mix_by_day(conn: Connection, bounds: Sequence[datetime], brand: str | None) -> list[tuple[int, str, str, int]]:
    """``(day index, source, label, posts)`` for the days between consecutive ``bounds``.

    Day boundaries are computed by the caller in the digest's time zone (so a DST change is
    right). Each figure is a count over one range of an index (``label, source, created_at``, or
    ``brand, source, label, created_at`` for one brand): the database counts index entries and
    never sorts the weeks' posts (a GROUP BY over five weeks of a busy store spent most of its
    time in that sort). One statement per source.
    """
    days = len(bounds) - 1
    statement = _mix_statement(days, brand is not None)
    params: dict[str, Any] = {f"b{i}": bound for i, bound in enumerate(bounds)}
    if brand is not None:
        params["brand"] = brand
    keys = [(label, day) for label in LABELS for day in range(days)]
    out: list[tuple[int, str, str, int]] = []
    for source in sources_present(conn, brand):
        row = conn.execute(statement, {**params, "source": source}).one()
        out += [(day, source, label, int(n)) for (label, day), n in zip(keys, row, strict=True) if n]
    return out


def topic_combinations(
    conn: Connection, start: datetime, end: datetime, brand: str | None, label: str
) -> list[tuple[str, int]]:
    """Posts per distinct ``topics`` value (a comma list); the caller splits the few combinations."""
    query = (
        select(POSTS.c.topics, func.count())
        .where(and_(_in_scope(start, end, brand), POSTS.c.label == label, POSTS.c.topics != ""))
        .group_by(POSTS.c.topics)
    )
    return [(str(t), int(n)) for t, n in conn.execute(query)]


def _topic_match(topic: str) -> ColumnElement[bool]:
    wrapped = literal(",", String()).concat(POSTS.c.topics).concat(",")
    match: ColumnElement[bool] = wrapped.like(f"%,{_escape(topic)},%", escape="\\")
    return match


def _phrase_match(phrase: str, dialect: str) -> ColumnElement[bool]:
    """Case-insensitive containment. Phrases are ASCII, which SQLite's LIKE already matches without
    case; ``lower(text)`` once per phrase and post cost more than the whole rest of the count."""
    pattern = f"%{_escape(phrase.lower())}%"
    match: ColumnElement[bool] = (POSTS.c.text.like if dialect == "sqlite" else POSTS.c.text.ilike)(
        pattern, escape="\\"
    )
    return match


def _escape(value: str) -> str:
    return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def texts(
    conn: Connection, start: datetime, end: datetime, brand: str | None, label: str, limit: int
) -> Iterator[tuple[str, str, str, str]]:
    """``(source, post_id, text, topics)`` of the week's most engaged posts with ``label``, streamed.

    Most engaged first, so the first post that shows a theme is the one worth quoting for it.
    """
    query = (
        select(POSTS.c.source, POSTS.c.post_id, POSTS.c.text, POSTS.c.topics)
        .where(and_(_in_scope(start, end, brand), POSTS.c.label == label))
        .order_by(ENGAGEMENT.desc(), POSTS.c.created_at)
        .limit(limit)
    )
    for source, post_id, body, topics in conn.execution_options(yield_per=2000).execute(query):
        yield str(source), str(post_id), str(body), str(topics or "")


def posts_by_key(conn: Connection, keys: Sequence[tuple[str, str]]) -> dict[tuple[str, str], dict[str, Any]]:
    """The posts named by ``(source, post_id)``, with their engagement (a handful: the quoted ones)."""
    if not keys:
        return {}
    clause = or_(*[and_(POSTS.c.source == s, POSTS.c.post_id == p) for s, p in dict.fromkeys(keys)])
    query = select(*[POSTS.c[c] for c in POST_COLUMNS], ENGAGEMENT.label("engagement")).where(clause)
    return {(row["source"], row["post_id"]): dict(row) for row in conn.execute(query).mappings()}


def theme_counts(
    conn: Connection,
    periods: Sequence[tuple[datetime, datetime]],
    brand: str | None,
    label: str,
    *,
    topics: Sequence[str] = (),
    phrases: Sequence[str] = (),
) -> list[dict[str, int]]:
    """For each period, posts with ``label`` per topic and per phrase: one pass per period."""
    sums: list[Any] = []
    names: list[str] = []
    for topic in topics:
        sums.append(func.sum(case((_topic_match(topic), 1), else_=0)))
        names.append(f"topic:{topic}")
    for phrase in phrases:
        sums.append(func.sum(case((_phrase_match(phrase, conn.dialect.name), 1), else_=0)))
        names.append(f"phrase:{phrase}")
    if not sums:
        return [{} for _ in periods]
    out = []
    for start, end in periods:
        row = conn.execute(select(*sums).where(and_(_in_scope(start, end, brand), POSTS.c.label == label))).one()
        out.append({name: int(value or 0) for name, value in zip(names, row, strict=True)})
    return out


def most_engaged(
    conn: Connection, start: datetime, end: datetime, brand: str | None, label: str, limit: int
) -> list[dict[str, Any]]:
    query = (
        select(*[POSTS.c[c] for c in POST_COLUMNS], ENGAGEMENT.label("engagement"))
        .where(and_(_in_scope(start, end, brand), POSTS.c.label == label))
        .order_by(ENGAGEMENT.desc(), POSTS.c.created_at)
        .limit(limit)
    )
    return [dict(row) for row in conn.execute(query).mappings()]


def incident_columns(conn: Connection) -> set[str]:
    """Columns the incidents table has today (the Slack workflow adds some)."""
    return {str(c["name"]) for c in inspect(conn).get_columns("incidents")}


def incidents_between(conn: Connection, start: datetime, end: datetime, brand: str | None) -> list[dict[str, Any]]:
    """Incidents first alerted in the period, with whichever workflow columns exist."""
    present = incident_columns(conn)
    extra: list[Any] = [column(n, UTCDateTime()) for n in OPTIONAL_INCIDENT_TIMES if n in present]
    extra += [column(n, String()) for n in OPTIONAL_INCIDENT_TEXT if n in present]
    root = and_(POSTS.c.source == INCIDENTS.c.root_source, POSTS.c.post_id == INCIDENTS.c.root_post_id)
    clause = and_(INCIDENTS.c.first_alert_at >= start, INCIDENTS.c.first_alert_at < end)
    if brand is not None:
        clause = and_(clause, INCIDENTS.c.brand == brand)
    query = (
        select(
            *[
                INCIDENTS.c[n]
                for n in (
                    "id",
                    "key",
                    "brand",
                    "status",
                    "level",
                    "score",
                    "reasons",
                    "signals",
                    "first_alert_at",
                    "last_change_at",
                    "slack_channel",
                    "slack_ts",
                )
            ],
            *extra,
            POSTS.c.url.label("root_url"),
            POSTS.c.text.label("root_text"),
            POSTS.c.author_handle.label("root_author"),
            POSTS.c.author_followers.label("root_followers"),
            POSTS.c.created_at.label("root_created_at"),
            POSTS.c.source.label("root_source"),
        )
        .select_from(INCIDENTS.outerjoin(POSTS, root))
        .where(clause)
        .order_by(INCIDENTS.c.first_alert_at)
    )
    rows = [dict(row) for row in conn.execute(query).mappings()]
    spread = _spread(conn, [int(r["id"]) for r in rows])
    for row in rows:
        row |= spread.get(int(row["id"]), {"posts": 0, "authors": 0, "engagement": 0, "reach": 0, "sources": []})
    return rows


def _spread(conn: Connection, ids: list[int]) -> dict[int, dict[str, Any]]:
    """Posts, authors, interactions and author reach of each incident, and where it spread."""
    if not ids:
        return {}
    joined = MEMBERS.join(POSTS, and_(MEMBERS.c.source == POSTS.c.source, MEMBERS.c.post_id == POSTS.c.post_id))
    author = func.coalesce(POSTS.c.author_id, POSTS.c.author_handle, POSTS.c.post_id)
    totals = conn.execute(
        select(
            MEMBERS.c.incident_id,
            func.count(),
            func.count(func.distinct(author)),
            func.sum(ENGAGEMENT),
            func.sum(func.coalesce(POSTS.c.author_followers, 0)),
        )
        .select_from(joined)
        .where(MEMBERS.c.incident_id.in_(ids))
        .group_by(MEMBERS.c.incident_id)
    ).all()
    out: dict[int, dict[str, Any]] = {
        int(i): {"posts": int(p), "authors": int(a), "engagement": int(e or 0), "reach": int(r or 0), "sources": []}
        for i, p, a, e, r in totals
    }
    where = conn.execute(
        select(MEMBERS.c.incident_id, MEMBERS.c.source, func.count())
        .where(MEMBERS.c.incident_id.in_(ids))
        .group_by(MEMBERS.c.incident_id, MEMBERS.c.source)
        .order_by(MEMBERS.c.incident_id, func.count().desc())
    ).all()
    for incident_id, source, count in where:
        out.setdefault(int(incident_id), {"posts": 0, "authors": 0, "engagement": 0, "reach": 0, "sources": []})
        out[int(incident_id)]["sources"].append({"source": str(source), "posts": int(count)})
    return out


def held_alerts(conn: Connection, start: datetime, end: datetime, brand: str | None) -> int:
    """Alerts the budget or quiet hours held back in the period."""
    clause = and_(DELIVERIES.c.status == "held", DELIVERIES.c.created_at >= start, DELIVERIES.c.created_at < end)
    query = select(func.count()).select_from(DELIVERIES.join(INCIDENTS, INCIDENTS.c.id == DELIVERIES.c.incident_id))
    if brand is not None:
        clause = and_(clause, INCIDENTS.c.brand == brand)
    return int(conn.execute(query.where(clause)).scalar_one())


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

    Consecutive successful polls are paired in the database (``LAG``), so only the gaps come back;
    the stretches before the first and after the last poll of the period count too.
    """
    ok = and_(POLLS.c.source == source, POLLS.c.ok.is_(True), POLLS.c.finished_at >= start, POLLS.c.finished_at < end)
    previous = func.lag(POLLS.c.finished_at).over(order_by=POLLS.c.finished_at)
    pairs = select(POLLS.c.finished_at.label("at"), previous.label("before")).where(ok).subquery()
    long = _seconds_between(conn.dialect.name, pairs.c.at, pairs.c.before) > longer_than.total_seconds()
    rows = conn.execute(
        select(pairs.c.before, pairs.c.at).where(and_(pairs.c.before.is_not(None), long)).order_by(pairs.c.at)
    ).all()
    gaps = [(_aware(before), _aware(at)) for before, at in rows]
    first, last = conn.execute(select(func.min(POLLS.c.finished_at), func.max(POLLS.c.finished_at)).where(ok)).one()
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


def week_posts(conn: Connection, start: datetime, end: datetime, brand: str | None) -> Iterator[dict[str, Any]]:
    """Every post of the period, streamed (for the CSV export, which is one row per post).

    Naming every label lets the ``(label, created_at)`` indexes find the week in four ranges.
    """
    query = (
        select(*[POSTS.c[c] for c in POST_COLUMNS], ENGAGEMENT.label("engagement"))
        .where(and_(_in_scope(start, end, brand), POSTS.c.label.in_(LABELS)))
        .order_by(POSTS.c.created_at, POSTS.c.source, POSTS.c.post_id)
    )
    for row in conn.execution_options(yield_per=2000).execute(query).mappings():
        yield dict(row)


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

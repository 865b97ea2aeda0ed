"""The weekly digest's queries: every count is made by the database, never by a loop over posts.

A week of posts can be tens of thousands of rows; the digest reads only counts (one per day,
source and label), the few posts it quotes, and, for recurring phrases, a capped stream of
texts. Poll history and the weekly claim rows live in ``poll_history`` and ``digest_runs``.
Columns the incident workflow adds later (``acknowledged_at``, ``replied_at``...) are read when
the table has them, so the digest degrades to "not recorded" instead of failing.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import datetime
from functools import lru_cache
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Connection,
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
    table,
    text,
)

from monitor.store import decisions
from monitor.store.tables import Incident, IncidentPost, Post, UTCDateTime

POSTS = Post.__table__  # type: ignore[attr-defined]
INCIDENTS = Incident.__table__  # type: ignore[attr-defined]
MEMBERS = IncidentPost.__table__  # type: ignore[attr-defined]

# Columns the Slack workflow adds to incidents; read only when present.
OPTIONAL_INCIDENT_TIMES = ("acknowledged_at", "replied_at", "resolved_at", "snoozed_until", "closed_at")
OPTIONAL_INCIDENT_TEXT = (
    "acknowledged_by", "acknowledged_by_name", "replied_by", "resolution", "feedback", "reply_url", "resolved_by",
)  # fmt: skip
FEEDBACK_TABLE = "incident_feedback"  # why the team marked an incident not relevant (the Slack workflow)
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
    """Columns the incidents table has today (the Slack workflow adds some), and ``feedback_table``
    when the table of "not relevant" feedback exists."""
    inspector = inspect(conn)
    present = {str(c["name"]) for c in inspector.get_columns("incidents")}
    return present | ({"feedback_table"} if inspector.has_table(FEEDBACK_TABLE) else set())


def _feedback(conn: Connection, ids: list[int]) -> dict[int, str]:
    """The latest "not relevant" reason given for each incident that has one."""
    if not ids or not inspect(conn).has_table(FEEDBACK_TABLE):
        return {}
    feedback = table(FEEDBACK_TABLE, column("incident_id"), column("reason"), column("id"))
    rows = conn.execute(
        select(feedback.c.incident_id, feedback.c.reason).where(feedback.c.incident_id.in_(ids)).order_by(feedback.c.id)
    )
    return {int(incident_id): str(reason) for incident_id, reason in rows}


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
    reasons = _feedback(conn, [int(r["id"]) for r in rows])
    for row in rows:
        row |= spread.get(int(row["id"]), {"posts": 0, "authors": 0, "engagement": 0, "reach": 0, "sources": []})
        if int(row["id"]) in reasons:
            row["not_relevant_reason"] = reasons[int(row["id"])]
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
    """Alerts the budget or quiet hours held back in the period (summarised since, or still waiting)."""
    return decisions.held_in(conn, start, end, brand)


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

"""A synthetic store for the digest: posts, incidents and poll history made by bulk SQL, fast.

Rows are generated inside the database (a recursive CTE picking from a small table of realistic
texts) rather than in Python, so a million posts take seconds. Used by ``bench/digest.py`` and to
draw the README's screenshot (``--demo``).
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import Connection, Engine, text

from monitor.store.tables import Post

# (text, label, compound, topics): what a brand's mentions look like in a week
TEXTS = [
    ("{b} crew were lovely and we landed early, great flight", "positive", 0.85, ""),
    ("Shout out to the {b} gate agent who found my daughter's teddy bear", "positive", 0.7, ""),
    ("Upgraded for free on {b} today, what a nice surprise", "positive", 0.75, ""),
    ("The new {b} app is great, check-in took thirty seconds", "positive", 0.8, ""),
    ("{b} held the connecting flight for us, that is how you do it", "positive", 0.6, ""),
    ("Does anyone know if the {b} flight to Denver usually leaves on time?", "neutral", 0.0, ""),
    ("What is the baggage allowance on the {b} basic fare these days", "neutral", 0.0, ""),
    ("{b} announces a new route to Lisbon starting in March", "neutral", 0.0, ""),
    ("Flying {b} to Oslo next week, any tips for the lounge?", "neutral", 0.0, ""),
    ("{b} quarterly results are out today", "neutral", 0.0, ""),
    ("{b} cancelled my flight, kept my money and the agent laughed at me. Never again.", "negative", -0.8,
     "refund,cancellation,never_again"),
    ("{b} charged me twice for the same ticket and closed my complaint without a refund", "negative", -0.7,
     "double_charge,refund"),
    ("{b} lost my luggage three days ago and nobody answers the phone", "negative", -0.6, "delivery"),
    ("{b} left us stranded in Boston overnight with no hotel and no information", "negative", -0.75, "stranded"),
    ("The {b} app crashes every time I try to check in", "negative", -0.5, "crash"),
    ("{b} refund still not here after six weeks, support keeps telling me to wait", "negative", -0.65, "refund"),
    ("Coffee on the {b} flight was cold again", "negative", -0.35, ""),
    ("Boarding in Dublin was a little chaotic with {b} today", "negative", -0.4, ""),
    ("Vol {b} annulé, aucune information", "unscored", None, ""),
]  # fmt: skip
BRANDS = ["Northwind Air", "Contoso Rail", "Fabrikam Hotels"]
SURGE_DAY = 2  # days from the first Monday: Wednesdays see a surge of complaints
SOURCES = ["bluesky", "reddit", "mastodon", "hackernews", "youtube", "rss"]


def _seed_tables(conn: Connection) -> None:
    execute = conn.execute
    execute(text("CREATE TEMP TABLE bench_texts (id INTEGER PRIMARY KEY, body TEXT, label TEXT, compound REAL, "
                 "topics TEXT, brand TEXT, upset INTEGER)"))  # fmt: skip
    rows = []
    for b, brand in enumerate(BRANDS):
        for t, (body, label, compound, topics) in enumerate(TEXTS):
            rows.append({"id": b * len(TEXTS) + t, "body": body.format(b=brand), "label": label,
                         "compound": compound, "topics": topics, "brand": brand,
                         "upset": int(compound is not None and compound <= -0.3)})  # fmt: skip
    execute(text("INSERT INTO bench_texts VALUES (:id, :body, :label, :compound, :topics, :brand, :upset)"), rows)
    execute(text("CREATE TEMP TABLE bench_sources (id INTEGER PRIMARY KEY, name TEXT)"))
    sources = [{"id": i, "name": n} for i, n in enumerate(SOURCES)]
    execute(text("INSERT INTO bench_sources VALUES (:id, :name)"), sources)


def fill(engine: Engine, posts: int, start: datetime, weeks: int, *, incidents: int = 0, poll_every: int = 0) -> None:
    """``posts`` posts spread evenly over ``weeks`` weeks from ``start`` (a Monday, UTC).

    Pseudo-random but deterministic (a multiplicative hash of the row number), so runs compare.
    The posts' secondary indexes are dropped for the bulk insert and built again after it.
    """
    span = weeks * 7 * 86400
    step = span / posts
    base = start.replace(tzinfo=None).isoformat(sep=" ")
    indexes = list(Post.__table__.indexes)  # type: ignore[attr-defined]
    with engine.begin() as conn:
        _seed_tables(conn)
        for index in indexes:
            index.drop(conn)
        conn.execute(text(f"""
            WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < {posts - 1}),
            h AS (SELECT i, (i * 2654435761 + 40503) % 4294967291 AS x FROM n),
            q AS (SELECT i, x, (x / 7) % {len(TEXTS) * len(BRANDS)} AS t0, (x / 65537) % 100 AS roll,
                         CAST(i * {step} / 86400 AS INTEGER) % 7 AS weekday FROM h),
            r AS (SELECT i, (x / 1009) % 6 AS s, roll,
                         CASE WHEN weekday = {SURGE_DAY} AND roll < 25  -- a bad day: complaints surge
                              THEN (t0 / {len(TEXTS)}) * {len(TEXTS)} + 10 + roll % 6 ELSE t0 END AS t
                  FROM q)
            INSERT INTO posts (source, post_id, url, created_at, first_seen_at, last_observed_at, author_id,
                               author_handle, author_followers, text, text_hash, brand, compound, label, upset,
                               abusive, topics, likes, reposts, replies, quotes)
            SELECT src.name, 'p' || r.i, 'https://example.test/p/' || r.i,
                   strftime('%Y-%m-%d %H:%M:%S', '{base}', '+' || CAST(r.i * {step} AS INTEGER) || ' seconds')
                       || '.000000',
                   strftime('%Y-%m-%d %H:%M:%S', '{base}', '+' || CAST(r.i * {step} + 60 AS INTEGER) || ' seconds')
                       || '.000000',
                   strftime('%Y-%m-%d %H:%M:%S', '{base}', '+' || CAST(r.i * {step} + 600 AS INTEGER) || ' seconds')
                       || '.000000',
                   'a' || (r.i % 50000), 'user' || (r.i % 50000), (r.i * 7919) % 20000,
                   bt.body, 0, bt.brand, bt.compound, bt.label, bt.upset, 0, bt.topics,
                   CASE WHEN r.roll = 0 THEN r.roll * 17 + (r.i % 900) ELSE r.i % 12 END, r.i % 4, r.i % 3, 0
            FROM r JOIN bench_texts bt ON bt.id = r.t JOIN bench_sources src ON src.id = r.s
        """))  # fmt: skip
        for index in indexes:
            index.create(conn)
        if incidents:
            _incidents(conn, incidents)
        if poll_every:
            _polls(conn, start, weeks, poll_every)


def _incidents(conn: Connection, count: int) -> None:
    execute = conn.execute
    upset = execute(text(f"SELECT source, post_id, brand, created_at FROM posts WHERE upset = 1 AND likes > 100 "
                         f"ORDER BY (rowid * 2654435761) % 4294967291 LIMIT {count}")).all()  # fmt: skip
    statuses = ["resolved", "resolved", "closed", "resolved", "open"]
    for n, (source, post_id, brand, created) in enumerate(upset, start=1):
        first = datetime.fromisoformat(str(created)) + timedelta(minutes=20 + n % 90)
        execute(text("INSERT INTO incidents (id, key, brand, root_source, root_post_id, status, level, score, "
                     "reasons, signals, abusive, draft, version, first_alert_at, last_change_at, last_sent_version, "
                     "slack_channel, slack_ts) VALUES (:id, :key, :brand, :src, :pid, :status, :level, 2.0, :reasons, "
                     "'{\"velocity_ratio\": 14.0}', 0, '', 1, :first, :first, 1, 'C0ALERTS', :ts)"),
                {"id": n, "key": f"{source}:{post_id}", "brand": brand, "src": source, "pid": post_id,
                 "status": statuses[n % 5], "level": "critical" if n % 4 == 0 else "warning",
                 "reasons": '["spreading ten times faster than usual", "echoed by 4 authors"]',
                 "first": first.isoformat(sep=" "), "ts": f"1763{n:06d}.000100"})  # fmt: skip
        execute(text("INSERT INTO incident_posts VALUES (:id, :src, :pid, :first)"),
                {"id": n, "src": source, "pid": post_id, "first": first.isoformat(sep=" ")})  # fmt: skip


def _polls(conn: Connection, start: datetime, weeks: int, every_minutes: int) -> None:
    """Every source polled every ``every_minutes``; one source has an outage and some failures."""
    total = weeks * 7 * 24 * 60 // every_minutes
    base = start.replace(tzinfo=None).isoformat(sep=" ")
    conn.execute(text(f"""
        WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < {total - 1})
        INSERT INTO poll_runs (source, started_at, finished_at, ok, error, items, new_posts)
        SELECT src.name,
               strftime('%Y-%m-%d %H:%M:%S', '{base}', '+' || (n.i * {every_minutes} * 60) || ' seconds') || '.000000',
               strftime('%Y-%m-%d %H:%M:%S', '{base}', '+' || (n.i * {every_minutes} * 60 + 20) || ' seconds')
                   || '.000000',
               NOT (src.name = 'youtube' AND n.i % 97 = 5),
               CASE WHEN src.name = 'youtube' AND n.i % 97 = 5 THEN 'youtube: HTTP 503 from the API' END,
               25 + (n.i * 13 + src.id) % 40, 5 + (n.i * 7 + src.id) % 20
        FROM n JOIN bench_sources src
        WHERE NOT (src.name = 'rss' AND (n.i * {every_minutes}) % 10080 BETWEEN 4000 AND 4500)
    """))  # fmt: skip


def utc_monday(text_week: str) -> datetime:
    from monitor.digest.weeks import Week

    return datetime.combine(Week.parse(text_week).monday, datetime.min.time(), tzinfo=UTC)

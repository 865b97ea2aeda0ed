"""The ingest path on both backends: store, dedupe, detect, one incident per complaint."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import Engine, func, select

from monitor.core.observations import Observation
from monitor.pipeline import Pipeline
from monitor.scoring import Score, Scorer
from monitor.store.tables import Delivery, Incident, IncidentPost, Post, Snapshot, SourceState
from tests.builders import background, config, obs

POSTS = Post.__table__  # type: ignore[attr-defined]
SNAPS = Snapshot.__table__  # type: ignore[attr-defined]
INCIDENTS = Incident.__table__  # type: ignore[attr-defined]
MEMBERS = IncidentPost.__table__  # type: ignore[attr-defined]
DELIVERIES = Delivery.__table__  # type: ignore[attr-defined]
STATE = SourceState.__table__  # type: ignore[attr-defined]

COMPLAINT = "Northwind Air cancelled my flight, kept my money and the agent laughed at me. Never again."


def count(engine: Engine, table: Any) -> int:
    with engine.connect() as conn:
        return int(conn.execute(select(func.count()).select_from(table)).scalar_one())


def pipeline(engine: Engine, url: str = "sqlite://", **sections: Any) -> Pipeline:
    return Pipeline(engine, config(url, **sections), clock=lambda: obs("x", 0).observed_at)


def spike(post_id: str = "angry", source: str = "reddit", start: float = 60) -> list[Observation]:
    """An upset post whose likes go 0 -> 5 -> 150 -> 500 -> 1200 in half an hour."""
    return [
        obs(post_id, start + m, COMPLAINT, source=source, likes=likes, created=start, author="dana")
        for m, likes in ((2, 5), (12, 150), (22, 500), (32, 1200))
    ]


def test_sightings_become_one_post_with_snapshots(engine: Engine) -> None:
    p = pipeline(engine)
    p.ingest([obs("a", 1, likes=3, replies=1), obs("a", 11, likes=9, replies=None)])
    with engine.connect() as conn:
        row = conn.execute(select(POSTS)).mappings().one()
        snaps = conn.execute(select(SNAPS.c.likes).order_by(SNAPS.c.observed_at)).scalars().all()
    assert (row["likes"], row["replies"]) == (9, 1)  # a missing counter is unknown, not zero
    assert snaps == [3, 9]
    assert row["label"] in {"positive", "neutral"} and not row["upset"]


def test_replaying_the_same_observations_changes_nothing(engine: Engine) -> None:
    data = background("reddit", 40) + spike()
    p = pipeline(engine)
    p.ingest(data)
    before = [count(engine, t) for t in (POSTS, SNAPS, INCIDENTS, MEMBERS, DELIVERIES)]
    assert before[2] == 1
    p.ingest(data)
    p.ingest(list(reversed(data)))
    assert [count(engine, t) for t in (POSTS, SNAPS, INCIDENTS, MEMBERS, DELIVERIES)] == before


def test_velocity_spike_opens_one_incident_then_updates_it(engine: Engine) -> None:
    p = pipeline(engine, detection={"update_interval": "10m"})
    p.ingest(background("reddit", 40, ticks=8))
    first, rest = spike()[:2], spike()[2:]
    p.ingest(first)
    with engine.connect() as conn:
        incident = conn.execute(select(INCIDENTS)).mappings().one()
    assert incident["key"] == "reddit:angry"
    assert any("likes +150 in 12 min" in r and "this source's median rate" in r for r in incident["reasons"]), incident[
        "reasons"
    ]
    assert "sorry" in incident["draft"].lower()
    for o in rest:
        p.ingest([o])
    with engine.connect() as conn:
        incidents = conn.execute(select(INCIDENTS)).mappings().all()
        deliveries = conn.execute(select(DELIVERIES).order_by(DELIVERIES.c.version)).mappings().all()
    assert len(incidents) == 1
    assert deliveries[0]["kind"] == "opened" and deliveries[0]["reason"].startswith("opened: ")
    assert all(d["kind"] == "updated" for d in deliveries[1:])
    assert [d["version"] for d in deliveries] == list(range(1, len(deliveries) + 1))


def test_ordinary_and_positive_posts_stay_quiet(engine: Engine) -> None:
    p = pipeline(engine)
    p.ingest(background("reddit", 40))
    praise = "Northwind Air crew were wonderful, best flight ever, thank you!"
    p.ingest([obs("viral", 60 + m, praise, likes=likes, created=60) for m, likes in ((2, 5), (12, 200), (22, 900))])
    assert count(engine, INCIDENTS) == 0


def test_near_identical_complaints_from_distinct_authors_are_one_incident(engine: Engine) -> None:
    p = pipeline(engine)
    texts = [
        ("reddit", "Northwind Air cancelled my flight to Denver, kept my money and the agent laughed at me."),
        ("bluesky", "northwind air cancelled my flight to Boston and kept my money. the agent laughed at me"),
        ("mastodon", "Northwind Air cancelled my flight, kept my money, and the gate agent laughed at me!"),
        ("reddit", "Same: Northwind Air cancelled my flight and kept my money; agent laughed at me."),
    ]
    for n, (source, text) in enumerate(texts):
        p.ingest([obs(f"echo{n}", 10 * n, text, source=source, author=f"user{n}", likes=1, created=10 * n)])
    with engine.connect() as conn:
        incident = conn.execute(select(INCIDENTS)).mappings().one()
        members = conn.execute(select(MEMBERS.c.post_id).order_by(MEMBERS.c.post_id)).scalars().all()
    assert incident["key"] == "reddit:echo0"
    assert any(r.startswith("echoed by 4 distinct authors on 3 sources") for r in incident["reasons"]), incident[
        "reasons"
    ]
    assert members == ["echo0", "echo1", "echo2", "echo3"]


def test_one_author_repeating_themselves_is_not_an_echo(engine: Engine) -> None:
    p = pipeline(engine)
    for n in range(4):
        p.ingest([obs(f"same{n}", 10 * n, COMPLAINT, author="dana", likes=0, created=10 * n)])
    assert count(engine, INCIDENTS) == 0


def test_negative_replies_from_others_echo_the_complaint(engine: Engine) -> None:
    p = pipeline(engine)
    p.ingest([obs("root", 1, COMPLAINT, author="dana", likes=2)])
    replies = [
        obs(
            f"r{n}",
            5 + n,
            "Awful. They did this to me too and refused my refund.",
            author=f"u{n}",
            in_reply_to="root",
            likes=0,
            created=5 + n,
        )
        for n in range(3)
    ]
    p.ingest(replies)
    with engine.connect() as conn:
        incident = conn.execute(select(INCIDENTS)).mappings().one()
    assert incident["key"] == "reddit:root"
    assert any(r.startswith("echoed by 4 distinct authors") for r in incident["reasons"])


def test_brands_filter_and_language_marks_unscored(engine: Engine) -> None:
    p = pipeline(
        engine,
        brands=[
            {
                "name": "Northwind Air",
                "include": ["northwind"],
                "exclude": ["northwind traders"],
                "languages": [],
            }
        ],
    )
    report = p.ingest(
        [
            obs("keep", 1, "Northwind Air lost my bag"),
            obs("other", 1, "The Northwind Traders sample database is handy"),
            obs("offtopic", 1, "Nothing to do with any airline"),
            obs("de", 1, "Northwind Air hat meinen Flug gestrichen", lang="de"),
        ]
    )
    assert (report.received, report.kept, report.unscored) == (4, 2, 1)
    with engine.connect() as conn:
        rows = dict(conn.execute(select(POSTS.c.post_id, POSTS.c.label)).all())
        brand = conn.execute(select(POSTS.c.brand).where(POSTS.c.post_id == "keep")).scalar_one()
    assert rows == {"keep": rows["keep"], "de": "unscored"}
    assert brand == "Northwind Air"


class CountingScorer(Scorer):
    def __init__(self) -> None:
        super().__init__()
        self.calls = 0

    def score(self, text: str, lang: str | None = None) -> Score:
        self.calls += 1
        return super().score(text, lang)


def test_unchanged_text_is_not_rescored_but_an_edit_is(engine: Engine) -> None:
    scorer = CountingScorer()
    p = Pipeline(engine, config("sqlite://"), scorer=scorer)
    p.ingest([obs("a", 1, "Northwind Air was fine")])
    p.ingest([obs("a", 11, "Northwind Air was fine", likes=4)])
    assert scorer.calls == 1
    p.ingest([obs("a", 21, "EDIT: Northwind Air cancelled my flight and kept my money. Never again.", likes=5)])
    assert scorer.calls == 2
    with engine.connect() as conn:
        assert conn.execute(select(POSTS.c.label)).scalar_one() == "negative"


class ExplodingPipeline(Pipeline):
    """Fails after every stage has written its part, before the transaction commits."""

    def _run_stages(self, uow: Any, observations: Any, *args: Any) -> Any:
        super()._run_stages(uow, observations, *args)
        raise RuntimeError("disk full")


def test_posts_and_cursor_are_stored_together_or_not_at_all(engine: Engine) -> None:
    good = pipeline(engine)
    good.ingest(
        [obs("a", 1, likes=1), obs("a", 12, likes=2)],
        source_name="feed",
        source_type="replay",
        cursor={"offset": 10},
    )
    broken = ExplodingPipeline(engine, config("sqlite://"))
    with pytest.raises(RuntimeError):
        broken.ingest(
            [obs("b", 20, likes=1), obs("b", 31, likes=9)],
            source_name="feed",
            source_type="replay",
            cursor={"offset": 99},
        )
    with engine.connect() as conn:
        assert conn.execute(select(POSTS.c.post_id)).scalars().all() == ["a"]
        assert conn.execute(select(STATE.c.cursor).where(STATE.c.name == "feed")).scalar_one() == {"offset": 10}

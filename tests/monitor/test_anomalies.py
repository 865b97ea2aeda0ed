"""Out-of-order, future-dated and impossible data: recognised, counted, logged once per page, and
kept from distorting velocity or incident times (``monitor/ingest/screening.py``), on both databases.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import Engine, select

from monitor import telemetry
from monitor.core.observations import Observation
from monitor.ingest.screening import incident_moment
from monitor.pipeline import Pipeline
from monitor.store.quarantine import list_held
from monitor.store.tables import Incident, Post, Snapshot
from tests.builders import at, config, obs

POSTS = Post.__table__  # type: ignore[attr-defined]
SNAPS = Snapshot.__table__  # type: ignore[attr-defined]
INCIDENTS = Incident.__table__  # type: ignore[attr-defined]
COMPLAINT = "Northwind Air cancelled my flight, kept my money and the agent laughed at me. Never again."


def sighting(post_id: str, observed: datetime, created: datetime | None, **counters: int) -> Observation:
    """A sighting with the creation as given (``None``: the source did not say when it was written)."""
    return Observation.model_validate(
        {"observed_at": observed, "source": "reddit", "id": post_id, "created_at": created,
         "author": {"id": f"a-{post_id}", "handle": f"a-{post_id}"}, "text": COMPLAINT, "engagement": counters}
    )  # fmt: skip


def counted(kind: str, action: str, source: str = "import") -> float:
    value = telemetry.REGISTRY.get_sample_value(
        "repmon_anomalies_total", {"source": source, "kind": kind, "action": action}
    )
    return value or 0.0


def post(engine: Engine, post_id: str) -> dict[str, Any]:
    with engine.connect() as conn:
        return dict(conn.execute(select(POSTS).where(POSTS.c.post_id == post_id)).mappings().one())


def snapshots(engine: Engine, post_id: str) -> list[tuple[datetime, int | None]]:
    with engine.connect() as conn:
        query = (
            select(SNAPS.c.observed_at, SNAPS.c.likes).where(SNAPS.c.post_id == post_id).order_by(SNAPS.c.observed_at)
        )
        return [(when, likes) for when, likes in conn.execute(query).all()]


def anomaly_lines(caplog: pytest.LogCaptureFixture) -> list[str]:
    """The once-a-page summaries (a quarantined record also gets its own line, at most three a page)."""
    return [r.getMessage() for r in caplog.records if r.name == "repmon.pipeline" and "sighting" in r.getMessage()]


def test_future_dated_sightings_are_quarantined_beyond_the_skew_and_clamped_within(engine: Engine) -> None:
    pipeline = Pipeline(engine, config("sqlite://"))
    now = datetime.now(UTC)
    before = counted("future", "quarantined"), counted("future", "clamped")
    report = pipeline.ingest(
        [
            sighting("ahead", now + timedelta(days=21), now - timedelta(hours=1), likes=3),
            sighting("created-ahead", now - timedelta(minutes=1), now + timedelta(minutes=30), likes=1),
            sighting("slightly", now + timedelta(minutes=2), now - timedelta(hours=1), likes=1),  # within 5 min
        ]
    )
    assert report.quarantined == 2
    held = {h.post_id: h.reason for h in list_held(engine)}
    assert set(held) == {"ahead", "created-ahead"}
    assert "ahead of now" in held["ahead"] and "observed_at" in held["ahead"]
    assert "created_at" in held["created-ahead"]
    stored = post(engine, "slightly")
    assert stored["last_observed_at"] <= datetime.now(UTC)  # clamped to the moment it was stored
    assert counted("future", "quarantined") - before[0] == 2 and counted("future", "clamped") - before[1] == 1


def test_created_after_observed_is_clamped_or_quarantined_when_impossible(engine: Engine) -> None:
    pipeline = Pipeline(engine, config("sqlite://"))
    before = counted("observed_before_created", "clamped"), counted("observed_before_created", "quarantined")
    pipeline.ingest(
        [
            sighting("skewed", at(60), at(60 + 90), likes=1),  # the source's clock 90 minutes ahead
            sighting("absurd", at(60), at(60 + 3 * 24 * 60), likes=1),  # written three days after it was seen
        ]
    )
    assert post(engine, "skewed")["created_at"] == at(60)
    assert [h.post_id for h in list_held(engine)] == ["absurd"]
    assert counted("observed_before_created", "clamped") - before[0] == 1
    assert counted("observed_before_created", "quarantined") - before[1] == 1


def test_counters_going_backwards_are_kept_at_their_high_water_mark(engine: Engine) -> None:
    """Velocity reads snapshots: stored monotone, no window can show a negative gain."""
    pipeline = Pipeline(engine, config("sqlite://"), raise_incidents=False)
    before = counted("counter_backwards", "clamped")
    pipeline.ingest([sighting("p", at(10), at(0), likes=40, replies=3)])
    pipeline.ingest([sighting("p", at(20), at(0), likes=12, replies=5), sighting("p", at(30), at(0), likes=41)])
    assert [likes for _, likes in snapshots(engine, "p")] == [40, 40, 41]
    stored = post(engine, "p")
    assert (stored["likes"], stored["replies"]) == (41, 5)
    assert counted("counter_backwards", "clamped") - before == 1


def test_snapshots_out_of_observed_order_are_kept_between_their_neighbours(engine: Engine) -> None:
    pipeline = Pipeline(engine, config("sqlite://"), raise_incidents=False)
    before = counted("out_of_order", "kept")
    pipeline.ingest([sighting("p", at(10), at(0), likes=5), sighting("p", at(30), at(0), likes=20)])
    pipeline.ingest([sighting("p", at(20), at(0), likes=50), sighting("p", at(25), at(0), likes=1)])
    assert snapshots(engine, "p") == [(at(10), 5), (at(20), 20), (at(25), 20), (at(30), 20)]
    assert post(engine, "p")["last_observed_at"] == at(30)  # the post keeps its latest state
    pipeline.ingest([sighting("p", at(20), at(0), likes=50)])  # a repeat: ignored, not counted again
    assert counted("out_of_order", "kept") - before == 2

    # a page out of order is put in order first: the earliest sighting founds the post
    pipeline.ingest([sighting("q", at(50), None, likes=9), sighting("q", at(40), None, likes=2)])
    stored = post(engine, "q")
    assert stored["first_seen_at"] == stored["created_at"] == at(40) and stored["last_observed_at"] == at(50)
    assert counted("out_of_order", "kept") - before == 3


def test_a_post_seen_before_its_stored_creation(engine: Engine) -> None:
    """A creation only ever known as the first sighting moves back; a creation the source gave stands."""
    pipeline = Pipeline(engine, config("sqlite://"), raise_incidents=False)
    pipeline.ingest([sighting("undated", at(600), None, likes=1), sighting("dated", at(600), at(590), likes=1)])
    pipeline.ingest([sighting("undated", at(60), None, likes=1), sighting("dated", at(60), None, likes=1)])
    undated = post(engine, "undated")
    assert undated["created_at"] == undated["first_seen_at"] == at(60)
    assert [h.post_id for h in list_held(engine)] == ["dated"]
    assert "before the post was written" in list_held(engine)[0].reason
    pipeline.ingest([sighting("dated", at(587), None, likes=1)])  # 3 minutes early: within the clock skew
    assert post(engine, "dated")["created_at"] == at(587)


def test_an_incident_never_alerts_before_its_post_was_written_when_replayed_out_of_order(
    engine: Engine, caplog: pytest.LogCaptureFixture
) -> None:
    """The reported case: replaying out of order made an incident "first alerted" three weeks before its
    post was written (a sighting dated before the stored creation read as a huge rate since creation)."""
    written = at(0)
    pipeline = Pipeline(engine, config("sqlite://"))
    pipeline.ingest([sighting("late", written + timedelta(minutes=m), written, likes=m) for m in (5, 65)])
    weeks_before = written - timedelta(days=21)
    early = [sighting("late", weeks_before + timedelta(minutes=m), None, likes=300 + m) for m in (0, 9)]
    with caplog.at_level(logging.WARNING, logger="repmon.pipeline"):
        report = pipeline.ingest(early)
    assert report.quarantined == 2 and report.incidents_opened == 0
    with engine.connect() as conn:
        times = conn.execute(select(INCIDENTS.c.first_alert_at, INCIDENTS.c.opened_at)).all()
    assert all(first >= written and (opened is None or opened >= written) for first, opened in times)
    lines = anomaly_lines(caplog)
    assert len(lines) == 1 and "2 sightings observed before the post was written (quarantined)" in lines[0]
    assert [r.levelno for r in caplog.records if "sighting" in r.getMessage()] == [logging.WARNING]  # data set aside


def test_an_echo_replayed_before_its_root_never_times_the_incident_before_the_root_was_written(
    engine: Engine,
) -> None:
    """The same case through a cluster: the root was stored first, its older echo arrived later and
    spread; the incident is the root's, so its moments are clamped to when the root was written."""
    text = "Northwind Air flight NW482 to Lisbon cancelled, kept my money and the agent laughed at me. Never again."
    written, weeks_before = at(0), at(0) - timedelta(days=21)

    def said(post_id: str, author: str, observed: datetime, created: datetime, likes: int) -> Observation:
        return sighting(post_id, observed, created, likes=likes).model_copy(
            update={"text": text, "author": sighting(author, observed, None).author}
        )

    pipeline = Pipeline(engine, config("sqlite://"))
    pipeline.ingest([said("root", "dana", written + timedelta(minutes=m), written, 1) for m in (5, 65)])
    before = counted("incident_time", "clamped")
    echo = [said("echo", "lee", weeks_before + timedelta(minutes=m), weeks_before, 30 * m) for m in (5, 20, 40)]
    report = pipeline.ingest(echo)
    assert post(engine, "echo")["cluster"] == "reddit:root" and report.incidents_opened == 1
    with engine.connect() as conn:
        first, opened = conn.execute(select(INCIDENTS.c.first_alert_at, INCIDENTS.c.opened_at)).one()
    assert first == opened == written  # before: three weeks before the root post was written
    assert counted("incident_time", "clamped") > before


def test_one_line_per_page_however_many_records(engine: Engine, caplog: pytest.LogCaptureFixture) -> None:
    pipeline = Pipeline(engine, config("sqlite://"), raise_incidents=False)
    pipeline.ingest([sighting(f"p{n}", at(30), at(0), likes=10) for n in range(20)])
    page = [sighting(f"p{n}", at(20), at(0), likes=50) for n in range(20)]
    page += [sighting(f"p{n}", at(40), at(0), likes=1) for n in range(20)]
    with caplog.at_level(logging.INFO, logger="repmon.pipeline"):
        pipeline.ingest(page, source_name="feed", source_type="replay")
    lines = anomaly_lines(caplog)
    assert lines == [
        "feed: 40 sightings with counters going backwards (clamped), 20 sightings out of observed order (kept)"
    ]
    assert all(r.levelno == logging.INFO for r in caplog.records if "sighting" in r.getMessage())  # routine
    # (the quarantine case above logs its summary as a warning: data was set aside)
    assert counted("out_of_order", "kept", source="feed") >= 20


def test_incident_moments_stay_between_the_post_being_written_and_now() -> None:
    written, now = at(100), at(500)
    assert incident_moment(at(50), written, now) == written  # an echo replayed before its root
    assert incident_moment(at(900), written, now) == now
    assert incident_moment(at(200), written, now) == at(200)


def test_the_metric_is_served_with_kind_and_action(engine: Engine) -> None:
    Pipeline(engine, config("sqlite://")).ingest([obs("x", 10, likes=1), obs("x", 5, likes=1)], source_name="m")
    body, _ = telemetry.exposition()
    assert 'repmon_anomalies_total{action="kept",kind="out_of_order",source="m"}' in body.decode()

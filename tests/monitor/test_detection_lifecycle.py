"""Detection in event time, levels, echoes of one story, and the incident lifecycle, through the real pipeline."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, select
from typer.testing import CliRunner

from monitor.backtest import simulated_batches
from monitor.cli import app
from monitor.core.observations import Observation, read_file
from monitor.pipeline import Pipeline
from monitor.store.database import open_database
from monitor.store.tables import Delivery, Incident, Post
from tests.builders import background, config, obs
from tests.conftest import OWN_FIXTURES

INCIDENTS = Incident.__table__  # type: ignore[attr-defined]
DELIVERIES = Delivery.__table__  # type: ignore[attr-defined]
POSTS = Post.__table__  # type: ignore[attr-defined]
COMPLAINT = "Northwind Air cancelled my flight, kept my money and the agent laughed at me. Never again."
BRANDS = {"brands": [{"name": "Northwind Air", "include": ["northwind air", "northwind"], "languages": []}]}


def run(engine: Engine, batches: list[list[Observation]], **sections: Any) -> Pipeline:
    clock = {"now": batches[0][0].observed_at}
    p = Pipeline(engine, config("sqlite://", **sections), clock=lambda: clock["now"])
    for batch in batches:
        clock["now"] = max(o.observed_at for o in batch)
        p.ingest(batch)
    return p


def incidents(engine: Engine) -> list[dict[str, Any]]:
    with engine.connect() as conn:
        return [dict(r) for r in conn.execute(select(INCIDENTS).order_by(INCIDENTS.c.id)).mappings()]


def deliveries(engine: Engine) -> list[dict[str, Any]]:
    with engine.connect() as conn:
        return [dict(r) for r in conn.execute(select(DELIVERIES).order_by(DELIVERIES.c.id)).mappings()]


def spike(post_id: str, start: float, peak: int = 1200, text: str = COMPLAINT) -> list[Observation]:
    steps = ((2, peak // 240), (12, peak // 8), (22, peak // 2), (32, peak))
    return [obs(post_id, start + m, text, likes=likes, created=start, author=f"a-{post_id}") for m, likes in steps]


@pytest.mark.slow
def test_one_batch_and_many_polls_find_the_same_incident_at_the_same_moment(tmp_path: Path) -> None:
    day = background("reddit", 30, ticks=7) + spike("angry", 120) + [obs("later", 300, likes=1, created=295)]
    day.sort(key=lambda o: o.observed_at)
    polled = open_database(f"sqlite:///{tmp_path / 'polled.db'}")
    run(polled, [[o] for o in day])
    at_once = open_database(f"sqlite:///{tmp_path / 'once.db'}")
    run(at_once, [day])
    a, b = incidents(polled), incidents(at_once)
    assert [i["key"] for i in a] == [i["key"] for i in b] == ["reddit:angry"]
    assert a[0]["first_alert_at"] == b[0]["first_alert_at"] < max(o.observed_at for o in day)
    # caught up in one batch long after it fired: still opened, and marked late with when it fired
    assert "late" not in a[0]["signals"]
    assert "would have alerted at" in b[0]["signals"]["late"]


def test_import_is_a_backfill_that_alerts_on_nothing(engine: Engine) -> None:
    p = Pipeline(engine, config("sqlite://"), raise_incidents=False)
    p.ingest(background("reddit", 20, ticks=7) + spike("angry", 120))
    assert incidents(engine) == []


@pytest.mark.slow
def test_a_post_picking_up_is_watched_silently_then_alerts_once_it_spreads(engine: Engine) -> None:
    steps = [(2, 1), (12, 8), (22, 14), (32, 60), (42, 200), (52, 500)]
    day = background("reddit", 30, ticks=7) + [
        obs("slow", 120 + m, COMPLAINT, likes=likes, created=120, author="dana") for m, likes in steps
    ]
    day.sort(key=lambda o: o.observed_at)
    run(engine, [[o] for o in day])
    (incident,) = incidents(engine)
    sent = deliveries(engine)
    assert incident["level"] in ("spreading", "viral")
    assert incident["opened_at"] < incident["first_alert_at"]  # on watch first, pinging nobody
    assert sent[0]["kind"] == "opened" and sent[0]["reason"].startswith("opened: ")
    assert sent[0]["version"] == 2  # version 1 was the silent watch


@pytest.mark.slow
def test_a_quiet_incident_closes_and_a_flare_up_reopens_it_with_a_note(engine: Engine) -> None:
    cfg = {"detection": {"close_after": "2h"}}
    first = background("reddit", 20, ticks=7) + spike("angry", 120)
    first.sort(key=lambda o: o.observed_at)
    p = run(engine, [[o] for o in first], **cfg)
    assert incidents(engine)[0]["status"] == "open"
    later = [obs("chatter", 400, "Northwind Air was fine today.", likes=1, created=395)]
    p.clock = lambda: later[0].observed_at
    p.ingest(later)
    (closed,) = incidents(engine)
    assert closed["status"] == "closed" and closed["closed_at"] is not None
    # echoes of the same complaint arrive hours later: the same incident reopens, no duplicate
    echoes = [
        obs(f"again{n}", 420 + 5 * n, f"@a-angry {COMPLAINT}", likes=1, created=420 + 5 * n, author=f"e{n}")
        for n in range(3)
    ]
    echoes = [o.model_copy(update={"in_reply_to": "angry"}) for o in echoes]
    for o in echoes:
        p.clock = lambda o=o: o.observed_at
        p.ingest([o])
    (reopened,) = incidents(engine)
    assert reopened["status"] == "open" and reopened["closed_at"] is None
    notes = [d["reason"] for d in deliveries(engine)]
    assert any(n.startswith("reopened: flared up again after") for n in notes), notes


@pytest.mark.slow
def test_independent_complaints_of_one_kind_are_not_an_echo_but_one_event_retold_is(engine: Engine) -> None:
    storm = [
        obs(
            f"storm{n}",
            10 + 4 * n,
            f"Northwind Air flight NW {300 + n} to Denver delayed 3 hours at gate B{n + 1}, stuck again. Not happy",
            source=("reddit", "bluesky", "mastodon")[n % 3],
            author=f"traveller{n}",
            likes=1,
            created=10 + 4 * n,
        )
        for n in range(12)
    ]
    run(engine, [[o] for o in storm])
    assert [i for i in incidents(engine) if i["level"] != "watch"] == []
    story = [
        obs(
            f"gate{n}",
            200 + 6 * n,
            text,
            source=("reddit", "bluesky", "mastodon")[n % 3],
            author=f"stranded{n}",
            likes=1,
            created=200 + 6 * n,
        )
        for n, text in enumerate(
            [
                "Northwind Air cancelled NW 418 and left 40 of us sleeping at gate B12 in YYC, no hotel.",
                "Still at YYC gate B12. NW 418 cancelled, Northwind says no vouchers. Kids on the floor.",
                "My parents are stuck at gate B12 after Northwind cancelled NW 418. Nobody from the airline is there.",
            ]
        )
    ]
    p = Pipeline(engine, config("sqlite://"), clock=lambda: story[-1].observed_at)
    for o in story:
        p.ingest([o])
    alerted = [i for i in incidents(engine) if i["level"] != "watch"]
    assert [i["key"] for i in alerted] == ["reddit:gate0"]
    assert alerted[0]["reasons"][0].startswith("echoed by 3 distinct authors on 3 sources")


@pytest.mark.slow
def test_a_non_english_failure_report_that_spreads_alerts_saying_sentiment_is_unscored(engine: Engine) -> None:
    text = "Northwind Air hat meinen Flug nach Denver gestrichen, kein Hotel, und niemand geht ans Telefon."
    day = background("reddit", 30, ticks=7) + [
        o.model_copy(update={"lang": "de"}) for o in spike("de", 120, peak=1500, text=text)
    ]
    day.sort(key=lambda o: o.observed_at)
    run(engine, [[o] for o in day])
    (incident,) = incidents(engine)
    assert incident["level"] != "watch"
    assert any(r.startswith("sentiment unscored") for r in incident["reasons"])


@pytest.mark.slow
def test_viral_praise_is_not_an_incident(engine: Engine) -> None:
    praise = "The Northwind Air crew threw a surprise party for a passenger's 100th birthday. Made my year!"
    day = background("reddit", 30, ticks=7) + spike("party", 120, peak=3000, text=praise)
    day.sort(key=lambda o: o.observed_at)
    run(engine, [[o] for o in day])
    assert incidents(engine) == []


@pytest.mark.slow
def test_repmon_incidents_lists_them_as_json(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'repmon.db'}"
    engine = open_database(url)
    run(
        engine,
        [[o] for o in sorted(background("reddit", 20, ticks=7) + spike("angry", 120), key=lambda o: o.observed_at)],
    )
    engine.dispose()
    cfg = tmp_path / "repmon.toml"
    cfg.write_text(f'[database]\nurl = "{url}"\n', encoding="utf-8")
    result = CliRunner().invoke(app, ["incidents", "--json", "--status", "all", "--config", str(cfg)])
    assert result.exit_code == 0, result.output
    (record,) = json.loads(result.stdout)
    assert record["key"] == "reddit:angry" and record["status"] == "open"
    assert record["level"] in ("spreading", "viral")
    assert record["root"] == {"source": "reddit", "id": "angry", "url": "https://example.test/reddit/angry"}
    assert ["reddit", "angry"] in record["posts"]
    assert record["reasons"] and record["opened_at"].endswith("Z")
    assert record["acknowledged_by"] is None  # the team has not taken it yet
    closed = CliRunner().invoke(app, ["incidents", "--status", "closed", "--config", str(cfg)])
    assert closed.exit_code == 0 and "no closed incidents" in closed.stdout


@pytest.mark.slow
def test_a_scenario_file_gives_the_same_incidents_in_one_batch_and_in_polls(tmp_path: Path) -> None:
    path = OWN_FIXTURES / "scenarios" / "two_incidents.jsonl"
    observations = read_file(path).observations
    sections = {**BRANDS}
    polled = open_database(f"sqlite:///{tmp_path / 'polled.db'}")
    run(polled, list(simulated_batches(observations)), **sections)
    once = open_database(f"sqlite:///{tmp_path / 'once.db'}")
    run(once, [list(observations)], **sections)
    alerted = {i["key"]: i["first_alert_at"] for i in incidents(polled) if i["level"] != "watch"}
    batch = {i["key"]: i["first_alert_at"] for i in incidents(once) if i["level"] != "watch"}
    assert alerted.keys() == batch.keys() and len(alerted) == 2
    for key, moment in alerted.items():
        assert abs(moment - batch[key]) <= timedelta(minutes=10), key  # within one snapshot (10-minute polls)
    # and the same clusters, signatures, word counts and baselines stored, to the last bit
    assert stored_state(polled) == stored_state(once)


def stored_state(engine: Engine) -> dict[str, list[tuple[Any, ...]]]:
    """What detection keeps between pages: every post's cluster and signature, the incidents (not the
    moment a late one was found), the echo word counts and index, the velocity baselines."""
    queries = {
        "posts": "SELECT source, post_id, cluster, signature, upset FROM posts",
        "incidents": "SELECT key, level, status, first_alert_at, opened_at, closed_at, reasons FROM incidents",
        "echo_terms": "SELECT * FROM echo_terms",
        "echo_bands": "SELECT * FROM echo_bands",
        "baselines": "SELECT * FROM source_state WHERE type = 'baseline'",
    }
    with engine.connect() as conn:
        return {name: sorted(map(tuple, conn.exec_driver_sql(sql))) for name, sql in queries.items()}


FILLER = (
    "lounge wifi snacks queue kiosk blanket pillow headphones magazine voucher upgrade legroom armrest tray "
    "window aisle coffee juice pretzels menu screen movie charger socket napkin cup"
)


def test_a_candidate_from_another_source_weighs_the_same_in_its_own_page_and_in_an_earlier_one(
    tmp_path: Path,
) -> None:
    """A complaint is compared with a candidate by its own source's word counts. A candidate stored by
    an earlier page had its words read; one from another source in the same page did not, so its
    words common on this source ("lounge", "wifi": weightless here) weighed as never seen, and the
    same two complaints joined one cluster when polled and stayed apart when read in one batch."""
    chatter = [
        obs(f"bg{n}", 1 + n / 2, f"Northwind Air {FILLER} today, all fine.", author=f"u{n}", created=n / 2)
        for n in range(60)
    ]
    told = obs(
        "told",
        100,
        f"Northwind Air lost my bag on NW 433 at gate B12, nobody helped. Furious. {FILLER} useless.",
        source="mastodon",
        author="first",
        created=99,
    )
    retold = obs(
        "retold",
        110,
        "Northwind Air lost my bag on NW 433, nobody at the Denver carousel knew anything, three hours standing "
        "by belt seven with my toddler and grandmother, paperwork twice, courier promised tomorrow. Furious, "
        "awful airline.",
        author="second",
        created=109,
    )
    states = []
    for name, pages in {"polled": [chatter, [told], [retold]], "caught_up": [chatter, [told, retold]]}.items():
        engine = open_database(f"sqlite:///{tmp_path / name}.db")
        run(engine, pages, **BRANDS)
        states.append(stored_state(engine))
        engine.dispose()
    assert states[0] == states[1]
    clusters = {post_id: cluster for _, post_id, cluster, _, _ in states[0]["posts"]}
    assert clusters["told"] == clusters["retold"] == "mastodon:told"


RETOLD = [
    ("bluesky", "Double charged $653 for an upgrade by Northwind Air. Ticket closed, no reply. Anyone else on NW 608?"),
    ("mastodon", "Northwind Air charged me twice for the seat upgrade on NW 608, support closed my ticket unanswered."),
    # the scorer reads this one as positive ("support"): a retelling all the same
    ("reddit", "Same here: Northwind Air took the upgrade fee twice for NW 608, $653 each, closed the support case."),
]


@pytest.mark.slow
def test_a_retelling_that_does_not_read_upset_is_a_voice_of_the_echo_it_names(engine: Engine) -> None:
    story = [
        obs(f"retold{n}", 10 + 20 * n, text, source=source, author=f"flyer{n}", likes=1, created=10 + 20 * n)
        for n, (source, text) in enumerate(RETOLD)
    ]
    run(engine, [[o] for o in story])
    with engine.connect() as conn:
        upset = {row["post_id"]: row["upset"] for row in conn.execute(select(POSTS)).mappings()}
    assert upset == {"retold0": True, "retold1": True, "retold2": False}, upset
    alerted = [i for i in incidents(engine) if i["level"] != "watch"]
    assert [i["key"] for i in alerted] == ["bluesky:retold0"]
    assert alerted[0]["first_alert_at"].replace(tzinfo=None) == story[-1].observed_at.replace(tzinfo=None)
    assert alerted[0]["reasons"][0].startswith("echoed by 3 distinct authors on 3 sources")


def test_a_post_not_read_upset_joins_no_complaint_it_does_not_name(engine: Engine) -> None:
    other_flight = RETOLD[2][1].replace("NW 608", "NW 612").replace("$653", "$120")
    unnamed = "Same here: Northwind Air took the upgrade fee twice, and closed the support case."
    story = [
        obs(f"retold{n}", 10 + 20 * n, text, source=source, author=f"flyer{n}", likes=1, created=10 + 20 * n)
        for n, (source, text) in enumerate([*RETOLD[:2], ("reddit", other_flight), ("reddit", unnamed)])
    ]
    run(engine, [[o] for o in story])
    assert [i for i in incidents(engine) if i["level"] != "watch"] == []

"""`repmon import` streams any file in bounded chunks and scores on every core with the same results."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import Engine, select

from monitor import importing
from monitor.config import validate
from monitor.core.observations import StrictModeError
from monitor.importing import import_file
from monitor.store.database import open_database
from monitor.store.tables import Post
from tests.builders import obs

POSTS = Post.__table__  # type: ignore[attr-defined]
TEXTS = [
    "Northwind Air cancelled my flight and kept my money. Never again.",
    "Loved the crew on my Northwind Air flight to Oslo!",
    "Does Northwind Air allow pets in the cabin?",
    "Northwind Air lost my bag &amp; nobody answers <b>the phone</b>",
    "Northwind Air, el vuelo llegó tarde otra vez",
]


def write_file(path: Path, count: int) -> None:
    lines = [
        obs(f"p{n}", n % 50, TEXTS[n % len(TEXTS)] + f" #{n}", likes=n % 7, lang=None if n % 3 else "en").to_json()
        for n in range(count)
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def stored(engine: Engine) -> list[tuple[object, ...]]:
    with engine.connect() as conn:
        query = select(POSTS.c.post_id, POSTS.c.compound, POSTS.c.label, POSTS.c.topics, POSTS.c.upset)
        return sorted(tuple(row) for row in conn.execute(query))


@pytest.mark.slow  # starts a pool of worker processes
def test_scoring_on_every_core_gives_exactly_the_in_process_scores(tmp_path: Path) -> None:
    data = tmp_path / "obs.jsonl"
    write_file(data, 600)
    results = []
    for workers in (0, 1, 2):
        engine = open_database(f"sqlite:///{tmp_path / f'w{workers}.db'}")
        summary = import_file(data, engine, validate({}), workers=workers)
        assert summary.observations == 600 and summary.report.new_posts == 600
        results.append(stored(engine))
        engine.dispose()
    assert results[0] == results[1] == results[2]
    assert {row[2] for row in results[0]} >= {"negative", "positive", "unscored"}


def test_chunks_keep_every_line_and_report_bad_ones_with_their_numbers(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = tmp_path / "obs.jsonl"
    write_file(data, 25)
    lines = data.read_text(encoding="utf-8").splitlines()
    lines[11] = "{not json"
    lines.insert(20, "")
    data.write_text("\n".join(lines) + "\n", encoding="utf-8")
    monkeypatch.setattr(importing, "BATCH", 4)  # lines per chunk read
    engine = open_database(f"sqlite:///{tmp_path / 'chunks.db'}")
    seen: list[str] = []
    summary = import_file(data, engine, validate({}), workers=0, on_bad_line=lambda bad: seen.append(str(bad)))
    assert summary.observations == 24 and len(stored(engine)) == 24
    assert seen == [str(summary.bad_lines[0])] and seen[0].startswith("line 12: not JSON")
    engine.dispose()


def test_strict_import_changes_nothing_when_a_late_line_is_bad(tmp_path: Path) -> None:
    data = tmp_path / "obs.jsonl"
    write_file(data, 30)
    with data.open("a", encoding="utf-8") as out:
        out.write('{"observed_at": "2026-11-20T09:00:00Z", "id": "x", "text": "no source"}\n')
    engine = open_database(f"sqlite:///{tmp_path / 'strict.db'}")
    with pytest.raises(StrictModeError, match="line 31"):
        import_file(data, engine, validate({}), strict=True, workers=0)
    assert stored(engine) == []
    engine.dispose()


@pytest.mark.slow  # starts a worker process
def test_the_scoring_worker_reads_the_echo_terms_and_the_clustering_walk_only_looks_them_up(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A text's echo terms are read once, in the worker beside its score: the importing process clusters
    with exactly the terms it would have read itself."""
    from monitor.spread.post_words import PostWords

    data = tmp_path / "obs.jsonl"
    write_file(data, 300)
    read_here: list[str] = []
    read = PostWords.__call__

    def counted(self: PostWords, text: str, lang: str | None) -> frozenset[str]:
        read_here.append(text)  # in a forked worker this appends to the worker's own copy
        return read(self, text, lang)

    monkeypatch.setattr(PostWords, "__call__", counted)
    clusters = []
    for workers in (0, 1):
        read_here.clear()
        engine = open_database(f"sqlite:///{tmp_path / f'w{workers}.db'}")
        import_file(data, engine, validate({}), workers=workers)
        with engine.connect() as conn:
            query = select(POSTS.c.post_id, POSTS.c.cluster, POSTS.c.signature)
            clusters.append(sorted(tuple(row) for row in conn.execute(query)))
        engine.dispose()
        posts_read = [
            text for text in read_here if not text.startswith("warming up")
        ]  # the pool warms it before forking
        assert len(posts_read) == (300 if workers == 0 else 0)
    assert clusters[0] == clusters[1]
    assert any(cluster for _, cluster, _ in clusters[0])


def test_re_observing_known_posts_builds_no_scorer_and_a_bad_phrase_still_stops_it_first(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The scorer is built for the first text to score; the config's own patterns are checked at once."""
    data = tmp_path / "obs.jsonl"
    write_file(data, 40)
    engine = open_database(f"sqlite:///{tmp_path / 'r.db'}")
    import_file(data, engine, validate({}), workers=0)
    built: list[object] = []
    original = importing.Scorer

    def counting(*args: object, **kwargs: object) -> object:
        built.append(args)
        return original(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(importing, "Scorer", counting)
    again = import_file(data, engine, validate({}), workers=0)
    assert (again.report.new_posts, again.report.updated_posts, built) == (0, 0, [])
    more = tmp_path / "more.jsonl"
    more.write_text(obs("new", 60, "Northwind Air lost my bag").to_json() + "\n", encoding="utf-8")
    assert import_file(more, engine, validate({}), workers=0).report.new_posts == 1
    assert len(built) == 1
    bad = validate({"scoring": {"phrases": [{"pattern": "(unclosed"}]}})
    with pytest.raises(ValueError, match="not a valid regular expression"):
        import_file(more, engine, bad, workers=0)
    engine.dispose()


def tables(engine: Engine) -> dict[str, list[tuple[object, ...]]]:
    """Every row of what an import stores: posts (cluster, signature), echo words and index, baselines."""
    names = ["posts", "echo_terms", "echo_bands", "source_state", "snapshots"]
    with engine.connect() as conn:
        return {name: sorted(map(tuple, conn.exec_driver_sql(f"SELECT * FROM {name}"))) for name in names}


@pytest.mark.slow  # starts a worker process
def test_one_process_and_the_default_store_the_same_for_a_file_out_of_time_order(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each chunk read is sorted by time: one process read 5,000 lines a chunk and the default 2,000,
    so a file out of order across those lines was walked in two orders and stored two results."""
    monkeypatch.setattr(importing, "BATCH", 60)  # lines per chunk and page: the file's disorder spans them
    data = tmp_path / "obs.jsonl"
    write_file(data, 300)  # observed at minute n % 50: back to the start every 50 lines
    results = []
    for workers in (0, 1):
        engine = open_database(f"sqlite:///{tmp_path / f'w{workers}.db'}")
        import_file(data, engine, validate({}), workers=workers)
        results.append(tables(engine))
        engine.dispose()
    assert results[0] == results[1]
    assert any(row[1] for row in results[0]["echo_terms"])


FOOTPRINT = """
import sys
from monitor.cli import main

sys.argv = ["repmon", "import", sys.argv[1]]
try:
    main()
except SystemExit as done:
    assert not done.code, done.code
HEAVY = ("alembic", "mako", "pygments", "httpx", "feedparser", "tenacity")
print(" ".join(sorted(m for m in HEAVY if m in sys.modules)))
"""


def test_an_import_into_a_new_database_loads_neither_alembic_nor_the_http_stack(tmp_path: Path) -> None:
    """What a process imports it holds for life (and hands to its scoring worker): a backfill into a
    new database needs no migration machinery (~11 MiB) and sends no request (httpx, feedparser,
    tenacity: ~8 MiB), though validating its config imports every connector module."""
    import os
    import subprocess
    import sys

    data = tmp_path / "observations.jsonl"
    write_file(data, 20)
    config = tmp_path / "repmon.toml"
    config.write_text(f'[database]\nurl = "sqlite:///{tmp_path / "new.db"}"\n', encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-c", FOOTPRINT, str(data)],
        env={**os.environ, "REPMON_CONFIG": str(config)},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[-1] == ""  # none of them was imported
    assert (tmp_path / "new.db").exists()

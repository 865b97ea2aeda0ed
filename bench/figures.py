"""The rows of ``python -m bench``: each builds its data deterministically and times repmon beside a reference."""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from bench.ingest import make_file

REPO = Path(__file__).resolve().parent.parent
POSTGRES_URL = os.environ.get("REPMON_TEST_DATABASE_URL", "postgresql://postgres@127.0.0.1:5432/test")


@dataclass
class Row:
    figure: str
    repmon: str
    reference: str
    ratio: float | None
    target: str
    note: str = ""

    def markdown(self) -> str:
        ratio = "n/a" if self.ratio is None else f"{self.ratio:.2f}"
        note = f" ({self.note})" if self.note else ""
        return f"| {self.figure} | {self.repmon} | {self.reference} | {ratio}{note} | {self.target} |"


def timed(fn: Callable[[], object]) -> float:
    began = time.perf_counter()
    fn()
    return time.perf_counter() - began


def run_all(tmp: Path, *, posts: int, store: int, quick: bool) -> list[Row]:
    from monitor.scoring.pool import default_workers

    data = tmp / "observations.jsonl"
    texts = make_file(data, posts)
    vader_s = vader_seconds(texts)
    vader_rate = posts / vader_s
    print(f"bare VADER: {vader_rate:.0f} posts/s over {posts} texts", flush=True)
    rows: list[Row] = [engine_row(texts[:5_000], rounds=3 if quick else 5)]
    print(rows[-1].markdown(), flush=True)
    single = import_seconds(data, tmp / "single.db", workers=0)
    rows.append(_rate_row("import, whole path, one process", posts, single, vader_rate, ">= 0.80"))
    print(rows[-1].markdown(), flush=True)
    every = import_seconds(data, tmp / "all.db", workers=None)
    rows.append(
        _rate_row(
            f"import, default: {default_workers()} scoring process(es) beside it, {len(os.sched_getaffinity(0))} cores",
            posts,
            every,
            vader_rate,
            ">= 0.80",
        )
    )
    print(rows[-1].markdown(), flush=True)
    again = tmp / "reobserved.jsonl"
    reobserve_file(data, again)
    reobserved = import_seconds(again, tmp / "all.db", workers=None)
    rows.append(_rate_row("re-observation: same posts, new counters", posts, reobserved, vader_rate, ">= 3"))
    print(rows[-1].markdown(), flush=True)
    pg = postgres_import_seconds(data, min(posts, 2000 if quick else 20_000))
    if pg is not None:
        count, seconds = pg
        rows.append(_rate_row("import into PostgreSQL", count, seconds, vader_rate, ">= 0.50"))
    else:
        rows.append(
            Row("import into PostgreSQL", "skipped", "", None, ">= 0.50", "no server at REPMON_TEST_DATABASE_URL")
        )
    print(rows[-1].markdown(), flush=True)
    rows.append(poll_row(tmp))
    print(rows[-1].markdown(), flush=True)
    rows.append(detection_row(tmp, small=10_000, large=store))
    print(rows[-1].markdown(), flush=True)
    rows.append(memory_row(data, tmp))
    print(rows[-1].markdown(), flush=True)
    rows.append(digest_row(tmp, store))
    print(rows[-1].markdown(), flush=True)
    rows.append(latency_row())
    print(rows[-1].markdown(), flush=True)
    return rows


def latency_row() -> Row:
    """Median time from the page with the crossing sighting to the message at a loopback Slack."""
    from bench.latency import median_latency

    seconds, runs = median_latency()
    if seconds is None:
        return Row("alert latency after the crossing page", "no alert", "1 s", None, "<= 1.0", "no run alerted")
    return Row(
        f"alert latency after the crossing page (median of {runs})", f"{seconds:.2f} s", "1 s", seconds, "<= 1.0"
    )


def engine_row(texts: list[str], rounds: int) -> Row:
    """repmon's exact VADER (FastVader, what the scorer runs) against the vaderSentiment package."""
    from bench.scoring_cost import engine_rates

    rates = engine_rates(texts, rounds)
    return Row(
        f"VADER itself: FastVader (exact) against the package, {len(texts)} posts",
        f"{rates.fast:.0f} posts/s",
        f"vaderSentiment {rates.package:.0f} posts/s",
        rates.ratio,
        ">= 2.5",
        f"median of {rounds} alternating rounds; x{rates.cpu_ratio:.2f} in CPU time",
    )


def digest_row(tmp: Path, store: int) -> Row:
    """The weekly digest's figures for one week of a ``store``-post SQLite store (target: under 5 s)."""
    from bench.digest import time_digest

    seconds, week_posts = time_digest(tmp / "digest.db", store)
    return Row(
        f"weekly digest figures, one week ({week_posts:,} posts) of a {store // 1000}k-post store",
        f"{seconds:.2f} s",
        "5 s",
        seconds / 5.0,
        "<= 1.0",
    )


def _rate_row(figure: str, posts: int, seconds: float, vader_rate: float, target: str) -> Row:
    rate = posts / seconds
    return Row(
        figure, f"{rate:.0f} posts/s ({seconds:.1f} s)", f"VADER {vader_rate:.0f} posts/s", rate / vader_rate, target
    )


def vader_seconds(texts: list[str]) -> float:
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    analyzer = SentimentIntensityAnalyzer()
    return timed(lambda: [analyzer.polarity_scores(t) for t in texts])


def import_seconds(data: Path, db: Path, *, workers: int | None) -> float:
    """The whole `repmon import` command, start-up included, as a user runs it."""
    command = [sys.executable, "-m", "monitor", "import", str(data)]
    if workers is not None:
        command += ["--workers", str(workers)]
    env = {**os.environ, "REPMON_CONFIG": str(_config(db.parent, f"sqlite:///{db}"))}
    return timed(lambda: subprocess.run(command, env=env, check=True, capture_output=True))


def _config(folder: Path, url: str) -> Path:
    path = folder / f"bench-{abs(hash(url))}.toml"
    path.write_text(f'[database]\nurl = "{url}"\n', encoding="utf-8")
    return path


def reobserve_file(data: Path, out: Path) -> None:
    """Every post seen again an hour later with more engagement: no new text to score."""
    with data.open(encoding="utf-8") as source, out.open("w", encoding="utf-8") as target:
        for line in source:
            record = json.loads(line)
            seen = datetime.fromisoformat(record["observed_at"].replace("Z", "+00:00")) + timedelta(hours=1)
            record["observed_at"] = seen.isoformat().replace("+00:00", "Z")
            record["engagement"] = {k: (v or 0) + 3 for k, v in record["engagement"].items()}
            target.write(json.dumps(record, ensure_ascii=False) + "\n")


def postgres_import_seconds(data: Path, posts: int) -> tuple[int, float] | None:
    try:
        import psycopg
    except ImportError:
        return None
    try:
        with psycopg.connect(POSTGRES_URL.replace("postgresql+psycopg", "postgresql"), connect_timeout=3) as conn:
            conn.execute("DROP SCHEMA IF EXISTS repmon_bench CASCADE")
            conn.execute("CREATE SCHEMA repmon_bench")
    except psycopg.Error:
        return None
    subset = data.with_name("pg.jsonl")
    with data.open(encoding="utf-8") as source, subset.open("w", encoding="utf-8") as target:
        for n, line in enumerate(source):
            if n >= posts:
                break
            target.write(line)
    base = (
        POSTGRES_URL if "+psycopg" in POSTGRES_URL else POSTGRES_URL.replace("postgresql://", "postgresql+psycopg://")
    )
    url = f"{base}{'&' if '?' in base else '?'}options=-csearch_path%3Drepmon_bench"
    env = {**os.environ, "REPMON_CONFIG": str(_config(data.parent, url))}
    seconds = timed(
        lambda: subprocess.run(
            [sys.executable, "-m", "monitor", "import", str(subset)], env=env, check=True, capture_output=True
        )
    )
    with psycopg.connect(POSTGRES_URL.replace("postgresql+psycopg", "postgresql")) as conn:
        conn.execute("DROP SCHEMA IF EXISTS repmon_bench CASCADE")
    return posts, seconds


def poll_row(tmp: Path, sources: int = 50, delay: float = 0.3) -> Row:
    """`repmon poll --once` of 50 sources whose API answers in 300 ms each, against the same work in sequence."""
    with _slow_api(delay) as url:
        lines = [
            "[database]",
            f'url = "sqlite:///{tmp / "poll.db"}"',
            "[daemon]",
            "max_polls_per_host = 64",
            "max_concurrent_polls = 64",
        ]
        for n in range(sources):
            lines += [
                "[[sources]]",
                'type = "hackernews"',
                f'name = "hn-{n}"',
                'query = "northwind"',
                f'base_url = "{url}"',
            ]
        config = tmp / "poll.toml"
        config.write_text("\n".join(lines) + "\n", encoding="utf-8")
        env = {**os.environ, "REPMON_CONFIG": str(config)}
        command = [sys.executable, "-m", "monitor", "poll", "--once"]
        subprocess.run(command, env=env, check=True, capture_output=True)  # first run creates the database
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        seconds = timed(lambda: subprocess.run(command, env=env, check=True, capture_output=True))
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    sequential = sources * delay
    return Row(
        f"poll --once, {sources} sources answering in {delay * 1000:.0f} ms",
        f"{seconds:.2f} s wall",
        f"{sequential:.1f} s in sequence; CPU {cpu:.2f} s",
        seconds / (1.5 + cpu),
        "<= 1.5 s plus CPU time (ratio <= 1)",
    )


class _Handler(BaseHTTPRequestHandler):
    delay = 0.3

    def do_GET(self) -> None:
        time.sleep(self.delay)
        body = b'{"hits": [], "nbHits": 0}'
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *_: object) -> None:
        pass


class _Server(ThreadingHTTPServer):
    """A listen backlog for 50 clients at once: at http.server's default of 5, connections beyond it
    wait for the kernel's one-second SYN retry, a cost of the fake API and not of repmon."""

    request_queue_size = 128


class _SlowApi:
    def __init__(self, delay: float) -> None:
        handler = type("Handler", (_Handler,), {"delay": delay})
        self.server = _Server(("127.0.0.1", 0), handler)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self) -> str:
        self.thread.start()
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    def __exit__(self, *_: object) -> None:
        self.server.shutdown()
        self.server.server_close()


def _slow_api(delay: float) -> _SlowApi:
    return _SlowApi(delay)


def detection_row(tmp: Path, *, small: int, large: int) -> Row:
    from bench.stores import detection_costs

    small_cost, large_cost = detection_costs(tmp / "small.db", small, tmp / "large.db", large)
    return Row(
        f"detection per new snapshot, store {small // 1000}k -> {large // 1000}k posts",
        f"{large_cost.wall_ms:.2f} ms at {large // 1000}k",
        f"{small_cost.wall_ms:.2f} ms at {small // 1000}k",
        large_cost.wall_ms / small_cost.wall_ms,
        "<= 1.2",
        note=(
            f"medians of {large_cost.rounds} rounds per store, the stores in alternation; "
            f"in CPU time x{large_cost.cpu_ms / small_cost.cpu_ms:.2f}"
        ),
    )


def memory_row(data: Path, tmp: Path) -> Row:
    """Peak memory of the whole import: the command and its scoring workers, shared pages counted once (PSS)."""
    from bench.memory import import_peak

    peak = import_peak(data, tmp)
    size_mib = data.stat().st_size / 2**20
    return Row(
        "peak memory, import (whole process tree)",
        f"{peak.pss_mib:.0f} MiB",
        f"file {size_mib:.0f} MiB",
        peak.pss_mib / 200,
        "<= 200 MiB for any file size (ratio <= 1)",
        note=f"RSS summed over {len(peak.per_process)} processes {peak.rss_mib:.0f} MiB",
    )

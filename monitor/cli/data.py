"""Commands that move observation files in and out: backtest, import, export."""

from __future__ import annotations

import json
import logging
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn

import typer

from monitor.cli.common import ConfigOption, app, config_source, load_config, setup_logging

if TYPE_CHECKING:
    from monitor.config import Config
    from monitor.core.observations import BadLine


def _report_bad_lines(file: Path, bad: list[BadLine]) -> None:
    for problem in bad:
        typer.echo(f"{file}: {problem} (skipped)", err=True)


def _refuse(file: Path, bad: list[BadLine], what: str) -> NoReturn:
    for problem in bad:
        typer.echo(f"{file}: {problem}", err=True)
    typer.echo(f"repmon: {file}: {len(bad)} bad line(s) and --strict; {what}", err=True)
    raise typer.Exit(1)


@app.command()
def backtest(
    file: Annotated[Path, typer.Argument(exists=True, dir_okay=False, help="Observation file (JSON Lines).")],
    labels: Annotated[
        Path | None,
        typer.Option("--labels", exists=True, dir_okay=False, help="Labels file: adds precision/recall/lead time."),
    ] = None,
    config: ConfigOption = None,
    as_json: Annotated[bool, typer.Option("--json", help="Machine-readable output.")] = False,
    strict: Annotated[bool, typer.Option("--strict", help="Refuse the file if any line is bad.")] = False,
) -> None:
    """Replay FILE in simulated time on a throwaway database; print the alerts it would raise."""
    from monitor.backtest import run_backtest

    setup_logging()
    logging.getLogger("repmon").setLevel(logging.WARNING)
    cfg = load_config(config)
    typer.echo(f"repmon backtest: config {config_source(config)}; {_brands(cfg)}", err=True)
    result = run_backtest(file, cfg, labels)
    if strict and result.bad_lines:
        _refuse(file, result.bad_lines, "no backtest run")
    _report_bad_lines(file, result.bad_lines)
    for problem in result.label_problems:
        typer.echo(f"{labels}: {problem}", err=True)
    _say_dropped(result.report.received, result.report.outside_brands)
    if as_json:
        typer.echo(json.dumps(result.to_json(), indent=2, ensure_ascii=False))
        return
    typer.echo(
        f"{len(result.alerts)} alert(s); {result.skipped_lines} line(s) skipped, "
        f"{result.report.quarantined} record(s) refused by the store"
    )
    for alert in result.alerts:
        typer.echo(f"\n[{alert['level']}] {alert['at']}  {alert['source']}:{alert['id']}  score {alert['score']}")
        for reason in alert["reasons"]:
            typer.echo(f"  - {reason}")
        typer.echo(f"  posts: {len(alert['posts'])}")
        typer.echo("  draft: " + alert["draft"].replace("\n", "\n         "))
    if result.metrics is not None:
        m = result.metrics
        typer.echo(
            f"\nprecision {m['precision']}  recall {m['recall']}  "
            f"({m['caught_incidents']}/{m['labelled_incidents']} incidents, {m['false_alerts']} false alerts)  "
            f"median lead time {m['lead_time_minutes']['median']} min"
        )


@app.command("import")
def import_(
    file: Annotated[Path, typer.Argument(exists=True, dir_okay=False, help="Observation file (JSON Lines).")],
    config: ConfigOption = None,
    strict: Annotated[
        bool, typer.Option("--strict", help="Refuse the whole file if any line is bad, changing nothing.")
    ] = False,
    workers: Annotated[
        int | None,
        typer.Option(
            "--workers",
            min=0,
            help="Scoring processes beside the importing one (default: 1 with 2+ cores; 0 scores in-process).",
        ),
    ] = None,
) -> None:
    """Load an observation file into the database (history backfill): score and store, no alerts.

    Every bad line is reported with its number and reason and skipped; the summary is printed
    whatever happens, also when the database fails half-way (then the exit status is 2).
    """
    from monitor.core.observations import bad_lines_of
    from monitor.importing import ImportSummary, import_file
    from monitor.ingest.sanitize import sanitize
    from monitor.store.database import open_database
    from monitor.store.failures import one_line

    setup_logging()
    cfg = load_config(config)
    if strict:
        bad = bad_lines_of(file, sanitize)
        if bad:
            _refuse(file, bad, "nothing imported")
    engine = open_database(cfg.database.url)
    _calm_the_collector()
    summary = ImportSummary()
    failure: str | None = None
    try:
        import_file(
            file,
            engine,
            cfg,
            workers=workers,
            on_bad_line=lambda bad: typer.echo(f"{file}: {bad} (skipped)", err=True),
            summary=summary,
        )
    except Exception as exc:  # the summary below still says what was stored before it
        failure = one_line(exc)
    finally:
        engine.dispose()
    total = summary.report
    done = f"{summary.observations}" if failure is None else f"{total.received} of {summary.observations} read"
    typer.echo(
        f"imported {done} observations: {total.new_posts} new posts, "
        f"{total.updated_posts} updated, {total.outside_brands} outside the configured "
        f"brands, {total.unscored} unscored, {total.quarantined} quarantined; "
        f"{len(summary.bad_lines)} line(s) skipped"
    )
    _say_dropped(total.received, total.outside_brands)
    if failure is not None:
        typer.echo(f"repmon: import stopped: {failure}; run it again to store the rest", err=True)
        raise typer.Exit(2)


def _calm_the_collector() -> None:
    """Spare a backfill the garbage collector's repeated walks over what start-up loaded.

    An import allocates a few objects per field of every line; each few hundred allocations the
    collector runs, and its full passes walk every module, table and compiled rule loaded at
    start-up (about 100,000 objects) although none of them is garbage. Frozen,
    they are never walked (a scoring worker forked afterwards shares their pages untouched, too);
    a larger first threshold collects the chunks' short-lived cycles less often, still in bounded
    memory: 2.8 → 2.3 CPU s for a re-observation of 30,000 posts, in a process that then exits.
    The threshold counts objects alive since the last pass, and a page's rows, sightings and
    snapshots are tens of thousands of them: at 10,000 the young passes ran several times a page,
    each walking the page's live rows (a tenth of a re-observation's CPU), and found almost no
    garbage. At 100,000 most of a page is freed before any pass sees it; the few cycles an import
    makes wait a little longer (peak memory of a 100,000-post import unchanged: 201 → 197 MiB PSS).
    """
    import gc

    gc.freeze()
    gc.set_threshold(100_000, 10, 10)


@app.command()
def export(
    config: ConfigOption = None,
    since: Annotated[
        str | None,
        typer.Option("--since", help="Only posts observed since: 7d, 12h, 90m ago, or an ISO 8601 time."),
    ] = None,
    fmt: Annotated[str, typer.Option("--format", help="jsonl (observations, re-importable) or csv.")] = "jsonl",
) -> None:
    """Write stored posts to stdout with their brand and sentiment: JSON Lines observations, or CSV."""
    from monitor.exporting import export_posts, parse_since
    from monitor.store.database import open_database

    if fmt not in ("jsonl", "csv"):
        typer.echo(f"repmon: --format must be jsonl or csv, got {fmt!r}", err=True)
        raise typer.Exit(2)
    try:
        start = parse_since(since) if since else None
    except ValueError as exc:
        typer.echo(f"repmon: --since: {exc}", err=True)
        raise typer.Exit(2) from None
    cfg = load_config(config)
    engine = open_database(cfg.database.url)
    count = export_posts(engine, sys.stdout, start, "csv" if fmt == "csv" else "jsonl")
    engine.dispose()
    typer.echo(f"exported {count} posts", err=True)


def _brands(cfg: Config) -> str:
    names = ", ".join(b.name for b in cfg.brands)
    return f"brands {names}" if names else "no brands (every post is kept)"


def _say_dropped(received: int, dropped: int) -> None:
    """How many observations the brand filter dropped; all of them is a mistake worth shouting about."""
    if received and dropped == received:
        typer.echo(
            f"warning: the brand filter dropped all {received} observations: no post mentions a configured "
            "brand; check [[brands]] include terms (or run with a config for this data)",
            err=True,
        )
    elif dropped:
        typer.echo(f"{dropped} of {received} observation(s) dropped by the brand filter", err=True)

"""`repmon quarantine list|show|retry|drop`: the records set aside because they could not be stored.

A record lands here with its reason instead of stopping its page (see ``monitor/ingest/sanitize.py``).
After a fix (a new release, a config change), ``retry`` stores what now can be and keeps the rest.
"""

from __future__ import annotations

import json
from typing import Annotated, Any

import typer

from monitor.cli.common import ConfigOption, JsonOption, app, load_config, setup_logging

quarantine_app = typer.Typer(
    help="Records set aside because they could not be stored: list, show, retry, drop.",
    no_args_is_help=True,
)
app.add_typer(quarantine_app, name="quarantine")

IdsArgument = Annotated[list[int] | None, typer.Argument(help="Quarantine ids (see `repmon quarantine list`).")]
SourceOption = Annotated[str | None, typer.Option("--source", help="Only records from this source.")]


def _open(config: ConfigOption) -> Any:
    from monitor.store.database import open_database

    cfg = load_config(config)
    return cfg, open_database(cfg.database.url)


def _excerpt(raw: str, width: int = 60) -> str:
    flat = " ".join(raw.split())
    return flat if len(flat) <= width else flat[: width - 1] + "…"


@quarantine_app.command("list")
def list_(
    config: ConfigOption = None,
    source: SourceOption = None,
    limit: Annotated[int, typer.Option("--limit", min=1, help="At most this many, oldest first.")] = 100,
    as_json: JsonOption = False,
) -> None:
    """One line per quarantined record: id, when, source, post id and why."""
    from monitor.store.quarantine import count_held, list_held

    _cfg, engine = _open(config)
    held = list_held(engine, source, limit)
    counts = count_held(engine)
    engine.dispose()
    if as_json:
        rows = [
            {
                "id": h.id,
                "source": h.source,
                "origin": h.origin,
                "post_id": h.post_id,
                "reason": h.reason,
                "quarantined_at": h.quarantined_at.isoformat(timespec="seconds"),
                "retries": h.retries,
            }
            for h in held
        ]
        typer.echo(json.dumps(rows, indent=2))
        return
    for h in held:
        when = h.quarantined_at.isoformat(timespec="seconds")
        typer.echo(f"#{h.id:<6} {when}  {h.source:<16} {h.origin:<7} {h.post_id or '-':<20} {h.reason}")
    total = sum(counts.values()) if source is None else counts.get(source, 0)
    typer.echo(f"{total} record(s) in quarantine" + (f" (showing {len(held)})" if len(held) < total else ""))


@quarantine_app.command()
def show(ids: IdsArgument = None, config: ConfigOption = None) -> None:
    """Every field of the given records, with the record exactly as received (JSON, escaped)."""
    from monitor.store.quarantine import get_held

    _cfg, engine = _open(config)
    held = get_held(engine, ids or [])
    engine.dispose()
    missing = sorted(set(ids or []) - {h.id for h in held})
    for h in held:
        typer.echo(f"#{h.id}  source {h.source}  from {h.origin}  post {h.post_id or '-'}  retries {h.retries}")
        typer.echo(f"  quarantined {h.quarantined_at.isoformat(timespec='seconds')}: {h.reason}")
        typer.echo(f"  raw: {h.raw}")
    if missing:
        typer.echo(f"repmon: no quarantined record {', '.join(f'#{i}' for i in missing)}", err=True)
        raise typer.Exit(1)


@quarantine_app.command()
def retry(
    ids: IdsArgument = None,
    config: ConfigOption = None,
    source: SourceOption = None,
    retry_all: Annotated[bool, typer.Option("--all", help="Every quarantined record (of --source, if given).")] = False,
) -> None:
    """Try to store the records again; the stored ones leave the quarantine, the others keep a fresh reason."""
    from pydantic import ValidationError

    from monitor.core.errors import SkipRecord
    from monitor.core.observations import Observation, describe_validation_error, parse_line
    from monitor.ingest.sanitize import sanitize
    from monitor.pipeline import Pipeline
    from monitor.store.quarantine import drop_held, get_held, list_held, still_held

    setup_logging()
    if not ids and not retry_all:
        typer.echo("repmon: name the records to retry (ids), or --all", err=True)
        raise typer.Exit(2)
    cfg, engine = _open(config)
    held = list_held(engine, source, limit=100_000) if retry_all else get_held(engine, ids or [])
    pipeline = Pipeline(engine, cfg)
    stored = refused = 0
    for h in held:
        record = h.record()
        try:
            observation = (
                parse_line(record) if isinstance(record, str) else sanitize(Observation.model_validate(record))
            )
            report = pipeline.ingest([observation], origin="retry")
        except (ValueError, SkipRecord) as exc:
            reason = describe_validation_error(exc) if isinstance(exc, ValidationError) else str(exc)
            still_held(engine, h.id, reason)
            typer.echo(f"#{h.id}: still refused: {reason}")
            refused += 1
            continue
        drop_held(engine, [h.id])
        if report.quarantined:  # the store refused it again: it is back in the quarantine with the new reason
            typer.echo(f"#{h.id}: still refused by the database (kept in the quarantine with the new reason)")
            refused += 1
        else:
            typer.echo(f"#{h.id}: stored")
            stored += 1
    engine.dispose()
    typer.echo(f"{stored} stored, {refused} still in quarantine")
    raise typer.Exit(1 if refused else 0)


@quarantine_app.command()
def drop(
    ids: IdsArgument = None,
    config: ConfigOption = None,
    source: SourceOption = None,
) -> None:
    """Delete records from the quarantine for good: by id, or every one of a --source."""
    from monitor.store.quarantine import drop_held

    if not ids and source is None:
        typer.echo("repmon: name the records to drop (ids), or --source", err=True)
        raise typer.Exit(2)
    _cfg, engine = _open(config)
    dropped = drop_held(engine, ids or None, source)
    engine.dispose()
    typer.echo(f"dropped {dropped} record(s)")

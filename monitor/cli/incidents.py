"""`repmon incidents [why KEY]`: what detection has found, and why anyone was or was not pinged."""

from __future__ import annotations

import json
from datetime import datetime
from enum import StrEnum
from typing import Annotated, Any

import typer

from monitor.cli.common import ConfigOption, JsonOption, app, load_config
from monitor.core.statuses import IncidentStatus


class StatusFilter(StrEnum):
    OPEN = "open"
    CLOSED = "closed"
    ALL = "all"


StatusOption = Annotated[
    StatusFilter,
    typer.Option("--status", help="open (still the team's business), closed (cooled down or resolved), or all."),
]

_OPEN = [s.value for s in IncidentStatus if s.is_active]
_CLOSED = [s.value for s in IncidentStatus if not s.is_active]


def _iso(moment: datetime | None) -> str | None:
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ") if moment else None


def incident_records(url: str, status: StatusFilter) -> list[dict[str, Any]]:
    """One JSON-ready record per incident: what ``repmon incidents --json`` prints."""
    from monitor.store import incidents, workflow
    from monitor.store.database import open_database

    engine = open_database(url)
    try:
        wanted = {StatusFilter.OPEN: _OPEN, StatusFilter.CLOSED: _CLOSED, StatusFilter.ALL: None}[status]
        found = incidents.list_incidents(engine, wanted)
        with engine.connect() as conn:  # how the team handled each (acknowledgments, replies, delivery errors)
            handled = {row.key: row.as_dict() for row in workflow.list_incidents(conn)}
    finally:
        engine.dispose()
    records = []
    for inc, root, members in found:
        signals = inc["signals"] or {}
        record: dict[str, Any] = {
            "key": inc["key"],
            "brand": inc["brand"],
            "level": inc["level"],
            "status": inc["status"],
            "opened_at": _iso(inc.get("opened_at") or inc["first_alert_at"]),
            "first_alert_at": _iso(inc["first_alert_at"]),
            "last_change_at": _iso(inc["last_change_at"]),
            "last_activity_at": _iso(inc.get("last_activity_at")),
            "closed_at": _iso(inc.get("closed_at")),
            "root": {
                "source": inc["root_source"],
                "id": inc["root_post_id"],
                "url": root.url if root else None,
            },
            "posts": [[source, post_id] for source, post_id in members],
            "reasons": list(inc["reasons"]),
            "score": inc["score"],
            "priority": bool(signals.get("priority")),
            "abusive": bool(inc["abusive"]),
            "late": signals.get("late"),
        }
        for name, value in handled.get(inc["key"], {}).items():
            record.setdefault(name, value)  # acknowledged_by, acknowledged_by_name, replied_at, delivery_error...
        records.append(record)
    return records


incidents_app = typer.Typer(
    help="List incidents (key, level, status, root post, members, reasons); `why KEY` says who was pinged and why not.",
    invoke_without_command=True,
    no_args_is_help=False,
)
app.add_typer(incidents_app, name="incidents")


@incidents_app.callback(invoke_without_command=True)
def list_incidents(
    ctx: typer.Context,
    config: ConfigOption = None,
    json_out: JsonOption = False,
    status: StatusOption = StatusFilter.OPEN,
) -> None:
    """List incidents: key, level, status, when opened and last changed, root post, members, reasons."""
    if ctx.invoked_subcommand is not None:
        return
    cfg = load_config(config)
    records = incident_records(cfg.database.url, status)
    if json_out:
        typer.echo(json.dumps(records, indent=2, ensure_ascii=False))
        return
    if not records:
        typer.echo(f"no {status.value if status is not StatusFilter.ALL else ''} incidents".replace("  ", " "))
        return
    for record in records:
        flags = [f for f in ("priority", "abusive") if record[f]]
        extra = f"  [{', '.join(flags)}]" if flags else ""
        typer.echo(f"[{record['level']}] {record['status']:<12} {record['key']}{extra}")
        typer.echo(f"  opened {record['opened_at']}, last change {record['last_change_at']}")
        root = record["root"]
        typer.echo(f"  root {root['source']}:{root['id']}" + (f"  {root['url']}" if root["url"] else ""))
        typer.echo(f"  posts: {len(record['posts'])}")
        for reason in record["reasons"]:
            typer.echo(f"  - {reason}")
        if record["late"]:
            typer.echo(f"  - {record['late']}")


@incidents_app.command("why")
def why(
    key: Annotated[str, typer.Argument(help="An incident key or a post as source:id, e.g. reddit:t3_abc123.")],
    config: ConfigOption = None,
    json_out: JsonOption = False,
) -> None:
    """Every decision to ping the team or not about KEY, oldest first: sent, held, throttled, snoozed..."""
    from monitor.store import decisions
    from monitor.store.database import open_database

    cfg = load_config(config)
    engine = open_database(cfg.database.url)
    try:
        found = decisions.why(engine, key)
    finally:
        engine.dispose()
    if not found.known:
        typer.echo(
            f"repmon: nothing recorded about {key!r}: not an incident or a stored post "
            "(keys look like reddit:t3_abc123; `repmon incidents --status all` lists incidents)",
            err=True,
        )
        raise typer.Exit(1)
    record = why_record(found)
    if json_out:
        typer.echo(json.dumps(record, indent=2, ensure_ascii=False))
        return
    for line in why_lines(record):
        typer.echo(line)


def why_record(found: Any) -> dict[str, Any]:
    """What ``repmon incidents why KEY --json`` prints."""
    incident = found.incident
    return {
        "key": found.key,
        "incident": None
        if incident is None
        else {
            "key": incident["key"],
            "level": incident["level"],
            "status": incident["status"],
            "brand": incident["brand"],
            "root": {"source": incident["root_source"], "id": incident["root_post_id"]},
        },
        "member_of": found.member_of,
        "post": None
        if found.post is None
        else {
            "source": found.post["source"],
            "id": found.post["post_id"],
            "url": found.post["url"],
            "label": found.post["label"],
            "compound": found.post["compound"],
        },
        "decisions": [
            {
                "at": _iso(d.at),
                "last_at": _iso(d.last_at),
                "kind": d.kind,
                "notified": d.notified,
                "reason": d.reason,
                "subject": d.subject,
                "version": d.version,
                "channel": d.channel,
                "repeats": d.repeats,
            }
            for d in found.decisions
        ],
        "waiting": [
            {
                "version": w["version"],
                "kind": w["kind"],
                "status": w["status"],
                "attempts": w["attempts"],
                "last_error": w["last_error"],
                "next_attempt_at": _iso(w["next_attempt_at"]),
            }
            for w in found.waiting
        ],
    }


def why_lines(record: dict[str, Any]) -> list[str]:
    """The decisions about one key, one line each, for a person asking "why was I not pinged?"."""
    lines = []
    incident = record["incident"]
    if incident is not None:
        head = f"incident {incident['key']}: {incident['level']}, {incident['status']}"
        if record["member_of"]:
            head = f"post {record['key']} is part of {head}"
        lines.append(head)
    elif record["post"] is not None:
        post = record["post"]
        lines.append(
            f"post {record['key']}: {post['label']}, in no incident" + (f"  {post['url']}" if post["url"] else "")
        )
    if not record["decisions"]:
        lines.append("  no decision recorded (stored before decisions were kept, or by `repmon import`)")
    for d in record["decisions"]:
        mark = "pinged" if d["notified"] else "-"
        repeats = f" (x{d['repeats']}, last {d['last_at']})" if d["repeats"] > 1 else ""
        lines.append(f"  {d['at']}  {mark:<6} {d['kind']:<12} {d['reason']}{repeats}")
    for w in record["waiting"]:
        error = f", last error: {w['last_error']}" if w["last_error"] else ""
        lines.append(f"  waiting: v{w['version']} {w['kind']} {w['status']}, {w['attempts']} attempt(s){error}")
    return lines

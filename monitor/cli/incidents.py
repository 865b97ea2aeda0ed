"""`repmon incidents`: what detection has found, for people and for scripts."""

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


@app.command("incidents")
def list_incidents(
    config: ConfigOption = None, json_out: JsonOption = False, status: StatusOption = StatusFilter.OPEN
) -> None:
    """List incidents: key, level, status, when opened and last changed, root post, members, reasons."""
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

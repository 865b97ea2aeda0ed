"""`repmon connectors`: which sources repmon can watch and the credentials each one reads."""

from __future__ import annotations

import json

import typer

from monitor.cli.common import JsonOption, app


@app.command("connectors")
def list_connectors(as_json: JsonOption = False) -> None:
    """List every connector type: what it watches and the environment variables it reads."""
    from connectors import describe, registry

    described = [describe(cls) for cls in registry().values()]
    if as_json:
        typer.echo(json.dumps(described, indent=2, ensure_ascii=False))
        return
    width = max(len(item["type"]) for item in described)
    for item in described:
        creds = ", ".join(f"${c['env']}" + ("" if c["required"] else " (optional)") for c in item["credentials"])
        typer.echo(f"{item['type']:<{width}}  {item['summary']}" + (f"  [{creds}]" if creds else ""))

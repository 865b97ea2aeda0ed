"""Produce the digest of one week in one format, to a file: what ``repmon digest`` runs."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from monitor.config import Config
from monitor.digest import activity, figures, render
from monitor.digest.formats import Format as Format  # re-exported: callers name the format with the output
from monitor.digest.weeks import Week, midnight
from monitor.store import digest as store
from monitor.store.database import Database


class UnknownBrand(ValueError):
    """--brand names no configured brand."""


def check_brand(config: Config, brand: str | None) -> str | None:
    """The configured spelling of ``brand`` (case-insensitive), or a clear error naming the known ones."""
    if brand is None or not config.brands:
        return brand
    for configured in config.brands:
        if configured.name.casefold() == brand.casefold():
            return configured.name
    known = ", ".join(repr(b.name) for b in config.brands)
    raise UnknownBrand(f"no brand named {brand!r} in the config (known: {known})")


def default_path(week: Week, brand: str | None, fmt: Format) -> Path:
    slug = "" if brand is None else "-" + (re.sub(r"[^a-z0-9]+", "-", brand.lower()).strip("-") or "brand")
    return Path(f"digest-{week}{slug}.{fmt.value}")


def build(
    engine: Database, config: Config, week: Week, brand: str | None, now: datetime | None = None
) -> dict[str, Any]:
    with engine.connect() as conn:
        return figures.build(conn, config, week, brand, now)


def write(
    engine: Database,
    config: Config,
    week: Week,
    brand: str | None,
    fmt: Format,
    path: Path,
    now: datetime | None = None,
) -> Path:
    """Write the digest to ``path`` (via a temporary file, so a failure leaves no half-written digest)."""
    partial = path.with_name(path.name + ".partial")
    with partial.open("w", encoding="utf-8", newline="") as out:
        if fmt is Format.CSV:
            zone = config.digest.zone
            span = (midnight(week.monday, zone), midnight(week.monday + timedelta(days=7), zone))
            with engine.connect() as conn:
                incidents = activity.incidents(conn, span, brand)
                render.write_csv(out, store.week_posts(conn, *span, brand), incidents)
        else:
            digest = build(engine, config, week, brand, now or datetime.now(UTC))
            renderer = {Format.HTML: render.to_html, Format.MD: render.to_markdown, Format.JSON: render.to_json}[fmt]
            out.write(renderer(digest))
    partial.replace(path)
    return path

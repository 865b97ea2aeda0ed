"""`repmon digest` as users call it: every format, the default file name, and clear one-line errors."""

from __future__ import annotations

import csv
import json
import re
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from monitor.cli import app
from monitor.store.database import open_database
from tests.monitor.digest import week_fixture as fx

runner = CliRunner()


@pytest.fixture
def setup(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, migrated_sqlite: Path) -> Path:
    db = tmp_path / "repmon.db"
    shutil.copyfile(migrated_sqlite, db)  # at head: a copy instead of running the migrations again
    engine = open_database(f"sqlite:///{db}")
    fx.build(engine)
    engine.dispose()
    config = tmp_path / "repmon.toml"
    config.write_text(
        f'[database]\nurl = "sqlite:///{db}"\n'
        f'[[brands]]\nname = "{fx.BRAND}"\ninclude = ["northwind air"]\n'
        f'[[brands]]\nname = "{fx.OTHER}"\ninclude = ["contoso"]\n'
    )
    monkeypatch.chdir(tmp_path)
    return config


def digest(config: Path, *args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, ["digest", "--config", str(config), *args])
    return result.exit_code, result.stdout, result.stderr


@pytest.mark.slow
def test_default_is_html_named_after_the_week(setup: Path) -> None:
    code, out, _ = digest(setup, "--week", fx.WEEK)
    assert code == 0 and out.strip() == f"digest-{fx.WEEK}.html"
    page = (setup.parent / out.strip()).read_text(encoding="utf-8")
    assert page.startswith("<!doctype html>") and f"Weekly digest {fx.WEEK}" in page
    # self-contained: nothing to fetch (links to posts are fine, resources are not)
    assert not re.search(r"""(?:src|srcset)=["'](?!data:)""", page)
    assert "<link" not in page and "@import" not in page
    assert page.count('src="data:image/png;base64,') == 3


@pytest.mark.slow
def test_without_week_it_is_the_last_complete_one(setup: Path) -> None:
    code, out, _ = digest(setup, "--format", "json")
    assert code == 0 and re.fullmatch(r"digest-\d{4}-W\d\d\.json", out.strip())
    data = json.loads((setup.parent / out.strip()).read_text(encoding="utf-8"))
    assert data["complete"] is True and data["week"] in out


@pytest.mark.slow
def test_json_markdown_and_csv_for_a_brand(setup: Path, tmp_path: Path) -> None:
    code, out, _ = digest(setup, "--week", "2026w47", "--brand", "northwind AIR", "--format", "json")
    assert code == 0 and out.strip() == f"digest-{fx.WEEK}-northwind-air.json"
    data = json.loads((tmp_path / out.strip()).read_text(encoding="utf-8"))
    assert data["brand"] == fx.BRAND and {"week", "volume", "sentiment", "incidents", "previous_week"} <= set(data)

    code, out, _ = digest(setup, "--week", fx.WEEK, "--brand", fx.BRAND, "--format", "md", "--out", "w.md")
    text = (tmp_path / "w.md").read_text(encoding="utf-8")
    assert code == 0 and text.startswith(f"# Weekly digest {fx.WEEK}: {fx.BRAND}")
    for heading in ("Incidents", "Complaint themes", "Praise themes", "What the team did", "Source health"):
        assert f"## {heading}" in text
    assert "not acknowledged" in text  # nobody clicked Acknowledge on the fixture's incidents

    code, out, _ = digest(setup, "--week", fx.WEEK, "--brand", fx.BRAND, "--format", "csv", "--out", "w.csv")
    with (tmp_path / "w.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    posts = [r for r in rows if r["record"] == "post"]
    assert len(posts) == data["volume"]["total"]
    assert sorted(r["id"] for r in rows if r["record"] == "incident") == sorted(i["key"] for i in data["incidents"])


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--week", "2026-47"], "not an ISO week; write it like 2026-W47"),
        (["--week", "2026-W54"], "2026 has no week 54"),
        (["--brand", "Fabrikam"], "no brand named 'Fabrikam' in the config (known: 'Northwind Air', 'Contoso')"),
        (["--out", "missing/dir/x.html"], "directory missing/dir does not exist"),
    ],
)
def test_bad_input_is_one_clear_line(setup: Path, args: list[str], message: str) -> None:
    code, out, err = digest(setup, *args)
    assert code == 2 and out == ""
    assert message in err and len(err.strip().splitlines()) == 1 and "Traceback" not in err


def test_a_digest_brand_that_is_not_configured_is_a_config_error(tmp_path: Path) -> None:
    config = tmp_path / "repmon.toml"
    config.write_text('[[brands]]\nname = "Northwind Air"\ninclude = ["northwind"]\n[digest]\nbrand = "Nortwind Air"\n')
    result = runner.invoke(app, ["check-config", "--config", str(config)])
    assert result.exit_code == 2
    assert "digest.brand 'Nortwind Air' is not a [[brands]] name (known: 'Northwind Air')" in result.stderr

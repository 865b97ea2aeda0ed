"""The import-linter contracts name every application module, so a new one cannot slip past them."""

from __future__ import annotations

import pkgutil
import tomllib

import monitor
from tests.conftest import REPO


def _contracts() -> list[dict[str, object]]:
    data = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    contracts: list[dict[str, object]] = data["tool"]["importlinter"]["contracts"]
    return contracts


def test_forbidden_contracts_cover_every_application_module() -> None:
    application = {f"monitor.{m.name}" for m in pkgutil.iter_modules(monitor.__path__) if m.name != "core"}
    for contract in _contracts():
        if contract["type"] != "forbidden" or "monitor.pipeline" not in contract["forbidden_modules"]:  # type: ignore[operator]
            continue
        listed = set(contract["forbidden_modules"]) - {"connectors", "alerts"}  # type: ignore[call-overload]
        missing = application - listed
        assert not missing, f"{contract['name']!r} does not list {sorted(missing)}: add them in pyproject.toml"

"""Shared test fixtures: real databases, the shared real payloads, and skip reasons that say why."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, text

from monitor.store.database import make_engine, open_database

REPO = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("REPMON_SHARED_DIR", REPO.parent / "shared"))
OWN_FIXTURES = Path(__file__).resolve().parent / "fixtures"
POSTGRES_ENV = "REPMON_TEST_DATABASE_URL"


@pytest.fixture(scope="session", autouse=True)
def _language_model_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """The unpacked language model goes to a directory of the test session, not the user's ~/.cache."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("REPMON_CACHE_DIR", str(tmp_path_factory.mktemp("repmon-cache")))
        yield


def shared_path(*parts: str) -> Path:
    """A file under ../shared, or a clean skip when this is a fresh clone without it."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{path} is absent (../shared is not checked out beside this repo); own fixtures cover this")
    return path


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'repmon.db'}"


@pytest.fixture
def postgres_url() -> Iterator[str]:
    """A fresh schema on the PostgreSQL server named by REPMON_TEST_DATABASE_URL, dropped afterwards."""
    base = os.environ.get(POSTGRES_ENV)
    if not base:
        pytest.skip(f"{POSTGRES_ENV} is not set; .ci/run sets it to the local PostgreSQL server")
    if base.startswith("postgresql://"):
        base = "postgresql+psycopg://" + base[len("postgresql://") :]
    schema = f"t_{uuid.uuid4().hex[:12]}"
    admin = make_engine(base)
    with admin.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    sep = "&" if "?" in base else "?"
    yield f"{base}{sep}options=-csearch_path%3D{schema}"
    with admin.begin() as conn:
        conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
    admin.dispose()


@pytest.fixture(params=["sqlite", "postgres"])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """Runs a store test on both backends: the same code must work on each."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'repmon.db'}"
    url: str = request.getfixturevalue("postgres_url")
    return url


@pytest.fixture
def engine(db_url: str) -> Iterator[Engine]:
    eng = open_database(db_url)
    yield eng
    eng.dispose()

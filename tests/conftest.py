"""Shared test fixtures: real databases, the shared real payloads, and skip reasons that say why."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:  # SQLAlchemy and the store load with the first database fixture, not with every run
    from sqlalchemy import Engine

    from tests.pg_schemas import PostgresSchemas

REPO = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("REPMON_SHARED_DIR", REPO.parent / "shared"))
OWN_FIXTURES = Path(__file__).resolve().parent / "fixtures"
POSTGRES_ENV = "REPMON_TEST_DATABASE_URL"


@pytest.fixture(scope="session", autouse=True)
def _language_model_cache(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """The unpacked language model goes to pytest's temporary root, not the user's ~/.cache.

    Shared by the test sessions (unpacking it costs ~0.4 s and 68 MB): its file name carries the
    model's hash and it is written by rename, so concurrent sessions are safe. With an explicit
    ``--basetemp`` (whose parent may be anywhere) it stays inside the session's own directory.
    """
    base = tmp_path_factory.getbasetemp()
    folder = tmp_path_factory.mktemp("repmon-cache") if request.config.option.basetemp else base.parent / "repmon-cache"
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("REPMON_CACHE_DIR", str(folder))
        yield


def shared_path(*parts: str) -> Path:
    """A file under ../shared, or a clean skip when this is a fresh clone without it."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{path} is absent (../shared is not checked out beside this repo); own fixtures cover this")
    return path


def first_in_the_inner_loop(values: Iterable[Any]) -> list[Any]:
    """Parameters for a sweep (every platform, every connector): the first value runs in the inner
    loop (``pytest -m "not slow"``), the others are marked slow, so the full run still has them all."""
    return [value if i == 0 else pytest.param(value, marks=pytest.mark.slow) for i, value in enumerate(values)]


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'repmon.db'}"


@pytest.fixture(scope="session")
def postgres_schemas() -> Iterator[PostgresSchemas]:
    """The PostgreSQL server named by REPMON_TEST_DATABASE_URL, making schemas for the session's tests."""
    from tests.pg_schemas import PostgresSchemas

    base = os.environ.get(POSTGRES_ENV)
    if not base:
        pytest.skip(f"{POSTGRES_ENV} is not set; .ci/run sets it to the local PostgreSQL server")
    schemas = PostgresSchemas(base)
    yield schemas
    schemas.close()


@pytest.fixture
def postgres_url(postgres_schemas: PostgresSchemas) -> Iterator[str]:
    """A fresh schema at the newest revision, dropped afterwards (a copy of one migrated once per session)."""
    with postgres_schemas.fresh(migrated=True) as url:
        yield url


@pytest.fixture
def empty_postgres_url(postgres_schemas: PostgresSchemas) -> Iterator[str]:
    """A fresh schema with no tables, dropped afterwards: for tests of the migrations themselves."""
    with postgres_schemas.fresh(migrated=False) as url:
        yield url


@pytest.fixture(scope="session")
def migrated_sqlite(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An SQLite file at the newest schema revision, migrated once per session.

    Copying it (a millisecond) stands in for running every migration again in each test that just
    needs a current schema; ``open_database`` still runs on the copy and finds nothing to do.
    """
    from monitor.store.database import open_database

    path = tmp_path_factory.mktemp("migrated") / "repmon.db"
    open_database(f"sqlite:///{path}").dispose()  # closing the last connection folds the WAL into the file
    return path


@pytest.fixture(params=["sqlite", "postgres"])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A database at the newest revision, on both backends: the same code must work on each."""
    if request.param == "sqlite":
        path = tmp_path / "repmon.db"
        shutil.copyfile(request.getfixturevalue("migrated_sqlite"), path)
        return f"sqlite:///{path}"
    url: str = request.getfixturevalue("postgres_url")
    return url


@pytest.fixture(scope="module", params=["sqlite", "postgres"])
def module_db_url(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A database at the newest revision shared by a module's tests, on both backends: for data
    that several tests only read, built once instead of once per test."""
    if request.param == "sqlite":
        path = tmp_path_factory.mktemp("module-db") / "repmon.db"
        shutil.copyfile(request.getfixturevalue("migrated_sqlite"), path)
        yield f"sqlite:///{path}"
    else:
        schemas: PostgresSchemas = request.getfixturevalue("postgres_schemas")
        with schemas.fresh(migrated=True) as url:
            yield url


@pytest.fixture(params=["sqlite", "postgres"])
def empty_db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A database with no tables yet, on both backends: for tests of the migrations themselves
    (tests/monitor/store/test_migrations.py and any test that starts from an older revision)."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'repmon.db'}"
    url: str = request.getfixturevalue("empty_postgres_url")
    return url


@pytest.fixture
def engine(db_url: str) -> Iterator[Engine]:
    from monitor.store.database import open_database

    eng = open_database(db_url)  # finds the schema at head: exercises the check, migrates nothing
    yield eng
    eng.dispose()

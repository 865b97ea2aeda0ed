"""deploy/: the systemd unit starts as written, the image and compose file hold together.

`systemd-analyze verify` and `docker compose config` run where they are installed and the test
says so when they are not; the structural checks below run everywhere.
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


def test_docker_compose_config_accepts_the_file(tmp_path: Path) -> None:
    docker = shutil.which("docker")
    if docker is None:
        pytest.skip("docker is not installed")
    probe = subprocess.run([docker, "compose", "version"], capture_output=True, text=True, timeout=60)
    if probe.returncode != 0:
        pytest.skip(f"docker compose is not available: {probe.stderr.strip() or probe.stdout.strip()}")
    env_file = tmp_path / ".env"
    env_file.write_text("POSTGRES_PASSWORD=test-only\n")
    done = subprocess.run(
        [docker, "compose", "-f", str(DEPLOY / "compose.yaml"), "--env-file", str(env_file), "config", "--quiet"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr

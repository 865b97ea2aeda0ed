"""Several daemons on one PostgreSQL, under faults: one SIGKILLed mid-poll, one mid-delivery, the database cut off.

Three real `repmon run` processes share a schema through a TCP proxy the test controls, poll a
loopback Atom feed and a replay file, and alert through the fake Slack. The promises checked:
every source is polled by one instance at a time; a killed instance's lease is respected and then
taken over within the lease time; an alert whose sender died before Slack stored it is sent by
another instance once its claim expires; no post is lost and no alert is lost or sent twice; after the
database comes back every process recovers by itself. Everything waits on what the processes say
(log lines, /readyz, /metrics) or on the servers' own records, never on sleeps.
"""

from __future__ import annotations

import contextlib
import os
import signal
import threading
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import pytest
from sqlalchemy import Engine, create_engine, func, select

from monitor.outbox import claim_lease_for
from monitor.store.tables import Delivery, Incident, Post, SourceState
from tests.builders import spreading_feed
from tests.fake_slack import FakeSlack, fake_slack_fixture  # noqa: F401  (provides fake_slack)
from tests.processes import RepmonProcess, metric
from tests.tcp_proxy import TcpProxy

pytestmark = pytest.mark.slow

LEASE = 4.0
INTERVAL = 1.0
TOKEN = "xoxb-instances-test-token"
POSTS = Post.__table__  # type: ignore[attr-defined]
STATE = SourceState.__table__  # type: ignore[attr-defined]
INCIDENTS = Incident.__table__  # type: ignore[attr-defined]
DELIVERIES = Delivery.__table__  # type: ignore[attr-defined]
CLAIM = claim_lease_for(timedelta(seconds=LEASE)).total_seconds()  # how long a dead sender's claim holds
SECOND = "Northwind Air charged me twice for one ticket and closed my complaint without a refund. Disgraceful."


class Feed:
    """An Atom feed on loopback that records every request and can hold one until released."""

    def __init__(self) -> None:
        self.entries: list[str] = []
        self.base = datetime.now(UTC).replace(microsecond=0)
        self.requests: list[float] = []
        self.in_flight = 0
        self.max_in_flight = 0
        self._lock = threading.Lock()
        self._hang_next = False
        self.hanging = threading.Event()
        self.release = threading.Event()
        feed = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                feed._serve(self)

            def log_message(self, format: str, *args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}/feed.atom"

    def add(self, count: int) -> None:
        with self._lock:
            self.entries += [f"urn:news:{len(self.entries) + n}" for n in range(count)]

    def hang_next(self) -> None:
        with self._lock:
            self._hang_next = True

    def _serve(self, handler: BaseHTTPRequestHandler) -> None:
        with self._lock:
            self.requests.append(time.monotonic())
            self.in_flight += 1
            self.max_in_flight = max(self.max_in_flight, self.in_flight)
            hang, self._hang_next = self._hang_next, False
            body = self._atom().encode()
        try:
            if hang:
                self.hanging.set()
                self.release.wait(120)
                with self._lock:  # the poller was killed: its request no longer counts as a poll
                    self.in_flight -= 1
                return
            handler.send_response(200)
            handler.send_header("Content-Type", "application/atom+xml")
            handler.send_header("Content-Length", str(len(body)))
            handler.end_headers()
            handler.wfile.write(body)
        finally:
            if not hang:
                with self._lock:
                    self.in_flight -= 1

    def _atom(self) -> str:
        items = "".join(
            f"<entry><id>{entry}</id><title>Northwind Air news {n}</title>"
            f'<link href="https://news.example.test/{n}"/>'
            f"<published>{(self.base + timedelta(seconds=n)).strftime('%Y-%m-%dT%H:%M:%SZ')}</published>"
            f"<summary>Northwind Air item number {n}</summary></entry>"
            for n, entry in enumerate(self.entries)
        )
        return (
            '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
            f"<title>News</title><id>urn:news</id><updated>{self.base.isoformat()}</updated>{items}</feed>"
        )

    def close(self) -> None:
        self.release.set()
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def feed() -> Iterator[Feed]:
    served = Feed()
    yield served
    served.close()


def _via(url: str, port: int) -> str:
    parts = urlsplit(url)
    user = parts.netloc.rpartition("@")[0]
    return urlunsplit(parts._replace(netloc=f"{user}@127.0.0.1:{port}"))


def _owner_pid(db: Engine, name: str) -> tuple[int, datetime]:
    with db.connect() as conn:
        owner, until = conn.execute(select(STATE.c.lease_owner, STATE.c.lease_until).where(STATE.c.name == name)).one()
    return int(owner.rsplit(":", 1)[1]), until


def _post_ids(db: Engine) -> set[str]:
    with db.connect() as conn:
        return set(conn.execute(select(POSTS.c.post_id)).scalars())


def _wait(what: str, condition: Any, timeout: float = 90) -> None:
    """Poll a condition on state the test reads directly (the database, the fake servers)."""
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        time.sleep(0.1)


def test_three_instances_survive_a_kill_and_a_database_outage(
    tmp_path: Path, postgres_url: str, fake_slack: FakeSlack, feed: Feed
) -> None:
    target = urlsplit(postgres_url)
    proxy = TcpProxy(target.hostname or "127.0.0.1", target.port or 5432).start()
    direct = create_engine(postgres_url)
    replay = tmp_path / "feed.jsonl"
    replay.write_text("".join(o.model_dump_json() + "\n" for o in spreading_feed(prefix="a-", posts=10)))
    feed.add(5)
    config = tmp_path / "repmon.toml"
    config.write_text(
        f'[database]\nurl = "{_via(postgres_url, proxy.port)}"\n'
        f'[slack]\nchannel = "C0ALERTS"\nbase_url = "{fake_slack.url}"\n[slack.app]\nenabled = false\n'
        f'[daemon]\noutbox_interval = "1s"\nlease = "{LEASE:g}s"\nlisten = "127.0.0.1:0"\nstale_after = 30\n'
        f'[[sources]]\ntype = "replay"\nname = "replay"\ninterval = "{INTERVAL:g}s"\npath = "feed.jsonl"\n'
        f'[[sources]]\ntype = "rss"\nname = "news"\ninterval = "{INTERVAL:g}s"\nurl = "{feed.url}"\n'
    )
    held = HeldPost(fake_slack)
    daemons = [RepmonProcess(config, env={"SLACK_BOT_TOKEN": TOKEN}, args=("--log-format", "json")) for _ in range(3)]
    try:
        for daemon in daemons:
            daemon.wait_for("readiness", lambda _, d=daemon: d.get("/readyz")[0] == 200, timeout=120)  # type: ignore[misc]
        _wait("the first alert", lambda: len(fake_slack.top_level()) == 1)
        _wait("the first news", lambda: {"urn:news:0", "urn:news:4"} <= _post_ids(direct))

        # -- one instance SIGKILLed in the middle of a poll --------------------------------------
        feed.hang_next()
        assert feed.hanging.wait(60), "no instance polled the feed"
        pid, lease_until = _owner_pid(direct, "news")
        victim = next(d for d in daemons if d.pid == pid)
        seen = len(feed.requests)
        held_for = (lease_until - datetime.now(UTC)).total_seconds()  # what is left of the dead poller's lease
        os.kill(pid, signal.SIGKILL)
        killed_at = time.monotonic()
        victim.kill()
        feed.release.set()
        feed.add(3)
        _wait("another instance to poll the feed", lambda: len(feed.requests) > seen, timeout=60)
        takeover = feed.requests[seen] - killed_at
        # the killed holder ran on this host and its pid is gone, so a live instance takes over at once
        # (issue 6: no source goes dark for a lease's length after a crash); one from another host would wait
        assert takeover <= LEASE + INTERVAL + 3, f"takeover took {takeover:.1f}s with a {LEASE:g}s lease"
        print(f"poll lease: {held_for:.1f}s left at the kill, taken over after {takeover:.1f}s")
        survivors = [d for d in daemons if d is not victim]
        _wait("the news added after the kill", lambda: {f"urn:news:{n}" for n in range(8)} <= _post_ids(direct))

        # -- the database cut off, then back -------------------------------------------------------
        proxy.stop()
        for daemon in survivors:
            daemon.wait_for(
                "/readyz to see the database gone",
                lambda _, d=daemon: not d.readiness()["checks"]["database"]["ok"],  # type: ignore[misc]
            )
        feed.add(4)  # arrives while nothing can be stored
        with replay.open("a") as handle:
            handle.writelines(
                o.model_dump_json() + "\n" for o in spreading_feed(prefix="b-", posts=10, complaint=SECOND)
            )
        proxy.start()
        for daemon in survivors:
            daemon.wait_for("recovery", lambda _, d=daemon: d.get("/readyz")[0] == 200, timeout=120)  # type: ignore[misc]

        # -- one instance SIGKILLed in the middle of a delivery --------------------------------------
        assert held.holding.wait(120), "the second alert was never sent"
        senders = _talking_to(fake_slack.port, [d.pid for d in survivors])
        assert len(senders) == 1, senders
        sender = next(d for d in survivors if d.pid == senders[0])
        os.kill(sender.pid, signal.SIGKILL)
        killed_at = time.monotonic()
        sender.kill()
        held.release.set()
        survivors = [d for d in survivors if d is not sender]
        expected = {f"urn:news:{n}" for n in range(12)} | {o.id for o in spreading_feed(prefix="b-", posts=10)}
        _wait("everything sent during the outage", lambda: expected <= _post_ids(direct))
        _wait("the second alert", lambda: len(fake_slack.top_level()) == 2, timeout=120)
        resent = held.posted_at[0] - killed_at
        assert resent <= CLAIM + 1 + 5, f"the dead sender's delivery waited {resent:.1f}s"
        print(f"delivery claim: {CLAIM:g}s, sent by another instance {resent:.1f}s after the kill")
        _wait(
            "every delivery sent",
            lambda: _scalar(direct, select(func.count()).where(DELIVERIES.c.status != "sent")) == 0,
        )
        metrics = [d.get("/metrics")[1] for d in survivors]
    finally:
        codes = [d.stop() for d in daemons if d.process.poll() is None]
        proxy.stop()
    assert codes and all(code == 0 for code in codes)
    # one poll of the feed at a time, by whichever instance held the lease
    assert feed.max_in_flight == 1
    # no post lost: every replay line and every feed entry is stored, once (the key guarantees once)
    everything = {o.id for o in spreading_feed(prefix="a-", posts=10)} | expected
    assert everything <= _post_ids(direct)
    # no alert lost or doubled: two incidents, two Slack messages, every delivery sent
    incidents = _scalar(direct, select(func.count()).select_from(INCIDENTS))
    assert incidents == 2 and len(fake_slack.top_level()) == 2
    assert len({str(m.blocks) for m in fake_slack.top_level()}) == 2
    assert len(held.posted_at) == 1  # the held alert was sent once, by the instance that took it over
    assert sum(metric(text, "repmon_deliveries_total", outcome="sent") for text in metrics) >= 1
    for daemon in daemons:
        assert TOKEN not in "\n".join(daemon.lines)
    direct.dispose()


class HeldPost:
    """Holds the first Slack post of the second complaint until released, then fails it unstored:
    the sender is killed before Slack has the message, so the alert must come from another instance."""

    def __init__(self, fake: FakeSlack) -> None:
        self.fake = fake
        self.holding = threading.Event()
        self.release = threading.Event()
        self.posted_at: list[float] = []
        self._held = False
        fake.on("chat.postMessage", self)

    def __call__(self, fake: FakeSlack, request: Any) -> tuple[int, dict[str, Any]]:
        second = "charged me twice" in str(request.body) and "thread_ts" not in request.body
        if second and not self._held:
            self._held = True
            self.holding.set()
            self.release.wait(120)
            return 500, {"ok": False, "error": "internal_error"}
        if second:
            self.posted_at.append(time.monotonic())
        with fake._lock:
            return 200, fake._post_message(request.body)


def _talking_to(port: int, pids: list[int]) -> list[int]:
    """Which of ``pids`` has an open TCP connection to 127.0.0.1:``port`` (from /proc)."""
    inodes = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        with contextlib.suppress(OSError), open(table) as handle:
            for line in handle.readlines()[1:]:
                fields = line.split()
                if fields[2].rsplit(":", 1)[1] == f"{port:04X}" and fields[3] == "01":  # remote port, ESTABLISHED
                    inodes.add(fields[9])
    found = []
    for pid in pids:
        with contextlib.suppress(OSError):
            links = {os.readlink(f"/proc/{pid}/fd/{fd}") for fd in os.listdir(f"/proc/{pid}/fd")}
            if any(f"socket:[{inode}]" in links for inode in inodes):
                found.append(pid)
    return found


def _scalar(db: Engine, query: Any) -> int:
    with db.connect() as conn:
        return int(conn.execute(query).scalar_one())

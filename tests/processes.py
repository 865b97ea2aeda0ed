"""Drive real `repmon run` processes in tests: start, read their log lines as they come, stop.

Synchronisation is by what the process says (a log line, an endpoint's answer), never by sleeping:
``wait_for`` blocks on a condition variable that every new log line notifies.
"""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from pathlib import Path
from typing import Any

_ENDPOINTS = re.compile(r"/metrics on (http://[^\s;]+)")


class RepmonProcess:
    """One `python -m monitor run` with its stderr collected line by line."""

    def __init__(self, config: Path, *, env: dict[str, str] | None = None, args: tuple[str, ...] = ()) -> None:
        self.config = config
        self.process = subprocess.Popen(
            [sys.executable, "-m", "monitor", "run", "--config", str(config), *args],
            env={**os.environ, **(env or {})},
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        self.lines: list[str] = []
        self.stdout = ""
        self._changed = threading.Condition()
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    @property
    def pid(self) -> int:
        return self.process.pid

    def _read(self) -> None:
        assert self.process.stderr is not None
        for line in self.process.stderr:
            with self._changed:
                self.lines.append(line.rstrip("\n"))
                self._changed.notify_all()
        with self._changed:
            self._changed.notify_all()

    def messages(self) -> list[str]:
        """Log messages, whether the lines are JSON or text."""
        out = []
        for line in list(self.lines):
            try:
                out.append(str(json.loads(line)["message"]))
            except (ValueError, KeyError, TypeError):
                out.append(line)
        return out

    def wait_for(self, what: str, predicate: Callable[[list[str]], bool], timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        with self._changed:
            while not predicate(self.messages()):
                remaining = deadline - time.monotonic()
                if remaining <= 0 or (self.process.poll() is not None and not self._reader.is_alive()):
                    tail = "\n".join(self.lines[-15:])
                    raise AssertionError(f"pid {self.pid}: timed out waiting for {what}; last lines:\n{tail}")
                self._changed.wait(min(remaining, 0.5))

    def wait_for_message(self, fragment: str, timeout: float = 60) -> str:
        self.wait_for(repr(fragment), lambda ms: any(fragment in m for m in ms), timeout)
        return next(m for m in self.messages() if fragment in m)

    @property
    def url(self) -> str:
        line = self.wait_for_message("/metrics on http://", timeout=180)  # a loaded machine starts slowly
        found = _ENDPOINTS.search(line)
        assert found, line
        return found.group(1)

    def get(self, path: str, timeout: float = 10) -> tuple[int, str]:
        try:
            with urllib.request.urlopen(self.url + path, timeout=timeout) as answer:
                return answer.status, answer.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode()

    def readiness(self) -> dict[str, Any]:
        _, body = self.get("/readyz")
        data: dict[str, Any] = json.loads(body)
        return data

    def stop(self, sig: int = signal.SIGTERM, timeout: float = 60) -> int:
        if self.process.poll() is None:
            self.process.send_signal(sig)
        try:
            code = self.process.wait(timeout=timeout)
        finally:
            if self.process.poll() is None:
                self.process.kill()
                self.process.wait()
        self._reader.join(timeout=10)
        assert self.process.stdout is not None
        self.stdout = self.process.stdout.read()
        return code

    def kill(self) -> None:
        self.process.kill()
        self.process.wait()
        self._reader.join(timeout=10)


def metric(text: str, name: str, **labels: str) -> float:
    """The value of one sample in a Prometheus exposition, 0 when absent."""
    wanted = ",".join(f'{k}="{v}"' for k, v in sorted(labels.items()))
    for line in text.splitlines():
        if line.startswith("#"):
            continue
        key, _, value = line.rpartition(" ")
        sample, _, label_text = key.partition("{")
        found = ",".join(sorted(label_text.rstrip("}").split(","))) if label_text else ""
        if sample == name and found == wanted:
            return float(value)
    return 0.0

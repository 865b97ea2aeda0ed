"""Alerts on the terminal, laid out as Slack would show them: when Slack is off, and for the demo."""

from __future__ import annotations

import itertools
import sys
from typing import TextIO

from alerts.results import SendResult, one_line
from alerts.slack_format import build_alert, build_update_note
from alerts.summary import HeldSummary, build_summary
from alerts.terminal import render_text
from monitor.core.view import IncidentView


class ConsoleNotifier:
    """Prints each alert as Slack would show it; updates print the thread note and the new state."""

    def __init__(self, stream: TextIO | None = None) -> None:
        self._stream = stream
        self._counter = itertools.count(1)

    @property
    def stream(self) -> TextIO:
        return self._stream if self._stream is not None else sys.stdout

    def __repr__(self) -> str:
        return "ConsoleNotifier()"

    def _write(self, text: str) -> str | None:
        try:
            self.stream.write(text)
            self.stream.flush()
        except (OSError, ValueError) as exc:
            return one_line(f"console: cannot write the alert: {exc}")
        return None

    def post(self, view: IncidentView, channel: str | None = None) -> SendResult:
        text, blocks = build_alert(view)
        error = self._write(render_text(text, blocks) + "\n")
        if error:
            return SendResult(ok=False, error=error)
        return SendResult(ok=True, channel="console", ts=f"{next(self._counter):010d}.000000")

    def update(self, view: IncidentView, channel: str, ts: str) -> SendResult:
        text, blocks = build_alert(view)
        note = render_text(build_update_note(view), [])
        out = f"↳ thread reply on {view.key} (message {ts}):\n{note.rstrip()}\n\n{render_text(text, blocks)}\n"
        error = self._write(out)
        if error:
            return SendResult(ok=False, channel=channel, ts=ts, error=error)
        return SendResult(ok=True, channel=channel, ts=ts)

    def find(self, view: IncidentView, channel: str | None = None) -> SendResult | None:
        return None  # a terminal keeps no history to reconcile with

    def note(self, channel: str, ts: str, text: str) -> SendResult:
        error = self._write(f"↳ thread reply (message {ts}):\n{render_text(text, []).rstrip()}\n\n")
        return SendResult(ok=error is None, channel=channel, ts=ts, error=error)

    def post_summary(self, summary: HeldSummary, channel: str | None = None) -> SendResult:
        text, blocks = build_summary(summary)
        error = self._write(render_text(text, blocks) + "\n")
        if error:
            return SendResult(ok=False, error=error)
        return SendResult(ok=True, channel="console", ts=f"{next(self._counter):010d}.000000")

    def find_summary(self, summary: HeldSummary, channel: str | None = None) -> SendResult | None:
        return None

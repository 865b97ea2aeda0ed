"""Replay: a source that reads an observation file, as if the posts arrived live.

Useful for demos, for feeding repmon from another collector that writes JSON Lines, and for
running the daemon end to end without any network. The cursor is the byte offset of the last
complete line stored, so lines appended later are picked up by the next poll.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any, ClassVar, Literal

from pydantic import Field

from connectors.base import Connector, FetchContext, Page, Rejected, SourceConfig, SourceError
from monitor.core.observations import iter_file_from, parse_line

PAGE_LINES = 500


class ReplayConfig(SourceConfig):
    type: Literal["replay"] = "replay"
    path: Path = Field(description="Observation file (JSON Lines, see the observations spec) to read.")


class ReplayConnector(Connector[ReplayConfig]):
    type = "replay"
    config_class = ReplayConfig
    summary = "An observation file (JSON Lines) read as if live; lines appended later are picked up"
    platform = "generic"
    example: ClassVar[dict[str, Any]] = {"type": "replay", "name": "replay", "path": "observations.jsonl"}

    async def fetch(self, ctx: FetchContext) -> AsyncIterator[Page]:
        path = self.config.path
        if not path.is_file():
            raise SourceError(f"{self.name}: observation file {path} does not exist")
        offset = int((ctx.cursor or {}).get("offset", 0))
        line_no = int((ctx.cursor or {}).get("line", 0))
        if offset > path.stat().st_size:  # the file was replaced by a shorter one: start over
            offset, line_no = 0, 0
        batch = []
        rejected: list[Rejected] = []
        for new_offset, raw in iter_file_from(path, offset):
            line_no += 1
            offset = new_offset
            if raw.strip():
                try:
                    batch.append(parse_line(raw))
                except ValueError as exc:
                    ctx.log.warning("%s: %s line %d skipped: %s", self.name, path.name, line_no, exc)
                    rejected.append(Rejected(raw.rstrip("\n"), f"{path.name} line {line_no}: {exc}"))
            if len(batch) + len(rejected) >= PAGE_LINES:
                yield Page(batch, {"offset": offset, "line": line_no}, rejected)
                batch, rejected = [], []
        yield Page(batch, {"offset": offset, "line": line_no}, rejected)

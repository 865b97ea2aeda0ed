"""Configuration: one TOML file, validated by pydantic, every problem reported at once.

Secrets never live in the file: the Slack token is read from the environment variable the
config names, so a config can be committed, shared and pasted into an issue safely.
"""

from __future__ import annotations

import os
import tomllib
from datetime import timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Literal, Union
from urllib.parse import urlsplit

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from alerts.config import ReplyConfig, SlackConfig, TopicFacts
from connectors import registry
from connectors.base import SourceConfig
from monitor.core.durations import Duration, format_duration
from monitor.core.platforms import GENERIC, ReachKind, profile_for
from monitor.core.redact import mask_url
from monitor.digest.config import DigestConfig
from monitor.ingest.settings import IngestConfig
from monitor.spread.settings import DetectionConfig as DetectionConfig

DEFAULT_CONFIG_FILE = "repmon.toml"
CONFIG_ENV = "REPMON_CONFIG"


class _Section(BaseModel):
    model_config = ConfigDict(extra="forbid", validate_default=True)


class DatabaseConfig(_Section):
    url: str = Field(
        default="sqlite:///repmon.db",
        description="SQLAlchemy URL: sqlite:///path.db (default) or postgresql+psycopg://user@host/db.",
    )

    @field_validator("url")
    @classmethod
    def _known_backend(cls, value: str) -> str:
        if not value.startswith(("sqlite:", "postgresql:", "postgresql+psycopg:", "postgres:")):
            raise ValueError("must start with sqlite:/// or postgresql+psycopg://")
        if value.startswith("postgres:"):
            value = "postgresql" + value[len("postgres") :]
        if value.startswith("postgresql:"):
            value = "postgresql+psycopg" + value[len("postgresql") :]
        return value


class BrandConfig(_Section):
    name: str = Field(min_length=1, description="Brand name, shown in alerts and the digest.")
    include: list[str] = Field(
        min_length=1, description="Terms or phrases; a post mentioning any of them is about the brand."
    )
    exclude: list[str] = Field(default_factory=list, description="Terms that rule a post out.")
    languages: list[str] = Field(
        default_factory=lambda: ["en"], description="Languages to keep (BCP 47 prefixes); empty keeps all."
    )
    key_accounts: list[str] = Field(
        default_factory=list, description="Handles of listed key customers: their complaints always alert."
    )
    own_accounts: list[str] = Field(
        default_factory=list,
        description="Handles of the brand's own accounts: their posts are the brand speaking (news, patch notes, "
        "replies), never a customer's complaint. The @handles in include count too.",
    )
    own_platforms: list[str] = Field(
        default_factory=list,
        description="Platforms whose posts are about this brand without naming it (e.g. 'appstore': reviews "
        "of the brand's own app); exclusions still apply.",
    )


class PhraseRule(_Section):
    pattern: str = Field(description="Regular expression (case-insensitive) matched against the post.")
    valence: float = Field(default=-2.5, ge=-4, le=4, description="VADER-scale valence the match contributes.")
    topic: str | None = Field(default=None, description="Complaint topic the match names (facts are keyed by it).")


class ScoringConfig(_Section):
    builtin_rules: bool = Field(default=True, description="Use repmon's customer-service lexicon and phrase rules.")
    lexicon: dict[str, float] = Field(
        default_factory=dict, description="Extra words and their valence (-4..4) added to VADER's lexicon."
    )
    phrases: list[PhraseRule] = Field(default_factory=list, description="Extra complaint phrase rules.")
    max_chars: int = Field(default=1000, ge=50, description="Text beyond this is not scored (VADER is slow).")

    @field_validator("lexicon")
    @classmethod
    def _valence_range(cls, value: dict[str, float]) -> dict[str, float]:
        bad = [word for word, valence in value.items() if not -4 <= valence <= 4]
        if bad:
            raise ValueError(f"valence must be between -4 and 4 (check {', '.join(sorted(bad))})")
        return value


class DaemonConfig(_Section):
    outbox_interval: Duration = Field(
        default=timedelta(seconds=15), description="How often pending Slack deliveries are sent."
    )
    lease: Duration = Field(
        default=timedelta(minutes=10), description="How long one instance may hold a source's poll."
    )
    max_concurrent_polls: int = Field(
        default=16, ge=1, le=256, description="Sources fetched at the same time by `poll --once`."
    )
    max_polls_per_host: int = Field(
        default=4, ge=1, le=64, description="Sources fetched at the same time from one API host (politeness)."
    )
    listen: str | None = Field(
        default=None,
        description="host:port serving /healthz, /readyz and /metrics (e.g. 127.0.0.1:9464); off when unset.",
    )
    log_format: Literal["text", "json"] = Field(
        default="text", description="Log lines as text, or as one JSON object per line for log shippers."
    )
    stale_after: float = Field(
        default=3.0, ge=1, description="/readyz fails when a source's last success is older than this many intervals."
    )

    @field_validator("listen")
    @classmethod
    def _host_port(cls, value: str | None) -> str | None:
        if value is None:
            return None
        parse_listen(value)
        return value.strip()


def parse_listen(listen: str) -> tuple[str, int]:
    """``host:port`` (``[::1]:9464`` for IPv6) as a pair; ValueError with the reason otherwise."""
    host, sep, port = listen.strip().rpartition(":")
    if not sep or not host or not port.isdigit() or int(port) > 65535:
        raise ValueError(f"expected host:port such as 127.0.0.1:9464, got {listen!r}")
    return host.strip("[]"), int(port)


class RetentionConfig(_Section):
    snapshots_hourly_after: Duration = Field(
        default=timedelta(days=3),
        description="Engagement snapshots older than this are thinned to one per post per hour.",
    )
    snapshots_daily_after: Duration = Field(
        default=timedelta(days=14), description="...and older than this to one per post per day."
    )
    posts_for: Duration = Field(
        default=timedelta(days=90),
        description="Posts not seen for this long are deleted with their snapshots, unless in an incident.",
    )

    @model_validator(mode="after")
    def _ordered(self) -> RetentionConfig:
        if not self.snapshots_hourly_after <= self.snapshots_daily_after <= self.posts_for:
            raise ValueError("expected snapshots_hourly_after <= snapshots_daily_after <= posts_for")
        return self


def _source_union() -> Any:
    classes = tuple(cls.config_class for cls in registry().values())
    return Annotated[Union[classes], Field(discriminator="type")]  # noqa: UP007 - built at run time


if TYPE_CHECKING:
    AnySource = SourceConfig
else:  # a discriminated union of every connector's config, so errors name the connector's own fields
    AnySource = _source_union()


class Config(_Section):
    database: DatabaseConfig = Field(default_factory=DatabaseConfig)
    slack: SlackConfig = Field(default_factory=SlackConfig)
    brands: list[BrandConfig] = Field(default_factory=list)
    sources: list[AnySource] = Field(default_factory=list)
    detection: DetectionConfig = Field(default_factory=DetectionConfig)
    ingest: IngestConfig = Field(default_factory=IngestConfig)
    scoring: ScoringConfig = Field(default_factory=ScoringConfig)
    reply: ReplyConfig = Field(default_factory=ReplyConfig)
    facts: dict[str, TopicFacts] = Field(default_factory=dict)
    daemon: DaemonConfig = Field(default_factory=DaemonConfig)
    retention: RetentionConfig = Field(default_factory=RetentionConfig)
    digest: DigestConfig = Field(default_factory=DigestConfig)

    @model_validator(mode="after")
    def _retention_spares_detection(self) -> Config:
        """Velocity reads the snapshots of posts it still tracks: thinning must start after that."""
        needed = self.detection.track_for + self.detection.velocity_window
        if self.retention.snapshots_hourly_after < needed:
            raise ValueError(
                f"retention.snapshots_hourly_after must be at least detection.track_for + velocity_window "
                f"({format_duration(needed)})"
            )
        return self

    @model_validator(mode="after")
    def _console_without_a_slack_section(self) -> Config:
        """No [slack] section at all is the explicit choice of console delivery; a section means Slack."""
        if "slack" not in self.model_fields_set:
            self.slack = SlackConfig(enabled=False)
        return self

    @model_validator(mode="after")
    def _digest_brand_is_configured(self) -> Config:
        wanted = self.digest.brand
        if wanted is not None and self.brands and all(b.name != wanted for b in self.brands):
            names = ", ".join(repr(b.name) for b in self.brands)
            raise ValueError(f"digest.brand {wanted!r} is not a [[brands]] name (known: {names})")
        return self

    def reach_threshold(self, platform: str) -> int:
        """Reach threshold for a platform's authors (a post's ``source`` is the platform, e.g. 'hackernews')."""
        for source in self.sources:
            if platform in (source.type, source.source_name) and source.high_reach_followers is not None:
                return int(source.high_reach_followers)
        profile = profile_for(platform)
        if profile is GENERIC or profile.reach is ReachKind.FOLLOWERS:
            return self.detection.high_reach_followers
        return profile.high_reach  # karma, reputation, subscribers: a bar of the platform's own


class ConfigError(Exception):
    """Every problem in a config, one ``key.path: what is wrong`` line each."""

    def __init__(self, problems: list[str], path: Path | None = None) -> None:
        self.problems = problems
        self.path = path
        super().__init__("\n".join(problems))


def _dotted(loc: tuple[Any, ...], data: dict[str, Any]) -> str:
    parts: list[str] = []
    items = list(loc)
    if len(items) >= 3 and items[0] == "sources" and isinstance(items[1], int):
        # pydantic puts the discriminator value in the path; users think in sources[0].field
        items.pop(2)
    for item in items:
        if isinstance(item, int):
            parts.append(f"[{item}]")
        else:
            parts.append(("." if parts else "") + str(item))
    return "".join(parts) or "(top level)"


def _message(error: Any) -> str:
    kind = error["type"]
    if kind == "extra_forbidden":
        return "unknown key (check the spelling against config.example.toml)"
    if kind == "union_tag_invalid":
        known = ", ".join(sorted(registry()))
        return f"unknown source type {error['input'].get('type')!r} (known: {known})"
    if kind == "union_tag_not_found":
        return "missing 'type' (the connector to use)"
    if kind == "missing":
        return "required but missing"
    msg = str(error["msg"])
    return msg[len("Value error, ") :] if msg.startswith("Value error, ") else msg


def validate(data: dict[str, Any], path: Path | None = None) -> Config:
    """The config, or a :class:`ConfigError` listing every problem found, all in one pass."""
    problems = _raw_problems(data)
    try:
        config = Config.model_validate(data)
    except ValidationError as exc:
        problems = [f"{_dotted(tuple(e['loc']), data)}: {_message(e)}" for e in exc.errors()] + problems
    if problems:
        raise ConfigError(problems, path)
    return config


def _raw_problems(data: dict[str, Any]) -> list[str]:
    """Checks across fields, made on the raw data so they are reported with the field errors."""
    problems: list[str] = []
    raw_sources = data.get("sources")
    entries = [s for s in raw_sources if isinstance(s, dict)] if isinstance(raw_sources, list) else []
    seen: dict[str, int] = {}
    for index, source in enumerate(entries):
        name = source.get("name") or source.get("type")
        if isinstance(name, str):
            if name in seen:
                problems.append(
                    f"sources[{index}].name: two sources are named {name!r} "
                    f"(also sources[{seen[name]}]); give each a unique 'name'"
                )
            else:
                seen[name] = index
        problems += _url_problem(f"sources[{index}].base_url", source.get("base_url"))
        url = source.get("url")
        if isinstance(url, str) and (urlsplit(url.strip()).scheme or not source.get("base_url")):
            problems += _url_problem(f"sources[{index}].url", url, relative_hint=True)
    slack = data.get("slack")
    if isinstance(slack, dict):
        base_url = slack.get("base_url")
        if isinstance(base_url, str) and base_url.startswith(("http://", "https://")):  # else SlackConfig says so
            problems += _url_problem("slack.base_url", base_url)
    return problems


def _url_problem(where: str, value: Any, *, relative_hint: bool = False) -> list[str]:
    """An absolute http(s) URL with a host, or one line saying what is wrong (password masked)."""
    if not isinstance(value, str):
        return []
    shown = repr(mask_url(value.strip()))
    try:
        parts = urlsplit(value.strip())
        parts.port  # noqa: B018 - raises ValueError for a port out of range
    except ValueError:
        return [f"{where}: {shown} is not a valid URL"]
    if not parts.scheme and relative_hint:
        return [f"{where}: {shown} is relative; give a full http(s):// URL or set base_url"]
    if parts.scheme not in ("http", "https"):
        return [f"{where}: {shown} must start with http:// or https://"]
    if not parts.hostname:
        return [f"{where}: {shown} has no host"]
    return []


def resolve_path(explicit: Path | None) -> Path | None:
    """--config, else $REPMON_CONFIG, else ./repmon.toml if present, else None (built-in defaults)."""
    if explicit is not None:
        return explicit
    env = os.environ.get(CONFIG_ENV)
    if env:
        return Path(env)
    default = Path(DEFAULT_CONFIG_FILE)
    return default if default.is_file() else None


def load(explicit: Path | None = None) -> Config:
    path = resolve_path(explicit)
    if path is None:
        return Config()
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise ConfigError([f"{path}: cannot read ({exc.strerror})"], path) from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError([f"{path}: not valid TOML ({exc})"], path) from None
    config = validate(data, path)
    _resolve_relative_paths(config, path.parent)
    return config


def _resolve_relative_paths(config: Config, base: Path) -> None:
    """A replay path in a config file is relative to that file, not to wherever repmon was started."""
    for source in config.sources:
        candidate = getattr(source, "path", None)
        if isinstance(candidate, Path) and not candidate.is_absolute():
            source.path = base / candidate  # type: ignore[attr-defined]

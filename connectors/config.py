"""The options every source has, and how a connector declares the credentials it reads.

A connector's config class subclasses :class:`SourceConfig` with its own described fields. Every
option ending in ``url`` is checked to be an http(s) URL and every option ending in ``_env`` to be
the *name* of an environment variable, never the secret itself (see ``connectors/base.py`` for the
whole checklist of writing a connector).
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from datetime import timedelta
from typing import Any, NamedTuple

from pydantic import BaseModel, ConfigDict, Field, model_validator

from monitor.core.durations import Duration

_HTTP_URL = re.compile(r"^https?://[^/\s]+")
_ENV_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


class Credential(NamedTuple):
    """An environment variable a connector reads, and whether a poll cannot work without it."""

    env: str
    required: bool


class CredentialNeed(NamedTuple):
    option: str  # the config option naming the variable, e.g. "client_id_env"
    env: str  # the variable's name, e.g. "REDDIT_CLIENT_ID"
    required: bool
    why: str  # what it is for, from the option's description


def credential(env: str, description: str, *, required: bool) -> Any:
    """A config field naming the environment variable that holds a secret (never the secret itself)."""
    return Field(default=env, description=description, json_schema_extra={"credential_required": required})


class SourceConfig(BaseModel):
    """Options every source has; a connector subclasses this with its own described fields."""

    model_config = ConfigDict(extra="forbid", validate_default=True)

    type: str = Field(description="Connector type, e.g. 'hackernews', 'reddit', 'replay'.")
    name: str | None = Field(
        default=None,
        description="Unique name for this source (defaults to its type); keys cursors and health.",
    )
    interval: Duration = Field(default=timedelta(minutes=5), description="How often to poll, e.g. '90s', '5m', '1h'.")
    base_url: str | None = Field(
        default=None, description="API root; override for self-hosted instances, proxies and tests."
    )
    timeout: Duration = Field(default=timedelta(seconds=20), description="Per-request timeout.")
    max_attempts: int = Field(default=4, ge=1, le=10, description="Tries per request on 429, 5xx and timeouts.")
    max_pages: int = Field(default=5, ge=1, le=100, description="Pages read per poll at most.")
    max_items: int = Field(default=500, ge=1, le=10_000, description="Posts read per poll at most (checked per page).")
    brand: str | None = Field(
        default=None,
        min_length=1,
        description="Everything this source yields is about this brand, without a term match "
        "(app reviews, a brand's own forum or channel); the brand's exclusions still apply.",
    )
    high_reach_followers: int | None = Field(
        default=None, ge=0, description="Override the detection reach threshold for this source's authors."
    )

    @property
    def source_name(self) -> str:
        return self.name or self.type

    @model_validator(mode="after")
    def _urls_and_env_names(self) -> SourceConfig:
        for option in type(self).model_fields:
            value = getattr(self, option)
            relative_ok = option == "url" and "://" not in str(value)  # rss: a feed path under base_url
            if option.endswith("url") and value is not None and not relative_ok and not _HTTP_URL.match(str(value)):
                raise ValueError(f"{option} must be an http:// or https:// URL")
            if option.endswith("_env") and value is not None and not _ENV_NAME.match(str(value)):
                raise ValueError(
                    f"{option} must be the NAME of an environment variable (like MY_TOKEN), not the secret itself"
                )
        return self

    def credential_needs(self) -> list[CredentialNeed]:
        """The environment variables this source reads; override when the need depends on options."""
        needs = []
        for option, info in type(self).model_fields.items():
            extra = info.json_schema_extra
            if option.endswith("_env") and isinstance(extra, dict) and "credential_required" in extra:
                needs.append(
                    CredentialNeed(
                        option, str(getattr(self, option)), bool(extra["credential_required"]), info.description or ""
                    )
                )
        return needs

    def missing_credentials(self, environ: Mapping[str, str] | None = None) -> list[str]:
        """One line per required variable that is unset or empty, naming the option and what it is for."""
        env = os.environ if environ is None else environ
        return [
            f"${need.env} is not set ({need.option}: {need.why})"
            for need in self.credential_needs()
            if need.required and not env.get(need.env)
        ]

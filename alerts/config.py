"""The alerts package's own config sections: Slack delivery, reply drafting and per-topic facts.

Each package owns the settings it reads; the application composes them into the full
configuration (``monitor/config.py``), so this module imports nothing from the application.
"""

from __future__ import annotations

import os

from pydantic import BaseModel, ConfigDict, Field, field_validator


class _Section(BaseModel):
    model_config = ConfigDict(extra="forbid", validate_default=True)


class SlackConfig(_Section):
    token_env: str = Field(default="SLACK_BOT_TOKEN", description="Environment variable holding the bot token.")
    signing_secret_env: str = Field(
        default="SLACK_SIGNING_SECRET", description="Environment variable holding the request signing secret."
    )
    channel: str | None = Field(default=None, description="Channel ID or #name alerts are posted to.")
    base_url: str = Field(default="https://slack.com/api/", description="Slack Web API root (proxies, tests).")
    mention_on_critical: str | None = Field(
        default=None, description="Who to mention on a critical alert, e.g. '<!subteam^S123>' or '<@U123>'."
    )

    @field_validator("base_url")
    @classmethod
    def _trailing_slash(cls, value: str) -> str:
        if not value.startswith(("http://", "https://")):
            raise ValueError("must be an http:// or https:// URL")
        return value if value.endswith("/") else value + "/"

    def token(self) -> str | None:
        return os.environ.get(self.token_env) or None


class TopicFacts(_Section):
    facts: list[str] = Field(default_factory=list, description="Plain facts the draft may offer after the apology.")
    remedy: str | None = Field(default=None, description="What replaces the failed experience.")
    goodwill: str | None = Field(default=None, description="What is extra because we are sorry (kept separate).")


class ReplyConfig(_Section):
    team_name: str = Field(default="the team", description="How replies sign off, e.g. 'Maya from Northwind'.")
    private_channel: str = Field(default="a direct message", description="Where the customer can continue in private.")
    max_length: dict[str, int] = Field(
        default_factory=dict, description="Per-source reply length limits overriding the built-in ones."
    )

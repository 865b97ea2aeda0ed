"""The alerts package's own config sections: Slack delivery, reply drafting and per-topic facts.

Each package owns the settings it reads; the application composes them into the full
configuration (``monitor/config.py``), so this module imports nothing from the application.
"""

from __future__ import annotations

import os
from datetime import timedelta
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, NonNegativeInt, ValidationInfo, field_validator

from alerts.policy import NotifyPolicy, QuietHours, zone_named
from monitor.core.durations import Duration


class _Section(BaseModel):
    model_config = ConfigDict(extra="forbid", validate_default=True)


class SlackAppConfig(_Section):
    """The interactive side: how Slack reaches repmon's buttons, modals and /repmon command."""

    enabled: bool = Field(default=True, description="Run the Slack app (buttons, modals, /repmon) inside `repmon run`.")
    mode: Literal["socket", "http"] = Field(
        default="socket", description="socket: Socket Mode, no public URL; http: Slack POSTs to listen/slack/events."
    )
    app_token_env: str = Field(
        default="SLACK_APP_TOKEN",
        description="Environment variable holding the app-level token (xapp-...), socket mode.",
    )
    listen: str = Field(default="127.0.0.1:3000", description="host:port the HTTP mode listens on (/slack/events).")

    @field_validator("listen")
    @classmethod
    def _host_port(cls, value: str) -> str:
        host, _, port = value.rpartition(":")
        if not host or not port.isdigit() or not 0 <= int(port) < 65536:  # 0: any free port
            raise ValueError("must be host:port, e.g. 127.0.0.1:3000")
        return value

    def app_token(self) -> str | None:
        return os.environ.get(self.app_token_env) or None

    def address(self) -> tuple[str, int]:
        host, _, port = self.listen.rpartition(":")
        return host.strip("[]"), int(port)


class SlackConfig(_Section):
    enabled: bool = Field(
        default=True, description="false sends alerts to the console; with a [slack] section Slack is required."
    )
    token_env: str = Field(default="SLACK_BOT_TOKEN", description="Environment variable holding the bot token.")
    signing_secret_env: str = Field(
        default="SLACK_SIGNING_SECRET", description="Environment variable holding the request signing secret."
    )
    channel: str | None = Field(default=None, description="Channel ID or #name alerts are posted to.")
    base_url: str = Field(default="https://slack.com/api/", description="Slack Web API root (proxies, tests).")
    mention_on_critical: str | None = Field(
        default=None, description="Who to mention on a critical alert, e.g. '<!subteam^S123>' or '<@U123>'."
    )
    priority_channel: str | None = Field(
        default=None, description="Channel for key accounts and high-reach authors (else slack.channel)."
    )
    brand_channels: dict[str, str] = Field(
        default_factory=dict, description="Brand name -> channel, for brands whose team has its own channel."
    )
    remind_after: Duration | None = Field(
        default=timedelta(minutes=30), description="One reminder in the thread when nobody acknowledged by then."
    )
    budget_per_hour: NonNegativeInt = Field(
        default=0,
        description="Most alert messages (new alerts, updates, summaries) per channel in any hour; 0: unlimited. "
        "Alerts over it are held and summarised in one message when a slot frees; a rising level breaks through.",
    )
    channel_budgets: dict[str, NonNegativeInt] = Field(
        default_factory=dict, description="Channel -> its own budget_per_hour (a priority channel, say); 0: unlimited."
    )
    quiet_hours_timezone: str = Field(default="UTC", description="IANA time zone the quiet hours are read in.")
    quiet_hours: str | None = Field(
        default=None,
        description="Local window such as '22:00-07:00' in which alerts are held, then summarised in one message "
        "per channel when it ends; a rising level breaks through. Unset: no quiet hours.",
    )
    app: SlackAppConfig = Field(default_factory=SlackAppConfig)

    @field_validator("quiet_hours_timezone")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        zone_named(value)
        return value

    @field_validator("quiet_hours")
    @classmethod
    def _window(cls, value: str | None, info: ValidationInfo) -> str | None:
        if value is None or not value.strip():
            return None
        QuietHours.parse(value, info.data.get("quiet_hours_timezone", "UTC"))
        return value.strip()

    def policy(self) -> NotifyPolicy:
        """The channel gate the outbox asks before each send (budget and quiet hours)."""
        quiet = QuietHours.parse(self.quiet_hours, self.quiet_hours_timezone) if self.quiet_hours else None
        return NotifyPolicy(self.budget_per_hour, dict(self.channel_budgets), quiet)

    @field_validator("base_url")
    @classmethod
    def _trailing_slash(cls, value: str) -> str:
        if not value.startswith(("http://", "https://")):
            raise ValueError("must be an http:// or https:// URL")
        return value if value.endswith("/") else value + "/"

    def token(self) -> str | None:
        return os.environ.get(self.token_env) or None

    def signing_secret(self) -> str | None:
        return os.environ.get(self.signing_secret_env) or None

    def delivery_problems(self) -> list[str]:
        """What stops alerts from reaching Slack, one fixable line each (nothing when Slack is off)."""
        if not self.enabled:
            return []
        found: list[str] = []
        if not self.token():
            found.append(
                f"slack: ${self.token_env} is empty; set it to the bot token (xoxb-...) or set enabled = false"
            )
        if not self.channel:
            found.append("slack.channel: required when Slack is enabled (a channel ID such as C0123456789)")
        return found

    def problems(self) -> list[str]:
        """What stops Slack delivery or the Slack app from working, one fixable line each."""
        if not self.enabled:
            return []
        found = self.delivery_problems()
        if self.app.enabled and self.app.mode == "socket" and not self.app.app_token():
            found.append(f"slack.app: ${self.app.app_token_env} is empty; Socket Mode needs the app token (xapp-...)")
        if self.app.enabled and self.app.mode == "http" and not self.signing_secret():
            found.append(f"slack.app: ${self.signing_secret_env} is empty; HTTP mode verifies requests with it")
        return found

    def channel_for(self, brand: str | None, priority: bool) -> str | None:
        """Where an alert goes: the priority channel (key accounts, high reach), else the brand's, else the default."""
        if priority and self.priority_channel:
            return self.priority_channel
        if brand and brand in self.brand_channels:
            return self.brand_channels[brand]
        return self.channel


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
    support_email: str | None = Field(
        default=None, description="Offered as the next step on platforms without DMs (Hacker News, app stores...)."
    )
    support_url: str | None = Field(
        default=None, description="A support page offered on platforms without DMs when no email is configured."
    )

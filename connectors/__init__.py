"""Connectors: one module per public source, each a :class:`~connectors.base.Connector` subclass.

To add a source, write ``connectors/<name>.py`` with a config class and a connector class (see
the checklist in ``connectors/base.py``), and list it in ``_MODULES`` below; config validation,
``repmon connectors``, the CLI, the daemon and the shared test suite pick it up from here.
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

from connectors.base import Connector, SourceConfig

_MODULES = {
    "replay": "connectors.replay:ReplayConnector",
    "hackernews": "connectors.hackernews:HackerNewsConnector",
    "reddit": "connectors.reddit:RedditConnector",
    "rss": "connectors.rss:RssConnector",
    "mastodon": "connectors.mastodon:MastodonConnector",
    "lemmy": "connectors.lemmy:LemmyConnector",
    "discourse": "connectors.discourse:DiscourseConnector",
    "bluesky": "connectors.bluesky:BlueskyConnector",
    "stackexchange": "connectors.stackexchange:StackExchangeConnector",
    "github": "connectors.github:GitHubConnector",
    "youtube": "connectors.youtube:YouTubeConnector",
    "appstore": "connectors.appstore:AppStoreConnector",
    "googleplay": "connectors.googleplay:GooglePlayConnector",
}


def _load(spec: str) -> type[Connector[SourceConfig]]:
    module, _, attr = spec.partition(":")
    cls: type[Connector[SourceConfig]] = getattr(import_module(module), attr)
    return cls


def registry() -> dict[str, type[Connector[SourceConfig]]]:
    return {name: _load(spec) for name, spec in _MODULES.items()}


def connector_for(config: SourceConfig) -> Connector[SourceConfig]:
    return registry()[config.type](config)


def describe(cls: type[Connector[SourceConfig]]) -> dict[str, Any]:
    """What ``repmon connectors --json`` prints for one connector type."""
    return {
        "type": cls.type,
        "summary": cls.summary,
        "platform": cls.platform_key(),
        "credentials": [{"env": c.env, "required": c.required} for c in cls.credentials],
        "example": dict(cls.example),
    }


__all__ = ["Connector", "SourceConfig", "connector_for", "describe", "registry"]

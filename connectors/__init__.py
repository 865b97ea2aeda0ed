"""Connectors: one module per public source, each a :class:`~connectors.base.Connector` subclass.

To add a source, write ``connectors/<name>.py`` with a config class and a connector class, and
list it in ``_MODULES`` below; config validation, the CLI and the daemon pick it up from here.
"""

from __future__ import annotations

from importlib import import_module

from connectors.base import Connector, SourceConfig

_MODULES = {
    "replay": "connectors.replay:ReplayConnector",
    "hackernews": "connectors.hackernews:HackerNewsConnector",
    "rss": "connectors.rss:RssConnector",
}


def _load(spec: str) -> type[Connector[SourceConfig]]:
    module, _, attr = spec.partition(":")
    cls: type[Connector[SourceConfig]] = getattr(import_module(module), attr)
    return cls


def registry() -> dict[str, type[Connector[SourceConfig]]]:
    return {name: _load(spec) for name, spec in _MODULES.items()}


def connector_for(config: SourceConfig) -> Connector[SourceConfig]:
    return registry()[config.type](config)


__all__ = ["Connector", "SourceConfig", "connector_for", "registry"]

"""Deterministic generator of realistic observation files (JSON Lines) for repmon.

Pure standard library, so the same seed always gives byte-identical files whatever
``PYTHONHASHSEED`` is. The format is the one in ``docs/observations.md``: one sighting of a post per
line; the same post is re-observed at every poll of its source for a few hours and its cumulative
engagement grows along a saturating curve (or a logistic one for a post that takes off).

Layout: ``pools`` (per-source parameters and the TOML text data), ``model`` (curves, authors,
posts), ``sim`` (ids, engagement, rendering), ``chatter`` (background traffic), ``scenarios/`` (one
module per bundled scenario), ``weeks`` (seeded background weeks with labelled incidents), ``cli``.
"""

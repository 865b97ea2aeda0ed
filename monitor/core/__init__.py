"""The shared vocabulary of repmon, and nothing else.

Everything here is a plain value: observations and engagement, durations, incident and delivery
statuses, the incident view that alerts render, the platform profiles and the error groups. It
imports nothing else of the project, so ``connectors``, ``alerts`` and the application can all
depend on it without depending on each other (the import-linter contract in ``pyproject.toml``
keeps it that way).
"""

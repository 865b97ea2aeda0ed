"""Persistence: every piece of state the daemon needs lives here, never only in process memory.

Posts, engagement snapshots, cursors, source health and schedule, incidents and the delivery
outbox are tables, so a restart, a second instance or a CLI command sees the same truth.
"""

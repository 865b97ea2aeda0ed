"""What repmon counts about itself, in Prometheus terms, behind a few small functions.

Every metric object lives here, on repmon's own registry, so the names, labels and help texts
are in one place (and in docs/operations.md); the pipeline, polling and the outbox only call the
functions below, which cost a dictionary lookup and an addition. The registry is served at
``/metrics`` by :mod:`monitor.endpoints` when ``[daemon] listen`` is set.

Besides counters this module keeps two pieces of in-process state that ``/readyz`` reads: the
result of the last Slack delivery, and when the process started.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Protocol

from prometheus_client import (
    CONTENT_TYPE_LATEST,
    CollectorRegistry,
    Counter,
    Gauge,
    Histogram,
    gc_collector,
    generate_latest,
    platform_collector,
    process_collector,
)

REGISTRY = CollectorRegistry(auto_describe=True)
process_collector.ProcessCollector(registry=REGISTRY)
platform_collector.PlatformCollector(registry=REGISTRY)
gc_collector.GCCollector(registry=REGISTRY)

_FAST = (0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5)
_POLL = (0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0, 60.0, 120.0, 300.0)

POSTS = Counter("repmon_posts_ingested", "New posts stored, by configured source.", ["source"], registry=REGISTRY)
SNAPSHOTS = Counter(
    "repmon_snapshots_ingested", "Engagement snapshots stored, by configured source.", ["source"], registry=REGISTRY
)
UPSET = Counter(
    "repmon_upset_posts", "New posts scored at or below the upset threshold.", ["source"], registry=REGISTRY
)
DROPPED = Counter(
    "repmon_posts_filtered",
    "Observations the brand filter dropped (no brand's include term, or an exclude term).",
    ["source"],
    registry=REGISTRY,
)
INCIDENTS = Counter("repmon_incidents_opened", "Incidents opened, by level.", ["level"], registry=REGISTRY)
DELIVERIES = Counter(
    "repmon_deliveries", "Alert deliveries attempted, by outcome (sent, failed).", ["outcome"], registry=REGISTRY
)
WAITING = Gauge("repmon_deliveries_waiting", "Deliveries not yet sent (pending or being sent).", registry=REGISTRY)
POLL_SECONDS = Histogram(
    "repmon_source_poll_duration_seconds", "Wall time of one poll.", ["source"], buckets=_POLL, registry=REGISTRY
)
POLL_FAILURES = Counter("repmon_source_poll_failures", "Polls that failed.", ["source"], registry=REGISTRY)
POLL_ITEMS = Counter(
    "repmon_source_items_fetched", "Observations a source returned (before the brand filter).", ["source"],
    registry=REGISTRY,
)  # fmt: skip
LAST_SUCCESS = Gauge(
    "repmon_source_last_success_timestamp_seconds",
    "Unix time of the source's last successful poll by this process.",
    ["source"],
    registry=REGISTRY,
)
RATE_LIMIT_WAITS = Counter(
    "repmon_rate_limit_waits", "Times a service rate-limited repmon and it waited.", ["target"], registry=REGISTRY
)
RATE_LIMIT_SECONDS = Counter(
    "repmon_rate_limit_wait_seconds", "Seconds waited because of rate limits.", ["target"], registry=REGISTRY
)
SCORING_SECONDS = Histogram(
    "repmon_scoring_duration_seconds", "Time to score the new and edited posts of one page.", buckets=_FAST,
    registry=REGISTRY,
)  # fmt: skip
DETECTION_SECONDS = Histogram(
    "repmon_detection_duration_seconds", "Time to assess one page's upset posts for spread.", buckets=_FAST,
    registry=REGISTRY,
)  # fmt: skip
ANOMALIES = Counter(
    "repmon_anomalies",
    "Out-of-order, future-dated or impossible data by kind and what was done (clamped, kept, quarantined).",
    ["source", "kind", "action"],
    registry=REGISTRY,
)
PRUNED = Counter(
    "repmon_retention_deleted", "Rows deleted by retention, by table.", ["table"], registry=REGISTRY
)  # fmt: skip


@dataclass
class DeliveryState:
    """The last thing Slack (or the console) said, for /readyz."""

    last_ok_at: float | None = None
    last_error: str | None = None
    last_error_at: float | None = None


class IngestCounts(Protocol):
    """What :func:`ingested` reads of an ingest report (``monitor.ingest.batch.IngestReport``)."""

    outside_brands: int
    new_posts: int
    snapshots: int
    new_upset: int
    opened_levels: list[str]


_state_lock = threading.Lock()
_delivery = DeliveryState()
STARTED_AT = time.time()


# -- ingest -----------------------------------------------------------------------------------------
def ingested(source: str | None, report: IngestCounts) -> None:
    """One committed page: posts, snapshots, upset posts, brand-filtered and incidents by level."""
    label = source or "import"
    if report.new_posts:
        POSTS.labels(label).inc(report.new_posts)
    if report.snapshots:
        SNAPSHOTS.labels(label).inc(report.snapshots)
    if report.new_upset:
        UPSET.labels(label).inc(report.new_upset)
    if report.outside_brands:
        DROPPED.labels(label).inc(report.outside_brands)
    for level in report.opened_levels:
        INCIDENTS.labels(level).inc()


def anomalies(source: str | None, counts: Mapping[tuple[str, str], int]) -> None:
    """Odd data a committed page held, by (kind, action): see ``monitor.ingest.screening``."""
    for (kind, action), count in counts.items():
        ANOMALIES.labels(source or "import", kind, action).inc(count)


@contextmanager
def scoring() -> Iterator[None]:
    with SCORING_SECONDS.time():
        yield


@contextmanager
def detection() -> Iterator[None]:
    with DETECTION_SECONDS.time():
        yield


# -- polling ----------------------------------------------------------------------------------------
def poll_finished(source: str, *, seconds: float, ok: bool, items: int) -> None:
    POLL_SECONDS.labels(source).observe(seconds)
    if items:
        POLL_ITEMS.labels(source).inc(items)
    if ok:
        LAST_SUCCESS.labels(source).set(time.time())
    else:
        POLL_FAILURES.labels(source).inc()


def rate_limited(target: str, waits: int, seconds: float) -> None:
    """A source (by name) or ``slack`` told repmon to wait ``waits`` times, ``seconds`` in all."""
    RATE_LIMIT_WAITS.labels(target).inc(waits)
    RATE_LIMIT_SECONDS.labels(target).inc(max(0.0, seconds))


# -- delivery ---------------------------------------------------------------------------------------
def delivery_sent() -> None:
    DELIVERIES.labels("sent").inc()
    with _state_lock:
        _delivery.last_ok_at = time.time()


def delivery_failed(error: str | None, retry_after: float | None = None) -> None:
    DELIVERIES.labels("failed").inc()
    if retry_after is not None:
        rate_limited("slack", 1, retry_after)
    with _state_lock:
        _delivery.last_error = error or "unknown error"
        _delivery.last_error_at = time.time()


def deliveries_waiting(count: int) -> None:
    WAITING.set(count)


def delivery_state() -> DeliveryState:
    with _state_lock:
        return DeliveryState(_delivery.last_ok_at, _delivery.last_error, _delivery.last_error_at)


# -- retention --------------------------------------------------------------------------------------
def pruned(table: str, rows: int) -> None:
    if rows:
        PRUNED.labels(table).inc(rows)


# -- exposition -------------------------------------------------------------------------------------
def exposition() -> tuple[bytes, str]:
    """The registry in the Prometheus text format, and its content type."""
    return generate_latest(REGISTRY), CONTENT_TYPE_LATEST

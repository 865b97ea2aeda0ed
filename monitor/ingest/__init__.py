"""The ingest path as named stages, each a small module with one job.

``monitor/pipeline.py`` calls them in order on one :class:`~monitor.ingest.batch.Batch`, the
typed value every stage reads and extends: filter by brand -> merge sightings into posts and
snapshots -> score -> cluster echoes -> store -> assess (velocity, echo, reach) -> group into
incidents -> decide and enqueue notifications.
"""

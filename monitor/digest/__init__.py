"""The weekly digest: what a week of posts, incidents and sources looked like, for marketing.

``figures`` builds every number (from aggregates the store computes), the ``render_*`` modules
turn them into HTML, Markdown, JSON and CSV, ``slack`` posts the weekly summary with its chart,
and ``schedule`` is the daemon's once-a-week job.
"""

"""weekly digest: poll history, the once-per-week claim, indexes for a week's aggregations

Revision ID: 0003_digest
Revises: 0006_detection
Create Date: 2026-11-27 11:30:00

"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003_digest"
down_revision: str | Sequence[str] | None = "0006_detection"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _exists(table: str) -> bool:
    # a database made by create_all before migrations existed already has every table
    return table in sa.inspect(op.get_bind()).get_table_names()


def _has_index(table: str, name: str) -> bool:
    return any(ix["name"] == name for ix in sa.inspect(op.get_bind()).get_indexes(table))


def upgrade() -> None:
    if not _exists("poll_runs"):
        op.create_table(
            "poll_runs",
            sa.Column("id", sa.Integer(), nullable=False),
            sa.Column("source", sa.String(length=64), nullable=False),
            sa.Column("started_at", sa.DateTime(), nullable=False),
            sa.Column("finished_at", sa.DateTime(), nullable=False),
            sa.Column("ok", sa.Boolean(), nullable=False),
            sa.Column("error", sa.Text(), nullable=True),
            sa.Column("items", sa.Integer(), nullable=False),
            sa.Column("new_posts", sa.Integer(), nullable=False),
            sa.PrimaryKeyConstraint("id"),
        )
        op.create_index("ix_poll_runs_source_time", "poll_runs", ["source", "started_at"], unique=False)
    if not _exists("digest_runs"):
        op.create_table(
            "digest_runs",
            sa.Column("key", sa.String(length=200), nullable=False),
            sa.Column("status", sa.String(length=16), nullable=False),
            sa.Column("owner", sa.String(length=128), nullable=False),
            sa.Column("claimed_at", sa.DateTime(), nullable=False),
            sa.Column("sent_at", sa.DateTime(), nullable=True),
            sa.Column("attempts", sa.Integer(), nullable=False),
            sa.Column("channel", sa.String(length=64), nullable=True),
            sa.Column("ts", sa.String(length=32), nullable=True),
            sa.Column("error", sa.Text(), nullable=True),
            sa.PrimaryKeyConstraint("key"),
        )
    indexes = [
        ("posts", "ix_posts_label_time", ["label", "created_at"]),
        ("posts", "ix_posts_brand_label_time", ["brand", "label", "created_at"]),
        ("posts", "ix_posts_label_source_time", ["label", "source", "created_at"]),
        ("posts", "ix_posts_brand_mix", ["brand", "source", "label", "created_at"]),
        ("incidents", "ix_incidents_first_alert", ["first_alert_at"]),
    ]
    for table, name, columns in indexes:
        if not _has_index(table, name):
            op.create_index(name, table, columns, unique=False)


def downgrade() -> None:
    op.drop_index("ix_incidents_first_alert", table_name="incidents")
    op.drop_index("ix_posts_brand_mix", table_name="posts")
    op.drop_index("ix_posts_label_source_time", table_name="posts")
    op.drop_index("ix_posts_brand_label_time", table_name="posts")
    op.drop_index("ix_posts_label_time", table_name="posts")
    op.drop_table("digest_runs")
    op.drop_index("ix_poll_runs_source_time", table_name="poll_runs")
    op.drop_table("poll_runs")

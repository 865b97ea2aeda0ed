"""detection: echo term frequencies, failure reports, incident lifecycle times

Revision ID: 0006_detection
Revises: 0004_ops
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006_detection"
down_revision: str | Sequence[str] | None = "0004_ops"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "echo_terms",
        sa.Column("scope", sa.String(length=128), nullable=False),
        sa.Column("term", sa.String(length=200), nullable=False),
        sa.Column("weight", sa.Float(), nullable=False),
        sa.Column("as_of", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("scope", "term"),
    )
    with op.batch_alter_table("posts") as batch:
        batch.add_column(sa.Column("failure", sa.Boolean(), nullable=False, server_default=sa.false()))
    op.create_index(
        "ix_posts_failure_by_created",
        "posts",
        ["source", "created_at"],
        sqlite_where=sa.text("failure = 1"),
        postgresql_where=sa.text("failure"),
    )
    with op.batch_alter_table("incidents") as batch:
        batch.add_column(sa.Column("opened_at", sa.DateTime(), nullable=True))
        batch.add_column(sa.Column("last_activity_at", sa.DateTime(), nullable=True))
        batch.add_column(sa.Column("closed_at", sa.DateTime(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("incidents") as batch:
        batch.drop_column("closed_at")
        batch.drop_column("last_activity_at")
        batch.drop_column("opened_at")
    op.drop_index("ix_posts_failure_by_created", table_name="posts")
    with op.batch_alter_table("posts") as batch:
        batch.drop_column("failure")
    op.drop_table("echo_terms")

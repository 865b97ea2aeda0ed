"""a partial index for re-polling: a source's upset posts by creation time

Revision ID: 0003_upset_index
Revises: 0002_change_words
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003_upset_index"
down_revision: str | Sequence[str] | None = "0002_change_words"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # if_exists / if_not_exists: a database adopted from before migrations may hold either index
    op.drop_index("ix_posts_upset_recent", table_name="posts", if_exists=True)
    op.create_index(
        "ix_posts_upset_by_created",
        "posts",
        ["source", "created_at"],
        sqlite_where=sa.text("upset = 1"),
        postgresql_where=sa.text("upset"),
        if_not_exists=True,
    )


def downgrade() -> None:
    op.drop_index("ix_posts_upset_by_created", table_name="posts")
    op.create_index("ix_posts_upset_recent", "posts", ["source", "upset", "last_observed_at"])

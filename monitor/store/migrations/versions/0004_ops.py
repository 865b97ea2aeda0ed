"""indexes retention needs: snapshots by time, incident membership by post

Revision ID: 0004_ops
Revises: 0002_slack
Create Date: 2026-11-27 11:30:00

"""
from typing import Sequence, Union

import sqlalchemy as sa
from alembic import op


revision: str = "0004_ops"
down_revision: Union[str, Sequence[str], None] = "0002_slack"
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def _has_index(table: str, name: str) -> bool:
    # a database made by create_all before migrations existed already has every index of the models
    return name in {index["name"] for index in sa.inspect(op.get_bind()).get_indexes(table)}


def upgrade() -> None:
    if not _has_index("snapshots", "ix_snapshots_observed_at"):
        op.create_index("ix_snapshots_observed_at", "snapshots", ["observed_at"], unique=False)
    if not _has_index("incident_posts", "ix_incident_posts_post"):
        op.create_index("ix_incident_posts_post", "incident_posts", ["source", "post_id"], unique=False)


def downgrade() -> None:
    op.drop_index("ix_incident_posts_post", table_name="incident_posts")
    op.drop_index("ix_snapshots_observed_at", table_name="snapshots")
